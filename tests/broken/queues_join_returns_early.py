"""Family: JoinableQueue.join().  join() returns at once, without waiting for
the unfinished tasks to be task_done()."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {"JoinableQueue.join::returns-once-every-item-is-task-done"}


class EarlyJoinQueue(_queues.JoinableQueue):
    def join(self):
        return None


class Context(BrokenContext):
    def JoinableQueue(self, maxsize=0):
        return EarlyJoinQueue(maxsize, ctx=self._real)


install(globals(), Context)
