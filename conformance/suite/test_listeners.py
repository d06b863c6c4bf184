"""Listeners and Clients (multiprocessing.connection): Listener, Client, the
challenge functions, wait(), and authentication keys.

https://docs.python.org/3/library/multiprocessing.html#module-multiprocessing.connection
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
from contextlib import contextmanager

import pytest

from conformance import harness, impl
from conformance.harness import Background
from conformance.marks import feature
from conformance.targets import connection as tc
from conformance.targets import listeners as t
from conformance.targets.listeners import accepting

KEY = b"conformance suite key"
OTHER_KEY = b"some other key"
NO_UNIX = "AF_UNIX listeners are POSIX only"


@pytest.fixture(scope="module")
def connection(mp):
    """The implementation's multiprocessing.connection."""
    return impl.submodule("connection", mp)


@pytest.fixture
def listen(connection):
    """listen(family, **kwargs) -> a Listener on a fresh address, closed after the test.

    family "inet": loopback TCP on port 0; "unix": AF_UNIX at the default address."""
    made = []

    def make(family="inet", **kwargs):
        if family == "inet":
            listener = connection.Listener(("127.0.0.1", 0), **kwargs)
        else:
            listener = connection.Listener(family="AF_UNIX", **kwargs)
        made.append(listener)
        return listener

    yield make
    for listener in made:
        listener.close()


@contextmanager
def client(connection, address, **kwargs):
    """Client(address, ...) bounded, closed after the block."""
    conn = Background(connection.Client, address, **kwargs).result()
    try:
        yield conn
    finally:
        conn.close()


def families(feature_id, **kwargs):
    """Parametrize over a TCP and an AF_UNIX listener, each param carrying the feature."""
    return pytest.mark.parametrize("family", [
        pytest.param("inet", marks=feature(feature_id, **kwargs), id="inet"),
        pytest.param("unix", marks=feature(feature_id, posix=True, reason=NO_UNIX, **kwargs),
                     id="unix"),
    ])


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


FAMILY_NAMES = {"inet": "AF_INET", "unix": "AF_UNIX"}


@families("connection.Listener::family-without-address-gets-an-address")
def test_listener_family_without_address_gets_an_address(connection, family):
    """Listener(family=F) without an address listens on an address of that family."""
    with connection.Listener(family=FAMILY_NAMES[family]) as listener:
        with accepting(listener) as server:
            with client(connection, listener.address) as conn:
                conn.send(family)
                assert harness.recv(server.result()) == family


@families("connection.Client::explicit-family")
def test_client_explicit_family(connection, listen, family):
    """Client(address, family=F) connects with the family given."""
    listener = listen(family)
    with accepting(listener) as server:
        with client(connection, listener.address, family=FAMILY_NAMES[family]) as conn:
            conn.send("explicit")
            assert harness.recv(server.result()) == "explicit"


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


@feature("connection.Client::connects-from-a-child")
def test_client_connects_from_a_child(ctx, listen):
    """A child connects with Client(address, authkey=key) to the parent's Listener."""
    listener = listen("inet", authkey=KEY)
    with accepting(listener) as server:
        p = harness.run(ctx, t.connect_and_send, listener.address, KEY, ("from", "child"))
        assert p.exitcode == 0
        assert harness.recv(server.result()) == ("from", "child")


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


@feature("connection.Client::wrong-authkey-raises-authenticationerror")
def test_client_wrong_authkey_raises_authenticationerror(mp, connection, listen):
    """Client() with a key other than the listener's raises AuthenticationError."""
    listener = listen("inet", authkey=KEY)
    with accepting(listener):
        with pytest.raises(mp.AuthenticationError):
            with client(connection, listener.address, authkey=OTHER_KEY):
                pass


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


def challenge(connection, deliver_key, answer_key):
    """deliver_challenge and answer_challenge at the two ends of a Pipe, bounded."""
    a, b = impl.load().Pipe()
    deliverer = Background(connection.deliver_challenge, a, deliver_key)
    answerer = Background(connection.answer_challenge, b, answer_key)
    return a, b, deliverer, answerer


