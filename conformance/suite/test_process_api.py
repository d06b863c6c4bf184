"""Process: the constructor, run(), start(), is_alive(), pid, authkey, sentinel,
terminate(), kill(), close(), interrupt(), and subclassing.

https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.platform_facts import KILL_EXITCODE
from conformance.targets import process as t

# --------------------------------------------------------------------------- constructor, run()


class Calls:
    """A target for run() called in this process (never started, so it need not pickle)."""

    def __init__(self) -> None:
        self.calls: list = []

    def __call__(self, *args: object, **kwargs: object) -> str:
        self.calls.append((list(args), kwargs))
        return "ignored"


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


@feature("Process::keyword-arguments-set-the-process-up")
def test_keyword_arguments_set_the_process_up(mp):
    """Keyword arguments to the constructor set name, daemon, target, args and kwargs."""
    target = Calls()
    p = mp.Process(group=None, target=target, name="configured", args=(1,), kwargs={"k": 2},
                   daemon=True)
    assert (p.name, p.daemon) == ("configured", True), (p.name, p.daemon)
    p.run()
    assert target.calls == [([1], {"k": 2})], target.calls


@feature("Process::group-must-be-none", de_facto=True)
def test_group_must_be_none(mp):
    """A group other than None is refused (stdlib: AssertionError)."""
    with pytest.raises(AssertionError):
        mp.Process(group="not-none", target=t.do_nothing)


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


@feature("Process.join::returns-none-and-can-repeat")
def test_join_returns_none_and_can_repeat(ctx):
    """join() returns None once the process ended, and a process can be joined many times."""
    p = ctx.Process(target=t.do_nothing)
    p.start()
    assert p.join(harness.WAIT) is None
    assert p.exitcode == 0, "join() returned before the process ended"
    assert p.join(harness.WAIT) is None
    assert p.join() is None


# --------------------------------------------------------------------------- is_alive(), pid


@feature("Process.is_alive::false-before-start")
def test_is_alive_false_before_start(ctx):
    """A process that has not been started is not alive."""
    assert ctx.Process(target=t.do_nothing).is_alive() is False


@feature("Process.is_alive::true-while-running-false-after-end")
def test_is_alive_true_while_running_false_after_end(ctx):
    """A process is alive from the return of start() until it ends."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        assert p.is_alive() is True
        release.set()
        harness.join(p)
        assert p.is_alive() is False


@feature("Process.pid::none-before-start")
def test_pid_none_before_start(ctx):
    """pid is None before the process is started."""
    assert ctx.Process(target=t.do_nothing).pid is None


@feature("Process.pid::child-process-id")
def test_pid_child_process_id(ctx):
    """pid is the child's process id, as the child sees it (os.getpid(), current_process().pid)."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_identity, args=(sender,))
    p.start()
    try:
        seen = harness.recv(receiver)
    finally:
        harness.join(p)
    assert p.pid == seen["getpid"] == seen["pid"], (p.pid, seen)


@feature("Process.pid::ident-is-pid")
def test_pid_ident_is_pid(ctx):
    """ident is the same as pid, before start and after."""
    p = ctx.Process(target=t.do_nothing)
    assert p.ident is None
    p.start()
    harness.join(p)
    assert p.ident == p.pid and isinstance(p.pid, int), (p.ident, p.pid)


# --------------------------------------------------------------------------- authkey


@feature("Process.authkey::main-process-key-is-bytes")
def test_authkey_main_process_key_is_bytes(mp):
    """The main process has an authentication key, a non-empty byte string."""
    key = mp.current_process().authkey
    assert isinstance(key, bytes) and key, repr(key)


@feature("Process.authkey::inherited-from-parent")
def test_authkey_inherited_from_parent(ctx, mp):
    """A new Process has its creator's key, and the child's current_process() has it too."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_authkey, args=(sender,))
    parent_key = mp.current_process().authkey
    assert p.authkey == parent_key, "a new Process does not carry its creator's authkey"
    p.start()
    try:
        child_key = harness.recv(receiver)
    finally:
        harness.join(p)
    assert child_key == parent_key, "the child's current_process().authkey is not the parent's"


