"""Family: poll timeouts.  poll(timeout) ignores its timeout and answers at once."""

import multiprocessing.connection as _connection
from multiprocessing import reduction as _reduction

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Connection.poll::timeout-false-after-timeout",
    "connection.Connection.poll::timeout-true-when-data-arrives-in-time",
    "connection.Connection.poll::none-waits-until-data",
}


class NoWaitPollConnection(_connection.Connection):
    def poll(self, timeout=0.0):
        return super().poll(0.0)


def _rebuild(dup, readable, writable):
    return NoWaitPollConnection(dup.detach(), readable, writable)


def _reduce(conn):
    return _rebuild, (_reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


_reduction.register(NoWaitPollConnection, _reduce)


def _broken(conn):
    conn.__class__ = NoWaitPollConnection
    return conn


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return tuple(_broken(conn) for conn in self._real.Pipe(duplex))


install(globals(), Context)
