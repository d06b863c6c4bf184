"""Family: late wake-ups.  AsyncResult.wait(timeout) (and so get(timeout))
polls: it looks at ready() once a second, so it returns up to a second after
the result came (with no result it still gives up on time)."""

import multiprocessing.pool as _pool

from broken._base import ApplyResultPool, PoolContext, install, recheck

CATCHES = {
    "pool.AsyncResult.get::returns-result-arriving-within-timeout",
    "pool.AsyncResult.wait::returns-once-ready",
}


class LateResult(_pool.ApplyResult):
    def wait(self, timeout=None):
        recheck(self.ready, timeout)


class LatePool(ApplyResultPool):
    _result_class = LateResult


class Context(PoolContext):
    _pool_class = LatePool


install(globals(), Context)
