"""Family: pool results.  map() with a chunksize above one returns the chunks'
results in reverse chunk order (each chunk's own results stay in order)."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool.map::chunksize-keeps-order"}


class BrokenPool(_pool.Pool):
    def map(self, func, iterable, chunksize=None):
        results = super().map(func, iterable, chunksize)
        if not chunksize or chunksize < 2:
            return results
        chunks = [results[i:i + chunksize] for i in range(0, len(results), chunksize)]
        return [value for chunk in reversed(chunks) for value in chunk]


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
