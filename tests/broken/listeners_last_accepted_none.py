"""Family: Listener.last_accepted.  last_accepted stays None after a connection
was accepted."""

import multiprocessing.connection as _connection
import types

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Listener.last_accepted::address-of-the-client",
}


class Listener(_connection.Listener):
    @property
    def last_accepted(self):
        return None


OVERRIDES = {"Listener": Listener}


# The implementation's multiprocessing.connection: the stdlib's, with the above.
connection = types.ModuleType(__name__ + ".connection")
connection.__dict__.update({k: v for k, v in vars(_connection).items()
                            if not k.startswith("__")})
connection.__dict__.update(OVERRIDES)

install(globals(), BrokenContext, {"connection": connection})
