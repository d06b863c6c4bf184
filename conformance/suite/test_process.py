"""Process and exceptions: exit codes, names, daemon flags, lifecycle.

https://docs.python.org/3/library/multiprocessing.html#process-and-exceptions
"""

from __future__ import annotations

import re
import threading

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.platform_facts import KILL_EXITCODE, TERMINATE_EXITCODE
from conformance.targets import process as t

# --------------------------------------------------------------------------- exit codes


@feature("Process.exitcode::normal-return-is-zero")
def test_exitcode_normal_return_is_zero(ctx):
    """A child whose run() returns normally has exit code 0."""
    assert harness.run(ctx, t.return_value).exitcode == 0


@pytest.mark.parametrize("code", [3, 255])
@feature("Process.exitcode::sys-exit-n-is-n")
def test_exitcode_sys_exit_n_is_n(ctx, code):
    """A child that calls sys.exit(N) with an integer N has exit code N."""
    assert harness.run(ctx, t.exit_with, code).exitcode == code


@feature("Process.exitcode::sys-exit-without-argument-is-zero")
def test_exitcode_sys_exit_without_argument_is_zero(ctx):
    """sys.exit() with no argument gives exit code 0."""
    assert harness.run(ctx, t.exit_without_argument).exitcode == 0


@feature("Process.exitcode::sys-exit-none-is-zero")
def test_exitcode_sys_exit_none_is_zero(ctx):
    """sys.exit(None) gives exit code 0."""
    assert harness.run(ctx, t.exit_with, None).exitcode == 0


@feature("Process.exitcode::sys-exit-text-is-one")
def test_exitcode_sys_exit_text_is_one(ctx):
    """sys.exit("text") gives exit code 1, as for Python itself."""
    assert harness.run(ctx, t.exit_with, "leaving with a message").exitcode == 1


@pytest.mark.parametrize("code, expected", [(True, 1), (False, 0)])
@feature("Process.exitcode::sys-exit-bool-is-its-integer")
def test_exitcode_sys_exit_bool_is_its_integer(ctx, code, expected):
    """sys.exit(True) gives exit code 1 and sys.exit(False) 0: a bool is an integer."""
    exitcode = harness.run(ctx, t.exit_with, code).exitcode
    assert exitcode == expected, f"sys.exit({code}) gave exit code {exitcode!r}"


@feature("Process.exitcode::sys-exit-other-object-is-one", de_facto=True)
def test_exitcode_sys_exit_other_object_is_one(ctx):
    """sys.exit(obj) with an object neither an integer nor None (a list) gives exit code 1."""
    exitcode = harness.run(ctx, t.exit_with, [1, 2, 3]).exitcode
    assert exitcode == 1, f"sys.exit([1, 2, 3]) gave exit code {exitcode!r}"


@pytest.mark.parametrize("code, text", [("leaving with a message", "leaving with a message"),
                                        ([1, 2, 3], "[1, 2, 3]")])
@feature("Process.exitcode::sys-exit-object-printed-to-stderr", de_facto=True)
def test_exitcode_sys_exit_object_printed_to_stderr(ctx, tmp_path, code, text):
    """sys.exit(obj) with a non-integer obj prints it to the child's sys.stderr, as Python does."""
    path = tmp_path / "stderr.txt"
    p = harness.run(ctx, t.exit_with_stderr_to, str(path), code)
    assert p.exitcode == 1, f"sys.exit({code!r}) gave exit code {p.exitcode!r}"
    written = path.read_text(encoding="utf-8") if path.exists() else ""
    assert written.strip() == text, (
        f"sys.exit({code!r}) wrote {written!r} to the child's stderr, not {text!r}")


@feature("Process.exitcode::uncaught-exception-is-one")
def test_exitcode_uncaught_exception_is_one(ctx):
    """An exception not caught within run() gives exit code 1."""
    assert harness.run(ctx, t.raise_uncaught).exitcode == 1


@feature("Process.exitcode::none-before-start")
def test_exitcode_none_before_start(ctx):
    """exitcode is None for a process that has not been started."""
    assert ctx.Process(target=t.do_nothing).exitcode is None


@feature("Process.exitcode::none-while-running")
def test_exitcode_none_while_running(ctx):
    """exitcode is None while the process runs, and set once it has ended."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        assert p.exitcode is None
        release.set()
        harness.join(p)
        assert p.exitcode == 0


@feature("Process.terminate::exitcode-is-minus-sigterm")
def test_terminate_exitcode_is_minus_sigterm(ctx):
    """A process ended by terminate() has exit code -SIGTERM."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        p.terminate()
        harness.join(p)
        assert p.exitcode == TERMINATE_EXITCODE


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


# --------------------------------------------------------------------------- names

DEFAULT_NAME = re.compile(r"^\w*Process-(\d+)(?::\d+)*$")


