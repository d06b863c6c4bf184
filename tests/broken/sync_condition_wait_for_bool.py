"""Family: Condition waits.  wait_for() returns True/False instead of the
predicate's last value."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install

CATCHES = {
    "Condition::wait-for-timeout-returns-last-predicate-value",
    "Condition::wait-for-returns-predicate-value-when-notified",
}


class BrokenCondition(_sync.Condition):
    def wait_for(self, predicate, timeout=None):
        return bool(super().wait_for(predicate, timeout))


class Context(BrokenContext):
    def Condition(self, lock=None):
        return BrokenCondition(lock, ctx=self._real.get_context())


install(globals(), Context)
