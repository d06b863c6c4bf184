"""Tests of Process.kill, Process, Process.is_alive, Process.pid, Process.authkey, Process.sentinel
and Process.interrupt.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.platform_facts import KILL_EXITCODE
from conformance.suite.process._support import Calls, _ready_child
from conformance.targets import process as t


@feature("Process.kill::exitcode-is-minus-sigkill")
def test_kill_exitcode_is_minus_sigkill(ctx):
    """A process ended by kill() has exit code -SIGKILL on POSIX (-SIGTERM on Windows)."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        p.kill()
        harness.join(p)
        assert p.exitcode == KILL_EXITCODE


def _atexit_handler_runs(ctx):
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, t.send_at_exit, sender)
    sender.close()
    assert p.exitcode == 0
    assert receiver.poll(harness.WAIT), "the child's atexit handler did not run"
    assert receiver.recv() == "atexit ran"


@feature("Process::atexit-handlers-run-at-normal-child-exit", de_facto=True,
         start_methods=("spawn",), reason="checked under spawn here; fork and forkserver have "
                                         "their own test")
def test_atexit_handlers_run_at_normal_child_exit(ctx):
    """atexit handlers a child registers run when it returns from run() normally (spawn)."""
    _atexit_handler_runs(ctx)


@feature("Process::atexit-handlers-run-at-normal-child-exit", de_facto=True,
         start_methods=("fork", "forkserver"), min_python=(3, 13),
         reason="fork and forkserver children run atexit handlers from Python 3.13 "
                "(gh-83856; before, they left with os._exit()); spawn has its own test")
def test_atexit_handlers_run_at_normal_child_exit_fork_forkserver(ctx):
    """atexit handlers a child registers run when it returns normally (fork, forkserver; 3.13)."""
    _atexit_handler_runs(ctx)


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


@feature("Process.kill::ends-process-ignoring-sigterm", posix=True,
         reason="SIGKILL is a POSIX signal")
def test_kill_ends_process_ignoring_sigterm(ctx):
    """kill() ends a child that ignores SIGTERM (it sends SIGKILL on POSIX)."""
    with _ready_child(ctx, t.ignore_sigterm) as (p, _):
        p.kill()
        harness.join(p)
        assert p.exitcode == KILL_EXITCODE


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
