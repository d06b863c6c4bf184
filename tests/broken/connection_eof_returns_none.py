"""Family: end of file.  recv() returns None instead of raising EOFError when
the other end is closed and nothing is left."""

import multiprocessing.connection as _connection
from multiprocessing import reduction as _reduction

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Connection.recv::eoferror-when-other-end-closed",
    "connection.Connection.recv::eoferror-after-child-exits",
    "connection.Connection.close::other-end-sees-eof",
}


class EofAsNoneConnection(_connection.Connection):
    def recv(self):
        try:
            return super().recv()
        except EOFError:
            return None


def _rebuild(dup, readable, writable):
    return EofAsNoneConnection(dup.detach(), readable, writable)


def _reduce(conn):
    return _rebuild, (_reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


_reduction.register(EofAsNoneConnection, _reduce)


def _broken(conn):
    conn.__class__ = EofAsNoneConnection
    return conn


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return tuple(_broken(conn) for conn in self._real.Pipe(duplex))


install(globals(), Context)
