"""Tests of guidelines.picklability.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods
"""

from __future__ import annotations

import os
import threading

import pytest

from conformance import harness, impl
from conformance.marks import feature
from conformance.suite._support import SPAWN_AND_FORKSERVER
from conformance.targets import guidelines as t
from conformance.targets import process as tp

# --------------------------------------------------------------------------- picklability


def _own_children() -> set[int]:
    """The pids of this process's children, in any state (zombies too), as /proc
    lists them; empty where there is no /proc."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat[stat.rfind(b")") + 2:].split()[1]) == me:
                found.add(int(entry))
    return found


def _start_unpicklable(ctx, p, what):
    """``p.start()`` where the stdlib refuses to pickle ``what``.

    The guideline tells users to keep these picklable; it promises no failure.
    So an implementation that pickles more (multiprocess, with dill) does more
    than the docs require: if start() succeeds the child must run and end well,
    and the test reports n/a "extension: ...", not a deviation.  If start() fails,
    as in the stdlib, it must leave no child behind: none of this process's
    children may be new, in any state (zombies too).
    """
    harness.run(ctx, tp.do_nothing)  # the resource tracker and forkserver already run
    before = _own_children()
    try:
        p.start()
    except Exception:  # the docs name no exception type
        left = _own_children() - before
        assert not left, f"start() failed on {what} but left the child process(es) {left}"
        assert p.pid is None and not p.is_alive(), f"start() failed on {what}, yet p runs"
        return
    harness.join(p)
    assert p.exitcode == 0, (
        f"start() accepted {what}, but the child ended with exit code {p.exitcode!r}")
    pytest.skip(f"extension: {impl.name()} pickles {what}, which the stdlib refuses; "
                "the child ran it")


@feature("guidelines.picklability::unpicklable-target-fails-at-start",
         start_methods=SPAWN_AND_FORKSERVER,
         reason="fork does not pickle the process object")
def test_picklability_unpicklable_target_fails_at_start(ctx):
    """Under spawn and forkserver, an unpicklable target (a lambda) fails at start().

    No child is left.  An implementation that pickles it is reported n/a (extension).
    """
    _start_unpicklable(ctx, ctx.Process(target=lambda: None), "a lambda as the target")


@feature("guidelines.picklability::unpicklable-argument-fails-at-start",
         start_methods=SPAWN_AND_FORKSERVER,
         reason="fork does not pickle the process object")
def test_picklability_unpicklable_argument_fails_at_start(ctx):
    """Under spawn and forkserver, an unpicklable argument (a thread lock) fails at start().

    No child is left.  An implementation that pickles it is reported n/a (extension).
    """
    _start_unpicklable(ctx, ctx.Process(target=t.use_lock, args=(threading.Lock(),)),
                       "a threading.Lock as an argument")


@feature("guidelines.picklability::fork-runs-unpicklable-target", start_methods=("fork",),
         reason="the picklability restriction applies to spawn and forkserver")
def test_picklability_fork_runs_unpicklable_target(ctx):
    """Under fork, the target need not be picklable: a lambda runs in the child."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, lambda: sender.send("ran"))
    assert p.exitcode == 0
    assert harness.recv(receiver) == "ran"
