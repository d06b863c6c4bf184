"""Family: wait() readiness.  wait() returns every object of the list as soon as
one of them is ready, not only the ready ones."""

import multiprocessing.connection as _connection
import types

from broken._base import BrokenContext, install

CATCHES = {
    "connection.wait::returns-the-ready-connections",
    "connection.wait::sockets-can-be-waited-on",
    "connection.wait::process-sentinels-can-be-waited-on",
}


def wait(object_list, timeout=None):
    return list(object_list) if _connection.wait(object_list, timeout) else []


OVERRIDES = {"wait": wait}


# The implementation's multiprocessing.connection: the stdlib's, with the above.
connection = types.ModuleType(__name__ + ".connection")
connection.__dict__.update({k: v for k, v in vars(_connection).items()
                            if not k.startswith("__")})
connection.__dict__.update(OVERRIDES)

install(globals(), BrokenContext, {"connection": connection})
