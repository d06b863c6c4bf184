"""Family: pool timeouts.  AsyncResult.wait(timeout) and get(timeout) do not
wait: when the result is not there yet they give up at once."""

import multiprocessing.pool as _pool

from broken._base import ApplyResultPool, PoolContext, install

CATCHES = {
    "pool.AsyncResult.get::timeout-raises-timeouterror",
    "pool.AsyncResult.wait::timeout-expires-when-not-ready",
}


class ImpatientResult(_pool.ApplyResult):
    def wait(self, timeout=None):
        super().wait(None if timeout is None else 0)


class BrokenPool(ApplyResultPool):
    _result_class = ImpatientResult


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
