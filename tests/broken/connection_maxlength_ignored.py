"""Family: recv_bytes maxlength.  recv_bytes(maxlength) ignores maxlength and
returns a longer message whole."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {
    "connection.Connection.recv_bytes::longer-than-maxlength-raises-oserror",
    "connection.Connection.recv_bytes::not-readable-after-too-long-message",
}


@connection_class
class NoMaxlengthConnection(_connection.Connection):
    def recv_bytes(self, maxlength=None):
        return super().recv_bytes()


class Context(PipeContext):
    _connection_class = NoMaxlengthConnection


install(globals(), Context)
