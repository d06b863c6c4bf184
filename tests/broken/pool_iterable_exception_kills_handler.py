"""Family: pool iterables.  The tasks of imap() and imap_unordered() are drawn from
the iterable in the pool's task-handler thread without a guard (and map() is
imap() collected), so an exception raised by the iterable kills that thread: the
exception never reaches the caller and the pool stops taking tasks."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool.map::iterable-exception-propagates",
           "pool.Pool.imap::iterable-exception-raised-at-its-position",
           "pool.Pool.imap_unordered::iterable-exception-propagates"}


class BrokenPool(_pool.Pool):
    def _guarded_task_generation(self, result_job, func, iterable):
        for i, x in enumerate(iterable):
            yield (result_job, i, func, (x,), {})

    def map(self, func, iterable, chunksize=None):
        return list(self.imap(func, iterable, chunksize or 1))


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
