"""Family: ThreadPool.  multiprocessing.pool.ThreadPool runs its tasks in
worker processes instead of threads of the caller."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"pool.ThreadPool::workers-are-threads-of-the-caller"}


class ProcessBackedThreadPool(_pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=()):
        super().__init__(processes, initializer, initargs)


patch_submodule(globals(), "pool", ThreadPool=ProcessBackedThreadPool)

install(globals(), BrokenContext)
