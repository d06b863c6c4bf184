"""Child targets for the shared ctypes tests (test_sharedctypes)."""

from __future__ import annotations

import ctypes
from typing import Any

from conformance.harness import CHILD_WAIT


class Point(ctypes.Structure):
    """The structure of the documentation's example (top-level, so that spawn and
    forkserver children can rebuild shared arrays of it)."""

    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]


def square_values(*values: Any) -> None:
    """``v.value **= 2`` for each shared value, as in the documentation's example."""
    for v in values:
        v.value **= 2


def upper_string_and_square_points(string: Any, points: Any) -> None:
    """The documentation's example: upper-case a shared 'c' array, square each Point."""
    string.value = string.value.upper()
    for p in points:
        p.x **= 2
        p.y **= 2


def increment(value: Any, ready: Any, go: Any, times: int) -> None:
    """Add one ``times`` times under the value's own lock, starting when told."""
    ready.set()
    go.wait(CHILD_WAIT)
    for _ in range(times):
        with value.get_lock():
            value.value += 1


def report_then_reverse(array: Any, go: Any, conn: Any) -> None:
    """When told, report the array's contents, then reverse them in place."""
    go.wait(CHILD_WAIT)
    items = list(array[:])
    conn.send(items)
    array[:] = items[::-1]
    conn.close()


def report_then_set_value(value: Any, go: Any, conn: Any, new: Any) -> None:
    """When told, report ``value.value``, then set it to ``new``."""
    go.wait(CHILD_WAIT)
    conn.send(value.value)
    value.value = new
    conn.close()
