"""Tests of Process.exitcode.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.exitcode
"""

from __future__ import annotations

import signal

import pytest

from conformance import harness
from conformance.marks import feature
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


@feature("Process.exitcode::killed-by-signal-is-minus-n", posix=True,
         reason="signals are POSIX")
def test_exitcode_killed_by_signal_is_minus_n(ctx):
    """A child killed by signal N (SIGUSR1, sent by itself) has exit code -N."""
    assert harness.run(ctx, t.signal_self, int(signal.SIGUSR1)).exitcode == -signal.SIGUSR1
