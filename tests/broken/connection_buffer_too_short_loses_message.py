"""Family: recv_bytes_into.  BufferTooShort does not carry the message: args[0]
is a text instead of the complete message."""

import multiprocessing.connection as _connection
from multiprocessing import reduction as _reduction

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Connection.recv_bytes_into::buffer-too-short-carries-the-message",
}


class MessageLosingConnection(_connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        try:
            return super().recv_bytes_into(buf, offset)
        except _connection.BufferTooShort:
            raise _connection.BufferTooShort("buffer too short") from None


def _rebuild(dup, readable, writable):
    return MessageLosingConnection(dup.detach(), readable, writable)


def _reduce(conn):
    return _rebuild, (_reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


_reduction.register(MessageLosingConnection, _reduce)


def _broken(conn):
    conn.__class__ = MessageLosingConnection
    return conn


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return tuple(_broken(conn) for conn in self._real.Pipe(duplex))


install(globals(), Context)
