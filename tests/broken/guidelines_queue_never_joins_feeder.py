"""Family: joining processes that use queues.  A process exits without waiting for
its queue's feeder thread, as if every queue had cancel_join_thread() called:
data a child put but nobody consumed yet is lost."""

import multiprocessing.queues as _queues

from broken._base import BrokenContext, install

CATCHES = {"guidelines.joining-queue-processes::child-exits-once-queue-data-consumed"}


class FeederlessQueue(_queues.Queue):
    def _reset(self, *args, **kwargs):
        super()._reset(*args, **kwargs)
        self._joincancelled = True


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return FeederlessQueue(maxsize, ctx=self._real)


install(globals(), Context)
