"""Family: pool workers.  multiprocessing.pool.Pool ignores its *context*
argument and always starts its workers with fork."""

import multiprocessing.pool as _pool
import types

from broken._base import BrokenContext, install

CATCHES = {"pool.Pool::context-selects-start-method"}
START_METHODS = ("spawn", "forkserver")


class ContextlessPool(_pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        super().__init__(processes, initializer, initargs, maxtasksperchild,
                         _pool.get_context("fork"))


pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({k: v for k, v in vars(_pool).items() if not k.startswith("__")})
pool.Pool = ContextlessPool

install(globals(), BrokenContext)
