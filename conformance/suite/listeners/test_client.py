"""Tests of connection.Client.

Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.Client
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.listeners._support import FAMILY_NAMES, KEY, OTHER_KEY, client, families
from conformance.targets import listeners as t
from conformance.targets.listeners import accepting

# --------------------------------------------------------------------------- Listener and Client


@families("connection.Client::returns-a-connection-to-the-listener")
def test_client_returns_a_connection_to_the_listener(connection, listen, family):
    """Client(listener.address) returns a Connection that talks to the accepted one."""
    listener = listen(family)
    with accepting(listener) as server:
        with client(connection, listener.address) as conn:
            accepted = server.result()
            conn.send(["from", "client"])
            assert harness.recv(accepted) == ["from", "client"]
            accepted.send_bytes(b"from listener")
            assert conn.poll(harness.WAIT)
            assert conn.recv_bytes() == b"from listener"


@families("connection.Client::explicit-family")
def test_client_explicit_family(connection, listen, family):
    """Client(address, family=F) connects with the family given."""
    listener = listen(family)
    with accepting(listener) as server:
        with client(connection, listener.address, family=FAMILY_NAMES[family]) as conn:
            conn.send("explicit")
            assert harness.recv(server.result()) == "explicit"


@feature("connection.Client::connects-from-a-child")
def test_client_connects_from_a_child(ctx, listen):
    """A child connects with Client(address, authkey=key) to the parent's Listener."""
    listener = listen("inet", authkey=KEY)
    with accepting(listener) as server:
        p = harness.run(ctx, t.connect_and_send, listener.address, KEY, ("from", "child"))
        assert p.exitcode == 0
        assert harness.recv(server.result()) == ("from", "child")


@feature("connection.Client::wrong-authkey-raises-authenticationerror")
def test_client_wrong_authkey_raises_authenticationerror(mp, connection, listen):
    """Client() with a key other than the listener's raises AuthenticationError."""
    listener = listen("inet", authkey=KEY)
    with accepting(listener):
        with pytest.raises(mp.AuthenticationError):
            with client(connection, listener.address, authkey=OTHER_KEY):
                pass
