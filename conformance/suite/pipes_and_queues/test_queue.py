"""Tests of Queue, Queue.qsize, Queue.full, Queue.empty, Queue.put, Queue.put_nowait, Queue.get,
Queue.get_nowait, Queue.close, Queue.join_thread and Queue.cancel_join_thread.

Pipes and Queues: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Queue
"""

from __future__ import annotations

import queue

import pytest

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.platform_facts import NO_SEM_GETVALUE_PLATFORMS
from conformance.suite.pipes_and_queues._support import (
    check_fifo_from_one_producer,
    check_order_per_producer,
    take,
)
from conformance.targets import queues as t


def wait_not_empty(q):
    """After a put there "may be an infinitesimal delay" before empty() is False."""
    harness.until(lambda: not q.empty(), what="the queue to report an item")


@feature("Queue::fifo-for-one-producer")
def test_queue_fifo_for_one_producer(ctx):
    """A burst of items put by one child comes out of a Queue in the order put."""
    check_fifo_from_one_producer(ctx, ctx.Queue(), take)


@feature("Queue::order-kept-per-producer")
def test_queue_order_kept_per_producer(ctx):
    """With two producer children, each one's items come out of a Queue in its order."""
    check_order_per_producer(ctx, ctx.Queue(), take)


# --------------------------------------------------------------------------- Queue: size


@feature("Queue::maxsize-limits-the-items")
def test_queue_maxsize_limits_the_items(mp):
    """Queue(maxsize=3) takes three items without blocking and refuses a fourth."""
    q = mp.Queue(3)
    for i in range(3):
        q.put_nowait(i)
    with pytest.raises(queue.Full):
        q.put_nowait(3)


@feature("Queue::lacks-task-done-and-join")
def test_queue_lacks_task_done_and_join(mp):
    """Queue, unlike queue.Queue and JoinableQueue, has no task_done() or join()."""
    q = mp.Queue()
    assert not hasattr(q, "task_done") and not hasattr(q, "join"), (
        "Queue offers task_done()/join(), which the docs reserve for JoinableQueue")


@feature("Queue::offers-the-methods-of-queue-queue")
def test_queue_offers_the_methods_of_queue_queue(mp):
    """Queue implements every method of queue.Queue except task_done(), join() and shutdown()."""
    q = mp.Queue()
    try:
        absent = [name for name in ("qsize", "empty", "full", "put", "put_nowait", "get",
                                    "get_nowait") if not callable(getattr(q, name, None))]
        assert not absent, f"Queue lacks {absent}"
    finally:
        q.close()


@feature("Queue::type-is-generic", de_facto=True, min_python=(3, 12),
         reason="multiprocessing.queues.Queue[...] from Python 3.12 (gh-99509)")
def test_queue_type_is_generic(mp):
    """The type of a Queue can be subscripted (Queue[int]), a types.GenericAlias."""
    import types

    q = mp.Queue()
    try:
        alias = type(q)[int]
    finally:
        q.close()
    assert isinstance(alias, types.GenericAlias) and alias.__origin__ is type(q), alias


@feature("Queue::unbounded-without-maxsize")
def test_queue_unbounded_without_maxsize(mp):
    """Queue() without maxsize never reports full (as queue.Queue)."""
    q = mp.Queue()
    for i in range(100):
        q.put_nowait(i)
    assert q.full() is False
    assert [harness.get(q) for _ in range(100)] == list(range(100))


@feature("Queue.qsize::counts-the-items", not_platforms=NO_SEM_GETVALUE_PLATFORMS,
         reason="qsize() raises NotImplementedError where sem_getvalue() is missing (macOS)")
def test_queue_qsize_counts_the_items(mp):
    """qsize() is 0 for a new queue, counts the items put, and goes down on get()."""
    q = mp.Queue()
    assert q.qsize() == 0
    for i in range(3):
        q.put(i)
    assert q.qsize() == 3
    harness.get(q)
    assert q.qsize() == 2
    harness.get(q), harness.get(q)
    assert q.qsize() == 0


