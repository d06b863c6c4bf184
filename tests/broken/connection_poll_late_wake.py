"""Family: late wake-ups.  Connection.poll(timeout) polls: it looks with
poll(0) once a second, so it sees data that arrived up to a second late
(with nothing sent it still gives up on time)."""

import multiprocessing.connection as _connection
import time

from broken._base import PipeContext, connection_class, install

CATCHES = {"connection.Connection.poll::timeout-true-when-data-arrives-in-time"}

RECHECK = 1.0


@connection_class
class LatePollConnection(_connection.Connection):
    def poll(self, timeout=0.0):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not super().poll(0.0):
            pause = RECHECK
            if deadline is not None:
                pause = min(pause, deadline - time.monotonic())
                if pause <= 0:
                    return False
            time.sleep(pause)
        return True


class Context(PipeContext):
    _connection_class = LatePollConnection


install(globals(), Context)
