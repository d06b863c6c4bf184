"""Child targets for the Listener/Client tests (test_listeners), and ``accepting``,
the parent-side helper that runs ``Listener.accept()`` bounded."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from conformance.harness import Background
from conformance.impl import submodule
from conformance.platform_facts import HAS_AF_UNIX
from conformance.targets import mp

# --------------------------------------------------------------------------- parent side


def _poke(address: Any) -> None:
    """Connect a plain socket to ``address`` and hang up: an accept() still
    waiting for a client returns (or fails its challenge) and its thread ends."""
    try:
        if isinstance(address, str) and not HAS_AF_UNIX:
            # A Windows named pipe (AF_PIPE): no socket reaches it.
            submodule("connection").Client(address).close()
            return
        family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            s.connect(address)
    except OSError:
        pass


@contextmanager
def accepting(listener: Any) -> Iterator[Background]:
    """``listener.accept()`` in a background thread for the block.

    Afterwards an accept() that never got a client is released, and the
    connection it returned, if any, is closed."""
    address = listener.address
    server = Background(listener.accept)
    try:
        yield server
    finally:
        if not server.finished():
            _poke(address)
            server.finished(1.0)
        conn = server.value_if_done()
        if conn is not None:
            conn.close()


# --------------------------------------------------------------------------- child targets


def connect_and_send(address: Any, authkey: Any, obj: Any) -> None:
    """Connect with Client(address, authkey=authkey) and send ``obj``."""
    connection = submodule("connection")
    with connection.Client(address, authkey=authkey) as conn:
        conn.send(obj)


def connect_with_inherited_authkey(address: Any) -> None:
    """Connect with this process's own current_process().authkey and say hello."""
    connection = submodule("connection")
    with connection.Client(address, authkey=mp().current_process().authkey) as conn:
        conn.send("authenticated with the inherited key")


def send_then_wait(conn: Any, release: Any) -> None:
    """Send a message at once, then stay alive until ``release`` is set."""
    from conformance.harness import CHILD_WAIT

    conn.send("sent before waiting")
    release.wait(CHILD_WAIT)
    conn.close()


def produce(conn: Any, n: int, count: int, release: Any) -> None:
    """Send (n, 0) ... (n, count - 1), then stay alive until ``release`` is set."""
    from conformance.harness import CHILD_WAIT

    for i in range(count):
        conn.send((n, i))
    release.wait(CHILD_WAIT)
    conn.close()
