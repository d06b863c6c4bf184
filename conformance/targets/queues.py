"""Child targets for the pipes-and-queues tests (test_pipes_and_queues, test_exchanging)."""

from __future__ import annotations

import time
from typing import Any

from conformance.harness import CHILD_WAIT
from conformance.targets import told


def put_range(q: Any, n: int, tag: object = None) -> None:
    """Put 0..n-1 (or (tag, i) when a tag is given) on the queue, in order."""
    for i in range(n):
        q.put(i if tag is None else (tag, i))


def put_after(q: Any, event: Any, obj: object) -> None:
    """Put ``obj`` once the parent sets ``event``."""
    event.wait(CHILD_WAIT)
    q.put(obj)


def put_when_told(q: Any, go: Any, obj: object, report: Any) -> None:
    """Say "ready" on ``report``; once ``go`` is set, put ``obj`` and report the
    moment of the put (``time.monotonic()``, one clock for every process of the
    machine)."""
    report.send("ready")
    told(go)
    sent = time.monotonic()
    q.put(obj)
    report.send(sent)
    report.close()


def get_one_when_told(q: Any, go: Any, report: Any) -> None:
    """Say "ready" on ``report``; once ``go`` is set, take one item off the queue;
    report it and the moment the get() returned (the slot it freed)."""
    report.send("ready")
    told(go)
    item = q.get(timeout=CHILD_WAIT)
    report.send((item, time.monotonic()))
    report.close()


def put_doc_example(q: Any) -> None:
    """The documentation's example: put [42, None, 'hello']."""
    q.put([42, None, "hello"])


def get_one_after(q: Any, event: Any, report: Any) -> None:
    """Once ``event`` is set, take one item off the queue and report it."""
    event.wait(CHILD_WAIT)
    report.send(q.get(timeout=CHILD_WAIT))
    report.close()


def put_then_close(q: Any, n: int) -> None:
    """Put 0..n-1, close the queue, and leave without joining the feeder thread."""
    for i in range(n):
        q.put(i)
    q.close()


def close_and_report(q: Any, report: Any) -> None:
    """Close this process's handle on the queue, then say so."""
    q.close()
    report.send("closed")
    report.close()


def put_close_join_then_report(q: Any, n: int, report: Any) -> None:
    """Put 0..n-1, close, join the feeder thread, and only then report."""
    for i in range(n):
        q.put(i)
    q.close()
    q.join_thread()
    report.send("joined")
    report.close()


def put_unconsumed_then_cancel(q: Any, size: int, report: Any) -> None:
    """Put more than a pipe holds (nobody reads it), cancel the join, close, join.

    join_thread() must return at once; the process must then exit although
    the data was never flushed."""
    q.put(b"\0" * size)
    q.cancel_join_thread()
    q.close()
    q.join_thread()
    report.send("join_thread returned")
    report.close()


def consume_until(q: Any, stop: Any, report: Any) -> None:
    """Take items until ``stop`` comes, then report the items taken."""
    taken = []
    while True:
        item = q.get(timeout=CHILD_WAIT)
        if item == stop:
            break
        taken.append(item)
    report.send(taken)
    report.close()


def consume_holding_last_task(q: Any, n: int, report: Any, release: Any) -> None:
    """Take n items, call task_done() for all but the last, report, and call it
    for the last one only once ``release`` is set."""
    for _ in range(n):
        q.get(timeout=CHILD_WAIT)
    for _ in range(n - 1):
        q.task_done()
    report.send("holding the last task")
    release.wait(CHILD_WAIT)
    q.task_done()
    report.close()


def put_unconsumed_then_exit(q: Any, size: int) -> None:
    """Put more than a pipe holds (nobody reads it), cancel the join, and exit."""
    q.put(b"\0" * size)
    q.cancel_join_thread()
