"""Tests of Barrier.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Barrier
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import sync as t

BROKEN = t.type_name(threading.BrokenBarrierError)


@contextmanager
def _aborted_on_error(barrier):
    """Abort the barrier if the block fails, so that no party is left waiting."""
    try:
        yield
    except BaseException:
        barrier.abort()
        raise


@contextmanager
def _child_party(ctx, barrier, *args, target=t.barrier_wait):
    """A child that waits on ``barrier`` (``target(barrier, sender, *args)``) and
    reports on the receiver; yields (process, receiver).  The barrier is aborted
    if the block fails, so that no party is left waiting."""
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, target, barrier, sender, *args) as p, _aborted_on_error(barrier):
        yield p, receiver


def _until_waiting(barrier, n):
    harness.until(lambda: barrier.n_waiting == n, what=f"n_waiting == {n}")


def _thread_wait(barrier, results):
    """Wait on ``barrier`` in a thread of this process; the outcome lands in ``results``."""

    def run():
        try:
            results.append(("ok", barrier.wait(harness.WAIT)))
        except BaseException as exc:  # noqa: B036
            results.append(("raised", t.type_name(exc)))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# --------------------------------------------------------------------------- attributes


@feature("Barrier::attributes-of-a-new-barrier")
def test_attributes_of_a_new_barrier(mp):
    """A new Barrier(3) has parties 3, n_waiting 0 and broken False."""
    barrier = mp.Barrier(3)
    assert (barrier.parties, barrier.n_waiting, barrier.broken) == (3, 0, False)


@feature("Barrier::n-waiting-counts-waiting-processes")
def test_n_waiting_counts_waiting_processes(ctx):
    """n_waiting counts a child blocked in wait(), and drops back to 0 when the round completes."""
    barrier = ctx.Barrier(2)
    with _child_party(ctx, barrier) as (p, receiver):
        _until_waiting(barrier, 1)
        barrier.wait(harness.WAIT)
        assert harness.recv(receiver)[0] == "ok"
        harness.join(p)
    assert barrier.n_waiting == 0
    assert barrier.broken is False


# --------------------------------------------------------------------------- rounds


@feature("Barrier::wait-returns-distinct-indices")
def test_wait_returns_distinct_indices(ctx):
    """wait() gives each party a different index in range(parties), promptly.

    The parties are a child, a thread and the main thread.
    """
    barrier = ctx.Barrier(3)
    results: list = []
    with _child_party(ctx, barrier) as (p, receiver):
        thread = _thread_wait(barrier, results)
        try:
            # The other two wait already: the last party's wait() completes the round.
            with _aborted_on_error(barrier):
                _until_waiting(barrier, 2)
            with _aborted_on_error(barrier), harness.stopwatch() as watch:
                own = barrier.wait(harness.WAIT)
        finally:
            thread.join(harness.WAIT)
        harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "Barrier.wait()")
        child = harness.recv(receiver)
        harness.join(p)
    assert child[0] == "ok" and results and results[0][0] == "ok", (child, results)
    indices = sorted([own, child[1], results[0][1]])
    assert indices == [0, 1, 2], f"wait() returned the indices {indices} to three parties"


@feature("Barrier::reusable-for-further-rounds")
def test_reusable_for_further_rounds(ctx):
    """After a round the barrier serves the next: a child and the parent pass it three times."""
    barrier = ctx.Barrier(2)
    with _child_party(ctx, barrier, 3) as (p, receiver):
        for _ in range(3):
            barrier.wait(harness.WAIT)
        reports = [harness.recv(receiver) for _ in range(3)]
        harness.join(p)
    assert [r[0] for r in reports] == ["ok"] * 3, reports


@feature("Barrier::action-runs-once-per-round")
def test_action_runs_once_per_round(ctx):
    """The action runs once per completed round, in one of the waiting processes."""
    counter = ctx.Value("i", 0)
    barrier = ctx.Barrier(2, functools.partial(t.count_round, counter))
    with _child_party(ctx, barrier, 2) as (p, receiver):
        barrier.wait(harness.WAIT)
        barrier.wait(harness.WAIT)
        reports = [harness.recv(receiver) for _ in range(2)]
        harness.join(p)
    assert [r[0] for r in reports] == ["ok", "ok"], reports
    assert counter.value == 2, f"the action ran {counter.value} times in two rounds"


@feature("Barrier::action-exception-breaks-barrier")
def test_action_exception_breaks_barrier(ctx):
    """An exception in the action breaks the barrier for every party.

    The party that ran the action gets its exception, the other BrokenBarrierError.
    """
    barrier = ctx.Barrier(2, t.failing_action)
    with _child_party(ctx, barrier) as (p, receiver):
        # The child waits first, so the parent is the last party and runs the action.
        # Nothing here aborts the barrier or lets a wait time out before the child has
        # answered: only the action's exception can release the child in time.
        with _aborted_on_error(barrier):
            _until_waiting(barrier, 1)
        try:
            barrier.wait(harness.WAIT)
        except BaseException as exc:  # noqa: B036
            own = ("raised", t.type_name(exc))
        else:
            own = ("ok", None)
        with _aborted_on_error(barrier), harness.stopwatch() as watch:
            answered = receiver.poll(harness.WAIT)
        if not answered:
            barrier.abort()
        assert answered, (
            "the child was left waiting: the action's exception did not break the barrier")
        harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT,
                                        "the other party's wait() after the action raised")
        child = harness.recv(receiver)
        harness.join(p)
    failed = t.type_name(t.ActionFailed)
    assert (own, child) == (("raised", failed), ("raised", BROKEN)), (
        f"parent (the last party, running the action): {own}, child: {child}; expected the "
        "action's exception for the parent and BrokenBarrierError for the child")


@feature("Barrier::action-exception-breaks-barrier")
def test_action_exception_leaves_barrier_broken(mp):
    """After the action raised, broken is True and wait() raises BrokenBarrierError."""
    barrier = mp.Barrier(1, t.failing_action)
    with pytest.raises(t.ActionFailed):
        barrier.wait(harness.WAIT)
    assert barrier.broken is True
    with pytest.raises(threading.BrokenBarrierError):
        barrier.wait(harness.WAIT)


# --------------------------------------------------------------------------- breaking


@feature("Barrier::timed-out-wait-breaks-for-every-waiter")
def test_timed_out_wait_breaks_for_every_waiter(ctx):
    """A wait(T) that times out breaks the barrier: BrokenBarrierError after ~T, for a child too."""
    barrier = ctx.Barrier(3)
    with _child_party(ctx, barrier) as (p, receiver):
        _until_waiting(barrier, 1)
        with harness.stopwatch() as watch:
            with pytest.raises(threading.BrokenBarrierError):
                barrier.wait(harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Barrier.wait(timeout)")
        assert barrier.broken is True, "a timed-out wait() left the barrier unbroken"
        assert harness.recv(receiver) == ("raised", BROKEN), (
            "the waiting child did not get BrokenBarrierError")
        harness.join(p)


@feature("Barrier::default-timeout-applies-to-wait")
def test_default_timeout_applies_to_wait(mp):
    """Barrier(n, timeout=T).wait() without a timeout breaks the barrier after about T seconds."""
    barrier = mp.Barrier(2, timeout=harness.SHORT)
    with t.guard(barrier.abort):
        with harness.stopwatch() as watch:
            with pytest.raises(threading.BrokenBarrierError):
                barrier.wait()
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Barrier(timeout=T).wait()")
    assert barrier.broken is True


@feature("Barrier::default-timeout-applies-to-wait")
def test_default_timeout_applies_in_child(ctx):
    """A child's wait() on a Barrier(n, timeout=T) it was given breaks after about T seconds."""
    barrier = ctx.Barrier(2, timeout=harness.SHORT)
    with _child_party(ctx, barrier, target=t.barrier_wait_timed) as (p, receiver):
        outcome, elapsed = harness.recv(receiver)
        harness.join(p)
    assert outcome == ("raised", BROKEN), outcome
    harness.assert_gave_up_after(elapsed, harness.SHORT, "the child's Barrier(timeout=T).wait()")


