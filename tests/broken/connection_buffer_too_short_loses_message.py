"""Family: recv_bytes_into.  BufferTooShort does not carry the message: args[0]
is a text instead of the complete message."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {
    "connection.Connection.recv_bytes_into::buffer-too-short-carries-the-message",
}


@connection_class
class MessageLosingConnection(_connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        try:
            return super().recv_bytes_into(buf, offset)
        except _connection.BufferTooShort:
            raise _connection.BufferTooShort("buffer too short") from None


class Context(PipeContext):
    _connection_class = MessageLosingConnection


install(globals(), Context)
