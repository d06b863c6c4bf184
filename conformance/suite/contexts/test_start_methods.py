"""Tests of contexts.start-methods.

Contexts and start methods: https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading

import pytest

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.suite._support import DEFAULT, program_fact, value
from conformance.targets import contexts as t
from conformance.targets import process as tp
from conformance.targets import scripts


@feature("contexts.start-methods::platform-default-method")
def test_start_methods_platform_default_method(fresh):
    """A fresh program starts processes with the platform's default start method.

    fork on Linux before 3.14, forkserver from 3.14, spawn on macOS and Windows.
    """
    assert value(fresh, "get_start_method_sets_default")[0] == DEFAULT


@pytest.fixture
def inheritable_fd():
    """An inheritable descriptor (at 100 or above) of a temporary file, and its inode."""
    import fcntl  # POSIX only, as are the tests using this fixture

    with tempfile.TemporaryFile() as f:
        fd = fcntl.fcntl(f.fileno(), fcntl.F_DUPFD, 100)  # F_DUPFD: inheritable
        try:
            yield fd, os.fstat(fd).st_ino
        finally:
            os.close(fd)


@feature("contexts.start-methods::fork-inherits-parent-resources", start_methods=("fork",),
         posix=True, reason="only fork copies the parent's resources")
def test_start_methods_fork_inherits_parent_resources(ctx, inheritable_fd):
    """A forked child has the parent's open file descriptors."""
    fd, inode = inheritable_fd
    receiver, sender = ctx.Pipe(duplex=False)
    harness.run(ctx, t.send_fd_state, sender, fd, inode)
    assert harness.recv(receiver) == "inherited"


@feature("contexts.start-methods::unnecessary-fds-not-inherited",
         start_methods=("spawn", "forkserver"), posix=True,
         reason="fork children inherit all of the parent's resources")
def test_start_methods_unnecessary_fds_not_inherited(ctx, inheritable_fd):
    """Spawn and forkserver children do not inherit the parent's unrelated descriptors.

    Not even inheritable ones.
    """
    fd, inode = inheritable_fd
    receiver, sender = ctx.Pipe(duplex=False)
    harness.run(ctx, t.send_fd_state, sender, fd, inode)
    assert harness.recv(receiver) != "inherited"


@feature("contexts.start-methods::fork-of-multithreaded-process-warns",
         start_methods=("fork",), min_python=(3, 12),
         reason="Python 3.12 and later warn when fork() is used in a process with threads")
def test_start_methods_fork_of_multithreaded_process_warns(ctx):
    """Starting a fork child while the parent runs other threads raises a DeprecationWarning."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, args=(harness.WAIT,), daemon=True)
    thread.start()
    try:
        with pytest.warns(DeprecationWarning, match="multi-threaded"):
            harness.run(ctx, tp.do_nothing)
    finally:
        stop.set()
        thread.join(harness.WAIT)


@feature("contexts.start-methods::default-method-pickles-the-process", platforms=("linux",),
         min_python=(3, 14),
         reason="on Linux from Python 3.14, whose default start method is forkserver (before: "
                "fork, checked by default-method-runs-unpicklable-target)")
def test_default_method_pickles_the_process(mp):
    """On Linux from 3.14, a default-context process with a lambda target fails to start."""
    facts = program_fact("default-unpicklable-target", raw=True)
    assert isinstance(facts, dict) and "raised" in facts, (
        f"a lambda target started under the default start method (exit code {facts!r})")


@feature("contexts.start-methods::default-method-runs-unpicklable-target", platforms=("linux",),
         before_python=(3, 14),
         reason="on Linux before Python 3.14, whose default start method is fork (from 3.14: "
                "forkserver, checked by default-method-pickles-the-process)")
def test_default_method_runs_unpicklable_target(mp):
    """On Linux before 3.14, the default (fork) runs a process with a lambda target."""
    exitcode = program_fact("default-unpicklable-target")
    assert exitcode == 0, f"a lambda target under the default start method gave {exitcode!r}"


@feature("contexts.start-methods::default-method-emits-no-deprecationwarning", de_facto=True)
def test_default_method_emits_no_deprecationwarning(mp):
    """Starting a process of the default context warns of nothing (no DeprecationWarning).

    The default's change in 3.14 came without a runtime warning on 3.12/3.13.
    """
    facts = program_fact("default-start-method", flags=("-W", "error::DeprecationWarning"))
    assert facts["child"] == "hello from the child", facts


@feature("contexts.start-methods::forkserver-imports-main-with-program-argv", de_facto=True,
         posix=True, not_python=[((3, 14), (3, 14, 3))],
         reason="forkserver exists on POSIX only; Python 3.14.0 to 3.14.2 preloaded the main "
                "module before setting sys.argv, fixed in 3.14.3 (gh-143706)")
def test_forkserver_imports_main_with_program_argv(mp):
    """The fork server imports the main module with the program's sys.argv."""
    argv = program_fact("forkserver-argv-at-import", "first", "second")
    assert isinstance(argv, list) and argv[1:] == ["first", "second"], (
        f"sys.argv at the fork server's import of the main module: {argv!r}")


