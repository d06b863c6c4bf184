"""Family: pool callbacks.  error_callback is called with the text of the
exception instead of the exception instance."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {
    "pool.Pool.apply_async::error-callback-gets-exception",
    "pool.Pool.map_async::error-callback-gets-exception",
    "pool.Pool.starmap_async::error-callback-gets-exception",
}


class AsText:
    def __init__(self, error_callback):
        self.error_callback = error_callback

    def __call__(self, exc):
        self.error_callback(repr(exc))


def _as_text(error_callback):
    return AsText(error_callback) if error_callback is not None else None


class BrokenPool(_pool.Pool):
    def apply_async(self, func, args=(), kwds=None, callback=None, error_callback=None):
        return super().apply_async(func, args, {} if kwds is None else kwds, callback,
                                   _as_text(error_callback))

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None,
                   error_callback=None):
        return super()._map_async(func, iterable, mapper, chunksize, callback,
                                  _as_text(error_callback))


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
