"""Family: pool lifecycle.  close() drops the outstanding work (it terminates
the pool) instead of letting the submitted tasks complete."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool.close::outstanding-tasks-complete"}


class BrokenPool(_pool.Pool):
    def close(self):
        self.terminate()


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
