"""Family: bytes messages.  send_bytes(buf, offset, size) ignores offset and size
and sends the whole buffer."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {
    "connection.Connection.send_bytes::offset-and-size-select-the-bytes",
    "connection.Connection.send_bytes::offset-counts-bytes-of-the-buffer",
    "connection.Connection.send_bytes::bad-offset-or-size-raises-valueerror",
}


@connection_class
class WholeBufferConnection(_connection.Connection):
    def send_bytes(self, buf, offset=0, size=None):
        super().send_bytes(buf)


class Context(PipeContext):
    _connection_class = WholeBufferConnection


install(globals(), Context)