@feature("Queue.qsize::not-implemented-without-sem-getvalue", de_facto=True,
         platforms=NO_SEM_GETVALUE_PLATFORMS,
         reason="only where sem_getvalue() is not implemented (macOS)")
def test_queue_qsize_not_implemented_without_sem_getvalue(mp):
    """On macOS qsize() raises NotImplementedError (no sem_getvalue())."""
    with pytest.raises(NotImplementedError):
        mp.Queue().qsize()


@pytest.fixture(scope="module")
def filled_by_child(mp, start_method):
    """A Queue(2) that a child (of each start method) filled; the tests only look at it."""
    ctx = mp.get_context(start_method)
    q = ctx.Queue(2)
    harness.run(ctx, t.put_range, q, 2)
    return q


@feature("Queue.full::reflects-items-put-by-another-process")
def test_queue_full_reflects_items_put_by_another_process(filled_by_child):
    """full() is True in the parent once a child has put maxsize items."""
    assert filled_by_child.full() is True


@feature("Queue.qsize::counts-items-put-by-another-process",
         not_platforms=NO_SEM_GETVALUE_PLATFORMS,
         reason="qsize() raises NotImplementedError where sem_getvalue() is missing (macOS)")
def test_queue_qsize_counts_items_put_by_another_process(filled_by_child):
    """qsize() in the parent counts the items a child put."""
    assert filled_by_child.qsize() == 2


@feature("Queue.empty::false-for-items-put-by-another-process")
def test_queue_empty_false_for_items_put_by_another_process(filled_by_child):
    """empty() is False in the parent once a child's items have been flushed."""
    wait_not_empty(filled_by_child)
    assert filled_by_child.empty() is False


@feature("Queue.empty::true-for-a-new-queue")
def test_queue_empty_true_for_a_new_queue(mp):
    """empty() is True for a queue nothing was put on."""
    assert mp.Queue().empty() is True


@feature("Queue.empty::false-with-an-item-true-once-taken")
def test_queue_empty_false_with_an_item(mp):
    """empty() turns False once a put item has arrived, and True again once it is taken."""
    q = mp.Queue()
    q.put("item")
    wait_not_empty(q)
    assert q.empty() is False
    assert harness.get(q) == "item"
    assert q.empty() is True


@feature("Queue.full::true-at-maxsize-false-below")
def test_queue_full_true_at_maxsize(mp):
    """full() is False below maxsize, True with maxsize items, False again after a get."""
    q = mp.Queue(2)
    assert q.full() is False
    q.put(1)
    assert q.full() is False
    q.put(2)
    assert q.full() is True
    assert harness.get(q) == 1
    assert q.full() is False


# --------------------------------------------------------------------------- Queue: put


@feature("Queue.put::block-false-on-full-raises-full-at-once")
def test_queue_put_block_false_raises_full_at_once(mp):
    """put(obj, False) on a full queue raises queue.Full at once, ignoring the timeout."""
    q = mp.Queue(1)
    q.put("first")
    with harness.stopwatch() as watch, pytest.raises(queue.Full):
        q.put("second", False, harness.WAIT)
    harness.assert_gave_up_after(watch.elapsed, 0.0, "put(block=False) on a full queue")


@feature("Queue.put_nowait::full-queue-raises-full")
def test_queue_put_nowait_full_queue_raises_full(mp):
    """put_nowait() on a full queue raises queue.Full."""
    q = mp.Queue(1)
    q.put_nowait("first")
    with pytest.raises(queue.Full):
        q.put_nowait("second")


@feature("Queue.put_nowait::puts-when-there-is-room")
def test_queue_put_nowait_puts_when_there_is_room(mp):
    """put_nowait() on a queue with room puts the item."""
    q = mp.Queue(1)
    q.put_nowait("fits")
    assert harness.get(q) == "fits"


