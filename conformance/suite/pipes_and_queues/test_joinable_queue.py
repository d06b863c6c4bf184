"""Tests of JoinableQueue, JoinableQueue.task_done and JoinableQueue.join.

Pipes and Queues: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.JoinableQueue
"""

from __future__ import annotations

import queue

import pytest

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.suite.pipes_and_queues._support import (
    check_fifo_from_one_producer,
    check_order_per_producer,
    take,
)
from conformance.targets import queues as t


@feature("JoinableQueue::fifo-for-one-producer")
def test_joinablequeue_fifo_for_one_producer(ctx):
    """A burst of items put by one child comes out of a JoinableQueue in the order put."""
    check_fifo_from_one_producer(ctx, ctx.JoinableQueue(), take)


@feature("JoinableQueue::order-kept-per-producer")
def test_joinablequeue_order_kept_per_producer(ctx):
    """With two producer children, each one's items come out of a JoinableQueue in its order."""
    check_order_per_producer(ctx, ctx.JoinableQueue(), take)


# --------------------------------------------------------------------------- JoinableQueue


@feature("JoinableQueue::is-a-queue")
def test_joinablequeue_is_a_queue(mp):
    """JoinableQueue is a Queue subclass."""
    assert isinstance(mp.JoinableQueue(), type(mp.Queue()))


@feature("JoinableQueue::maxsize-limits-the-items")
def test_joinablequeue_maxsize_limits_the_items(mp):
    """JoinableQueue(maxsize=2) takes two items without blocking and refuses a third."""
    q = mp.JoinableQueue(2)
    q.put_nowait(1)
    q.put_nowait(2)
    with pytest.raises(queue.Full):
        q.put_nowait(3)


@feature("JoinableQueue.task_done::too-many-calls-raise-valueerror")
def test_joinablequeue_task_done_too_many_calls(mp):
    """task_done() called more times than items were put raises ValueError."""
    q = mp.JoinableQueue()
    q.put("task")
    assert harness.get(q) == "task"
    q.task_done()
    with pytest.raises(ValueError):
        q.task_done()


@feature("JoinableQueue.task_done::each-call-completes-one-item")
def test_joinablequeue_task_done_each_call_completes_one_item(mp):
    """With two items taken, join() waits after one task_done() and returns after the second."""
    q = mp.JoinableQueue()
    q.put("first")
    q.put("second")
    harness.get(q), harness.get(q)
    q.task_done()
    joiner = Background(q.join)
    try:
        assert not joiner.finished(harness.SHORT), "join() returned with one task unfinished"
    finally:
        q.task_done()
    joiner.result()


@feature("JoinableQueue.join::returns-at-once-without-unfinished-tasks")
def test_joinablequeue_join_returns_at_once(mp):
    """join() returns at once when every item put was task_done()."""
    q = mp.JoinableQueue()
    q.put("task")
    harness.get(q)
    q.task_done()
    Background(q.join).result()


@feature("JoinableQueue.join::returns-once-every-item-is-task-done")
def test_joinablequeue_join_returns_once_every_item_is_task_done(ctx):
    """join() blocks while a consumer child holds back one task_done(), and returns after it."""
    q = ctx.JoinableQueue()
    for i in range(3):
        q.put(i)
    receiver, reporter = ctx.Pipe(duplex=False)
    release = ctx.Event()
    with harness.started(ctx, t.consume_holding_last_task, q, 3, reporter, release,
                         release_on_exit=(release,)):
        assert harness.recv(receiver) == "holding the last task"
        joiner = Background(q.join)
        assert not joiner.finished(harness.SHORT), (
            "join() returned while one item was not yet task_done()")
        release.set()
        with harness.stopwatch() as watch:
            joiner.result()
        harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "join()")
