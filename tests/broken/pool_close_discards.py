"""Family: pool lifecycle.  close() drops the outstanding work (it terminates
the pool) instead of letting the submitted tasks complete."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {"pool.Pool.close::outstanding-tasks-complete"}


class BrokenPool(_pool.Pool):
    def close(self):
        self.terminate()


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return BrokenPool(processes, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