@feature("Queue.put::timeout-raises-full-after-timeout")
def test_queue_put_timeout_raises_full_after_timeout(mp):
    """put(obj, timeout=t) on a full queue raises queue.Full after about t seconds."""
    q = mp.Queue(1)
    q.put("first")
    with harness.stopwatch() as watch, pytest.raises(queue.Full):
        q.put("second", timeout=harness.SHORT)
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "put(timeout) on a full queue")


@feature("Queue.put::blocked-put-completes-when-a-slot-frees")
def test_queue_put_blocked_put_completes_when_a_slot_frees(ctx):
    """A put(timeout) on a full queue completes as soon as a child takes an item."""
    q = ctx.Queue(1)
    q.put("first")
    assert q.full() is True
    go = ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.get_one_when_told, q, go, reporter,
                         release_on_exit=(go,)) as p:
        assert harness.recv(receiver) == "ready"
        harness.blocked(p, what="the child")  # waiting to be told, before the waiter starts
        taken = []

        def release():
            go.set()
            item, freed = harness.recv(receiver)
            taken.append(item)
            return freed

        # The put is observably blocked on the full queue before the child takes an item.
        harness.woken(lambda: q.put("second", timeout=harness.WAIT), release,
                      "put(timeout) while a child freed a slot")
        assert taken == ["first"], f"the child took {taken!r}"
    assert harness.get(q) == "second"


@feature("Queue.put::closed-queue-raises-valueerror")
def test_queue_put_closed_queue_raises_valueerror(mp):
    """put() on a queue this process closed raises ValueError (3.8+)."""
    q = mp.Queue()
    q.close()
    with pytest.raises(ValueError):
        q.put("late")


# --------------------------------------------------------------------------- Queue: get


@feature("Queue.get::block-false-on-empty-raises-empty-at-once")
def test_queue_get_block_false_raises_empty_at_once(mp):
    """get(False) on an empty queue raises queue.Empty at once, ignoring the timeout."""
    q = mp.Queue()
    with harness.stopwatch() as watch, pytest.raises(queue.Empty):
        q.get(False, harness.WAIT)
    harness.assert_gave_up_after(watch.elapsed, 0.0, "get(block=False) on an empty queue")


@feature("Queue.get::block-false-returns-an-available-item")
def test_queue_get_block_false_returns_an_available_item(mp):
    """get(False) returns an item that is there."""
    q = mp.Queue()
    q.put({"k": 1})
    wait_not_empty(q)
    assert q.get(False) == {"k": 1}


@feature("Queue.get_nowait::empty-queue-raises-empty")
def test_queue_get_nowait_empty_queue_raises_empty(mp):
    """get_nowait() on an empty queue raises queue.Empty."""
    with pytest.raises(queue.Empty):
        mp.Queue().get_nowait()


@feature("Queue.get_nowait::returns-an-available-item")
def test_queue_get_nowait_returns_an_available_item(mp):
    """get_nowait() returns an item that is there."""
    q = mp.Queue()
    q.put(("a", 1))
    wait_not_empty(q)
    assert q.get_nowait() == ("a", 1)


@feature("Queue.get::block-true-waits-for-an-item")
def test_queue_get_block_true_waits_for_an_item(mp):
    """get() on an empty queue waits until an item is put, then returns it."""
    q = mp.Queue()
    getter = Background(q.get)
    assert not getter.finished(harness.SHORT), "get() returned on an empty queue"
    q.put("late")
    assert getter.result() == "late"


@feature("Queue.get::timeout-raises-empty-after-timeout")
def test_queue_get_timeout_raises_empty_after_timeout(mp):
    """get(timeout=t) on an empty queue raises queue.Empty after about t seconds."""
    q = mp.Queue()
    with harness.stopwatch() as watch, pytest.raises(queue.Empty):
        q.get(timeout=harness.SHORT)
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "get(timeout) on an empty queue")


