"""Synchronization primitives: Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event.

https://docs.python.org/3/library/multiprocessing.html#synchronization-primitives

Timed waits (acquire(timeout=...), Event.wait, Condition.wait/wait_for) are in
test_sync_timeouts; Barrier is in test_barrier.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import pytest

from conformance import harness, impl
from conformance.marks import Narrowing, feature
from conformance.platform_facts import NO_SEM_GETVALUE_PLATFORMS
from conformance.targets import sync as t
from conformance.targets.sync import held_by_other_thread, held_elsewhere


def _raised(call: Callable[[], object]) -> BaseException | None:
    """The exception ``call()`` raises, or None: a wrong exception type is then a
    verdict ("fail") rather than an error."""
    try:
        call()
    except Exception as exc:
        return exc
    return None


def _release_in_other_thread(lock: Any) -> list[BaseException | None]:
    """Call lock.release() in another thread of this process (joined, bounded): [the
    exception it raised, or None], or [] if it did not return in time."""
    outcome: list[BaseException | None] = []

    def release() -> None:
        try:
            lock.release()
        except BaseException as exc:  # noqa: B036
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=release)
    thread.start()
    thread.join(harness.WAIT)
    return outcome


def _assert_release_unheld_raises(lock: Any, kind: str, expected: type) -> None:
    """release() of a new ``lock``, and of one acquired and released, raises ``expected``."""
    raised = _raised(lock.release)
    assert isinstance(raised, expected), (
        f"release() of a new {kind} raised {raised!r}, not {expected.__name__}")
    lock.acquire()
    lock.release()
    raised = _raised(lock.release)
    assert isinstance(raised, expected), (
        f"release() of a released {kind} raised {raised!r}, not {expected.__name__}")


def _param(kind: str, feature_id: str, **kwargs: Any) -> object:
    return pytest.param(kind, id=kind, marks=feature(feature_id, **kwargs))


def _new(factory_owner: Any, kind: str) -> Any:
    """A fresh primitive of ``kind`` (default arguments: a semaphore of value 1)."""
    return getattr(factory_owner, kind)()


# --------------------------------------------------------------------------- across processes


def _excludes_other_processes(ctx, kind):
    primitive = _new(ctx, kind)
    held, release = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.hold, primitive, held, release,
                         release_on_exit=(release,)) as p:
        harness.wait(held)
        assert primitive.acquire(False) is False, (
            f"the parent acquired a {kind} that a child was holding")
        release.set()
        assert primitive.acquire(timeout=harness.WAIT) is True, (
            f"the parent could not acquire the {kind} after the child released it")
        primitive.release()
        harness.join(p)
    assert p.exitcode == 0


@feature("Lock::excludes-other-processes")
def test_lock_excludes_other_processes(ctx):
    """Held by a child, a Lock cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "Lock")


@feature("RLock::excludes-other-processes")
def test_rlock_excludes_other_processes(ctx):
    """Held by a child, an RLock cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "RLock")


@feature("Semaphore::excludes-other-processes")
def test_semaphore_excludes_other_processes(ctx):
    """Held by a child, a Semaphore() cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "Semaphore")


@feature("BoundedSemaphore::excludes-other-processes")
def test_bounded_semaphore_excludes_other_processes(ctx):
    """Held by a child, a BoundedSemaphore() cannot be taken by the parent; released, it can."""
    _excludes_other_processes(ctx, "BoundedSemaphore")


