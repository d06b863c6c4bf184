"""Tests of Lock.acquire, Lock, Lock.release and Lock.locked.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Lock
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


@feature("Lock.acquire::timeout-gives-up-returning-false")
def test_lock_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on a Lock held by a child returns False after about T seconds."""
    _acquire_gives_up(ctx, "Lock")


@feature("Lock.acquire::timeout-succeeds-when-released-in-time")
def test_lock_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when the child holding the Lock releases it."""
    _acquire_succeeds_in_time(ctx, "Lock")


@feature("Lock::excludes-other-processes")
def test_lock_excludes_other_processes(ctx):
    """Held by a child, a Lock cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "Lock")


# --------------------------------------------------------------------------- Lock


@feature("Lock::factory-returns-synchronize-lock")
def test_lock_factory_returns_synchronize_lock(mp):
    """Lock() returns an instance of multiprocessing.synchronize.Lock."""
    synchronize = impl.submodule("synchronize", mp)
    lock = mp.Lock()
    assert isinstance(lock, synchronize.Lock), f"Lock() returned a {type(lock)!r}"


@feature("Lock.release::any-process-or-thread-may-release")
def test_lock_release_by_other_process(ctx):
    """A Lock acquired by the parent may be released by a child."""
    lock = ctx.Lock()
    lock.acquire()
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, t.release_it, lock, sender)
    assert harness.recv(receiver) is None, "release() by a child raised"
    assert p.exitcode == 0
    assert lock.acquire(False) is True, "the Lock was still held after a child released it"
    lock.release()


@feature("Lock.release::any-process-or-thread-may-release")
def test_lock_release_by_other_thread(mp):
    """A Lock acquired by one thread may be released by another."""
    lock = mp.Lock()
    lock.acquire()
    errors = [exc for exc in _release_in_other_thread(lock) if exc is not None]
    assert not errors, f"release() by another thread raised {errors[0]!r}"
    assert lock.acquire(False) is True, "the Lock was still held after another thread released it"
    lock.release()


@feature("Lock.release::unlocked-raises-valueerror")
def test_lock_release_unlocked_raises_valueerror(mp):
    """release() of an unlocked Lock raises ValueError."""
    _assert_release_unheld_raises(mp.Lock(), "Lock", ValueError)


@feature("Lock.locked::sees-other-process-holding")
def test_lock_locked_sees_other_process_holding(ctx):
    """Lock.locked() is True in the parent while a child holds the lock, False after."""
    _locked_sees_other_process_holding(ctx, "Lock")
