"""Family: shared ctypes.  Array(..., lock=False) still returns a synchronized
wrapper instead of the raw ctypes array."""

from broken._base import BrokenContext, install

CATCHES = {"Array::lock-false-returns-raw-array"}


class Context(BrokenContext):
    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        if lock is False:
            lock = True
        return self._real.Array(typecode_or_type, size_or_initializer, lock=lock)


install(globals(), Context)
