"""Family: ThreadPool.  multiprocessing.pool.ThreadPool runs its tasks in
worker processes instead of threads of the caller."""

import multiprocessing.pool as _pool
import types

from broken._base import BrokenContext, install

CATCHES = {"pool.ThreadPool::workers-are-threads-of-the-caller"}


class ProcessBackedThreadPool(_pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=()):
        super().__init__(processes, initializer, initargs)


pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({k: v for k, v in vars(_pool).items() if not k.startswith("__")})
pool.ThreadPool = ProcessBackedThreadPool

install(globals(), BrokenContext)
