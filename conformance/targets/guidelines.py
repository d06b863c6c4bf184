"""Child targets for the programming-guidelines tests (test_guidelines)."""

from __future__ import annotations

import os
import sys
from typing import Any

from conformance.harness import CHILD_WAIT

# A module global the parent changes after import (see the global-variables test).
GLOBAL = "as imported"
LARGE = 1_000_000  # bytes: far more than a pipe buffers, as in the docs' example


def send_global(conn: Any) -> None:
    conn.send(GLOBAL)
    conn.close()


def put_large(q: Any) -> None:
    """Put LARGE bytes on the queue and return (the docs' joining example)."""
    q.put(b"X" * LARGE)


def put_large_and_cancel_join_thread(q: Any) -> None:
    q.put(b"X" * LARGE)
    q.cancel_join_thread()


def try_lock(conn: Any, lock: Any) -> None:
    """Report whether the lock could be acquired without blocking."""
    acquired = lock.acquire(False)
    if acquired:
        lock.release()
    conn.send(acquired)
    conn.close()


def hold_lock(conn: Any, lock: Any, never: Any) -> None:
    """Acquire the lock, say so, and wait (to be terminated while holding it)."""
    lock.acquire()
    conn.send("holding")
    never.wait(CHILD_WAIT)


def send_stdin_state(conn: Any) -> None:
    """Report what reading sys.stdin gives, and whether it is os.devnull."""
    state: dict = {}
    try:
        state["read"] = sys.stdin.read()
    except Exception as exc:
        state["read"] = f"{type(exc).__name__}: {exc}"
    try:
        mine, devnull = os.fstat(sys.stdin.fileno()), os.stat(os.devnull)
        state["devnull"] = (mine.st_dev, mine.st_ino) == (devnull.st_dev, devnull.st_ino)
    except Exception as exc:
        state["devnull"] = f"{type(exc).__name__}: {exc}"
    conn.send(state)
    conn.close()


def print_without_flush(path: str, stream: str = "stdout") -> None:
    """Make sys.<stream> a block-buffered file, print to it, and return without flushing."""
    replacement = open(path, "w", buffering=8192)  # noqa: SIM115 - left for exit to flush
    setattr(sys, stream, replacement)
    print("printed by the child", file=replacement)


def set_event(event: Any) -> None:
    event.set()


def use_lock(lock: Any) -> None:
    """Take and give back ``lock`` (a threading.Lock, which only an implementation
    that pickles more than the stdlib can pass to a spawn or forkserver child)."""
    with lock:
        pass
