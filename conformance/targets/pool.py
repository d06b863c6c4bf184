"""Worker functions and initializers for the pool tests (test_pool).

Pool tasks cannot receive synchronisation objects as arguments: a pool's
worker gets them once, through ``initializer(*initargs)``, which stores them
here.  A task that must stay busy until the test releases it waits on the
worker's ``gate`` (a Semaphore the test releases once per such task).
"""

from __future__ import annotations

import os
from typing import Any, SupportsIndex

from conformance.harness import CHILD_WAIT

# Set in each worker by init_worker().
_worker: dict = {}
# Set by a test in the parent before it creates a pool: a forked worker
# inherits the value, a spawned one imports this module afresh.
parent_marker: dict = {}


class PoolTaskError(Exception):
    """Raised on purpose by a task, so the caller can check type and message."""


def init_worker(gate: Any = None, barrier: Any = None, token: Any = None) -> None:
    """Pool initializer: keep the synchronisation objects and the token."""
    _worker.update(gate=gate, barrier=barrier, token=token, pid=os.getpid())


def square(x: int) -> int:
    return x * x


def power(base: int, exponent: int = 2) -> int:
    return base ** exponent


def worker_pid(_: object = None) -> int:
    return os.getpid()


def read_parent_marker(_: object = None) -> object:
    return parent_marker.get("value")


def fail(message: str) -> None:
    raise PoolTaskError(message)


def square_unless(x: int, bad: int) -> int:
    """square(x), but raise PoolTaskError for the item ``bad``."""
    if x == bad:
        raise PoolTaskError(f"item {x} failed on purpose")
    return x * x


class Unpicklable:
    """An object that refuses to be pickled, whatever the pickler."""

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        raise TypeError("this object refuses to be pickled")


def unpicklable_result(_: object = None) -> Unpicklable:
    """A task whose result cannot be sent back."""
    return Unpicklable()


def gated(value: object = None) -> object:
    """Wait until the test releases the worker's gate once, then return ``value``."""
    if not _worker["gate"].acquire(timeout=CHILD_WAIT):
        raise PoolTaskError("the test never released the gate")
    return value


def meet() -> tuple:
    """Wait at the worker's barrier (so that every worker must take one such
    task at the same time) and report who we are and what the initializer gave."""
    barrier = _worker.get("barrier")
    if barrier is not None:  # None: the initializer did not run here
        barrier.wait(CHILD_WAIT)
    return os.getpid(), _worker.get("token"), _worker.get("pid")



# --------------------------------------------------------------------------- not a target

