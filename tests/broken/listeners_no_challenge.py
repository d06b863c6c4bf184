"""Family: Listener authentication.  The listener ignores its authkey: accept()
hands out a connection without challenging the client."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "connection.Listener.accept::wrong-authkey-raises-authenticationerror",
    "connection.Listener.accept::client-without-authkey-refused",
}


class Listener(_connection.Listener):
    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        super().__init__(address, family, backlog, None)


patch_submodule(globals(), "connection", Listener=Listener)

install(globals(), BrokenContext)
