"""Family: exceptions from pool workers.  An exception raised by a task reaches
the caller wrapped in a RuntimeError instead of as itself."""

import multiprocessing.pool as _pool

from broken._base import BrokenContext, install

CATCHES = {
    "pool.Pool.apply::worker-exception-reraised",
    "pool.AsyncResult.get::reraises-remote-exception",
}


class WrappingResult(_pool.ApplyResult):
    def get(self, timeout=None):
        try:
            return super().get(timeout)
        except _pool.TimeoutError:
            raise
        except Exception as exc:
            raise RuntimeError(f"task failed: {exc!r}") from None


class BrokenPool(_pool.Pool):
    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = WrappingResult
        return result


class Context(BrokenContext):
    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return BrokenPool(processes, initializer, initargs, maxtasksperchild, context=self._real)


install(globals(), Context)
