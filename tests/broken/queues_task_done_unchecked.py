"""Family: JoinableQueue.task_done().  Calling task_done() more times than there
were items is silently accepted instead of raising ValueError."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {"JoinableQueue.task_done::too-many-calls-raise-valueerror"}


class LaxTaskDoneQueue(_queues.JoinableQueue):
    def task_done(self):
        try:
            super().task_done()
        except ValueError:
            pass


class Context(BrokenContext):
    def JoinableQueue(self, maxsize=0):
        return LaxTaskDoneQueue(maxsize, ctx=self._real)


install(globals(), Context)