@feature("connection.deliver_challenge::matching-reply-accepted")
def test_deliver_challenge_matching_reply_accepted(connection):
    """deliver_challenge() returns without error when the reply uses the same key."""
    a, b, deliverer, answerer = challenge(connection, KEY, KEY)
    with a, b:
        deliverer.result()
        answerer.result()
        a.send("after the challenge")
        assert harness.recv(b) == "after the challenge"


@feature("connection.answer_challenge::welcomed-with-matching-key")
def test_answer_challenge_welcomed_with_matching_key(connection):
    """answer_challenge() returns without error when the challenger uses the same key."""
    a, b, deliverer, answerer = challenge(connection, KEY, KEY)
    with a, b:
        answerer.result()
        deliverer.result()
        b.send("after the challenge")
        assert harness.recv(a) == "after the challenge"


@feature("connection.deliver_challenge::wrong-reply-raises-authenticationerror")
def test_deliver_challenge_wrong_reply_raises_authenticationerror(mp, connection):
    """deliver_challenge() raises AuthenticationError when the reply uses another key."""
    a, b, deliverer, answerer = challenge(connection, KEY, OTHER_KEY)
    with a, b:
        with pytest.raises(mp.AuthenticationError):
            deliverer.result()
        answerer.finished(harness.WAIT)


@feature("connection.answer_challenge::not-welcomed-raises-authenticationerror")
def test_answer_challenge_not_welcomed_raises_authenticationerror(mp, connection):
    """answer_challenge() raises AuthenticationError when no welcome comes (other key)."""
    a, b, deliverer, answerer = challenge(connection, KEY, OTHER_KEY)
    with a, b:
        with pytest.raises(mp.AuthenticationError):
            answerer.result()
        deliverer.finished(harness.WAIT)


# --------------------------------------------------------------------------- authentication keys


@feature("authentication-keys::child-inherits-the-parent-s-authkey")
def test_authentication_keys_child_inherits(mp, ctx):
    """A child's current_process().authkey is its parent's."""
    receiver, reporter = ctx.Pipe(duplex=False)
    harness.run(ctx, tc.send_own_authkey, reporter)
    assert harness.recv(receiver) == bytes(mp.current_process().authkey)


@feature("authentication-keys::inherited-key-authenticates-a-child-client")
def test_authentication_keys_inherited_key_authenticates_a_child_client(mp, ctx, listen):
    """A Listener keyed with current_process().authkey accepts a child using its own key."""
    listener = listen("inet", authkey=mp.current_process().authkey)
    with accepting(listener) as server:
        p = harness.run(ctx, t.connect_with_inherited_authkey, listener.address)
        assert p.exitcode == 0
        assert harness.recv(server.result()) == "authenticated with the inherited key"


@feature("authentication-keys::inherited-key-answers-the-parent-s-challenge")
def test_authentication_keys_inherited_key_answers_challenge(mp, ctx, connection):
    """deliver_challenge() with the parent's authkey is answered by a child's own key."""
    mine, theirs = ctx.Pipe()
    with harness.started(ctx, tc.answer_with_inherited_authkey, theirs) as p:
        Background(connection.deliver_challenge, mine, mp.current_process().authkey).result()
        assert harness.recv(mine) == "welcomed"
        harness.join(p)
    mine.close()
    theirs.close()


# --------------------------------------------------------------------------- wait()


@feature("connection.wait::returns-the-ready-connections")
def test_wait_returns_the_ready_connections(mp, connection):
    """wait() returns the connections of the list that have data, and only those."""
    r1, w1 = mp.Pipe(duplex=False)
    r2, w2 = mp.Pipe(duplex=False)
    with r1, w1, r2, w2:
        w2.send("data")
        assert connection.wait([r1, r2], timeout=harness.WAIT) == [r2]
        w1.send("more")
        assert set(map(id, connection.wait([r1, r2], harness.WAIT))) == {id(r1), id(r2)}


@feature("connection.wait::empty-list-after-timeout")
def test_wait_empty_list_after_timeout(mp, connection):
    """wait(objects, t) with nothing ready returns [] after about t seconds."""
    r, w = mp.Pipe(duplex=False)
    with r, w:
        with harness.stopwatch() as watch:
            ready = connection.wait([r], timeout=harness.SHORT)
    assert ready == []
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "wait(timeout)")


