"""Family: the challenge functions.  deliver_challenge() does not raise when the
reply was made with another key (it reports the failure to the other end, then
carries on)."""

import multiprocessing.connection as _connection

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "connection.deliver_challenge::wrong-reply-raises-authenticationerror",
}


def deliver_challenge(connection, authkey, *args, **kwargs):
    try:
        _connection.deliver_challenge(connection, authkey, *args, **kwargs)
    except _connection.AuthenticationError:
        pass


patch_submodule(globals(), "connection", deliver_challenge=deliver_challenge)

install(globals(), BrokenContext)
