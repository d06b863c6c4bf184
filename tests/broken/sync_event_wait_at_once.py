"""Family: timeouts.  Event.wait(timeout) ignores the timeout and returns the
flag at once."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install

CATCHES = {"Event::wait-timeout-returns-false"}


class BrokenEvent(_sync.Event):
    def wait(self, timeout=None):
        if timeout is not None:
            return self.is_set()
        return super().wait()


class Context(BrokenContext):
    def Event(self):
        return BrokenEvent(ctx=self._real.get_context())


install(globals(), Context)
