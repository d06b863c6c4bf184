"""Family: Pool arguments.  maxtasksperchild is not checked: 0, -1 and 1.5 make a
pool (whose workers then keep going as if it were None)."""

from multiprocessing import pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool::maxtasksperchild-not-positive-int-raises-valueerror"}


class Pool(_pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        super().__init__(processes, initializer, initargs, None, context)
        self._maxtasksperchild = maxtasksperchild


class Context(PoolContext):
    _pool_class = Pool


install(globals(), Context)
