"""Family: objects through pipes.  send() turns tuples into lists (as a JSON-like
serializer would), so objects do not arrive equal."""

import multiprocessing.connection as _connection
from multiprocessing import reduction as _reduction

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Connection.send::picklable-object-arrives-equal",
    "exchanging.queues-and-pipes::picklable-objects-round-trip-through-a-child",
}


def _listify(obj):
    if isinstance(obj, (tuple, list)):
        return [_listify(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _listify(v) for k, v in obj.items()}
    return obj


class ListifyingConnection(_connection.Connection):
    def send(self, obj):
        super().send(_listify(obj))


def _rebuild(dup, readable, writable):
    return ListifyingConnection(dup.detach(), readable, writable)


def _reduce(conn):
    return _rebuild, (_reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


_reduction.register(ListifyingConnection, _reduce)


def _broken(conn):
    conn.__class__ = ListifyingConnection
    return conn


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return tuple(_broken(conn) for conn in self._real.Pipe(duplex))


install(globals(), Context)