X_OPTIONS = Narrowing(de_facto=True, min_python=(3, 14, 4),
                      reason="from Python 3.14.4 (gh-146004) every -X option reaches spawned and "
                             "forkserver children; before, only some did")
X_OPTIONS_POSIX: Narrowing = {**X_OPTIONS, "posix": True}  # forkserver: POSIX only


@pytest.mark.parametrize("method", [
    pytest.param("spawn", marks=feature(
        "contexts.start-methods::children-get-the-x-options", **X_OPTIONS)),
    pytest.param("forkserver", marks=feature(
        "contexts.start-methods::children-get-the-x-options", **X_OPTIONS_POSIX))])
def test_children_get_the_x_options(mp, method):
    """A spawn or forkserver child runs with the program's -X options (int_max_str_digits)."""
    flags = program_fact(f"{method}-flags", flags=("-X", "int_max_str_digits=1000"))
    assert flags["int_max_str_digits"] == 1000, (
        f"a {method} child of `python -X int_max_str_digits=1000` has {flags!r}")


@feature("contexts.start-methods::forkserver-works-with-large-argv", de_facto=True, posix=True,
         not_python=[((3, 13, 12), (3, 14)), ((3, 14, 3), (3, 14, 4))],
         reason="forkserver exists on POSIX only; 3.13.12 and 3.14.3 broke it with a large "
                "sys.argv, fixed in 3.14.4 (gh-144503; the 3.13 fix release is not recorded)")
def test_forkserver_works_with_large_argv(mp):
    """A program with about 200 kB of arguments starts forkserver children."""
    args = [f"{i:04d}" + "x" * 95 for i in range(2000)]
    assert program_fact("forkserver-child", *args) == "hello from the child"


@pytest.fixture(scope="module")
def without_writable_tempdir(mp):
    """A command prefix that runs a program where no temporary directory is writable:
    a private mount namespace where /tmp and /var/tmp (and /usr/tmp) are bound read-only
    onto themselves (their contents stay visible), TMPDIR/TEMP/TMP unset, the working
    directory /tmp."""
    import shutil
    import subprocess

    unshare = shutil.which("unshare")
    hidden = [d for d in ("/tmp", "/var/tmp", "/usr/tmp") if os.path.isdir(d)]
    mounts = " && ".join(f"mount --bind {d} {d} && mount -o remount,ro,bind {d}"
                         for d in hidden)
    prefix = [unshare or "unshare", "--mount", "--propagation", "private", "sh", "-c",
              f'{mounts} && cd /tmp && unset TMPDIR TEMP TMP && exec "$0" "$@"']
    probe = [*prefix, sys.executable, "-c",
             "import tempfile\ntry:\n    print(tempfile.gettempdir())\n"
             "except FileNotFoundError:\n    print('none')"]
    try:
        proc = subprocess.run(probe, capture_output=True, text=True, timeout=harness.WAIT)
    except OSError:
        proc = None
    if proc is None or proc.stdout.strip() != "none":
        pytest.skip("needs a private mount namespace (unshare --mount, as root) to take away "
                    "every writable temporary directory")
    return prefix


@pytest.mark.parametrize("since", [
    pytest.param("3.14.9", marks=feature(
        "contexts.start-methods::default-is-spawn-without-writable-tempdir", posix=True,
        platforms=("linux",), min_python=(3, 14, 9), before_python=(3, 15),
        reason="3.14 from 3.14.9 (gh-155717); Linux, where forkserver is the default")),
    pytest.param("3.15.1", marks=feature(
        "contexts.start-methods::default-is-spawn-without-writable-tempdir", posix=True,
        platforms=("linux",), min_python=(3, 15, 1),
        reason="3.15 from 3.15.1 (gh-155717); Linux, where forkserver is the default"))])
def test_default_is_spawn_without_writable_tempdir(mp, without_writable_tempdir, since):
    """Without a writable temporary directory, the default start method is spawn, and works."""
    import json
    import subprocess

    env = dict(os.environ, MP_CONFORMANCE_PROBE="default-start-method")
    from conformance import impl

    env[impl.ENV_VAR] = impl.name()
    proc = subprocess.run([*without_writable_tempdir, sys.executable,
                           scripts.path("program_facts.py")],
                          env=env, capture_output=True, text=True, timeout=2 * harness.WAIT)
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and lines, f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    facts = value({"default": json.loads(lines[-1])}, "default")
    assert facts == {"method": "spawn", "child": "hello from the child"}, facts
