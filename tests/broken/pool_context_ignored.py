"""Family: pool workers.  multiprocessing.pool.Pool ignores its *context*
argument and always starts its workers with fork."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"pool.Pool::context-selects-start-method"}
START_METHODS = ("spawn", "forkserver")


class ContextlessPool(_pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        super().__init__(processes, initializer, initargs, maxtasksperchild,
                         _pool.get_context("fork"))


patch_submodule(globals(), "pool", Pool=ContextlessPool)

install(globals(), BrokenContext)
