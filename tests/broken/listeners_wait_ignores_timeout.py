"""Family: wait() timeouts.  wait() ignores its timeout and polls once."""

import multiprocessing.connection as _connection
import types

from broken._base import BrokenContext, install

CATCHES = {
    "connection.wait::empty-list-after-timeout",
    "connection.wait::none-timeout-waits-until-ready",
}


def wait(object_list, timeout=None):
    return _connection.wait(object_list, 0)


OVERRIDES = {"wait": wait}


# The implementation's multiprocessing.connection: the stdlib's, with the above.
connection = types.ModuleType(__name__ + ".connection")
connection.__dict__.update({k: v for k, v in vars(_connection).items()
                            if not k.startswith("__")})
connection.__dict__.update(OVERRIDES)

install(globals(), BrokenContext, {"connection": connection})
