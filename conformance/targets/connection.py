"""Child targets for the Connection tests (test_connection, test_exchanging)."""

from __future__ import annotations

import time
from typing import Any

from conformance.harness import CHILD_WAIT
from conformance.impl import submodule
from conformance.targets import told

# --------------------------------------------------------------------------- child targets


def _recv(conn: Any) -> Any:
    if not conn.poll(CHILD_WAIT):
        raise TimeoutError("the parent sent nothing")
    return conn.recv()


def echo(conn: Any, count: int = 1) -> None:
    """Receive ``count`` objects and send each back."""
    for _ in range(count):
        conn.send(_recv(conn))
    conn.close()


def send_after(conn: Any, event: Any, obj: Any) -> None:
    """Send ``obj`` once the parent sets ``event``."""
    event.wait(CHILD_WAIT)
    conn.send(obj)
    conn.close()


def send_when_told(conn: Any, go: Any, obj: Any, report: Any) -> None:
    """Say "ready" on ``report``; once the parent sets ``go``, send ``obj``;
    report the moment of sending (``time.monotonic()``, one clock for every
    process of the machine)."""
    report.send("ready")
    told(go)
    sent = time.monotonic()
    conn.send(obj)
    conn.close()
    report.send(sent)
    report.close()


def send_all_and_close(conn: Any, objs: Any) -> None:
    """Send every object in ``objs``, then close this end and exit."""
    for obj in objs:
        conn.send(obj)
    conn.close()


def send_doc_example(conn: Any) -> None:
    """The documentation's example: send [42, None, 'hello'] and close."""
    conn.send([42, None, "hello"])
    conn.close()


def send_pattern_bytes(conn: Any, repeat: int) -> None:
    """send_bytes() a message of ``repeat`` copies of bytes 0..255."""
    conn.send_bytes(bytes(range(256)) * repeat)
    conn.close()


def use_transferred_connection(control: Any) -> None:
    """Receive a Connection over ``control`` and send a greeting through it."""
    conn = _recv(control)
    conn.send("sent through a transferred connection")
    conn.close()
    control.close()


def exchange_at_once(conn: Any, n: int, ready: Any) -> None:
    """Send n messages while the parent sends n on the other end, then read its n.

    Reports what it received back as the last message."""
    ready.wait(CHILD_WAIT)
    for i in range(n):
        conn.send(("child", i))
    got = [_recv(conn) for _ in range(n)]
    conn.send(got)
    conn.close()


def send_own_authkey(conn: Any) -> None:
    """Report current_process().authkey as plain bytes (the key refuses pickling)."""
    from conformance.targets import mp

    conn.send(bytes(mp().current_process().authkey))
    conn.close()


def answer_with_inherited_authkey(conn: Any) -> None:
    """answer_challenge() with this process's own authkey, then report."""
    from conformance.targets import mp

    connection = submodule("connection")
    try:
        connection.answer_challenge(conn, mp().current_process().authkey)
    except Exception as exc:
        conn.send(f"refused: {type(exc).__name__}: {exc}")
    else:
        conn.send("welcomed")
    conn.close()
