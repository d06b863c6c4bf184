"""Family: poll timeouts.  poll() with a negative timeout waits like poll(None)
instead of returning at once."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {"connection.Connection.poll::negative-timeout-returns-at-once"}


@connection_class
class BlockingPollConnection(_connection.Connection):
    def poll(self, timeout=0.0):
        return super().poll(None if timeout is not None and timeout < 0 else timeout)


class Context(PipeContext):
    _connection_class = BlockingPollConnection


install(globals(), Context)
