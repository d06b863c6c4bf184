"""Family: wait() readiness.  wait() returns every object of the list as soon as
one of them is ready, not only the ready ones."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "connection.wait::returns-the-ready-connections",
    "connection.wait::sockets-can-be-waited-on",
    "connection.wait::process-sentinels-can-be-waited-on",
}


def wait(object_list, timeout=None):
    return list(object_list) if _connection.wait(object_list, timeout) else []


patch_submodule(globals(), "connection", wait=wait)

install(globals(), BrokenContext)
