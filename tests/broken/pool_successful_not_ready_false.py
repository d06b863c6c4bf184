"""Family: AsyncResult state.  successful() returns False for a result that is
not ready instead of raising ValueError."""

import multiprocessing.pool as _pool

from broken._base import ApplyResultPool, PoolContext, install

CATCHES = {"pool.AsyncResult.successful::not-ready-raises-valueerror"}


class LenientResult(_pool.ApplyResult):
    def successful(self):
        return self.ready() and super().successful()


class BrokenPool(ApplyResultPool):
    _result_class = LenientResult


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
