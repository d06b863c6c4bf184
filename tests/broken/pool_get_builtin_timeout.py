"""Family: pool timeouts.  AsyncResult.get(timeout) raises the built-in
TimeoutError instead of multiprocessing.TimeoutError when the result does not
arrive in time."""

import builtins
import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {"pool.AsyncResult.get::timeout-raises-timeouterror"}


class BuiltinTimeoutResult(_pool.ApplyResult):
    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise builtins.TimeoutError("result not ready")  # not multiprocessing's
        return super().get(0)


class BrokenPool(_pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = BuiltinTimeoutResult
        return result


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return BrokenPool(processes, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
