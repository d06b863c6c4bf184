"""Family: pool workers.  The initializer runs in the first worker of a pool
only, not in each worker."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {"pool.Pool::initializer-runs-in-each-worker"}


class FirstWorkerOnly:
    """Runs the real initializer in the first worker that starts, nowhere else."""

    def __init__(self, initializer, counter):
        self.initializer = initializer
        self.counter = counter

    def __call__(self, *args):
        with self.counter.get_lock():
            first = self.counter.value == 0
            self.counter.value += 1
        if first:
            self.initializer(*args)


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        if initializer is not None:
            initializer = FirstWorkerOnly(initializer, self._real.Value("i", 0))
        return _pool.Pool(processes, initializer, initargs, maxtasksperchild,
                          context=self._real)


install(globals(), Context)