@feature("Queue.get::timeout-returns-an-item-arriving-in-time")
def test_queue_get_timeout_returns_an_item_arriving_in_time(ctx):
    """get(timeout=t) returns an item a child puts while it waits, before t is out."""
    q = ctx.Queue()
    go = ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.put_when_told, q, go, "arrived", reporter,
                         release_on_exit=(go,)) as p:
        assert harness.recv(receiver) == "ready"
        harness.blocked(p, what="the child")  # waiting to be told, before the waiter starts

        def get():
            try:
                return q.get(timeout=harness.WAIT)
            except queue.Empty:
                return queue.Empty

        def release():
            go.set()
            return harness.recv(receiver)

        # The get is observably blocked on the empty queue before the child puts.
        item = harness.woken(get, release, "get(timeout)")
        assert item == "arrived", "get(timeout) raised queue.Empty although an item came"
        harness.join(p)


@feature("Queue.get::closed-queue-raises-valueerror")
def test_queue_get_closed_queue_raises_valueerror(mp):
    """get() on a queue this process closed raises ValueError (3.8+)."""
    q = mp.Queue()
    q.close()
    with pytest.raises(ValueError):
        q.get(timeout=harness.SHORT)


# --------------------------------------------------------------------------- Queue: feeder thread


@feature("Queue.close::buffered-data-still-delivered")
def test_queue_close_buffered_data_still_delivered(ctx):
    """Items a child put before close() reach the parent: the feeder flushes them."""
    q = ctx.Queue()
    with harness.started(ctx, t.put_then_close, q, 50) as p:
        got = [harness.get(q) for _ in range(50)]
        harness.join(p)
    assert got == list(range(50))


@feature("Queue.close::affects-only-the-closing-process")
def test_queue_close_affects_only_the_closing_process(ctx):
    """A child closing the queue does not stop the parent using it."""
    q = ctx.Queue()
    receiver, reporter = ctx.Pipe(duplex=False)
    harness.run(ctx, t.close_and_report, q, reporter)
    assert harness.recv(receiver) == "closed"
    q.put("still open here")
    assert harness.get(q) == "still open here"


@feature("Queue.join_thread::flushes-buffered-data")
def test_queue_join_thread_flushes_buffered_data(ctx):
    """Once join_thread() returns in a child, everything it put is in the pipe."""
    q = ctx.Queue()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.put_close_join_then_report, q, 20, reporter) as p:
        assert harness.recv(receiver) == "joined"
        # Nothing is left in the child's buffer: every item is there at once.
        got = []
        for _ in range(20):
            try:
                got.append(q.get_nowait())
            except queue.Empty:
                break
        harness.join(p)
    assert got == list(range(20)), (
        f"only {len(got)} of 20 items were in the pipe when join_thread() had returned")


@feature("Queue.join_thread::refused-before-close", de_facto=True)
def test_queue_join_thread_refused_before_close(mp):
    """join_thread() before close() raises (stdlib: AssertionError)."""
    q = mp.Queue()
    with pytest.raises(AssertionError):
        q.join_thread()


PIPE_OVERFLOW = 4 * 1024 * 1024  # more than any OS pipe buffer holds


@feature("Queue.cancel_join_thread::join-thread-does-not-block")
def test_queue_cancel_join_thread_join_thread_does_not_block(ctx):
    """After cancel_join_thread(), join_thread() returns although data is unflushed."""
    q = ctx.Queue()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.put_unconsumed_then_cancel, q, PIPE_OVERFLOW, reporter) as p:
        assert harness.recv(receiver) == "join_thread returned"
        harness.join(p)


@feature("Queue.cancel_join_thread::process-exits-without-flushing")
def test_queue_cancel_join_thread_process_exits_without_flushing(ctx):
    """A child that called cancel_join_thread() exits although nobody took its data."""
    q = ctx.Queue()
    p = harness.run(ctx, t.put_unconsumed_then_exit, q, PIPE_OVERFLOW)
    assert p.exitcode == 0
