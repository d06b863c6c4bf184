"""Family: late wake-ups.  Condition.wait() polls for its notification: it
tries the wait semaphore without blocking once a second, so it returns up to
a second after notify() (without a notification it still gives up on time)."""

import multiprocessing.synchronize as _sync
import time

from broken._base import BrokenContext, install

CATCHES = {
    "Condition::wait-returns-true-when-notified-in-time",
    "Condition::wait-for-returns-predicate-value-when-notified",
}

RECHECK = 1.0


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
            deadline = None if timeout is None else time.monotonic() + timeout
            while not self._wait_semaphore.acquire(False):
                pause = RECHECK
                if deadline is not None:
                    pause = min(pause, deadline - time.monotonic())
                    if pause <= 0:
                        return False
                time.sleep(pause)
            return True
        finally:
            self._woken_count.release()
            for _ in range(count):
                self._lock.acquire()


class Context(BrokenContext):
    def Condition(self, lock=None):
        return LateCondition(lock, ctx=self._real.get_context())


install(globals(), Context)
