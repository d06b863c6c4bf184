"""Family: pool pickling.  A task whose argument cannot be pickled is dropped by
the task handler, and a worker whose result cannot be pickled dies; either way
the task's result never comes and get() waits for good."""

import multiprocessing.pool as _pool
import os

from broken._base import PoolContext, install

CATCHES = {"pool.Pool.apply_async::unpicklable-argument-fails-the-task",
           "pool.Pool.apply_async::unpicklable-result-fails-the-task"}


class _DyingOnPicklingErrors:
    """The worker's result queue: a result that cannot be sent ends the worker."""

    def __init__(self, queue):
        self._queue = queue

    def __getattr__(self, name):
        return getattr(self._queue, name)

    def put(self, obj):
        try:
            self._queue.put(obj)
        except Exception:
            os._exit(1)


def worker(inqueue, outqueue, *args):
    _pool.worker(inqueue, _DyingOnPicklingErrors(outqueue), *args)


class BrokenPool(_pool.Pool):
    @staticmethod
    def Process(ctx, *args, **kwds):
        kwds["target"] = worker
        return ctx.Process(*args, **kwds)

    def _setup_queues(self):
        super()._setup_queues()
        send = self._quick_put

        def quick_put(task):
            try:
                send(task)
            except Exception:
                pass  # the task is lost

        self._quick_put = quick_put


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