@feature("Process.name::default-pattern-with-counter")
def test_name_default_pattern_with_counter(ctx):
    """Unnamed processes are named '...Process-N', N counting the children created."""
    first = ctx.Process(target=t.do_nothing).name
    second = ctx.Process(target=t.do_nothing).name
    m1, m2 = DEFAULT_NAME.match(first), DEFAULT_NAME.match(second)
    assert m1 and m2, f"default names {first!r}, {second!r} do not follow 'Process-N'"
    assert int(m2.group(1)) == int(m1.group(1)) + 1, (
        f"consecutive processes were named {first!r} and {second!r}")


@feature("Process.name::module-level-default-is-process-n")
def test_name_module_level_default_is_process_n(mp):
    """multiprocessing.Process() without a name is named 'Process-N', as documented."""
    name = mp.Process(target=t.do_nothing).name
    assert re.match(r"^Process-\d+$", name), name


@feature("Process.name::nested-children-n1-n2")
def test_name_nested_children_n1_n2(ctx, start_method):
    """A child's children are named 'Process-N1:N2', N2 counting within the child.

    N1 is the child's number as the parent named it.
    """
    # A process created first makes the child's N1 at least 2: a child that numbers
    # itself from 1 must not pass by coincidence.
    ctx.Process(target=t.do_nothing)
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, t.send_child_names, sender, start_method)
    own, first, second = harness.recv(receiver)
    assert p.exitcode == 0
    assert own == p.name, f"the child believes it is {own!r}; the parent named it {p.name!r}"
    own_number = DEFAULT_NAME.match(p.name).group(1)
    assert re.match(rf"^\w*Process-{own_number}:1$", first), (own, first)
    assert re.match(rf"^\w*Process-{own_number}:2$", second), (own, second)


@feature("Process.name::explicit-name-kept")
def test_name_explicit_name_kept(ctx):
    """A name given to the constructor is the process's name."""
    assert ctx.Process(target=t.do_nothing, name="worker-7").name == "worker-7"


@feature("Process.name::seen-by-child-as-current-process-name")
def test_name_seen_by_child(ctx):
    """Inside the child, current_process().name is the name the parent gave."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_own_name, args=(sender,), name="named-by-parent")
    p.start()
    try:
        assert harness.recv(receiver) == "named-by-parent"
    finally:
        harness.join(p)


@feature("Process.name::seen-by-child-as-current-process-name")
def test_default_name_seen_by_child(ctx, start_method):
    """Unnamed children see the default name their parent gave each of them."""
    ctx.Process(target=t.do_nothing)  # no child is number 1 (see the test above)
    seen = []
    for _ in range(2):
        receiver, sender = ctx.Pipe(duplex=False)
        p = harness.run(ctx, t.send_default_name_and_daemon, sender, start_method)
        seen.append((harness.recv(receiver)[0], p.name))
    for own, given in seen:
        assert own == given, f"a child believes it is {own!r}; its parent named it {given!r}"


@feature("current_process::main-process-name")
def test_current_process_main_process_name(mp):
    """In the main process, current_process().name is 'MainProcess'."""
    assert mp.current_process().name == "MainProcess"


@feature("Process.name::non-string-refused", de_facto=True)
def test_name_non_string_refused(ctx):
    """Setting a non-string name raises (the stdlib raises AssertionError)."""
    p = ctx.Process(target=t.do_nothing)
    with pytest.raises(AssertionError):
        p.name = 12345


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


@feature("Process.join::before-start-raises", de_facto=True)
def test_join_before_start_raises(ctx):
    """join() on a process never started is an error (stdlib: AssertionError)."""
    with pytest.raises(AssertionError):
        ctx.Process(target=t.do_nothing).join(harness.SHORT)


@feature("Process.close::running-process-raises-valueerror")
def test_close_running_process_raises_valueerror(ctx):
    """close() of a process that is still running raises ValueError."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        with pytest.raises(ValueError):
            p.close()


CLOSED_REFUSALS = {
    "is_alive()": lambda p: p.is_alive(),
    "join()": lambda p: p.join(harness.SHORT),
    "terminate()": lambda p: p.terminate(),
    "kill()": lambda p: p.kill(),
    "start()": lambda p: p.start(),
    "exitcode": lambda p: p.exitcode,
    "sentinel": lambda p: p.sentinel,
}


@pytest.fixture(scope="module")
def closed_process(mp, start_method):
    """One finished, closed process per start method, shared by the refusal tests."""
    p = harness.run(mp.get_context(start_method), t.do_nothing)
    p.close()
    return p


@pytest.mark.parametrize("use", list(CLOSED_REFUSALS), ids=list(CLOSED_REFUSALS))
@feature("Process.close::closed-process-refuses-use")
def test_close_closed_process_refuses_use(closed_process, use):
    """After close(), most methods and attributes raise ValueError."""
    with pytest.raises(ValueError):
        CLOSED_REFUSALS[use](closed_process)


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
