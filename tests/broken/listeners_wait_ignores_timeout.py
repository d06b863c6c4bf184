"""Family: wait() timeouts.  wait() ignores its timeout and polls once."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "connection.wait::empty-list-after-timeout",
    "connection.wait::none-timeout-waits-until-ready",
}


def wait(object_list, timeout=None):
    return _connection.wait(object_list, 0)


patch_submodule(globals(), "connection", wait=wait)

install(globals(), BrokenContext)
