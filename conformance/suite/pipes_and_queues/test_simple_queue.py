"""Tests of SimpleQueue, SimpleQueue.put, SimpleQueue.get, SimpleQueue.empty and SimpleQueue.close.

Pipes and Queues: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.SimpleQueue
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.suite.pipes_and_queues._support import (
    check_fifo_from_one_producer,
    check_order_per_producer,
)


def simple_take(q, n):
    """n items off a SimpleQueue, whose get() takes no timeout: the gets run in a
    background thread, bounded as a whole (and independent of empty())."""
    return Background(lambda: [q.get() for _ in range(n)]).result()


@feature("SimpleQueue::fifo-for-one-producer")
def test_simplequeue_fifo_for_one_producer(ctx):
    """A burst of items put by one child comes out of a SimpleQueue in the order put."""
    check_fifo_from_one_producer(ctx, ctx.SimpleQueue(), simple_take)


@feature("SimpleQueue::order-kept-per-producer")
def test_simplequeue_order_kept_per_producer(ctx):
    """With two producer children, each one's items come out of a SimpleQueue in its order."""
    check_order_per_producer(ctx, ctx.SimpleQueue(), simple_take)


# --------------------------------------------------------------------------- SimpleQueue


@feature("SimpleQueue.put::item-comes-back-equal")
def test_simplequeue_put_item_comes_back_equal(mp):
    """An item put on a SimpleQueue is got back equal."""
    q = mp.SimpleQueue()
    q.put({"nested": [1, 2.5, None]})
    assert simple_take(q, 1) == [{"nested": [1, 2.5, None]}]


@feature("SimpleQueue.get::waits-for-an-item")
def test_simplequeue_get_waits_for_an_item(mp):
    """get() on an empty SimpleQueue waits until an item is put, then returns it."""
    q = mp.SimpleQueue()
    getter = Background(q.get)
    assert not getter.finished(harness.SHORT), "get() returned on an empty SimpleQueue"
    q.put("late")
    assert getter.result() == "late"


@feature("SimpleQueue.empty::true-new-false-with-an-item")
def test_simplequeue_empty(mp):
    """empty() is True for a new SimpleQueue, False with an item, True once it is taken."""
    q = mp.SimpleQueue()
    assert q.empty() is True
    q.put(1)
    harness.until(lambda: not q.empty(), what="empty() to turn False")
    assert q.get() == 1
    assert q.empty() is True


@feature("SimpleQueue.empty::raises-oserror-when-closed")
def test_simplequeue_empty_raises_oserror_when_closed(mp):
    """empty() on a closed SimpleQueue raises OSError."""
    q = mp.SimpleQueue()
    q.put("left behind")
    q.close()
    with pytest.raises(OSError):
        q.empty()


SIMPLEQUEUE_USES = {"get": lambda q: q.get(), "put": lambda q: q.put("late")}


@pytest.mark.parametrize("use", list(SIMPLEQUEUE_USES), ids=list(SIMPLEQUEUE_USES))
@feature("SimpleQueue.close::get-and-put-refused-after-close", de_facto=True)
def test_simplequeue_close_get_and_put_refused(mp, use):
    """get() and put() on a closed SimpleQueue raise OSError."""
    q = mp.SimpleQueue()
    q.put("left behind")  # so that a get() that ignores the close returns, not blocks
    q.close()
    with pytest.raises(OSError):
        SIMPLEQUEUE_USES[use](q)
