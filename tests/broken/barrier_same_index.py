"""Family: Barrier rounds.  wait() returns the same index (0) to every party
instead of a distinct one in range(parties)."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install

CATCHES = {"Barrier::wait-returns-distinct-indices"}


class BrokenBarrier(_sync.Barrier):
    def wait(self, timeout=None):
        super().wait(timeout)
        return 0


class Context(BrokenContext):
    def Barrier(self, parties, action=None, timeout=None):
        return BrokenBarrier(parties, action, timeout, ctx=self._real.get_context())


install(globals(), Context)
