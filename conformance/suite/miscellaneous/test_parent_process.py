"""Tests of parent_process.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.parent_process
"""

from __future__ import annotations

import os

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as tp

# --------------------------------------------------------------------------- parent_process()


@feature("parent_process::none-in-main-process")
def test_parent_process_none_in_main_process(mp):
    """In the main process, parent_process() is None."""
    assert mp.parent_process() is None


@feature("parent_process::child-sees-parent")
def test_parent_process_child_sees_parent(ctx):
    """In a child, parent_process() is the parent: its pid and name, and alive."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, tp.send_parent, sender)
    seen = harness.recv(receiver)
    assert p.exitcode == 0
    assert seen is not None, "parent_process() is None in a child"
    assert seen == {"pid": os.getpid(), "name": "MainProcess", "alive": True}, seen
