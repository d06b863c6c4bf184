"""Family: Semaphore.get_value().  get_value() returns the value the semaphore
was created with (kept in the object), not its current value."""

from multiprocessing import synchronize as _sync

from broken._base import BrokenContext, install

CATCHES = {
    "Semaphore.get_value::returns-current-value",
    "Semaphore.get_value::sees-other-process-acquire",
}


class Semaphore(_sync.Semaphore):
    def __init__(self, value=1, *, ctx):
        super().__init__(value, ctx=ctx)
        self._initial = value

    def __getstate__(self):
        return super().__getstate__(), self._initial

    def __setstate__(self, state):
        super().__setstate__(state[0])
        self._initial = state[1]

    def get_value(self):
        return self._initial


class Context(BrokenContext):
    def Semaphore(self, value=1):
        return Semaphore(value, ctx=self._real)


install(globals(), Context)
