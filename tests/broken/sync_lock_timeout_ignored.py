"""Family: timeouts.  Lock.acquire(timeout=T) does not wait: with a timeout it
behaves as acquire(False) and returns at once."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install

CATCHES = {"Lock.acquire::timeout-gives-up-returning-false"}


class BrokenLock(_sync.Lock):
    def _make_methods(self):
        super()._make_methods()
        real = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if timeout is not None:
                return real(False)
            return real(block)

        self.acquire = acquire


class Context(BrokenContext):
    def Lock(self):
        return BrokenLock(ctx=self._real.get_context())


install(globals(), Context)
