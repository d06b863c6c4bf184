"""Family: message size.  send_bytes() sends at most the first 8 MiB of a message
(a fixed-size send buffer), so a 16 MiB message arrives cut short."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {"connection.Connection.send_bytes::sixteen-mib-message-arrives-whole"}

LIMIT = 8 * 1024 * 1024


@connection_class
class CappedConnection(_connection.Connection):
    def _send_bytes(self, buf):
        super()._send_bytes(buf[:LIMIT])


class Context(PipeContext):
    _connection_class = CappedConnection


install(globals(), Context)
