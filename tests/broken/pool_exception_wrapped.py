"""Family: exceptions from pool workers.  An exception raised by a task reaches
the caller wrapped in a RuntimeError instead of as itself."""

import multiprocessing.pool as _pool

from broken._base import ApplyResultPool, PoolContext, install

CATCHES = {
    "pool.Pool.apply::worker-exception-reraised",
    "pool.AsyncResult.get::reraises-remote-exception",
}


class WrappingResult(_pool.ApplyResult):
    def get(self, timeout=None):
        try:
            return super().get(timeout)
        except _pool.TimeoutError:
            raise
        except Exception as exc:
            raise RuntimeError(f"task failed: {exc!r}") from None


class BrokenPool(ApplyResultPool):
    _result_class = WrappingResult


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
