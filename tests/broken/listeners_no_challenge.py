"""Family: Listener authentication.  The listener ignores its authkey: accept()
hands out a connection without challenging the client."""

import multiprocessing.connection as _connection
import types

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Listener.accept::wrong-authkey-raises-authenticationerror",
    "connection.Listener.accept::client-without-authkey-refused",
}


class Listener(_connection.Listener):
    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        super().__init__(address, family, backlog, None)


OVERRIDES = {"Listener": Listener}


# The implementation's multiprocessing.connection: the stdlib's, with the above.
connection = types.ModuleType(__name__ + ".connection")
connection.__dict__.update({k: v for k, v in vars(_connection).items()
                            if not k.startswith("__")})
connection.__dict__.update(OVERRIDES)

install(globals(), BrokenContext, {"connection": connection})