@feature("Condition::excludes-other-processes")
def test_condition_excludes_other_processes(ctx):
    """Held by a child, a Condition cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "Condition")


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


# --------------------------------------------------------------------------- Lock


@feature("Lock::factory-returns-synchronize-lock")
def test_lock_factory_returns_synchronize_lock(mp):
    """Lock() returns an instance of multiprocessing.synchronize.Lock."""
    synchronize = impl.submodule("synchronize", mp)
    lock = mp.Lock()
    assert isinstance(lock, synchronize.Lock), f"Lock() returned a {type(lock)!r}"


@feature("RLock::factory-returns-synchronize-rlock")
def test_rlock_factory_returns_synchronize_rlock(mp):
    """RLock() returns an instance of multiprocessing.synchronize.RLock."""
    synchronize = impl.submodule("synchronize", mp)
    lock = mp.RLock()
    assert isinstance(lock, synchronize.RLock), f"RLock() returned a {type(lock)!r}"


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


def _locked_sees_other_process_holding(ctx, kind):
    lock = _new(ctx, kind)
    held, release = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.hold, lock, held, release,
                         release_on_exit=(release,)) as p:
        harness.wait(held)
        assert lock.locked() is True, f"locked() was False while a child held the {kind}"
        release.set()
        harness.join(p)
    assert lock.locked() is False, f"locked() was True after the child released the {kind}"


@feature("Lock.locked::sees-other-process-holding")
def test_lock_locked_sees_other_process_holding(ctx):
    """Lock.locked() is True in the parent while a child holds the lock, False after."""
    _locked_sees_other_process_holding(ctx, "Lock")


@feature("RLock.locked::sees-other-process-holding")
def test_rlock_locked_sees_other_process_holding(ctx):
    """RLock.locked() is True in the parent while a child holds the lock, False after."""
    _locked_sees_other_process_holding(ctx, "RLock")


@feature("Semaphore.locked::sees-other-process-holding")
def test_semaphore_locked_sees_other_process_holding(ctx):
    """Semaphore().locked() is True in the parent while a child holds its one unit, False after."""
    _locked_sees_other_process_holding(ctx, "Semaphore")


@feature("BoundedSemaphore.locked::sees-other-process-holding")
def test_bounded_semaphore_locked_sees_other_process_holding(ctx):
    """BoundedSemaphore().locked() is True in the parent while a child holds its unit, False
    after."""
    _locked_sees_other_process_holding(ctx, "BoundedSemaphore")


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


@feature("Semaphore::release-beyond-initial-value-allowed")
def test_semaphore_release_beyond_initial_value(mp):
    """A Semaphore may be released more often than acquired; each release adds one."""
    sem = mp.Semaphore(1)
    sem.release()
    assert sem.acquire(False) is True
    assert sem.acquire(False) is True, "an extra release() did not raise the Semaphore's count"
    assert sem.acquire(False) is False


@feature("BoundedSemaphore::release-beyond-initial-value-raises-valueerror",
         not_platforms=NO_SEM_GETVALUE_PLATFORMS,
         reason="on macOS a BoundedSemaphore is indistinguishable from a Semaphore")
def test_bounded_semaphore_release_too_often_raises(mp):
    """Releasing a BoundedSemaphore above its initial value raises ValueError."""
    sem = mp.BoundedSemaphore(2)
    raised = _raised(sem.release)
    assert isinstance(raised, ValueError), (
        f"release() of a full BoundedSemaphore(2) raised {raised!r}, not ValueError")
    sem.acquire()
    sem.release()
    raised = _raised(sem.release)
    assert isinstance(raised, ValueError), (
        f"a release() beyond the initial value raised {raised!r}, not ValueError")


def _count_shared_across_processes(ctx, kind):
    sem = getattr(ctx, kind)(2)
    held, release = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.hold, sem, held, release,
                         release_on_exit=(release,)) as p:
        harness.wait(held)
        assert sem.acquire(False) is True, "the parent could not take the second unit"
        assert sem.acquire(False) is False, "the parent took a unit the child was holding"
        sem.release()
        release.set()
        harness.join(p)
    assert p.exitcode == 0


@feature("Semaphore::count-shared-across-processes")
def test_semaphore_count_shared_across_processes(ctx):
    """A child holding one unit of a Semaphore(2) leaves exactly one to the parent."""
    _count_shared_across_processes(ctx, "Semaphore")


@feature("BoundedSemaphore::count-shared-across-processes")
def test_bounded_semaphore_count_shared_across_processes(ctx):
    """A child holding one unit of a BoundedSemaphore(2) leaves exactly one to the parent."""
    _count_shared_across_processes(ctx, "BoundedSemaphore")


GET_VALUE = Narrowing(not_platforms=NO_SEM_GETVALUE_PLATFORMS,
                      reason="get_value() may raise NotImplementedError where sem_getvalue() is "
                             "missing (macOS)")


@feature("Semaphore.get_value::returns-current-value", **GET_VALUE)
def test_semaphore_get_value_returns_current_value(mp):
    """get_value() of a Semaphore(3) is 3, 2 after one acquire(), 3 again after release()."""
    sem = mp.Semaphore(3)
    assert sem.get_value() == 3, f"get_value() of a new Semaphore(3) was {sem.get_value()!r}"
    sem.acquire()
    assert sem.get_value() == 2, f"get_value() after one acquire() was {sem.get_value()!r}"
    sem.release()
    assert sem.get_value() == 3, f"get_value() after the release() was {sem.get_value()!r}"


@feature("Semaphore.get_value::sees-other-process-acquire", **GET_VALUE)
def test_semaphore_get_value_sees_other_process_acquire(ctx):
    """While a child holds one unit of a Semaphore(2), get_value() in the parent is 1."""
    sem = ctx.Semaphore(2)
    held, release = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.hold, sem, held, release,
                         release_on_exit=(release,)) as p:
        harness.wait(held)
        assert sem.get_value() == 1, (
            f"get_value() was {sem.get_value()!r} while a child held one of two units")
        release.set()
        harness.join(p)
    assert sem.get_value() == 2, f"get_value() was {sem.get_value()!r} after the child released"


# --------------------------------------------------------------------------- Condition


@feature("Condition::default-lock-is-recursive")
def test_condition_default_lock_is_recursive(mp):
    """Without a lock argument, a Condition uses a new RLock: its owner can acquire it again."""
    cond = mp.Condition()
    with cond:
        assert cond.acquire(True, harness.WAIT) is True, (
            "the owner could not acquire its Condition a second time")
        cond.release()
        assert held_elsewhere(cond), "the Condition was free after one of two releases"


@pytest.mark.parametrize("kind", ["Lock", "RLock"])
@feature("Condition::uses-given-lock")
def test_condition_uses_given_lock(mp, kind):
    """Condition(lock) acquires and releases the Lock or RLock it was given."""
    lock = _new(mp, kind)
    cond = mp.Condition(lock)
    with cond:
        assert held_elsewhere(lock), f"the {kind} given to Condition() was not held with it"
    assert not held_elsewhere(lock)
    with lock:
        assert held_elsewhere(cond), f"the Condition was not held while its {kind} was"


@feature("Condition::wait-without-lock-raises", de_facto=True)
def test_condition_wait_without_lock_raises(mp):
    """wait() without holding the lock raises (threading: RuntimeError).

    The stdlib's multiprocessing raises AssertionError; either is accepted.
    """
    cond = mp.Condition()
    with t.guard(lambda: _notify(cond)):
        with pytest.raises((RuntimeError, AssertionError)):
            cond.wait(harness.WAIT)


@feature("Condition::notify-without-lock-raises", de_facto=True)
def test_condition_notify_without_lock_raises(mp):
    """notify() and notify_all() without holding the lock raise (threading: RuntimeError).

    The stdlib's multiprocessing raises AssertionError; either is accepted.
    """
    cond = mp.Condition()
    with pytest.raises((RuntimeError, AssertionError)):
        cond.notify()
    with pytest.raises((RuntimeError, AssertionError)):
        cond.notify_all()


def _notify(cond: Any) -> None:
    with cond:
        cond.notify_all()


@feature("Condition::notify-wakes-waiting-process")
def test_condition_notify_wakes_waiting_process(ctx):
    """notify() by the parent wakes a child waiting on the Condition; its wait() returns True."""
    cond, ready = ctx.Condition(), ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.wait_notified, cond, ready, sender) as p:
        harness.wait(ready)
        with cond:
            cond.notify()
        assert harness.recv(receiver) is True, "the child's wait() did not return True"
        harness.join(p)


@contextmanager
def _child_and_thread_waiting(ctx):
    """A child and a thread of the parent both waiting on a new Condition (t.wait_notified).

    Yields (cond, child_rx, thread_rx): each waiter sends wait()'s result on its
    receiver.  Every waiter is notified and the thread joined when the block ends.
    """
    cond = ctx.Condition()
    child_ready, thread_ready = ctx.Event(), ctx.Event()
    child_rx, child_tx = ctx.Pipe(duplex=False)
    thread_rx, thread_tx = ctx.Pipe(duplex=False)
    thread = threading.Thread(target=t.wait_notified, args=(cond, thread_ready, thread_tx),
                              daemon=True)
    with harness.started(ctx, t.wait_notified, cond, child_ready, child_tx) as p:
        thread.start()
        try:
            harness.wait(child_ready)
            harness.wait(thread_ready)
            yield cond, child_rx, thread_rx
        finally:
            _notify(cond)
            thread.join(harness.WAIT)
        harness.join(p)


@feature("Condition::notify-all-wakes-every-waiter")
def test_condition_notify_all_wakes_every_waiter(ctx):
    """notify_all() wakes every waiter: a child and a thread of the parent."""
    with _child_and_thread_waiting(ctx) as (cond, child_rx, thread_rx):
        with cond:
            cond.notify_all()
        assert harness.recv(child_rx) is True, "the waiting child was not woken"
        assert harness.recv(thread_rx) is True, "the waiting thread was not woken"


@feature("Condition::notify-wakes-one-waiter")
def test_condition_notify_wakes_one_waiter(ctx):
    """notify() wakes one waiter of two; the other stays waiting until notified again."""
    with _child_and_thread_waiting(ctx) as (cond, child_rx, thread_rx):
        with cond:
            cond.notify()
        harness.until(lambda: child_rx.poll() or thread_rx.poll(),
                      what="one waiter woken by notify()")
        first, other = (child_rx, thread_rx) if child_rx.poll() else (thread_rx, child_rx)
        assert first.recv() is True
        assert not other.poll(harness.SHORT), "notify() woke both waiters"
        with cond:
            cond.notify()
        assert harness.recv(other) is True, "a second notify() did not wake the other waiter"


@feature("Condition::wait-for-true-predicate-returns-at-once")
def test_condition_wait_for_true_predicate_returns_at_once(mp):
    """wait_for(predicate) returns the predicate's (true) value at once when it already holds."""
    cond = mp.Condition()
    with cond:
        with harness.stopwatch() as watch:
            result = cond.wait_for(lambda: "ready", timeout=harness.WAIT)
    assert result == "ready"
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "wait_for(true predicate)")


