"""Family: Listener.last_accepted.  last_accepted stays None after a connection
was accepted."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "connection.Listener.last_accepted::address-of-the-client",
}


class Listener(_connection.Listener):
    @property
    def last_accepted(self):
        return None


patch_submodule(globals(), "connection", Listener=Listener)

install(globals(), BrokenContext)
