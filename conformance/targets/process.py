"""Child targets for the Process tests (test_process*)."""

from __future__ import annotations

import sys

from conformance.harness import CHILD_WAIT
from conformance.targets import mp


def do_nothing() -> None:
    pass


def return_value() -> int:
    return 42


def exit_with(code: object) -> None:
    sys.exit(code)


def exit_without_argument() -> None:
    sys.exit()


def raise_uncaught() -> None:
    raise RuntimeError("raised on purpose by a conformance test")


def wait_for(event: object) -> None:
    """Stay alive until the event is set (bounded, so no child outlives a run)."""
    event.wait(CHILD_WAIT)


def send_own_name(conn: object) -> None:
    conn.send(mp().current_process().name)
    conn.close()


def send_child_names(conn: object, start_method: str) -> None:
    """Create two children of our own and report our name and theirs."""
    ctx = mp().get_context(start_method)
    first = ctx.Process(target=do_nothing)
    second = ctx.Process(target=do_nothing)
    conn.send((mp().current_process().name, first.name, second.name))
    conn.close()


def send_default_daemon_of_new_process(conn: object, start_method: str) -> None:
    """Report the daemon flag a Process created here starts with."""
    conn.send(mp().get_context(start_method).Process(target=do_nothing).daemon)
    conn.close()


def try_to_start_child(conn: object, start_method: str) -> None:
    """Try to start a child of our own; report the exception type, or None."""
    child = mp().get_context(start_method).Process(target=do_nothing)
    try:
        child.start()
    except BaseException as exc:  # noqa: B036 - report whatever was raised
        conn.send(type(exc).__name__)
    else:
        child.join(CHILD_WAIT)
        conn.send(None)
    conn.close()


def start_daemon_grandchild(writer: object, start_method: str) -> None:
    """Start a daemonic child that holds ``writer`` open and waits, then return.

    When this process exits, the daemonic child must be terminated, which
    closes the last copy of ``writer`` and the parent sees EOF."""
    ctx = mp().get_context(start_method)
    never = ctx.Event()
    grandchild = ctx.Process(target=hold_open, args=(writer, never), daemon=True)
    grandchild.start()
    writer.send(grandchild.pid)
    writer.close()


def hold_open(writer: object, event: object) -> None:
    event.wait(CHILD_WAIT)
    writer.close()
