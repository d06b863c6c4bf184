"""Child targets for the synchronization-primitive tests (test_synchronization,
test_sync_timeouts, test_barrier), and two parent-side helpers (``guard``,
``held_elsewhere``) that those modules share.

Children report over a Connection; exceptions are reported by qualified type
name (``"threading.BrokenBarrierError"``) so that the parent can compare them
without unpickling anything implementation-specific.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable

from conformance.harness import CHILD_WAIT, WAIT, HarnessTimeout
from conformance.targets import told


def type_name(exc: BaseException | type) -> str:
    cls = exc if isinstance(exc, type) else type(exc)
    return f"{cls.__module__}.{cls.__qualname__}"


# --------------------------------------------------------------------------- parent-side helpers


@contextmanager
def guard(action: Callable[[], Any], after: float = WAIT) -> Iterator[None]:
    """Run ``action`` from a thread if the block is still running ``after`` seconds on.

    Bounds a timed wait of a broken implementation that would otherwise wait
    forever (an Event.wait that ignores its timeout is ended by setting the
    event): the conforming implementation never lets it fire, a broken one
    then fails the timing assertion instead of hanging the run."""
    timer = threading.Timer(after, action)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join(WAIT)


@contextmanager
def held_by_other_thread(primitive: Any) -> Iterator[Callable[[], None]]:
    """``primitive`` acquired by another thread of this process for the duration
    of the block; yields a function that makes that thread release it early."""
    held, release = threading.Event(), threading.Event()

    def keep() -> None:
        primitive.acquire()
        held.set()
        release.wait(CHILD_WAIT)
        primitive.release()

    thread = threading.Thread(target=keep, daemon=True)
    thread.start()
    try:
        if not held.wait(WAIT):
            raise HarnessTimeout(f"a thread could not acquire the primitive within {WAIT}s")
        yield release.set
    finally:
        release.set()
        thread.join(WAIT)


def held_elsewhere(primitive: Any) -> bool:
    """Whether another thread of this process finds ``primitive`` taken
    (a non-blocking acquire fails there); what it acquires it gives back."""
    got: list[bool] = []

    def probe() -> None:
        acquired = primitive.acquire(False)
        if acquired:
            primitive.release()
        got.append(acquired)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(WAIT)
    if not got:
        raise AssertionError("a non-blocking acquire() in another thread did not return")
    return not got[0]


# --------------------------------------------------------------------------- locks and semaphores


def hold(primitive: Any, held: Any, release: Any) -> None:
    """Acquire ``primitive``, set ``held``, and keep it until ``release`` is set."""
    primitive.acquire()
    held.set()
    release.wait(CHILD_WAIT)
    primitive.release()


def hold_until_told(primitive: Any, held: Any, go: Any, report: Any) -> None:
    """Acquire ``primitive``, set ``held``, say "ready"; once ``go`` is set, release it and
    report the moment of the release (``time.monotonic()``, one clock for
    every process of the machine)."""
    primitive.acquire()
    held.set()
    report.send("ready")
    told(go)
    released = time.monotonic()
    primitive.release()
    report.send(released)
    report.close()


def release_it(primitive: Any, conn: Any) -> None:
    """Release ``primitive`` (acquired by someone else); report None or the exception type."""
    try:
        primitive.release()
    except BaseException as exc:  # noqa: B036 - report whatever was raised
        conn.send(type_name(exc))
    else:
        conn.send(None)
    conn.close()


def probe(primitive: Any, conn: Any) -> None:
    """Answer "can this process acquire it now?" (acquire(False), released again)
    for every message until None arrives."""
    while conn.poll(CHILD_WAIT) and conn.recv() is not None:
        got = primitive.acquire(False)
        if got:
            primitive.release()
        conn.send(got)
    conn.close()


# --------------------------------------------------------------------------- events and conditions


def set_event(event: Any) -> None:
    event.set()


def clear_event(event: Any) -> None:
    event.clear()


def report_event_wait(event: Any, conn: Any) -> None:
    """Wait for ``event`` (bounded) and report wait()'s result and is_set()."""
    result = event.wait(CHILD_WAIT)
    conn.send((result, event.is_set()))
    conn.close()


def report_event_wait_stamped(event: Any, conn: Any) -> None:
    """Say "waiting", wait for ``event`` (bounded), and report wait()'s result,
    is_set() and the moment wait() returned (``time.monotonic()``)."""
    conn.send("waiting")
    result = event.wait(CHILD_WAIT)
    returned = time.monotonic()
    conn.send((result, event.is_set(), returned))
    conn.close()


def set_event_when_told(event: Any, go: Any, report: Any) -> None:
    """Say "ready" on ``report``; once ``go`` is set, set ``event`` and report
    the moment it was set."""
    report.send("ready")
    told(go)
    sent = time.monotonic()
    event.set()
    report.send(sent)
    report.close()


def notify_with_value_when_told(cond: Any, value: Any, number: int, go: Any,
                                report: Any) -> None:
    """Say "ready" on ``report``; once ``go`` is set: under ``cond``, store
    ``number`` in ``value`` and notify; report the moment of the notification."""
    report.send("ready")
    told(go)
    with cond:
        value.value = number
        sent = time.monotonic()
        cond.notify()
    report.send(sent)
    report.close()


def wait_notified(cond: Any, ready: Any, conn: Any) -> None:
    """Holding ``cond``, set ``ready`` and wait to be notified; report wait()'s result."""
    with cond:
        ready.set()
        result = cond.wait(CHILD_WAIT)
    conn.send(result)
    conn.close()


def notify_with_value(cond: Any, value: Any, number: int) -> None:
    """Under ``cond``, store ``number`` in the shared ``value`` and notify."""
    with cond:
        value.value = number
        cond.notify()


# --------------------------------------------------------------------------- barriers


class ActionFailed(Exception):
    """Raised by a barrier action on purpose."""


def count_round(counter: Any) -> None:
    """A barrier action (bound with functools.partial): count the rounds it ran for."""
    with counter.get_lock():
        counter.value += 1


def failing_action() -> None:
    raise ActionFailed("raised on purpose by a barrier action")


def barrier_wait(barrier: Any, conn: Any, rounds: int = 1, timeout: float | None = CHILD_WAIT
                 ) -> None:
    """Wait on ``barrier`` ``rounds`` times, reporting each outcome:
    ("ok", index) or ("raised", exception type name)."""
    for _ in range(rounds):
        try:
            index = barrier.wait() if timeout is None else barrier.wait(timeout)
        except BaseException as exc:  # noqa: B036 - report whatever was raised
            conn.send(("raised", type_name(exc)))
        else:
            conn.send(("ok", index))
    conn.close()


def barrier_wait_timed(barrier: Any, conn: Any) -> None:
    """wait() without a timeout argument; report the outcome and how long it took."""
    import time

    start = time.monotonic()
    try:
        barrier.wait()
    except BaseException as exc:  # noqa: B036 - report whatever was raised
        outcome: tuple[str, str | None] = ("raised", type_name(exc))
    else:
        outcome = ("ok", None)
    conn.send((outcome, time.monotonic() - start))
    conn.close()
