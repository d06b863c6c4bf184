"""Tests of current_process.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.current_process
"""

from __future__ import annotations

import os

from conformance import harness
from conformance.marks import feature
from conformance.targets import misc as t

# --------------------------------------------------------------------------- current_process()


@feature("current_process::main-process-object")
def test_current_process_main_process_object(mp):
    """In the main process, current_process() is one object: this pid, alive, not daemonic."""
    me = mp.current_process()
    assert me is mp.current_process()
    assert me.pid == os.getpid(), (me.pid, os.getpid())
    assert me.is_alive() is True
    assert me.daemon is False


@feature("current_process::child-sees-its-process-object")
def test_current_process_child_sees_its_process_object(ctx):
    """In a child, current_process() has the pid, name and daemon flag the parent sees."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_current_process, args=(sender,), name="seen-by-child",
                    daemon=True)
    p.start()
    try:
        seen = harness.recv(receiver)
    finally:
        harness.join(p)
    assert seen["pid"] == seen["getpid"] == p.pid, (seen, p.pid)
    assert seen["name"] == "seen-by-child" and seen["daemon"] is True, seen
    assert seen["same_object"], "current_process() returned different objects in the child"


@feature("current_process::main-process-name")
def test_current_process_main_process_name(mp):
    """In the main process, current_process().name is 'MainProcess'."""
    assert mp.current_process().name == "MainProcess"
