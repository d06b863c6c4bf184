"""Family: SimpleQueue.close().  close() does nothing: the queue goes on working."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {
    "SimpleQueue.empty::raises-oserror-when-closed",
    "SimpleQueue.close::get-and-put-refused-after-close",
}


class UnclosableSimpleQueue(_queues.SimpleQueue):
    def close(self):
        pass


class Context(BrokenContext):
    def SimpleQueue(self):
        return UnclosableSimpleQueue(ctx=self._real)


install(globals(), Context)
