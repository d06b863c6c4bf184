"""Tests of Process.run.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.run
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.process._support import Calls
from conformance.targets import process as t


@pytest.mark.parametrize("args", [[1, "two"], (1, "two")], ids=["list", "tuple"])
@feature("Process.run::calls-target-with-args-and-kwargs")
def test_run_calls_target_with_args_and_kwargs(mp, args):
    """run() calls target(*args, **kwargs) in the calling process; args may be a list or tuple."""
    target = Calls()
    result = mp.Process(target=target, args=args, kwargs={"key": 3}).run()
    assert target.calls == [([1, "two"], {"key": 3})], target.calls
    assert result is None, f"run() returned {result!r}"


@feature("Process.run::no-arguments-by-default")
def test_run_no_arguments_by_default(mp):
    """Without args and kwargs the target is called with no arguments."""
    target = Calls()
    mp.Process(target=target).run()
    assert target.calls == [([], {})], target.calls


@feature("Process.run::target-none-does-nothing")
def test_run_target_none_does_nothing(mp):
    """With target None (the default), run() calls nothing and returns."""
    assert mp.Process().run() is None


# --------------------------------------------------------------------------- subclassing


@feature("Process.run::overridden-in-subclass-runs-in-child")
def test_run_overridden_in_subclass_runs_in_child(ctx, start_method):
    """A Process subclass's own run() runs in the child.

    The subclass is picklable, as spawn and forkserver require.
    """
    receiver, sender = ctx.Pipe(duplex=False)
    p = t.RECORDERS[start_method](sender, 1, key="word")
    p.start()
    try:
        message = harness.recv(receiver)
    finally:
        harness.join(p)
    assert message == ("run overridden", ((1,), {"key": "word"}), type(p).__name__), message
    assert p.exitcode == 0