# --------------------------------------------------------------------------- Event


@feature("Event::initially-unset")
def test_event_initially_unset(mp):
    """A new Event is not set."""
    assert mp.Event().is_set() is False


@feature("Event::set-and-clear")
def test_event_set_and_clear(mp):
    """set() makes is_set() True and wait() return True at once; clear() makes it False again."""
    event = mp.Event()
    event.set()
    assert event.is_set() is True
    with harness.stopwatch() as watch:
        assert event.wait(harness.WAIT) is True
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "wait() on a set Event")
    event.set()
    assert event.is_set() is True, "setting a set Event unset it"
    event.clear()
    assert event.is_set() is False


@feature("Event::set-by-parent-wakes-child")
def test_event_set_by_parent_wakes_child(ctx):
    """A child waiting on an Event returns True from wait() once the parent sets it."""
    event = ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.report_event_wait_stamped, event, sender,
                         release_on_exit=(event,)) as p:
        assert harness.recv(receiver) == "waiting"
        harness.blocked(p, what="the child's Event.wait()")
        sent = time.monotonic()
        event.set()
        result, is_set, returned = harness.recv(receiver)
        assert (result, is_set) == (True, True), (
            f"the child's wait() returned {result!r} and is_set() {is_set!r} after set()")
        harness.assert_prompt(returned - sent, "the child's Event.wait()")
        harness.join(p)


