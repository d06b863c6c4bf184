"""Family: the challenge functions.  deliver_challenge() does not raise when the
reply was made with another key (it reports the failure to the other end, then
carries on)."""

import multiprocessing.connection as _connection
import types

from broken._base import BrokenContext, install

CATCHES = {
    "connection.deliver_challenge::wrong-reply-raises-authenticationerror",
}


def deliver_challenge(connection, authkey, *args, **kwargs):
    try:
        _connection.deliver_challenge(connection, authkey, *args, **kwargs)
    except _connection.AuthenticationError:
        pass


OVERRIDES = {"deliver_challenge": deliver_challenge}


# The implementation's multiprocessing.connection: the stdlib's, with the above.
connection = types.ModuleType(__name__ + ".connection")
connection.__dict__.update({k: v for k, v in vars(_connection).items()
                            if not k.startswith("__")})
connection.__dict__.update(OVERRIDES)

install(globals(), BrokenContext, {"connection": connection})
