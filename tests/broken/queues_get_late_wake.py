"""Family: late wake-ups.  Queue.get(timeout) polls: it tries get(False) once
a second, so it returns an item that arrived up to a second late (with
nothing there it still gives up on time)."""

import queue
from multiprocessing import queues as _queues

from broken._base import BrokenContext, install, recheck

CATCHES = {"Queue.get::timeout-returns-an-item-arriving-in-time"}


class LateQueue(_queues.Queue):
    def get(self, block=True, timeout=None):
        if not block:
            return super().get(False)
        if not recheck(lambda: not self.empty(), timeout):
            raise queue.Empty
        return super().get(False)


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return LateQueue(maxsize, ctx=self._real)


install(globals(), Context)
