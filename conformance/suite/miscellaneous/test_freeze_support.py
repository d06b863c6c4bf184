"""Tests of freeze_support.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.freeze_support
"""

from __future__ import annotations

import sys

from conformance.marks import feature
from conformance.suite._support import SPAWN_AND_FORKSERVER, program_fact


@feature("freeze_support::leaves-start-method-unset",
         not_python=[((3, 14), (3, 14, 4))],
         reason="Python 3.14.0 to 3.14.3 set the default start method in freeze_support(), "
                "fixed in 3.14.4 (gh-140814)")
def test_freeze_support_leaves_start_method_unset(mp):
    """freeze_support() (not frozen) does not fix the start method: set_start_method() works."""
    assert program_fact("freeze-support-then-set") == "spawn"


@feature("freeze_support::guarded-main-with-freeze-support-runs",
         start_methods=SPAWN_AND_FORKSERVER,
         reason="checked with the main modules spawn and forkserver import again")
def test_freeze_support_guarded_main_runs(guarded_run):
    """freeze_support() after the __main__ guard, not frozen, has no effect.

    The program starts its child as usual.
    """
    assert guarded_run.returncode == 0, guarded_run.stderr[-1500:]
    assert "child exitcode 0" in guarded_run.stdout, guarded_run.stdout[-500:]


# --------------------------------------------------------------------------- freeze_support()


@feature("freeze_support::no-op-when-not-frozen")
def test_freeze_support_no_op_when_not_frozen(mp):
    """freeze_support() in a program not frozen does nothing.

    It returns, starts no process and leaves sys.argv alone.
    """
    argv = list(sys.argv)
    children = mp.active_children()
    assert mp.freeze_support() is None
    assert sys.argv == argv
    assert mp.active_children() == children
