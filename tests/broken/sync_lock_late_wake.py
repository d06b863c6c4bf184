"""Family: late wake-ups.  A blocking Lock.acquire() polls: it tries
acquire(False) once a second, so it takes a lock that was released up to a
second late (a timed acquire still gives up on time)."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install, recheck

CATCHES = {
    "Lock.acquire::timeout-succeeds-when-released-in-time",
    "Lock.acquire::none-timeout-blocks-until-free",
}


class LateLock(_sync.Lock):
    def _make_methods(self):
        super()._make_methods()
        real = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if not block:
                return real(False)
            return recheck(lambda: real(False), timeout)

        self.acquire = acquire


class Context(BrokenContext):
    def Lock(self):
        return LateLock(ctx=self._real.get_context())


install(globals(), Context)
