"""Family: exceptions.  recv_bytes_into() with a short buffer raises BufferTooShort
carrying only the part of the message that fitted, not the complete message."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"BufferTooShort::raised-by-recv-bytes-into-with-message"}


class Connection:
    """A stdlib connection whose recv_bytes_into() truncates BufferTooShort's message."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def recv_bytes_into(self, buf, offset=0):
        try:
            return self._real.recv_bytes_into(buf, offset)
        except _std.BufferTooShort as exc:
            fitted = exc.args[0][: len(memoryview(buf).cast("B")) - offset]
            raise _std.BufferTooShort(fitted) from None


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        a, b = self._real.Pipe(duplex)
        return Connection(a), Connection(b)


install(globals(), Context)
