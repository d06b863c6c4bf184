"""Family: queue size reporting.  full() always says False, even with maxsize
items in the queue."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {
    "Queue.full::true-at-maxsize-false-below",
    "Queue.full::reflects-items-put-by-another-process",
}


class NeverFullQueue(_queues.Queue):
    def full(self):
        return False


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return NeverFullQueue(maxsize, ctx=self._real)


install(globals(), Context)
