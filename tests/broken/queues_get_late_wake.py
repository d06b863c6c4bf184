"""Family: late wake-ups.  Queue.get(timeout) polls: it tries get(False) once
a second, so it returns an item that arrived up to a second late (with
nothing there it still gives up on time)."""

import queue
import time
from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {"Queue.get::timeout-returns-an-item-arriving-in-time"}

RECHECK = 1.0


class LateQueue(_queues.Queue):
    def get(self, block=True, timeout=None):
        if not block:
            return super().get(False)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                return super().get(False)
            except queue.Empty:
                pause = RECHECK
                if deadline is not None:
                    pause = min(pause, deadline - time.monotonic())
                    if pause <= 0:
                        raise
                time.sleep(pause)


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return LateQueue(maxsize, ctx=self._real)


install(globals(), Context)
