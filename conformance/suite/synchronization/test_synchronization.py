"""Promises several primitives share: each test here runs once per primitive it names
(Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event).

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#synchronization-primitives
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.synchronization._support import (
    SIGINT_FEATURE,
    _call_with_sigint,
    _new,
    _raised,
)
from conformance.targets import sync as t
from conformance.targets.sync import held_by_other_thread, held_elsewhere


def _param(kind: str, feature_id: str, **kwargs: Any) -> object:
    return pytest.param(kind, id=kind, marks=feature(feature_id, **kwargs))


@pytest.mark.parametrize("kind", [
    _param("Lock", "Lock::context-manager"),
    _param("RLock", "RLock::context-manager"),
    _param("Semaphore", "Semaphore::context-manager"),
    _param("BoundedSemaphore", "BoundedSemaphore::context-manager"),
    _param("Condition", "Condition::context-manager"),
])
def test_context_manager(mp, kind):
    """`with primitive:` acquires it for the block and releases it after, also on an exception."""
    primitive = _new(mp, kind)
    with primitive:
        assert held_elsewhere(primitive), f"the {kind} was not held inside the with block"
    assert not held_elsewhere(primitive), f"the {kind} was still held after the with block"
    with pytest.raises(ZeroDivisionError):
        with primitive:
            raise ZeroDivisionError("raised inside the with block")
    assert not held_elsewhere(primitive), (
        f"the {kind} was still held after a with block left by an exception")


@pytest.mark.parametrize("kind", [
    _param("Lock", "Lock::only-shared-through-inheritance", de_facto=True),
    _param("RLock", "RLock::only-shared-through-inheritance", de_facto=True),
    _param("Semaphore", "Semaphore::only-shared-through-inheritance", de_facto=True),
    _param("BoundedSemaphore", "BoundedSemaphore::only-shared-through-inheritance", de_facto=True),
    _param("Condition", "Condition::only-shared-through-inheritance", de_facto=True),
    _param("Event", "Event::only-shared-through-inheritance", de_facto=True),
])
def test_only_shared_through_inheritance(mp, kind):
    """Sending it over a Connection (outside process creation) raises RuntimeError.

    The docs: share it by inheritance or as a Process argument, not through pipes or queues.
    """
    primitive = _new(mp, kind)
    reader, writer = mp.Pipe(duplex=False)
    try:
        raised = _raised(lambda: writer.send(primitive))
    finally:
        reader.close()
        writer.close()
    assert isinstance(raised, RuntimeError), (
        f"sending a {kind} over a Connection raised {raised!r}, not RuntimeError")


@pytest.mark.parametrize("kind", [_param("Lock", "Lock.acquire::returns-true"),
                                  _param("RLock", "RLock.acquire::returns-true")])
def test_acquire_returns_true(mp, kind):
    """acquire() on a free lock returns True, as do acquire(True) and acquire(block=True)."""
    lock = _new(mp, kind)
    for call in (lambda: lock.acquire(), lambda: lock.acquire(True),
                 lambda: lock.acquire(block=True)):
        assert call() is True
        lock.release()


@pytest.mark.parametrize("kind", [
    _param("Lock", "Lock.acquire::non-blocking-returns-false-when-held"),
    _param("RLock", "RLock.acquire::non-blocking-returns-false-when-held")])
def test_acquire_non_blocking_returns_false_when_held(mp, kind):
    """acquire(False) / acquire(block=False) on a lock held by another thread returns False."""
    lock = _new(mp, kind)
    with held_by_other_thread(lock) as let_go, t.guard(let_go):
        assert lock.acquire(False) is False
        assert lock.acquire(block=False) is False


@pytest.mark.parametrize("kind", [_param("Lock", "Lock.acquire::non-blocking-takes-free-lock"),
                                  _param("RLock", "RLock.acquire::non-blocking-takes-free-lock")])
def test_acquire_non_blocking_takes_free_lock(mp, kind):
    """acquire(False) on a free lock takes it and returns True."""
    lock = _new(mp, kind)
    assert lock.acquire(False) is True
    try:
        assert held_elsewhere(lock), "acquire(False) returned True but the lock is not held"
    finally:
        lock.release()


@pytest.mark.parametrize("kind", [
    _param("Lock", "Lock.acquire::non-blocking-ignores-timeout"),
    _param("RLock", "RLock.acquire::non-blocking-ignores-timeout")])
def test_acquire_non_blocking_ignores_timeout(mp, kind):
    """block=False ignores the timeout: acquire(False, T) on a held lock returns False at once."""
    lock = _new(mp, kind)
    with held_by_other_thread(lock):
        with harness.stopwatch() as watch:
            got = lock.acquire(False, harness.WAIT)
    assert got is False
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "acquire(False, timeout)")


@pytest.mark.parametrize("kind", [_param("Lock", "Lock.acquire::negative-timeout-is-zero"),
                                  _param("RLock", "RLock.acquire::negative-timeout-is-zero")])
def test_acquire_negative_timeout_is_zero(mp, kind):
    """A negative timeout is a timeout of zero: acquire(timeout=-1) does not wait.

    On a held lock it returns False at once; on a free lock it acquires it.
    """
    lock = _new(mp, kind)
    with held_by_other_thread(lock) as let_go, t.guard(let_go):
        with harness.stopwatch() as watch:
            got = lock.acquire(timeout=-1)
    assert got is False, "acquire(timeout=-1) on a held lock did not return False"
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "acquire(timeout=-1)")
    assert lock.acquire(True, -1) is True, "acquire(True, -1) on a free lock did not acquire it"
    lock.release()


@pytest.mark.parametrize("kind", [_param("Lock", "Lock.acquire::none-timeout-blocks-until-free"),
                                  _param("RLock", "RLock.acquire::none-timeout-blocks-until-free")])
def test_acquire_none_timeout_blocks_until_free(mp, kind):
    """acquire(timeout=None) waits for the holder to release, then returns True."""
    lock = _new(mp, kind)
    with held_by_other_thread(lock) as let_go:
        got = harness.woken(lambda: _acquire_and_release(lock, None), let_go,
                            "acquire(timeout=None)")
    assert got is True, f"acquire(timeout=None) returned {got!r} once the lock was free"


def _acquire_and_release(lock, timeout):
    """``lock.acquire(timeout=timeout)``'s result; what it acquired it gives back (in
    the same thread, as an RLock requires)."""
    got = lock.acquire(timeout=timeout)
    if got:
        lock.release()
    return got


@pytest.mark.parametrize("kind", [
    _param("Lock", "Lock.locked::reflects-state"),
    _param("RLock", "RLock.locked::reflects-state"),
    _param("Semaphore", "Semaphore.locked::reflects-state"),
    _param("BoundedSemaphore", "BoundedSemaphore.locked::reflects-state")])
def test_locked_reflects_state(mp, kind):
    """locked() is False when free and True while held (a semaphore of the default value 1)."""
    lock = _new(mp, kind)
    assert lock.locked() is False
    lock.acquire()
    assert lock.locked() is True
    lock.release()
    assert lock.locked() is False


@pytest.mark.parametrize("kind", [
    _param("Semaphore", "Semaphore.locked::true-only-when-no-unit-left", de_facto=True),
    _param("BoundedSemaphore", "BoundedSemaphore.locked::true-only-when-no-unit-left",
           de_facto=True)])
def test_semaphore_locked_true_only_when_no_unit_left(mp, kind):
    """A semaphore of value 2 is not locked after one acquire(), and is after the second.

    The docs say only "locked right now"; the stdlib answers whether the value is zero.
    """
    sem = getattr(mp, kind)(2)
    sem.acquire()
    assert sem.locked() is False, f"{kind}(2) was locked() with one unit left"
    sem.acquire()
    assert sem.locked() is True, f"{kind}(2) was not locked() with no unit left"
    sem.release()
    assert sem.locked() is False, f"{kind}(2) was locked() after a release"
    sem.release()


# --------------------------------------------------------------------------- semaphores


@pytest.mark.parametrize("kind", [
    _param("Semaphore", "Semaphore::counts-acquisitions"),
    _param("BoundedSemaphore", "BoundedSemaphore::counts-acquisitions")])
def test_semaphore_counts_acquisitions(mp, kind):
    """A semaphore of value 2 can be acquired twice, a third time only after a release."""
    sem = getattr(mp, kind)(2)
    assert sem.acquire(False) is True
    assert sem.acquire(False) is True
    assert sem.acquire(False) is False, f"{kind}(2) was acquired a third time"
    sem.release()
    assert sem.acquire(False) is True, f"{kind}(2) could not be acquired after a release"
    sem.release()
    sem.release()


@pytest.mark.parametrize("kind", [
    _param("Semaphore", "Semaphore::default-value-is-one"),
    _param("BoundedSemaphore", "BoundedSemaphore::default-value-is-one")])
def test_semaphore_default_value_is_one(mp, kind):
    """Without a value, a semaphore can be acquired once."""
    sem = getattr(mp, kind)()
    assert sem.acquire(False) is True
    assert sem.acquire(False) is False, f"{kind}() was acquired twice"
    sem.release()


@pytest.mark.parametrize("kind", [
    _param("Semaphore", "Semaphore::acquire-first-argument-named-block"),
    _param("BoundedSemaphore", "BoundedSemaphore::acquire-first-argument-named-block")])
def test_semaphore_acquire_first_argument_named_block(mp, kind):
    """acquire()'s first argument is named block (unlike threading's 'blocking')."""
    sem = getattr(mp, kind)(1)
    assert sem.acquire(block=False) is True
    assert sem.acquire(block=False) is False
    sem.release()
    assert sem.acquire(block=True, timeout=harness.WAIT) is True
    sem.release()


@pytest.mark.parametrize("kind", [
    _param("Lock", "Lock.acquire::sigint-interrupts-blocked-acquire", **SIGINT_FEATURE),
    _param("RLock", "RLock.acquire::sigint-interrupts-blocked-acquire", **SIGINT_FEATURE),
    _param("Semaphore", "Semaphore::sigint-interrupts-blocked-acquire", **SIGINT_FEATURE),
    _param("BoundedSemaphore", "BoundedSemaphore::sigint-interrupts-blocked-acquire",
           **SIGINT_FEATURE),
    _param("Condition", "Condition::sigint-interrupts-blocked-acquire", **SIGINT_FEATURE),
])
def test_sigint_interrupts_blocked_acquire(mp, kind):
    """SIGINT interrupts a blocked acquire() in the main thread at once with KeyboardInterrupt.

    Unlike threading, which ignores SIGINT while blocked.
    """
    primitive = _new(mp, kind)
    with held_by_other_thread(primitive):
        outcome, elapsed = _call_with_sigint(lambda: primitive.acquire(timeout=harness.WAIT))
    assert outcome == "interrupted", f"acquire() was not interrupted by SIGINT: it {outcome}"
    harness.assert_did_not_wait_out(elapsed, harness.WAIT, "acquire() interrupted by SIGINT")
