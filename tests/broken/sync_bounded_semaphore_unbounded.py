"""Family: semaphore counts.  BoundedSemaphore is a plain Semaphore: releasing it
above its initial value raises nothing."""

from broken._base import BrokenContext, install

CATCHES = {"BoundedSemaphore::release-beyond-initial-value-raises-valueerror"}


class Context(BrokenContext):
    def BoundedSemaphore(self, value=1):
        return self._real.Semaphore(value)


install(globals(), Context)
