"""Family: queue ordering.  get() takes every item already in the pipe and hands
them out newest first, so a burst comes out reversed (for Queue, JoinableQueue
and SimpleQueue alike)."""

import queue as _queue
from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {
    "Queue::fifo-for-one-producer",
    "Queue::order-kept-per-producer",
    "SimpleQueue::fifo-for-one-producer",
    "SimpleQueue::order-kept-per-producer",
    "JoinableQueue::fifo-for-one-producer",
    "JoinableQueue::order-kept-per-producer",
}


class _NewestFirst:
    def get(self, block=True, timeout=None):
        stash = self.__dict__.setdefault("_stash", [])
        if not stash:
            stash.append(super().get(block, timeout))
            while True:
                try:
                    stash.append(super().get(False))
                except _queue.Empty:
                    break
        return stash.pop()


class ReorderingQueue(_NewestFirst, _queues.Queue):
    pass


class ReorderingJoinableQueue(_NewestFirst, _queues.JoinableQueue):
    pass


class ReorderingSimpleQueue(_queues.SimpleQueue):
    def get(self):
        stash = self.__dict__.setdefault("_stash", [])
        if not stash:
            stash.append(super().get())
            while not super().empty():
                stash.append(super().get())
        return stash.pop()

    def empty(self):
        return not self.__dict__.get("_stash") and super().empty()


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return ReorderingQueue(maxsize, ctx=self._real)

    def JoinableQueue(self, maxsize=0):
        return ReorderingJoinableQueue(maxsize, ctx=self._real)

    def SimpleQueue(self):
        return ReorderingSimpleQueue(ctx=self._real)


install(globals(), Context)
