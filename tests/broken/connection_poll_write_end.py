"""Family: one-way pipes.  poll() does not check that the connection is readable,
so the write end of Pipe(duplex=False) answers False instead of raising OSError."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {"connection.Connection.poll::write-only-end-raises-oserror"}


@connection_class
class UncheckedPollConnection(_connection.Connection):
    def poll(self, timeout=0.0):
        self._check_closed()
        return self._poll(timeout)


class Context(PipeContext):
    _connection_class = UncheckedPollConnection


install(globals(), Context)
