"""Thread targets for the multiprocessing.dummy and ThreadPool tests (test_dummy).

These run in threads of the test process (multiprocessing.dummy wraps
threading), so they could be closures; they live here like every other target.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from conformance.harness import CHILD_WAIT


def report_identity(out: list, dummy: Any) -> None:
    """Append (pid, thread ident, dummy.current_process()) to ``out``."""
    out.append((os.getpid(), threading.get_ident(), dummy.current_process()))


def wait_for(event: Any) -> None:
    event.wait(CHILD_WAIT)


def put_items(q: Any, items: list) -> None:
    for item in items:
        q.put(item)


def try_lock(lock: Any, out: list) -> None:
    """Report whether ``lock`` could be taken without blocking (and give it back)."""
    got = lock.acquire(False)
    if got:
        lock.release()
    out.append(got)


def wait_and_report(event: Any, out: list) -> None:
    out.append(event.wait(CHILD_WAIT))


def send_over(conn: Any, obj: object) -> None:
    conn.send(obj)


def fill_shared(store: Any, namespace: Any, key: str, value: object) -> None:
    store[key] = value
    namespace.seen = value


def thread_identity(_: object = None) -> tuple:
    return os.getpid(), threading.get_ident()
