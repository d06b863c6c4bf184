"""Family: Barrier actions.  An exception in the action marks the barrier broken
only in the process that ran it (a flag of its own, not the shared state): there
wait() raises and broken is True, but the parties in other processes stay
waiting until their timeout."""

import multiprocessing.synchronize as _sync
import threading

from broken._base import BrokenContext, install

CATCHES = {"Barrier::action-exception-breaks-barrier"}


class LocallyBrokenBarrier(_sync.Barrier):
    _broken_here = False

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._broken_here = True  # not shared with the other processes
            raise

    @property
    def broken(self):
        return self._broken_here or super().broken

    def wait(self, timeout=None):
        if self._broken_here:
            raise threading.BrokenBarrierError
        return super().wait(timeout)


class Context(BrokenContext):
    def Barrier(self, parties, action=None, timeout=None):
        return LocallyBrokenBarrier(parties, action, timeout, ctx=self._real.get_context())


install(globals(), Context)
