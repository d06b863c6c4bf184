"""Family: pool workers.  A pool always starts a single worker process,
whatever *processes* asks for."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {"pool.Pool::processes-is-number-of-workers"}


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return _pool.Pool(1, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
