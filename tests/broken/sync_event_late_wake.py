"""Family: late wake-ups.  Event.wait() does not sleep on a condition: it
re-checks the flag once a second, so it notices a set() up to a second late
(a timed wait still gives up on time)."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install, recheck

CATCHES = {
    "Event::wait-returns-true-when-set-by-child",
    "Event::set-by-parent-wakes-child",
}


class LateEvent(_sync.Event):
    def wait(self, timeout=None):
        return recheck(self.is_set, timeout)


class Context(BrokenContext):
    def Event(self):
        return LateEvent(ctx=self._real.get_context())


install(globals(), Context)
