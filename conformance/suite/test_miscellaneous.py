"""Miscellaneous: active_children(), cpu_count(), current_process(),
parent_process(), freeze_support().

https://docs.python.org/3/library/multiprocessing.html#miscellaneous
"""

from __future__ import annotations

import os
import sys

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.targets import contexts as tc
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


# --------------------------------------------------------------------------- cpu_count()


@feature("cpu_count::positive-int")
def test_cpu_count_positive_int(mp):
    """cpu_count() returns a positive int."""
    count = mp.cpu_count()
    assert isinstance(count, int) and count > 0, repr(count)


@feature("cpu_count::number-of-cpus-in-the-system")
def test_cpu_count_number_of_cpus_in_the_system(mp):
    """cpu_count() is the number of CPUs in the system, as os.cpu_count() gives it.

    Not the number this process may use.
    """
    assert mp.cpu_count() == os.cpu_count()


@feature("cpu_count::follows-python-cpu-count", min_python=(3, 13),
         reason="PYTHON_CPU_COUNT and -X cpu_count exist from Python 3.13")
def test_cpu_count_follows_python_cpu_count(mp):
    """With PYTHON_CPU_COUNT set, cpu_count() returns that number (3.13+)."""
    facts = tc.start_method_facts()
    assert facts["cpu_count"] == tc.FORCED_CPU_COUNT, facts["cpu_count"]


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

