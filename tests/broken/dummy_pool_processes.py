"""Family: multiprocessing.dummy.  dummy.Pool() returns a pool of processes
instead of a ThreadPool."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"dummy::pool-is-a-threadpool"}


def _process_pool(processes=None, initializer=None, initargs=()):
    return _pool.Pool(processes, initializer, initargs)


patch_submodule(globals(), "dummy", Pool=_process_pool)

install(globals(), BrokenContext)
