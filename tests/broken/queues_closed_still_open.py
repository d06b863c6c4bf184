"""Family: a closed queue.  put() and get() ignore that this process closed the
queue instead of raising ValueError."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {
    "Queue.put::closed-queue-raises-valueerror",
    "Queue.get::closed-queue-raises-valueerror",
}


class ClosedStillOpenQueue(_queues.Queue):
    def _ignoring_close(self, method, *args):
        closed, self._closed = self._closed, False
        try:
            return method(*args)
        finally:
            self._closed = closed

    def put(self, obj, block=True, timeout=None):
        return self._ignoring_close(super().put, obj, block, timeout)

    def get(self, block=True, timeout=None):
        return self._ignoring_close(super().get, block, timeout)


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return ClosedStillOpenQueue(maxsize, ctx=self._real)


install(globals(), Context)
