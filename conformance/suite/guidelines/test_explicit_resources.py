"""Tests of guidelines.explicit-resources.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#all-start-methods
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import feature
from conformance.targets import guidelines as t

# ------------------------------------------------------------------------ explicit resources, stdin


@feature("guidelines.explicit-resources::lock-passed-as-argument-is-shared")
def test_explicit_resources_lock_passed_as_argument_is_shared(ctx):
    """A Lock passed to the child as an argument is the parent's lock.

    Held by the parent, the child cannot acquire it.
    """
    lock = ctx.Lock()
    receiver, sender = ctx.Pipe(duplex=False)
    with lock:
        harness.run(ctx, t.try_lock, sender, lock)
    assert harness.recv(receiver) is False, "the child acquired a lock the parent held"


@feature("guidelines.explicit-resources::event-passed-as-argument-is-shared")
def test_explicit_resources_event_passed_as_argument_is_shared(ctx):
    """An Event passed to the child as an argument is the parent's event.

    The child sets it, the parent sees it set.
    """
    event = ctx.Event()
    harness.run(ctx, t.set_event, event)
    assert event.is_set(), "the child set its own copy of the event, not the parent's"
