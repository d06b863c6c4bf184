"""Family: end of file.  recv() returns None instead of raising EOFError when
the other end is closed and nothing is left."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {
    "connection.Connection.recv::eoferror-when-other-end-closed",
    "connection.Connection.recv::eoferror-after-child-exits",
    "connection.Connection.close::other-end-sees-eof",
}


@connection_class
class EofAsNoneConnection(_connection.Connection):
    def recv(self):
        try:
            return super().recv()
        except EOFError:
            return None


class Context(PipeContext):
    _connection_class = EofAsNoneConnection


install(globals(), Context)
