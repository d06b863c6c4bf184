"""Family: Listener.address.  address reports the address asked for, so port 0
stays 0 instead of the port actually bound."""

import multiprocessing.connection as _connection
import types

from broken._base import BrokenContext, install

CATCHES = {
    "connection.Listener.address::inet-port-zero-gives-the-bound-port",
}


class Listener(_connection.Listener):
    def __init__(self, address=None, family=None, *args, **kwargs):
        super().__init__(address, family, *args, **kwargs)
        self._requested = address

    @property
    def address(self):
        return self._requested if self._requested is not None else super().address


OVERRIDES = {"Listener": Listener}


# The implementation's multiprocessing.connection: the stdlib's, with the above.
connection = types.ModuleType(__name__ + ".connection")
connection.__dict__.update({k: v for k, v in vars(_connection).items()
                            if not k.startswith("__")})
connection.__dict__.update(OVERRIDES)

install(globals(), BrokenContext, {"connection": connection})
