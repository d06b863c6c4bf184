"""Family: pool timeouts.  AsyncResult.get(timeout) raises the built-in
TimeoutError instead of multiprocessing.TimeoutError when the result does not
arrive in time."""

import builtins
import multiprocessing.pool as _pool

from broken._base import ApplyResultPool, PoolContext, install

CATCHES = {"pool.AsyncResult.get::timeout-raises-timeouterror"}


class BuiltinTimeoutResult(_pool.ApplyResult):
    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise builtins.TimeoutError("result not ready")  # not multiprocessing's
        return super().get(0)


class BrokenPool(ApplyResultPool):
    _result_class = BuiltinTimeoutResult


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
