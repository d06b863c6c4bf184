"""Tests of Process.start.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.start
"""

from __future__ import annotations

import os

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t

# --------------------------------------------------------------------------- lifecycle


@feature("Process.start::second-start-raises-assertionerror", de_facto=True)
def test_start_second_start_raises(ctx):
    """Calling start() twice raises AssertionError ("cannot start a process twice")."""
    p = ctx.Process(target=t.do_nothing)
    p.start()
    try:
        with pytest.raises(AssertionError):
            p.start()
    finally:
        harness.join(p)


@feature("Process.start::second-start-raises-assertionerror", de_facto=True)
def test_start_after_exit_raises(ctx):
    """start() again after the process has ended raises AssertionError: no second child runs."""
    p = ctx.Process(target=t.do_nothing)
    p.start()
    harness.join(p)
    first = p.pid
    try:
        with pytest.raises(AssertionError):
            p.start()
    finally:
        if p.pid != first:  # a second child was started after all: reap it
            harness.join(p)


@pytest.mark.parametrize("args", [[1, "two"], (1, "two")], ids=["list", "tuple"])
@feature("Process.start::child-runs-target-with-args-and-kwargs")
def test_start_child_runs_target_with_args_and_kwargs(ctx, args):
    """A started child calls the target with the args (list or tuple) and kwargs given."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_args, args=type(args)((sender, *args)), kwargs={"key": 3})
    p.start()
    try:
        assert harness.recv(receiver) == ([1, "two"], {"key": 3})
    finally:
        harness.join(p)


# --------------------------------------------------------------------------- start(), join()


@feature("Process.start::runs-in-separate-process")
def test_start_runs_in_separate_process(ctx):
    """start() runs the target in another process, whose pid is Process.pid."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_identity, args=(sender,))
    assert p.start() is None
    try:
        seen = harness.recv(receiver)
    finally:
        harness.join(p)
    assert seen["getpid"] != os.getpid(), "the target ran in the parent process"
    assert seen["getpid"] == p.pid, f"the child's os.getpid() {seen['getpid']} != p.pid {p.pid}"