@feature("Event::clear-seen-by-other-process")
def test_event_clear_seen_by_other_process(ctx):
    """An Event set and then cleared by a child is unset in the parent."""
    event = ctx.Event()
    event.set()
    harness.run(ctx, t.clear_event, event)
    assert event.is_set() is False


# --------------------------------------------------------------------------- SIGINT


def _call_with_sigint(blocking_call):
    """Run ``blocking_call()`` in the main thread while another thread sends SIGINT to the
    main thread SHORT seconds on; return how the call ended ("returned" or
    "interrupted") and how long after the signal was sent (or after the call,
    if it returned before)."""
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    sent: list = []

    def interrupt():
        sent.append(time.monotonic())
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    timer = threading.Timer(harness.SHORT, interrupt)
    outcome, watch = None, harness.Stopwatch()
    try:
        try:
            timer.start()
            watch = harness.Stopwatch()
            blocking_call()
            watch.stop()
            outcome = "returned"
            timer.join(harness.WAIT)  # a signal still to come lands here, and is caught
        except KeyboardInterrupt:
            if outcome is None:
                watch.stop()
                outcome = "interrupted"
    finally:
        timer.cancel()
        try:
            timer.join(harness.WAIT)
        except KeyboardInterrupt:
            pass
        signal.signal(signal.SIGINT, old)
    if sent and watch.elapsed is not None:
        return outcome, watch.start + watch.elapsed - sent[0]
    return outcome, watch.elapsed


SIGINT_FEATURE = Narrowing(posix=True, reason="the test delivers SIGINT with pthread_kill (POSIX)")


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


@feature("Condition::sigint-interrupts-wait", **SIGINT_FEATURE)
def test_sigint_interrupts_condition_wait(mp):
    """SIGINT interrupts a blocked Condition.wait() at once with KeyboardInterrupt."""
    cond = mp.Condition()
    with cond:
        outcome, elapsed = _call_with_sigint(lambda: cond.wait(harness.WAIT))
        assert held_elsewhere(cond), "the Condition's lock was not held again after wait()"
    assert outcome == "interrupted", f"Condition.wait() was not interrupted by SIGINT: it {outcome}"
    harness.assert_did_not_wait_out(elapsed, harness.WAIT, "wait() interrupted by SIGINT")
