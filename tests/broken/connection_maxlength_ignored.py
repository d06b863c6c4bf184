"""Family: recv_bytes maxlength.  recv_bytes(maxlength) ignores maxlength and
returns a longer message whole."""

import multiprocessing.connection as _connection
from multiprocessing import reduction as _reduction

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Connection.recv_bytes::longer-than-maxlength-raises-oserror",
    "connection.Connection.recv_bytes::not-readable-after-too-long-message",
}


class NoMaxlengthConnection(_connection.Connection):
    def recv_bytes(self, maxlength=None):
        return super().recv_bytes()


def _rebuild(dup, readable, writable):
    return NoMaxlengthConnection(dup.detach(), readable, writable)


def _reduce(conn):
    return _rebuild, (_reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


_reduction.register(NoMaxlengthConnection, _reduce)


def _broken(conn):
    conn.__class__ = NoMaxlengthConnection
    return conn


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return tuple(_broken(conn) for conn in self._real.Pipe(duplex))


install(globals(), Context)
