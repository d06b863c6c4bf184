"""Family: late wake-ups.  Condition.wait() polls for its notification: it
tries the wait semaphore without blocking once a second, so it returns up to
a second after notify() (without a notification it still gives up on time)."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install, recheck

CATCHES = {
    "Condition::wait-returns-true-when-notified-in-time",
    "Condition::wait-for-returns-predicate-value-when-notified",
}


class LateCondition(_sync.Condition):
    def wait(self, timeout=None):
        # The stdlib's wait(), with the blocking acquire of the wait semaphore
        # replaced by a poll.
        assert self._lock._semlock._is_mine(), "must acquire() condition before using wait()"
        self._sleeping_count.release()
        count = self._lock._semlock._count()
        for _ in range(count):
            self._lock.release()
        try:
            return recheck(lambda: self._wait_semaphore.acquire(False), timeout)
        finally:
            self._woken_count.release()
            for _ in range(count):
                self._lock.acquire()


class Context(BrokenContext):
    def Condition(self, lock=None):
        return LateCondition(lock, ctx=self._real.get_context())


install(globals(), Context)
