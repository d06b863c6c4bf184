"""Family: poll timeouts.  poll(timeout) ignores its timeout and answers at once."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {
    "connection.Connection.poll::timeout-false-after-timeout",
    "connection.Connection.poll::timeout-true-when-data-arrives-in-time",
    "connection.Connection.poll::none-waits-until-data",
}


@connection_class
class NoWaitPollConnection(_connection.Connection):
    def poll(self, timeout=0.0):
        return super().poll(0.0)


class Context(PipeContext):
    _connection_class = NoWaitPollConnection


install(globals(), Context)
