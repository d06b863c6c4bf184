"""Tests of Process.join.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.join
"""

from __future__ import annotations

import threading

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t


@feature("Process.join::before-start-raises", de_facto=True)
def test_join_before_start_raises(ctx):
    """join() on a process never started is an error (stdlib: AssertionError)."""
    with pytest.raises(AssertionError):
        ctx.Process(target=t.do_nothing).join(harness.SHORT)


# --------------------------------------------------------------------------- timeouts


@feature("Process.join::timeout-gives-up-while-child-runs")
def test_join_timeout_gives_up_while_child_runs(ctx):
    """join(timeout) gives up after about timeout seconds while the child runs.

    It returns None, and exitcode stays None with the process alive.
    """
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        with harness.stopwatch() as watch:
            result = p.join(harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "join(timeout)")
        assert result is None, f"join(timeout) returned {result!r}"
        assert p.exitcode is None, f"exitcode {p.exitcode!r} for a running process"
        assert p.is_alive(), "the child no longer runs after join(timeout) gave up"


@feature("Process.join::timeout-waits-for-child-ending-in-time")
def test_join_timeout_waits_for_child_ending_in_time(ctx):
    """join(timeout) returns when a child ends during the wait, before the timeout.

    The exit code is set when it returns.
    """
    release = ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.say_then_wait_for, sender, release,
                         release_on_exit=(release,)) as p:
        # The child runs and join() is observably blocked before the child is let go;
        # the bound runs from the moment the child is seen to have ended.
        assert harness.recv(receiver) == "waiting"
        harness.blocked(p, what="the child")

        def let_go():
            release.set()
            return harness.ended(p.pid)

        harness.woken(lambda: p.join(harness.WAIT), let_go, "join(timeout)")
        assert p.exitcode == 0, f"join(timeout) returned with exitcode {p.exitcode!r}"


@feature("Process.join::no-timeout-waits-until-end")
def test_join_no_timeout_waits_until_end(ctx):
    """join() without a timeout returns only once the process has ended."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        timer = threading.Timer(harness.SHORT, release.set)
        timer.start()
        try:
            # Bounded: the child waits at most CHILD_WAIT, and is released much sooner.
            p.join()
        finally:
            timer.cancel()
            timer.join()
        assert p.exitcode == 0, f"join() returned with exitcode {p.exitcode!r}"


@feature("Process.join::returns-none-and-can-repeat")
def test_join_returns_none_and_can_repeat(ctx):
    """join() returns None once the process ended, and a process can be joined many times."""
    p = ctx.Process(target=t.do_nothing)
    p.start()
    assert p.join(harness.WAIT) is None
    assert p.exitcode == 0, "join() returned before the process ended"
    assert p.join(harness.WAIT) is None
    assert p.join() is None