@feature("connection.wait::negative-timeout-is-zero")
def test_wait_negative_timeout_is_zero(mp, connection):
    """wait(objects, -1) returns [] at once, like a zero timeout."""
    r, w = mp.Pipe(duplex=False)
    rescue = threading.Event()
    with r, w:
        # Should wait() block, data comes after WAIT seconds and fails the test.
        rescuer = Background(lambda: rescue.wait(harness.WAIT) or w.send("rescue"))
        with harness.stopwatch() as watch:
            ready = connection.wait([r], timeout=-1)
        rescue.set()
        rescuer.finished(harness.WAIT)
    assert ready == [], "wait() with a negative timeout blocked until data came"
    harness.assert_gave_up_after(watch.elapsed, 0.0, "wait(timeout=-1)")


@feature("connection.wait::none-timeout-waits-until-ready")
def test_wait_none_timeout_waits_until_ready(mp, connection):
    """wait(objects) without a timeout waits until one is ready."""
    r, w = mp.Pipe(duplex=False)
    with r, w:
        waiter = Background(connection.wait, [r])
        assert not waiter.finished(harness.SHORT), "wait() returned with nothing ready"
        w.send("now")
        assert waiter.result() == [r]


@feature("connection.wait::closed-other-end-counts-as-ready")
def test_wait_closed_other_end_counts_as_ready(mp, connection):
    """A connection whose other end was closed is ready."""
    r, w = mp.Pipe(duplex=False)
    w.close()
    with r:
        assert connection.wait([r], timeout=harness.WAIT) == [r]


@feature("connection.wait::sockets-can-be-waited-on")
def test_wait_sockets_can_be_waited_on(connection):
    """A connected socket with data to read is ready; one without is not."""
    a, b = socket.socketpair()
    c, d = socket.socketpair()
    with a, b, c, d:
        a.sendall(b"x")
        assert connection.wait([b, d], timeout=harness.WAIT) == [b]
        c.close()
        assert set(map(id, connection.wait([b, d], harness.WAIT))) == {id(b), id(d)}


PRODUCERS, MESSAGES = 3, 20


@feature("connection.wait::many-producers-every-message-seen")
def test_wait_many_producers_every_message_seen(ctx, connection):
    """A consumer that recv()s whatever wait() reports ready gets every message of several
    producer processes, each producer's in order, while they are still running."""
    pipes = [ctx.Pipe(duplex=False) for _ in range(PRODUCERS)]
    release = ctx.Event()
    with contextlib.ExitStack() as stack:
        for n, (_, writer) in enumerate(pipes):
            stack.enter_context(harness.started(ctx, t.produce, writer, n, MESSAGES, release,
                                                release_on_exit=(release,)))
            writer.close()
        got = {n: [] for n in range(PRODUCERS)}
        readers = [reader for reader, _ in pipes]
        while sum(map(len, got.values())) < PRODUCERS * MESSAGES:
            ready = connection.wait(readers, timeout=harness.WAIT)
            assert ready, (
                f"wait() reported nothing ready for {harness.WAIT}s with "
                f"{PRODUCERS * MESSAGES - sum(map(len, got.values()))} message(s) still to come")
            for reader in ready:
                n, i = reader.recv()
                got[n].append(i)
        release.set()
    for reader, _ in pipes:
        reader.close()
    assert got == {n: list(range(MESSAGES)) for n in range(PRODUCERS)}


@feature("connection.wait::process-sentinels-can-be-waited-on")
def test_wait_process_sentinels_can_be_waited_on(ctx, connection):
    """A process sentinel is ready once the process ended, and not before."""
    reader, writer = ctx.Pipe(duplex=False)
    release = ctx.Event()
    with harness.started(ctx, t.send_then_wait, writer, release,
                         release_on_exit=(release,)) as p:
        writer.close()
        ready = connection.wait([reader, p.sentinel], timeout=harness.WAIT)
        assert ready == [reader], f"wait() returned {ready}, expected only the connection"
        assert reader.recv() == "sent before waiting"
        release.set()
        assert connection.wait([p.sentinel], timeout=harness.WAIT) == [p.sentinel]
    reader.close()
