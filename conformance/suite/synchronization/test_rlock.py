"""Tests of RLock.acquire, RLock, RLock.locked and RLock.release.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.RLock
"""

from __future__ import annotations

from conformance import harness, impl
from conformance.marks import feature
from conformance.suite.synchronization._support import (
    _acquire_gives_up,
    _acquire_succeeds_in_time,
    _assert_release_unheld_raises,
    _excludes_other_processes,
    _locked_sees_other_process_holding,
    _release_in_other_thread,
)
from conformance.targets import sync as t
from conformance.targets.sync import held_elsewhere


@feature("RLock.acquire::timeout-gives-up-returning-false")
def test_rlock_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on an RLock held by a child returns False after about T seconds."""
    _acquire_gives_up(ctx, "RLock")


@feature("RLock.acquire::timeout-succeeds-when-released-in-time")
def test_rlock_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when the child holding the RLock releases it."""
    _acquire_succeeds_in_time(ctx, "RLock")


@feature("RLock::excludes-other-processes")
def test_rlock_excludes_other_processes(ctx):
    """Held by a child, an RLock cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "RLock")


@feature("RLock::factory-returns-synchronize-rlock")
def test_rlock_factory_returns_synchronize_rlock(mp):
    """RLock() returns an instance of multiprocessing.synchronize.RLock."""
    synchronize = impl.submodule("synchronize", mp)
    lock = mp.RLock()
    assert isinstance(lock, synchronize.RLock), f"RLock() returned a {type(lock)!r}"


@feature("RLock.locked::sees-other-process-holding")
def test_rlock_locked_sees_other_process_holding(ctx):
    """RLock.locked() is True in the parent while a child holds the lock, False after."""
    _locked_sees_other_process_holding(ctx, "RLock")


# --------------------------------------------------------------------------- RLock


@feature("RLock.acquire::owner-reacquires-without-blocking")
def test_rlock_owner_reacquires_without_blocking(mp):
    """The owner of an RLock acquires it again without blocking; acquire() returns True."""
    lock = mp.RLock()
    assert lock.acquire() is True
    try:
        with harness.stopwatch() as watch:
            again = lock.acquire(timeout=harness.WAIT)
        assert again is True, "the owner could not acquire its RLock a second time"
        harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "the owner's second acquire")
        lock.release()
    finally:
        lock.release()


@feature("RLock.release::released-once-per-acquire")
def test_rlock_released_once_per_acquire(mp):
    """An RLock acquired twice stays held after one release() and is free after the second."""
    lock = mp.RLock()
    lock.acquire()
    assert lock.acquire(timeout=harness.WAIT), "the owner could not acquire its RLock again"
    lock.release()
    assert held_elsewhere(lock), "the RLock was free after one release of two acquires"
    lock.release()
    assert not held_elsewhere(lock), "the RLock was still held after as many releases as acquires"


@feature("RLock.release::released-once-per-acquire")
def test_rlock_released_once_per_acquire_across_processes(ctx):
    """A child cannot take an RLock acquired twice and released once, but can after the second."""
    lock = ctx.RLock()
    ours, theirs = ctx.Pipe()
    with harness.started(ctx, t.probe, lock, theirs) as p:
        lock.acquire()
        assert lock.acquire(timeout=harness.WAIT), "the owner could not acquire its RLock again"
        lock.release()
        ours.send("try")
        assert harness.recv(ours) is False, (
            "a child acquired an RLock still held once by the parent")
        lock.release()
        ours.send("try")
        assert harness.recv(ours) is True, (
            "a child could not acquire an RLock the parent had fully released")
        ours.send(None)
        harness.join(p)


@feature("RLock.release::by-non-owner-raises-assertionerror")
def test_rlock_release_by_other_process_raises(ctx):
    """release() of an RLock by a process other than its owner raises AssertionError."""
    lock = ctx.RLock()
    lock.acquire()
    receiver, sender = ctx.Pipe(duplex=False)
    harness.run(ctx, t.release_it, lock, sender)
    raised = harness.recv(receiver)
    assert raised == "builtins.AssertionError", (
        f"release() by a non-owner process raised {raised!r}, not AssertionError")
    assert held_elsewhere(lock), "the parent's RLock was released by a non-owner process"
    lock.release()


@feature("RLock.release::by-non-owner-raises-assertionerror")
def test_rlock_release_by_other_thread_raises(mp):
    """release() of an RLock by a thread other than its owner raises AssertionError."""
    lock = mp.RLock()
    lock.acquire()
    raised = _release_in_other_thread(lock)
    assert raised and isinstance(raised[0], AssertionError), (
        f"release() by a non-owner thread gave {raised!r}, not AssertionError")
    lock.release()


@feature("RLock.release::unlocked-raises-assertionerror")
def test_rlock_release_unlocked_raises_assertionerror(mp):
    """release() of an unowned RLock raises AssertionError."""
    _assert_release_unheld_raises(mp.RLock(), "RLock", AssertionError)
