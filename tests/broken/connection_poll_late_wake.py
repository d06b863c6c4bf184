"""Family: late wake-ups.  Connection.poll(timeout) polls: it looks with
poll(0) once a second, so it sees data that arrived up to a second late
(with nothing sent it still gives up on time)."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install, recheck

CATCHES = {"connection.Connection.poll::timeout-true-when-data-arrives-in-time"}


@connection_class
class LatePollConnection(_connection.Connection):
    def poll(self, timeout=0.0):
        return recheck(lambda: super(LatePollConnection, self).poll(0.0), timeout)


class Context(PipeContext):
    _connection_class = LatePollConnection


install(globals(), Context)
