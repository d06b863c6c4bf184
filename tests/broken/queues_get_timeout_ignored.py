"""Family: queue timeouts (get).  get(timeout=t) does not wait: with nothing
there it raises queue.Empty at once, as get(block=False) would."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {
    "Queue.get::timeout-raises-empty-after-timeout",
    "Queue.get::timeout-returns-an-item-arriving-in-time",
}


class NoWaitQueue(_queues.Queue):
    def get(self, block=True, timeout=None):
        if block and timeout is not None:
            return super().get(False)
        return super().get(block, timeout)


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return NoWaitQueue(maxsize, ctx=self._real)


install(globals(), Context)
