"""Tests of active_children.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.active_children
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.targets import misc as t
from conformance.targets import process as tp

ZOMBIES = Narrowing(platforms=t.ZOMBIE_PLATFORMS, start_methods=("fork", "spawn"),
                    reason=t.ZOMBIE_REASON)

# --------------------------------------------------------------------------- active_children()


@feature("active_children::lists-live-children")
def test_active_children_lists_live_children(ctx, mp):
    """A started child that still runs is in active_children()."""
    release = ctx.Event()
    with harness.started(ctx, tp.wait_for, release, release_on_exit=(release,)) as p:
        assert p in mp.active_children()


@feature("active_children::joined-child-not-listed")
def test_active_children_joined_child_not_listed(ctx, mp):
    """A child that has ended and been joined is not in active_children()."""
    p = harness.run(ctx, tp.do_nothing)
    assert p not in mp.active_children()


@feature("active_children::joins-finished-children", **ZOMBIES)
def test_active_children_joins_finished_children(ctx, mp):
    """active_children() joins (reaps) a finished child and does not list it."""
    p = ctx.Process(target=tp.do_nothing)
    p.start()
    try:
        harness.until(lambda: t.is_zombie(p.pid), what="the child to finish")
        assert p not in mp.active_children(), "a finished child is listed"
        assert t.is_reaped(p.pid), "active_children() left the finished child a zombie"
    finally:
        harness.join(p)
