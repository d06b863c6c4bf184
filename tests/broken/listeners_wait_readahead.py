"""Family: wait().  recv() reads ahead: it takes every message already in the pipe
and keeps the others in a private buffer, where wait(), which looks at the
descriptor, does not see them; a consumer driven by wait() stalls with messages
pending."""

import multiprocessing.connection as _connection

from broken._base import PipeContext, connection_class, install

CATCHES = {"connection.wait::many-producers-every-message-seen"}


@connection_class
class ReadAheadConnection(_connection.Connection):
    def recv(self):
        buffered = self.__dict__.setdefault("_read_ahead", [])
        if not buffered:
            buffered.append(super().recv())
            while self._poll(0):
                try:
                    buffered.append(super().recv())
                except EOFError:
                    break
        return buffered.pop(0)


class Context(PipeContext):
    _connection_class = ReadAheadConnection


install(globals(), Context)
