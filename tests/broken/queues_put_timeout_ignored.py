"""Family: queue timeouts (put).  put(obj, timeout=t) on a full queue does not
wait for a free slot: it raises queue.Full at once."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {
    "Queue.put::timeout-raises-full-after-timeout",
    "Queue.put::blocked-put-completes-when-a-slot-frees",
}


class NoWaitPutQueue(_queues.Queue):
    def put(self, obj, block=True, timeout=None):
        if block and timeout is not None:
            return super().put(obj, False)
        return super().put(obj, block, timeout)


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return NoWaitPutQueue(maxsize, ctx=self._real)


install(globals(), Context)
