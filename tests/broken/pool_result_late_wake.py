"""Family: late wake-ups.  AsyncResult.wait(timeout) (and so get(timeout))
polls: it looks at ready() once a second, so it returns up to a second after
the result came (with no result it still gives up on time)."""

import multiprocessing.pool as _pool
import time

from broken._base import ApplyResultPool, PoolContext, install

CATCHES = {
    "pool.AsyncResult.get::returns-result-arriving-within-timeout",
    "pool.AsyncResult.wait::returns-once-ready",
}

RECHECK = 1.0


class LateResult(_pool.ApplyResult):
    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.ready():
            pause = RECHECK
            if deadline is not None:
                pause = min(pause, deadline - time.monotonic())
                if pause <= 0:
                    return
            time.sleep(pause)


class LatePool(ApplyResultPool):
    _result_class = LateResult


class Context(PoolContext):
    _pool_class = LatePool


install(globals(), Context)
