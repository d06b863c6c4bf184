"""Family: Listener families.  family='AF_PIPE' on a platform without named pipes
quietly becomes an AF_UNIX listener instead of raising ValueError."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"connection.Listener::unavailable-family-raises-valueerror"}


class Listener(_connection.Listener):
    def __init__(self, address=None, family=None, *args, **kwargs):
        if family == "AF_PIPE":
            address, family = None, "AF_UNIX"
        super().__init__(address, family, *args, **kwargs)


patch_submodule(globals(), "connection", Listener=Listener)

install(globals(), BrokenContext)
