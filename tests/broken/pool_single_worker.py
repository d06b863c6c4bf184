"""Family: pool workers.  A pool always starts a single worker process,
whatever *processes* asks for."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {
    "pool.Pool::processes-is-number-of-workers",
    # The same bug seen by the other tests of *processes*: None is not cpu_count(), 0 is
    # not refused, and an initializer runs once, not in each of the workers asked for
    # (that test waits for them all: a timeout).
    "pool.Pool::processes-none-uses-cpu-count",
    "pool.Pool::processes-below-one-raises-valueerror",
    "pool.Pool::initializer-runs-in-each-worker",
}


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return _pool.Pool(1, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
