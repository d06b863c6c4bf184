"""Family: AsyncResult state.  successful() returns False for a result that is
not ready instead of raising ValueError."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {"pool.AsyncResult.successful::not-ready-raises-valueerror"}


class LenientResult(_pool.ApplyResult):
    def successful(self):
        return self.ready() and super().successful()


class BrokenPool(_pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = LenientResult
        return result


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return BrokenPool(processes, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
