"""Family: Listener authentication with an empty key (3.13).  The listener tests
its key for truth: with authkey=b'' it sends no challenge, and a client with
the same empty key waits for one."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

MIN_PYTHON = (3, 13)
CATCHES = {"connection.Listener.accept::empty-authkey-authenticates"}


class Listener(_connection.Listener):
    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        super().__init__(address, family, backlog, authkey or None)


patch_submodule(globals(), "connection", Listener=Listener)

install(globals(), BrokenContext)
