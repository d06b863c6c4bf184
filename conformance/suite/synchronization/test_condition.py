"""Tests of Condition.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Condition
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.synchronization._support import (
    SIGINT_FEATURE,
    _call_with_sigint,
    _excludes_other_processes,
    _new,
)
from conformance.targets import sync as t
from conformance.targets.sync import held_elsewhere

# --------------------------------------------------------------------------- Condition


def _notify_all(cond: Any, flag: list) -> None:
    flag.append(True)
    with cond:
        cond.notify_all()


@feature("Condition::wait-timeout-returns-false")
def test_condition_wait_timeout_returns_false(mp):
    """wait(T) without a notification returns False after about T seconds."""
    cond = mp.Condition()
    with cond, t.guard(lambda: _notify_all(cond, [])):
        with harness.stopwatch() as watch:
            result = cond.wait(harness.SHORT)
    assert result is False, f"Condition.wait(timeout) without notify returned {result!r}"
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Condition.wait(timeout)")


@feature("Condition::wait-returns-true-when-notified-in-time")
def test_condition_wait_returns_true_when_notified(ctx):
    """wait(T) returns True before T when a child notifies.

    The child's change, made under the condition's lock, is seen.
    """
    cond, value = ctx.Condition(), ctx.Value("i", 0)

    def wait():
        with cond:
            return cond.wait(harness.WAIT), value.value

    result, seen = _notified_by_child(ctx, cond, value, wait, "Condition.wait(timeout)")
    assert result is True, f"Condition.wait(timeout) returned {result!r} when notified"
    assert seen == 7, f"the child's change under the lock was not seen: {seen!r}"


def _notified_by_child(ctx, cond, value, wait, what):
    """``wait()`` (which waits on ``cond``) in a thread; once it is blocked, a child
    stores 7 in ``value`` and notifies; ``wait()``'s value, checked to come promptly."""
    go = ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.notify_with_value_when_told, cond, value, 7, go, reporter,
                         release_on_exit=(go,)) as p:
        release = harness.sender_ready(p, receiver, go)

        got = harness.woken(wait, release, what)
        harness.join(p)
    return got


@feature("Condition::wait-for-timeout-returns-last-predicate-value")
def test_condition_wait_for_timeout_returns_last_predicate_value(mp):
    """wait_for(predicate, T) that times out returns the predicate's last (false) value after ~T."""
    cond, flag = mp.Condition(), []
    with cond, t.guard(lambda: _notify_all(cond, flag)):
        with harness.stopwatch() as watch:
            result = cond.wait_for(lambda: flag or [], timeout=harness.SHORT)
    assert result == [] and isinstance(result, list), (
        f"wait_for() that timed out returned {result!r}, not the predicate's last value []")
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Condition.wait_for(timeout)")


@feature("Condition::wait-for-returns-predicate-value-when-notified")
def test_condition_wait_for_returns_predicate_value_when_notified(ctx):
    """wait_for(predicate, T) returns the predicate's true value once a child makes it true."""
    cond, value = ctx.Condition(), ctx.Value("i", 0)

    def wait_for():
        with cond:
            return cond.wait_for(lambda: value.value, timeout=harness.WAIT)

    result = _notified_by_child(ctx, cond, value, wait_for, "Condition.wait_for(timeout)")
    assert result == 7, f"wait_for() returned {result!r}, not the predicate's value 7"


@feature("Condition::excludes-other-processes")
def test_condition_excludes_other_processes(ctx):
    """Held by a child, a Condition cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "Condition")


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


@feature("Condition::sigint-interrupts-wait", **SIGINT_FEATURE)
def test_sigint_interrupts_condition_wait(mp):
    """SIGINT interrupts a blocked Condition.wait() at once with KeyboardInterrupt."""
    cond = mp.Condition()
    with cond:
        outcome, elapsed = _call_with_sigint(lambda: cond.wait(harness.WAIT))
        assert held_elsewhere(cond), "the Condition's lock was not held again after wait()"
    assert outcome == "interrupted", f"Condition.wait() was not interrupted by SIGINT: it {outcome}"
    harness.assert_did_not_wait_out(elapsed, harness.WAIT, "wait() interrupted by SIGINT")
