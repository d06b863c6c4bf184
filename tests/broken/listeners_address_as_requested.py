"""Family: Listener.address.  address reports the address asked for, so port 0
stays 0 instead of the port actually bound."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

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


patch_submodule(globals(), "connection", Listener=Listener)

install(globals(), BrokenContext)
