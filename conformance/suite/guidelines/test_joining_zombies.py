"""Tests of guidelines.joining-zombies.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#all-start-methods
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.targets import misc as tm
from conformance.targets import process as tp

ZOMBIES = Narrowing(platforms=tm.ZOMBIE_PLATFORMS, start_methods=("fork", "spawn"),
                    reason=tm.ZOMBIE_REASON)


def finished_unjoined(ctx):
    """A started child that has finished, not yet reaped (a zombie of this process)."""
    p = ctx.Process(target=tp.do_nothing)
    p.start()
    try:
        harness.until(lambda: tm.is_zombie(p.pid), what="the child to finish")
    except BaseException:
        harness.reap(p)  # the probe failed: the caller never gets the child to join
        raise
    return p


# --------------------------------------------------------------------------- zombies


@feature("guidelines.joining-zombies::start-joins-finished-children", **ZOMBIES)
def test_joining_zombies_start_joins_finished_children(ctx):
    """Starting a new process joins the children that have finished."""
    first = finished_unjoined(ctx)
    try:
        harness.join(harness.run(ctx, tp.do_nothing))
        assert tm.is_reaped(first.pid), "start() left a finished child a zombie"
    finally:
        harness.join(first)


@feature("guidelines.joining-zombies::is-alive-joins-finished-process", **ZOMBIES)
def test_joining_zombies_is_alive_joins_finished_process(ctx):
    """is_alive() on a finished process joins it."""
    p = finished_unjoined(ctx)
    try:
        assert p.is_alive() is False
        assert tm.is_reaped(p.pid), "is_alive() left the finished child a zombie"
    finally:
        harness.join(p)
