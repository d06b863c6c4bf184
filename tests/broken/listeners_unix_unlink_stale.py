"""Family: Listener addresses.  An AF_UNIX Listener removes whatever file is at its
path before binding ("a stale socket"), so a second Listener takes over the
address of a live one instead of failing with OSError."""

import multiprocessing.connection as _connection
import os

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"connection.Listener::address-in-use-raises-oserror"}


class Listener(_connection.Listener):
    def __init__(self, address=None, family=None, *args, **kwargs):
        if isinstance(address, str) and family in (None, "AF_UNIX") and os.path.exists(address):
            os.unlink(address)
        super().__init__(address, family, *args, **kwargs)


patch_submodule(globals(), "connection", Listener=Listener)

install(globals(), BrokenContext)