@feature("Process.authkey::settable-before-start")
def test_authkey_settable_before_start(ctx):
    """authkey set to another byte string before start() is the child's key."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_authkey, args=(sender,))
    p.authkey = b"set by the conformance suite"
    assert p.authkey == b"set by the conformance suite"
    p.start()
    try:
        assert harness.recv(receiver) == b"set by the conformance suite"
    finally:
        harness.join(p)


# --------------------------------------------------------------------------- sentinel


@feature("Process.sentinel::ready-when-process-ends", requires=("connection.wait",))
def test_sentinel_ready_when_process_ends(ctx):
    """The sentinel becomes ready for connection.wait() when the process ends.

    It is not ready while the child runs.
    """
    wait = submodule("connection").wait
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        sentinel = p.sentinel
        assert wait([sentinel], timeout=harness.SHORT) == [], "ready while the child runs"
        release.set()
        assert wait([sentinel], timeout=harness.WAIT) == [sentinel], (
            "the sentinel did not become ready when the child ended")
        harness.join(p)


@feature("Process.sentinel::numeric-handle")
def test_sentinel_numeric_handle(ctx):
    """The sentinel of a started process is a number (a file descriptor on POSIX)."""
    p = ctx.Process(target=t.do_nothing)
    p.start()
    try:
        assert isinstance(p.sentinel, int), type(p.sentinel)
    finally:
        harness.join(p)


@feature("Process.sentinel::before-start-raises-valueerror", de_facto=True)
def test_sentinel_before_start_raises_valueerror(ctx):
    """The sentinel of a process not started raises ValueError."""
    with pytest.raises(ValueError):
        ctx.Process(target=t.do_nothing).sentinel  # noqa: B018


# --------------------------------------------------------------------------- terminate(), kill()


@contextmanager
def _ready_child(ctx, target, *args, close_sender=False):
    """A child running ``target(sender, never, *args)`` that has said "ready" on the
    receiver; yields (process, receiver).  With ``close_sender`` the parent's copy of
    the sender is closed first, so that the receiver sees EOF once the child is gone.

    ``never`` is an Event the child waits on while the test ends it by a signal: it
    must never be set (setting an Event a terminated child waited on can block).
    """
    receiver, sender = ctx.Pipe(duplex=False)
    never = ctx.Event()
    with harness.started(ctx, target, sender, never, *args) as p:
        if close_sender:
            sender.close()
        assert harness.recv(receiver) == "ready"
        yield p, receiver


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


@feature("Process.kill::ends-process-ignoring-sigterm", posix=True,
         reason="SIGKILL is a POSIX signal")
def test_kill_ends_process_ignoring_sigterm(ctx):
    """kill() ends a child that ignores SIGTERM (it sends SIGKILL on POSIX)."""
    with _ready_child(ctx, t.ignore_sigterm) as (p, _):
        p.kill()
        harness.join(p)
        assert p.exitcode == KILL_EXITCODE


@feature("Process.terminate::returns-none-and-ends-process")
def test_terminate_returns_none_and_ends_process(ctx):
    """terminate() returns None and the process is no longer alive once joined."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        assert p.terminate() is None
        harness.join(p)
        assert not p.is_alive()


# --------------------------------------------------------------------------- interrupt() (3.14)


@feature("Process.interrupt::raises-keyboardinterrupt-in-child", posix=True,
         reason="interrupt() sends SIGINT, POSIX only")
def test_interrupt_raises_keyboardinterrupt_in_child(ctx):
    """interrupt() makes KeyboardInterrupt raise in the child; uncaught, exit code is 1."""
    with _ready_child(ctx, t.report_keyboard_interrupt) as (p, receiver):
        p.interrupt()
        assert harness.recv(receiver) == "KeyboardInterrupt"
        harness.join(p)
        assert p.exitcode == 1


@feature("Process.interrupt::caught-keyboardinterrupt-chooses-exit-code", posix=True,
         reason="interrupt() sends SIGINT, POSIX only")
def test_interrupt_caught_keyboardinterrupt_chooses_exit_code(ctx):
    """A child catching interrupt()'s KeyboardInterrupt ends with the exit code it chooses."""
    with _ready_child(ctx, t.exit_on_keyboard_interrupt, 7) as (p, _):
        p.interrupt()
        harness.join(p)
        assert p.exitcode == 7


# --------------------------------------------------------------------------- close()


@feature("Process.close::finished-process-closes")
def test_close_finished_process_closes(ctx):
    """close() of a finished process returns None; the name stays readable."""
    p = ctx.Process(target=t.do_nothing, name="to-be-closed")
    p.start()
    harness.join(p)
    assert p.close() is None
    assert p.name == "to-be-closed"


@feature("Process.close::terminate-then-close")
def test_close_after_terminate(ctx):
    """A process ended by terminate() and joined can be closed."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        p.terminate()
        harness.join(p)
    p.close()
    with pytest.raises(ValueError):
        p.is_alive()


@feature("Process.exitcode::killed-by-signal-is-minus-n", posix=True,
         reason="signals are POSIX")
def test_exitcode_killed_by_signal_is_minus_n(ctx):
    """A child killed by signal N (SIGUSR1, sent by itself) has exit code -N."""
    assert harness.run(ctx, t.signal_self, int(signal.SIGUSR1)).exitcode == -signal.SIGUSR1
