"""Tests of guidelines.terminated-shared-resources.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#all-start-methods
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import feature
from conformance.targets import guidelines as t

# --------------------------------------------------------------------------- terminating


@feature("guidelines.terminated-shared-resources::lock-held-by-terminated-child-stays-held",
         de_facto=True)
def test_terminated_shared_resources_lock_stays_held(ctx):
    """A lock held by a terminated child stays held (the docs' warning).

    Other processes can no longer acquire it.
    """
    lock, never = ctx.Lock(), ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.hold_lock, sender, lock, never) as p:
        assert harness.recv(receiver) == "holding"
        p.terminate()
        harness.join(p)
    assert lock.acquire(timeout=harness.SHORT) is False, "the terminated child's lock was released"
