"""Tests of Process.terminate.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.terminate
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.platform_facts import TERMINATE_EXITCODE
from conformance.suite.process._support import _ready_child
from conformance.targets import process as t


@feature("Process.terminate::exitcode-is-minus-sigterm")
def test_terminate_exitcode_is_minus_sigterm(ctx):
    """A process ended by terminate() has exit code -SIGTERM."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        p.terminate()
        harness.join(p)
        assert p.exitcode == TERMINATE_EXITCODE


@feature("Process.terminate::sends-sigterm", posix=True, reason="SIGTERM is a POSIX signal")
def test_terminate_sends_sigterm(ctx):
    """On POSIX, terminate() sends SIGTERM: a child's SIGTERM handler sees it."""
    with _ready_child(ctx, t.report_sigterm) as (p, receiver):
        p.terminate()
        assert harness.recv(receiver) == "SIGTERM"
        harness.join(p)
        assert p.exitcode == 0, "the child's handler exited with 0"


@feature("Process.terminate::finally-clauses-not-run")
def test_terminate_finally_clauses_not_run(ctx):
    """A terminated child does not run its finally clauses."""
    with _ready_child(ctx, t.finally_reporter, close_sender=True) as (p, receiver):
        p.terminate()
        harness.join(p)
    # Only the child held the sender: after "ready" comes EOF, not "finally".
    assert receiver.poll(harness.WAIT)
    with pytest.raises(EOFError):
        message = receiver.recv()
        pytest.fail(f"the terminated child sent {message!r}")


@feature("Process.terminate::descendants-not-terminated")
def test_terminate_descendants_not_terminated(ctx, start_method):
    """Terminating a process leaves its own children running (orphaned)."""
    receiver, sender = ctx.Pipe(duplex=False)
    release, never = ctx.Event(), ctx.Event()
    # Only the grandchild waits on release; the terminated child waits on never,
    # which must stay unset (setting it could block).
    with harness.started(ctx, t.start_orphan_grandchild, sender, release, never,
                         start_method, release_on_exit=(release,)) as p:
        sender.close()
        grandchild_pid = harness.recv(receiver)
        p.terminate()
        # Not join(): under fork the grandchild inherits the child's end of
        # the sentinel pipe, so the sentinel stays unready while it lives.
        harness.until(lambda: not p.is_alive(), what="the terminated child to end")
        # The grandchild holds the last writer: no EOF while it lives.
        assert not receiver.poll(harness.SHORT), (
            "the grandchild ended when its parent was terminated")
    assert receiver.poll(harness.WAIT), f"grandchild {grandchild_pid} did not end when released"


@feature("Process.terminate::returns-none-and-ends-process")
def test_terminate_returns_none_and_ends_process(ctx):
    """terminate() returns None and the process is no longer alive once joined."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        assert p.terminate() is None
        harness.join(p)
        assert not p.is_alive()
