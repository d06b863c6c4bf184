"""Family: multiprocessing.dummy.  dummy.Pool() returns a pool of processes
instead of a ThreadPool."""

import multiprocessing.dummy as _dummy
import multiprocessing.pool as _pool
import types

from broken._base import BrokenContext, install

CATCHES = {"dummy::pool-is-a-threadpool"}


def _process_pool(processes=None, initializer=None, initargs=()):
    return _pool.Pool(processes, initializer, initargs)


dummy = types.ModuleType(f"{__name__}.dummy")
dummy.__dict__.update({k: v for k, v in vars(_dummy).items() if not k.startswith("__")})
dummy.Pool = _process_pool

install(globals(), BrokenContext)
