"""Family: SIGINT.  Lock.acquire() behaves as threading's does: a SIGINT arriving
while it blocks is held back until the call returns (after its timeout), instead
of interrupting it at once."""

import multiprocessing.synchronize as _sync
import time

from broken._base import BrokenContext, install

CATCHES = {"Lock.acquire::sigint-interrupts-blocked-acquire"}


class BrokenLock(_sync.Lock):
    def _make_methods(self):
        super()._make_methods()
        real = self._semlock.acquire

        def acquire(block=True, timeout=None):
            deadline = None if timeout is None else time.monotonic() + timeout
            pending = False
            while True:
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                try:
                    result = real(block, left)
                except KeyboardInterrupt:
                    pending = True
                    continue
                break
            if pending:
                raise KeyboardInterrupt
            return result

        self.acquire = acquire


class Context(BrokenContext):
    def Lock(self):
        return BrokenLock(ctx=self._real.get_context())


install(globals(), Context)
