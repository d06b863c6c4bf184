"""Family: Barrier errors.  A broken barrier raises the implementation's own
BrokenBarrierError (a RuntimeError, as threading's is) instead of
threading.BrokenBarrierError, so `except threading.BrokenBarrierError` misses it."""

import multiprocessing.synchronize as _sync
import threading

from broken._base import BrokenContext, install

CATCHES = {"Barrier::broken-barrier-error-is-threadings"}


class BrokenBarrierError(RuntimeError):
    pass


class OwnErrorBarrier(_sync.Barrier):
    def wait(self, timeout=None):
        try:
            return super().wait(timeout)
        except threading.BrokenBarrierError:
            raise BrokenBarrierError("the barrier is broken") from None


class Context(BrokenContext):
    def Barrier(self, parties, action=None, timeout=None):
        return OwnErrorBarrier(parties, action, timeout, ctx=self._real.get_context())


install(globals(), Context)
