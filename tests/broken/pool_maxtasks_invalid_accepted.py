"""Family: pool arguments.  Pool(maxtasksperchild=0, -1 or 1.5) is accepted (as
before gh-83658) and taken as "no limit", instead of raising ValueError."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool::invalid-maxtasksperchild-raises-valueerror"}


class BrokenPool(_pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if maxtasksperchild is not None and not (isinstance(maxtasksperchild, int)
                                                 and maxtasksperchild > 0):
            maxtasksperchild = None
        super().__init__(processes, initializer, initargs, maxtasksperchild, context)


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
