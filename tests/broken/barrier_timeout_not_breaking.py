"""Family: Barrier breakage.  A wait() that times out raises BrokenBarrierError in
the party that timed out but does not break the barrier: the other waiters keep
waiting and ``broken`` stays False."""

import multiprocessing.synchronize as _sync
import threading

from broken._base import BrokenContext, install

CATCHES = {"Barrier::timed-out-wait-breaks-for-every-waiter"}


class BrokenBarrier(_sync.Barrier):
    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            raise threading.BrokenBarrierError  # without self._break()
        if self._state < 0:
            raise threading.BrokenBarrierError


class Context(BrokenContext):
    def Barrier(self, parties, action=None, timeout=None):
        return BrokenBarrier(parties, action, timeout, ctx=self._real.get_context())


install(globals(), Context)
