"""Tests of Process.daemon.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.daemon
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t

# --------------------------------------------------------------------------- daemon


@feature("Process.daemon::default-false-in-main-process")
def test_daemon_default_false(ctx):
    """A process created by the (non-daemonic) main process is not daemonic by default."""
    assert ctx.Process(target=t.do_nothing).daemon is False


@feature("Process.daemon::inherited-from-creating-process")
def test_daemon_inherited_from_creating_process(ctx, start_method):
    """A Process created inside a daemonic process starts out daemonic."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_default_daemon_of_new_process, args=(sender, start_method),
                    daemon=True)
    p.start()
    try:
        assert harness.recv(receiver) is True
    finally:
        harness.join(p)


@feature("Process.daemon::inherited-from-creating-process")
def test_daemon_false_inherited_from_creating_process(ctx, start_method):
    """A Process created inside a non-daemonic child starts out non-daemonic."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, t.send_default_name_and_daemon, sender, start_method)
    assert p.exitcode == 0
    daemon = harness.recv(receiver)[1]
    assert daemon is False, f"a Process created in a non-daemonic child has daemon {daemon!r}"


@feature("Process.daemon::non-daemonic-children-joined-at-exit")
def test_daemon_non_daemonic_children_joined_at_exit(ctx, start_method):
    """A process whose run() returned waits for its non-daemonic children before it exits."""
    receiver, sender = ctx.Pipe(duplex=False)
    release = ctx.Event()
    with harness.started(ctx, t.start_child_then_return, sender, release, start_method,
                         release_on_exit=(release,)) as p:
        said, grandchild = harness.recv(receiver)
        assert said == "returning"
        # run() has returned; the child waits (blocked) for its child, which waits.
        harness.blocked(p, what="the exiting child")
        p.join(harness.SHORT)
        assert p.is_alive(), (
            "the child exited while its non-daemonic child still ran: it was not joined")
        release.set()
        harness.join(p)
        assert p.exitcode == 0, f"the child exited with {p.exitcode!r}"
        harness.ended(grandchild)


@feature("Process.daemon::settable-before-start")
def test_daemon_settable_before_start(ctx):
    """daemon can be set before start(), by attribute or constructor argument."""
    p = ctx.Process(target=t.do_nothing)
    p.daemon = True
    assert p.daemon is True
    assert ctx.Process(target=t.do_nothing, daemon=True).daemon is True


@feature("Process.daemon::not-settable-after-start", de_facto=True)
def test_daemon_not_settable_after_start(ctx):
    """Setting daemon on a started process raises (stdlib: AssertionError)."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        with pytest.raises(AssertionError):
            p.daemon = True


@feature("Process.daemon::daemonic-process-cannot-create-children")
def test_daemon_daemonic_process_cannot_create_children(ctx, start_method):
    """start() inside a daemonic process fails (stdlib: AssertionError)."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.try_to_start_child, args=(sender, start_method), daemon=True)
    p.start()
    try:
        assert harness.recv(receiver) == "AssertionError"
    finally:
        harness.join(p)


@feature("Process.daemon::daemonic-children-terminated-at-parent-exit")
def test_daemon_children_terminated_at_parent_exit(ctx, start_method):
    """When a process exits, its daemonic children are terminated."""
    receiver, writer = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.start_daemon_grandchild, args=(writer, start_method))
    p.start()
    writer.close()
    grandchild_pid = harness.recv(receiver)
    assert isinstance(grandchild_pid, int)
    harness.join(p)
    assert p.exitcode == 0
    # The grandchild held the last copy of the writer: EOF means it is gone.
    assert receiver.poll(harness.WAIT), "the daemonic grandchild still holds its pipe open"
    with pytest.raises(EOFError):
        receiver.recv()
