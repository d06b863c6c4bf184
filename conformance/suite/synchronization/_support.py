"""Helpers shared by the tests of Synchronization primitives."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from conformance import harness
from conformance.marks import Narrowing
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
