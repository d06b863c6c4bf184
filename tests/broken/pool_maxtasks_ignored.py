"""Family: pool workers.  maxtasksperchild is ignored: workers are never replaced."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {"pool.Pool::maxtasksperchild-replaces-worker"}


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return _pool.Pool(processes, initializer, initargs, None, context=self._real)


install(globals(), Context)
