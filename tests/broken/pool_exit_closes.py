"""Family: pool lifecycle.  Leaving a ``with Pool()`` block calls close()
instead of terminate(): outstanding work goes on and the workers stay."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool::context-manager-exit-terminates"}


class BrokenPool(_pool.Pool):
    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
