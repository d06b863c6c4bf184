"""Family: Condition notification.  notify() wakes every waiter, as notify_all()
does, instead of one."""

import multiprocessing.synchronize as _sync
import sys

from broken._base import BrokenContext, install

CATCHES = {"Condition::notify-wakes-one-waiter"}


class BrokenCondition(_sync.Condition):
    def notify(self, n=1):
        super().notify(n=sys.maxsize)


class Context(BrokenContext):
    def Condition(self, lock=None):
        return BrokenCondition(lock, ctx=self._real.get_context())


install(globals(), Context)
