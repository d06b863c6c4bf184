"""Timed waits of the synchronization primitives, checked from both sides: a wait
that should expire takes about its timeout and reports failure; a wait whose event
comes in time returns before its timeout and reports success.

https://docs.python.org/3/library/multiprocessing.html#synchronization-primitives
(timeout semantics of Lock.acquire, shared by RLock, Semaphore and
BoundedSemaphore; Event and Condition as in threading).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from conformance import harness
from conformance.marks import feature
from conformance.targets import sync as t

# --------------------------------------------------------------------------- acquire(timeout)


def _acquire_gives_up(ctx, kind):
    primitive = getattr(ctx, kind)()
    held, release = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.hold, primitive, held, release,
                         release_on_exit=(release,)) as p:
        harness.wait(held)
        with harness.stopwatch() as watch:
            got = primitive.acquire(timeout=harness.SHORT)
        release.set()
        assert got is False, f"{kind}.acquire(timeout) on a {kind} held by a child returned {got!r}"
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, f"{kind}.acquire(timeout)")
        harness.join(p)


def _acquire_and_release(primitive, timeout):
    """``primitive.acquire(timeout=timeout)``'s result; what it acquired it gives
    back (in the same thread, as an RLock requires)."""
    got = primitive.acquire(timeout=timeout)
    if got:
        primitive.release()
    return got


def _acquire_succeeds_in_time(ctx, kind):
    # The parent's acquire() is observably blocked before the child is told to
    # release, and must return promptly after the release the child stamps.
    primitive = getattr(ctx, kind)()
    held, go = ctx.Event(), ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.hold_until_told, primitive, held, go, reporter,
                         release_on_exit=(go,)) as p:
        harness.wait(held)
        release = harness.sender_ready(p, receiver, go)

        got = harness.woken(lambda: _acquire_and_release(primitive, harness.WAIT), release,
                            f"{kind}.acquire(timeout)")
        assert got is True, (
            f"{kind}.acquire(timeout) returned {got!r} although the child released it in time")
        harness.join(p)


@feature("Lock.acquire::timeout-gives-up-returning-false")
def test_lock_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on a Lock held by a child returns False after about T seconds."""
    _acquire_gives_up(ctx, "Lock")


@feature("RLock.acquire::timeout-gives-up-returning-false")
def test_rlock_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on an RLock held by a child returns False after about T seconds."""
    _acquire_gives_up(ctx, "RLock")


@feature("Semaphore::acquire-timeout-gives-up-returning-false")
def test_semaphore_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on a Semaphore held by a child returns False after about T seconds."""
    _acquire_gives_up(ctx, "Semaphore")


@feature("BoundedSemaphore::acquire-timeout-gives-up-returning-false")
def test_bounded_semaphore_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on a BoundedSemaphore held by a child returns False after about T s."""
    _acquire_gives_up(ctx, "BoundedSemaphore")


@feature("Lock.acquire::timeout-succeeds-when-released-in-time")
def test_lock_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when the child holding the Lock releases it."""
    _acquire_succeeds_in_time(ctx, "Lock")


@feature("RLock.acquire::timeout-succeeds-when-released-in-time")
def test_rlock_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when the child holding the RLock releases it."""
    _acquire_succeeds_in_time(ctx, "RLock")


@feature("Semaphore::acquire-timeout-succeeds-when-released-in-time")
def test_semaphore_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when the child holding the Semaphore releases it."""
    _acquire_succeeds_in_time(ctx, "Semaphore")


@feature("BoundedSemaphore::acquire-timeout-succeeds-when-released-in-time")
def test_bounded_semaphore_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when a child releases the BoundedSemaphore."""
    _acquire_succeeds_in_time(ctx, "BoundedSemaphore")


# --------------------------------------------------------------------------- Event.wait(timeout)


@feature("Event::wait-timeout-returns-false")
def test_event_wait_timeout_returns_false(mp):
    """wait(T) on an Event that is not set returns False after about T seconds."""
    event = mp.Event()
    with t.guard(event.set):
        with harness.stopwatch() as watch:
            result = event.wait(harness.SHORT)
    assert result is False, f"wait(timeout) on an unset Event returned {result!r}"
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Event.wait(timeout)")


@feature("Event::wait-returns-true-when-set-by-child")
def test_event_wait_returns_true_when_set_by_child(ctx):
    """wait(T) returns True before T as soon as a child sets the Event."""
    event = ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    # The child is told to go through a Pipe, not an Event: a broken Event must
    # not delay the moment the event under test is sent.
    told, tell = ctx.Pipe(duplex=False)
    go = SimpleNamespace(set=lambda: tell.send("go"))
    with harness.started(ctx, t.set_event_when_told, event, told, reporter,
                         release_on_exit=(go,)) as p:
        release = harness.sender_ready(p, receiver, go)

        result = harness.woken(lambda: event.wait(harness.WAIT), release, "Event.wait(timeout)")
        assert result is True, f"wait(timeout) returned {result!r} although a child set the Event"
        harness.join(p)


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
