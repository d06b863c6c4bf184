"""Family: bytes messages.  send_bytes(buf, offset, size) ignores offset and size
and sends the whole buffer."""

import multiprocessing.connection as _connection
from multiprocessing import reduction as _reduction

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Connection.send_bytes::offset-and-size-select-the-bytes",
    "connection.Connection.send_bytes::offset-counts-bytes-of-the-buffer",
    "connection.Connection.send_bytes::bad-offset-or-size-raises-valueerror",
}


class WholeBufferConnection(_connection.Connection):
    def send_bytes(self, buf, offset=0, size=None):
        super().send_bytes(buf)


def _rebuild(dup, readable, writable):
    return WholeBufferConnection(dup.detach(), readable, writable)


def _reduce(conn):
    return _rebuild, (_reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


_reduction.register(WholeBufferConnection, _reduce)


def _broken(conn):
    conn.__class__ = WholeBufferConnection
    return conn


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return tuple(_broken(conn) for conn in self._real.Pipe(duplex))


install(globals(), Context)
