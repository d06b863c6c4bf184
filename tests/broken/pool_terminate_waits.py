"""Family: pool lifecycle.  terminate() (and so leaving a ``with Pool()`` block)
lets the workers finish the tasks they were given before it stops them, instead
of stopping them immediately."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool.terminate::stops-workers-without-completing-work",
           "pool.Pool::context-manager-exit-terminates"}


class BrokenPool(_pool.Pool):
    def terminate(self):
        for result in list(self._cache.values()):
            if hasattr(result, "wait"):
                result.wait()
        super().terminate()


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
