"""Family: Queue's type (3.12).  The implementation's Queue class cannot be
subscripted (it defines no __class_getitem__)."""

from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 12)
CATCHES = {"Queue::type-is-generic"}


class Queue(_queues.Queue):
    __class_getitem__ = None


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return Queue(maxsize, ctx=self._real)


install(globals(), Context)
