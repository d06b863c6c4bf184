"""Family: semaphore locked() (3.14).  locked() asks whether the value is below
zero instead of at zero, so a semaphore with no unit left is never locked."""

from multiprocessing import synchronize as _sync

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 14)  # locked() was added in 3.14
CATCHES = {
    "Semaphore.locked::reflects-state",
    "BoundedSemaphore.locked::reflects-state",
    "Semaphore.locked::sees-other-process-holding",
    "BoundedSemaphore.locked::sees-other-process-holding",
    "Semaphore.locked::true-only-when-no-unit-left",
    "BoundedSemaphore.locked::true-only-when-no-unit-left",
}


class Semaphore(_sync.Semaphore):
    def locked(self):
        return self.get_value() < 0


class BoundedSemaphore(_sync.BoundedSemaphore):
    def locked(self):
        return self.get_value() < 0


class Context(BrokenContext):
    def Semaphore(self, value=1):
        return Semaphore(value, ctx=self._real)

    def BoundedSemaphore(self, value=1):
        return BoundedSemaphore(value, ctx=self._real)


install(globals(), Context)