@feature("Barrier::wait-timeout-overrides-default")
def test_wait_timeout_overrides_default(mp):
    """A timeout given to wait() takes precedence over the barrier's default timeout."""
    barrier = mp.Barrier(2, timeout=harness.WAIT)
    with harness.stopwatch() as watch:
        with pytest.raises(threading.BrokenBarrierError):
            barrier.wait(harness.SHORT)
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Barrier.wait(timeout)")


@feature("Barrier::abort-breaks-waiters")
def test_abort_breaks_waiters(ctx):
    """abort() breaks a child blocked in wait(); later calls of wait() fail at once."""
    barrier = ctx.Barrier(2)
    with _child_party(ctx, barrier) as (p, receiver):
        _until_waiting(barrier, 1)
        barrier.abort()
        assert harness.recv(receiver) == ("raised", BROKEN)
        harness.join(p)
    assert barrier.broken is True
    with harness.stopwatch() as watch:
        with pytest.raises(threading.BrokenBarrierError):
            barrier.wait(harness.WAIT)
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "wait() on an aborted barrier")


@feature("Barrier::reset-breaks-waiters-then-usable")
def test_reset_breaks_waiters_then_usable(ctx):
    """reset() breaks a child blocked in wait(); the barrier then serves a full round."""
    barrier = ctx.Barrier(2)
    with _child_party(ctx, barrier, 2) as (p, receiver):
        _until_waiting(barrier, 1)
        barrier.reset()
        assert harness.recv(receiver) == ("raised", BROKEN), (
            "a child waiting during reset() did not get BrokenBarrierError")
        barrier.wait(harness.WAIT)
        assert harness.recv(receiver)[0] == "ok", "the round after reset() did not complete"
        harness.join(p)


@feature("Barrier::reset-returns-to-default-state")
def test_reset_returns_to_default_state(mp):
    """reset() of a broken barrier makes it unbroken, with no waiters, and usable again."""
    barrier = mp.Barrier(1)
    barrier.abort()
    assert barrier.broken is True
    barrier.reset()
    assert (barrier.broken, barrier.n_waiting) == (False, 0)
    assert barrier.wait(harness.WAIT) == 0


@feature("Barrier::broken-barrier-error-is-threadings")
def test_broken_barrier_error_is_threadings(mp):
    """The error raised by a broken barrier is threading.BrokenBarrierError (a RuntimeError)."""
    barrier = mp.Barrier(2)
    barrier.abort()
    with pytest.raises(Exception) as raised:  # noqa: B017 - its type is what is checked
        barrier.wait(harness.WAIT)
    error = raised.value
    assert isinstance(error, threading.BrokenBarrierError), (
        f"wait() on a broken barrier raised {type(error).__module__}.{type(error).__qualname__}, "
        "not threading.BrokenBarrierError")
    assert isinstance(error, RuntimeError)


@feature("Barrier::only-shared-through-inheritance", de_facto=True)
def test_only_shared_through_inheritance(mp):
    """Sending it over a Connection (outside process creation) raises RuntimeError.

    The docs: share it by inheritance or as a Process argument, not through pipes or queues.
    """
    barrier = mp.Barrier(2)
    reader, writer = mp.Pipe(duplex=False)
    try:
        with pytest.raises(RuntimeError):
            writer.send(barrier)
    finally:
        reader.close()
        writer.close()
