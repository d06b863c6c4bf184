"""Tests of connection.Listener.accept, connection.Listener, connection.Listener.address,
connection.Listener.last_accepted and connection.Listener.close.

Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.Listener
"""

from __future__ import annotations

import os
import socket
import tempfile

import pytest

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.suite.listeners._support import (
    FAMILY_NAMES,
    KEY,
    NO_UNIX,
    OTHER_KEY,
    client,
    families,
)
from conformance.targets.listeners import accepting


@families("connection.Listener.accept::returns-a-connection")
def test_listener_accept_returns_a_connection(connection, listen, family):
    """accept() returns a Connection with send/recv and the bytes methods."""
    listener = listen(family)
    with accepting(listener) as server:
        with client(connection, listener.address) as conn:
            accepted = server.result()
            accepted.send({"answer": 42})
            assert harness.recv(conn) == {"answer": 42}
            conn.send_bytes(b"abcdef")
            assert accepted.poll(harness.WAIT)
            buf = bytearray(8)
            assert accepted.recv_bytes_into(buf, 2) == 6
            assert bytes(buf) == b"\0\0abcdef"


@pytest.mark.parametrize("family", [
    pytest.param("inet", marks=feature("connection.Listener::family-inferred-from-address"),
                 id="inet-tuple"),
    pytest.param("unix", marks=feature("connection.Listener::family-inferred-from-address",
                                       posix=True, reason=NO_UNIX), id="unix-path"),
])
def test_listener_family_inferred_from_address(connection, family):
    """Listener(address) without family listens on a (host, port) tuple or a path string."""
    with tempfile.TemporaryDirectory(prefix="mpc-") as tmp:
        address = ("127.0.0.1", 0) if family == "inet" else os.path.join(tmp, "listener")
        with connection.Listener(address) as listener:
            with accepting(listener) as server:
                with client(connection, listener.address) as conn:
                    conn.send("inferred")
                    assert harness.recv(server.result()) == "inferred"
            assert type(listener.address) is type(address)


@families("connection.Listener::family-without-address-gets-an-address")
def test_listener_family_without_address_gets_an_address(connection, family):
    """Listener(family=F) without an address listens on an address of that family."""
    with connection.Listener(family=FAMILY_NAMES[family]) as listener:
        with accepting(listener) as server:
            with client(connection, listener.address) as conn:
                conn.send(family)
                assert harness.recv(server.result()) == family


@families("connection.Listener::address-in-use-raises-oserror", de_facto=True)
def test_listener_address_in_use_raises_oserror(connection, listen, family):
    """A second Listener on the address a live Listener is bound to raises OSError, and
    the first one still accepts."""
    listener = listen(family)
    with pytest.raises(OSError):
        connection.Listener(listener.address, FAMILY_NAMES[family]).close()
    with accepting(listener) as server:
        with client(connection, listener.address) as conn:
            conn.send("still mine")
            assert harness.recv(server.result()) == "still mine"


@feature("connection.Listener::unavailable-family-raises-valueerror", de_facto=True,
         not_platforms=("win32",), reason="AF_PIPE is the named pipe family of Windows")
def test_listener_unavailable_family_raises_valueerror(connection):
    """On a platform without named pipes, Listener(family='AF_PIPE') and a Listener on a
    named pipe address raise ValueError."""
    with pytest.raises(ValueError):
        connection.Listener(family="AF_PIPE").close()
    with pytest.raises(ValueError):
        connection.Listener(r"\\.\pipe\mp-conformance").close()


@feature("connection.Listener::default-address-when-none")
def test_listener_default_address_when_none(connection):
    """Listener() with no address listens on a default one that Client() reaches."""
    with connection.Listener() as listener:
        assert listener.address
        with accepting(listener) as server:
            with client(connection, listener.address) as conn:
                conn.send("default")
                assert harness.recv(server.result()) == "default"


@feature("connection.Listener::unix-default-address-in-private-temp-dir", posix=True,
         reason=NO_UNIX)
def test_listener_unix_default_address_in_private_temp_dir(listen):
    """family='AF_UNIX' without an address listens in a private temporary directory."""
    listener = listen("unix")
    address = listener.address
    assert isinstance(address, str), f"AF_UNIX address {address!r} is not a path"
    directory = os.path.dirname(address)
    assert os.path.realpath(directory) != os.path.realpath(tempfile.gettempdir()), (
        f"{address!r} is directly in the shared temporary directory")
    mode = os.stat(directory).st_mode
    assert mode & 0o077 == 0, f"{directory!r} is open to others (mode {oct(mode & 0o777)})"


# --------------------------------------------------------------------------- address, last_accepted


@feature("connection.Listener.address::inet-port-zero-gives-the-bound-port")
def test_listener_address_inet_port_zero_gives_the_bound_port(connection, listen):
    """For ('127.0.0.1', 0) the address is the bound one, with the real port."""
    listener = listen("inet")
    host, port = listener.address
    assert host == "127.0.0.1"
    assert isinstance(port, int) and port > 0, f"port {port!r} is not the bound port"
    with accepting(listener) as server:
        with client(connection, ("127.0.0.1", port)) as conn:
            conn.send("on the reported port")
            assert harness.recv(server.result()) == "on the reported port"


