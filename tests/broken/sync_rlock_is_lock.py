"""Family: lock ownership.  RLock() returns a plain (non-recursive, ownerless)
Lock: anyone may release it, and releasing it unlocked raises ValueError."""

from broken._base import BrokenContext, install

CATCHES = {
    "RLock::factory-returns-synchronize-rlock",
    "RLock.release::by-non-owner-raises-assertionerror",
    "RLock.release::unlocked-raises-assertionerror",
}


class Context(BrokenContext):
    def RLock(self):
        return self._real.Lock()


install(globals(), Context)
