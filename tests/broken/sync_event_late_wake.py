"""Family: late wake-ups.  Event.wait() does not sleep on a condition: it
re-checks the flag once a second, so it notices a set() up to a second late
(a timed wait still gives up on time)."""

import multiprocessing.synchronize as _sync
import time

from broken._base import BrokenContext, install

CATCHES = {
    "Event::wait-returns-true-when-set-by-child",
    "Event::set-by-parent-wakes-child",
}

RECHECK = 1.0


class LateEvent(_sync.Event):
    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            pause = RECHECK
            if deadline is not None:
                pause = min(pause, deadline - time.monotonic())
                if pause <= 0:
                    return False
            time.sleep(pause)
        return True


class Context(BrokenContext):
    def Event(self):
        return LateEvent(ctx=self._real.get_context())


install(globals(), Context)
