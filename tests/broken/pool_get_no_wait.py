"""Family: pool timeouts.  AsyncResult.wait(timeout) and get(timeout) do not
wait: when the result is not there yet they give up at once."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {
    "pool.AsyncResult.get::timeout-raises-timeouterror",
    "pool.AsyncResult.wait::timeout-expires-when-not-ready",
}


class ImpatientResult(_pool.ApplyResult):
    def wait(self, timeout=None):
        super().wait(None if timeout is None else 0)


class BrokenPool(_pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = ImpatientResult
        return result


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return BrokenPool(processes, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
