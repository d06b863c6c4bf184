"""Helpers shared by the tests of Shared ctypes Objects."""

from __future__ import annotations

from conformance import harness
from conformance.targets import sharedctypes as t


def _is_recursive(lock):
    """The lock's owner can acquire it a second time (bounded), and it is held until
    released as often."""
    assert lock.acquire(timeout=harness.WAIT) is True
    try:
        again = lock.acquire(timeout=harness.WAIT)
        if again:
            lock.release()
        return again
    finally:
        lock.release()


def _value_shared_with_child(ctx, value):
    """A child sees the parent's change to ``value`` (1.0) made after it started, and the
    parent the child's."""
    go = ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.report_then_set_value, value, go, sender, 3.5) as p:
        value.value = 2.5
        go.set()
        assert harness.recv(receiver) == 2.5, "the child did not see the parent's change"
        harness.join(p)
    assert value.value == 3.5, "the parent did not see the child's change"
