"""Tests of guidelines.joining-queue-processes.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#all-start-methods
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import feature
from conformance.targets import guidelines as t

# --------------------------------------------------------------------------- queues


@feature("guidelines.joining-queue-processes::child-exits-once-queue-data-consumed")
def test_joining_queue_processes_child_exits_once_data_consumed(ctx):
    """A child that put large data on a queue ends only once the data is consumed.

    Then it ends normally.
    """
    q = ctx.Queue()
    try:
        with harness.started(ctx, t.put_large, q) as p:
            p.join(harness.SHORT)
            assert p.exitcode is None, (
                f"the child ended (exitcode {p.exitcode}) before its queued data was consumed")
            assert harness.get(q) == b"X" * t.LARGE
            harness.join(p)
            assert p.exitcode == 0
    finally:
        q.close()
        q.join_thread()


@feature("guidelines.joining-queue-processes::cancel-join-thread-lets-child-exit")
def test_joining_queue_processes_cancel_join_thread_lets_child_exit(ctx):
    """A child that called cancel_join_thread() ends without its data being consumed."""
    q = ctx.Queue()
    try:
        p = harness.run(ctx, t.put_large_and_cancel_join_thread, q)
        assert p.exitcode == 0
    finally:
        q.close()
        q.join_thread()