@feature("connection.Listener.address::unix-path-given", posix=True, reason=NO_UNIX)
def test_listener_address_unix_path_given(connection):
    """For an AF_UNIX path the address is that path."""
    with tempfile.TemporaryDirectory(prefix="mpc-") as tmp:
        path = os.path.join(tmp, "sock")
        with connection.Listener(path, family="AF_UNIX") as listener:
            assert listener.address == path


@feature("connection.Listener.last_accepted::address-of-the-client")
def test_listener_last_accepted_address_of_the_client(connection, listen):
    """After accept(), last_accepted is the address the client connected from."""
    listener = listen("inet")
    with accepting(listener) as server:
        with client(connection, listener.address) as conn:
            server.result()
            # fromfd() duplicates the handle on POSIX and on Windows alike.
            with socket.fromfd(conn.fileno(), socket.AF_INET, socket.SOCK_STREAM) as sock:
                own = sock.getsockname()
    assert tuple(listener.last_accepted) == tuple(own)


@feature("connection.Listener.last_accepted::none-before-any-accept")
def test_listener_last_accepted_none_before_any_accept(listen):
    """Before any connection was accepted, last_accepted is None (unavailable)."""
    assert listen("inet").last_accepted is None


# --------------------------------------------------------------------------- close, context manager


@families("connection.Listener.close::new-clients-refused")
def test_listener_close_new_clients_refused(connection, listen, family):
    """After close(), connecting to the listener's address fails with OSError."""
    listener = listen(family)
    address = listener.address
    listener.close()
    with pytest.raises(OSError):
        with client(connection, address):
            pass


@feature("connection.Listener.close::accept-after-close-raises-oserror", de_facto=True)
def test_listener_close_accept_after_close_raises_oserror(listen):
    """accept() on a closed listener raises OSError."""
    listener = listen("inet")
    listener.close()
    with pytest.raises(OSError):
        Background(listener.accept).result()


@feature("connection.Listener.close::unix-socket-file-removed", de_facto=True, posix=True,
         reason=NO_UNIX)
def test_listener_close_unix_socket_file_removed(listen):
    """Closing an AF_UNIX listener removes its socket file."""
    listener = listen("unix")
    path = listener.address
    assert os.path.exists(path)
    listener.close()
    assert not os.path.exists(path)


@feature("connection.Listener::context-manager-closes")
def test_listener_context_manager_closes(connection):
    """`with Listener() as l:` gives the listener and closes it on exit (3.3+)."""
    listener = connection.Listener(("127.0.0.1", 0))
    with listener as entered:
        assert entered is listener
        address = listener.address
    with pytest.raises(OSError):
        with client(connection, address):
            pass


# --------------------------------------------------------------------------- authentication


@families("connection.Listener::matching-authkey-accepted")
def test_listener_matching_authkey_accepted(connection, listen, family):
    """With the same authkey on both sides, accept() and Client() both succeed."""
    listener = listen(family, authkey=KEY)
    with accepting(listener) as server:
        with client(connection, listener.address, authkey=KEY) as conn:
            conn.send("authenticated")
            assert harness.recv(server.result()) == "authenticated"


@feature("connection.Listener.accept::empty-authkey-authenticates", min_python=(3, 13),
         reason="from Python 3.13 (bpo-43952): before, a Listener with authkey=b'' sent no "
                "challenge and its client waited for one")
def test_listener_accept_empty_authkey_authenticates(connection, listen):
    """Listener(authkey=b'') and Client(authkey=b'') authenticate and then exchange data."""
    listener = listen("inet", authkey=b"")
    with accepting(listener) as server:
        with client(connection, listener.address, authkey=b"") as conn:
            conn.send("authenticated")
            assert harness.recv(server.result()) == "authenticated"


@feature("connection.Listener.accept::wrong-authkey-raises-authenticationerror")
def test_listener_accept_wrong_authkey_raises_authenticationerror(mp, connection, listen):
    """accept() raises AuthenticationError for a client presenting another key."""
    listener = listen("inet", authkey=KEY)
    with accepting(listener) as server:
        refused = Background(connection.Client, listener.address, authkey=OTHER_KEY)
        with pytest.raises(mp.AuthenticationError):
            server.result()
        refused.finished(harness.WAIT)  # it fails too; its connection is left to the GC


@feature("connection.Listener.accept::client-without-authkey-refused")
def test_listener_accept_client_without_authkey_refused(mp, connection, listen):
    """accept() raises AuthenticationError for a client that does not authenticate."""
    listener = listen("inet", authkey=KEY)
    with accepting(listener) as server:
        with client(connection, listener.address) as conn:
            conn.send_bytes(b"this is not an answer to the challenge")
            with pytest.raises(mp.AuthenticationError):
                server.result()


@feature("connection.Listener::no-authentication-without-authkey")
def test_listener_no_authentication_without_authkey(connection, listen):
    """Without authkey on either side no challenge is sent: the first message is the listener's."""
    listener = listen("inet")
    with accepting(listener) as server:
        with client(connection, listener.address) as conn:
            server.result().send_bytes(b"first message")
            assert conn.poll(harness.WAIT)
            assert conn.recv_bytes() == b"first message"
