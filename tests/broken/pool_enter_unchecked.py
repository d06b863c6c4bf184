"""Family: pool lifecycle.  Entering a ``with`` block on a closed or terminated pool
does not check the pool's state: no ValueError."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool::context-manager-enter-stopped-pool-raises-valueerror"}


class BrokenPool(_pool.Pool):
    def __enter__(self):
        return self


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
