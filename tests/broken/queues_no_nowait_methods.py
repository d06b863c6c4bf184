"""Family: Queue's methods.  Queue offers put() and get() but not their
non-blocking shorthands put_nowait() and get_nowait()."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {"Queue::offers-the-methods-of-queue-queue"}


class Queue(_queues.Queue):
    put_nowait = None
    get_nowait = None


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return Queue(maxsize, ctx=self._real)


install(globals(), Context)
