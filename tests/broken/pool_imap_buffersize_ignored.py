"""Family: Pool.imap(buffersize=...) (3.16).  buffersize is accepted and ignored:
the whole input is taken at once (an endless one never ends)."""

from multiprocessing import pool as _pool

from broken._base import PoolContext, install

MIN_PYTHON = (3, 16)
CATCHES = {
    "pool.Pool.imap::buffersize-bounds-input-consumption",
    "pool.Pool.imap_unordered::buffersize-bounds-input-consumption",
}


class Pool(_pool.Pool):
    def imap(self, func, iterable, chunksize=1, buffersize=None):
        return super().imap(func, iterable, chunksize)

    def imap_unordered(self, func, iterable, chunksize=1, buffersize=None):
        return super().imap_unordered(func, iterable, chunksize)


class Context(PoolContext):
    _pool_class = Pool


install(globals(), Context)
