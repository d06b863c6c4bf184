"""Family: late wake-ups.  A blocking Lock.acquire() polls: it tries
acquire(False) once a second, so it takes a lock that was released up to a
second late (a timed acquire still gives up on time)."""

import multiprocessing.synchronize as _sync
import time

from broken._base import BrokenContext, install

CATCHES = {
    "Lock.acquire::timeout-succeeds-when-released-in-time",
    "Lock.acquire::none-timeout-blocks-until-free",
}

RECHECK = 1.0


class LateLock(_sync.Lock):
    def _make_methods(self):
        super()._make_methods()
        real = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if not block:
                return real(False)
            deadline = None if timeout is None else time.monotonic() + timeout
            while not real(False):
                pause = RECHECK
                if deadline is not None:
                    pause = min(pause, deadline - time.monotonic())
                    if pause <= 0:
                        return False
                time.sleep(pause)
            return True

        self.acquire = acquire


class Context(BrokenContext):
    def Lock(self):
        return LateLock(ctx=self._real.get_context())


install(globals(), Context)
