"""Contexts and start methods: get_context(), the global start method and its
setters (checked in a fresh interpreter), the platform default, what each start
method inherits, set_executable(), set_forkserver_preload(), mixing contexts and
the resource tracker.

https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

from conformance import catalog, harness
from conformance.marks import Narrowing, feature
from conformance.platform_facts import START_METHODS_ON_PLATFORM, default_start_method
from conformance.targets import contexts as t
from conformance.targets import process as tp
from conformance.targets import scripts

DEFAULT = default_start_method()


@pytest.fixture(scope="module")
def fresh(mp):
    """What a fresh interpreter running scripts/start_methods.py observed."""
    return t.start_method_facts()


def value(facts: dict, key: str) -> Any:
    """One observation; an exception the fresh interpreter met becomes the failure."""
    observed = facts[key]
    assert not (isinstance(observed, dict) and "raised" in observed), (
        f"{key}: {observed['raised']}: {observed['message']}")
    return observed


def raised(facts: dict, key: str) -> str | None:
    observed = facts[key]
    return observed["raised"] if isinstance(observed, dict) and "raised" in observed else None


# --------------------------------------------------------------------------- get_context()


@feature("get_context::named-method-context")
def test_get_context_named_method_context(mp):
    """get_context(method) returns a context whose start method is that method."""
    wrong = {m: mp.get_context(m).get_start_method() for m in mp.get_all_start_methods()}
    wrong = {m: got for m, got in wrong.items() if got != m}
    assert not wrong, f"get_context(m).get_start_method() for m: {wrong}"


@feature("get_context::unknown-method-raises-valueerror")
def test_get_context_unknown_method_raises_valueerror(mp):
    """get_context() with a name that is not an available start method raises ValueError."""
    with pytest.raises(ValueError):
        mp.get_context("no-such-method")


@feature("get_context::none-sets-and-returns-default")
def test_get_context_none_sets_default(fresh):
    """get_context() with no method, the global start method not set, sets it to the default."""
    assert value(fresh, "get_context_sets_default") == DEFAULT


# The module's documented top-level API.  get_all_start_methods is left out: the
# stdlib offers it on the module (its default context) but not on the contexts
# get_context(method) returns, through 3.13.
MODULE_API = sorted(
    e.name for e in catalog.entries().values()
    if e.is_api and "." not in e.name and e.kind != "module"
    and e.name != "get_all_start_methods"
    and not (e.added_tuple and sys.version_info[:len(e.added_tuple)] < e.added_tuple))


@pytest.mark.parametrize("name", MODULE_API)
@feature("get_context::context-has-module-api")
def test_get_context_context_has_module_api(mp, name):
    """A context object has the same attributes as the multiprocessing module."""
    missing = [m for m in mp.get_all_start_methods() if not hasattr(mp.get_context(m), name)]
    assert not missing, f"the {', '.join(missing)} context(s) lack {name}"


# -------------------------------------------------------------------------- the global start method


@feature("get_start_method::allow-none-returns-none-when-unset")
def test_get_start_method_allow_none_when_unset(fresh):
    """In a fresh program, get_start_method(allow_none=True) returns None."""
    assert value(fresh, "initial_allow_none") is None


@feature("get_start_method::sets-and-returns-default")
def test_get_start_method_sets_and_returns_default(fresh):
    """get_start_method() with nothing set returns the default and sets it."""
    assert value(fresh, "get_start_method_sets_default") == [DEFAULT, DEFAULT]


@feature("set_start_method::sets-global-method")
def test_set_start_method_sets_global_method(fresh):
    """set_start_method(method) sets the method get_start_method() returns."""
    assert value(fresh, "set_spawn") == "spawn"


@pytest.mark.parametrize("key", ["second_call_same_method", "second_call_other_method"])
@feature("set_start_method::second-call-raises-runtimeerror")
def test_set_start_method_second_call_raises_runtimeerror(fresh, key):
    """A second set_start_method() without force raises RuntimeError.

    Whether the method is the same or another.
    """
    assert raised(fresh, key) == "RuntimeError", f"second set_start_method(): {fresh[key]!r}"


@feature("set_start_method::force-overrides", posix=True, reason="sets the fork method")
def test_set_start_method_force_overrides(fresh):
    """set_start_method(method, force=True) replaces a method already set."""
    assert value(fresh, "forced_after_set") == "fork"


@feature("set_start_method::none-forced-unsets")
def test_set_start_method_none_forced_unsets(fresh):
    """set_start_method(None, force=True) sets the start method back to None."""
    assert value(fresh, "reset_with_none_forced") is None


@feature("set_start_method::none-unforced-sets-default")
def test_set_start_method_none_unforced_sets_default(fresh):
    """set_start_method(None) with nothing set sets the default method."""
    assert value(fresh, "set_none_sets_default") == DEFAULT


@feature("set_start_method::unknown-method-raises-valueerror", de_facto=True)
def test_set_start_method_unknown_method_raises_valueerror(fresh):
    """set_start_method() with an unknown method name raises ValueError."""
    assert raised(fresh, "unknown_method_forced") == "ValueError", fresh["unknown_method_forced"]


@feature("set_start_method::module-process-uses-method")
def test_set_start_method_module_process_uses_method(fresh):
    """After set_start_method("spawn"), multiprocessing.Process children are spawned.

    They see the main module as imported, not as the parent changed it.
    """
    assert value(fresh, "module_process_after_set_spawn") == "as imported"


# --------------------------------------------------------------------------- the start methods


@feature("get_all_start_methods::default-first")
def test_get_all_start_methods_default_first(mp):
    """The first method get_all_start_methods() lists is the platform's default."""
    methods = mp.get_all_start_methods()
    assert methods and methods[0] == DEFAULT, (
        f"{methods} does not start with {DEFAULT!r}, the default on {sys.platform} "
        f"for Python {sys.version_info[0]}.{sys.version_info[1]}")


@feature("get_all_start_methods::methods-of-the-platform")
def test_get_all_start_methods_methods_of_the_platform(mp):
    """get_all_start_methods() lists exactly the start methods the platform supports."""
    assert sorted(mp.get_all_start_methods()) == sorted(START_METHODS_ON_PLATFORM)


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


# --------------------------------------------------------------------------- set_executable()


def executable_wrapper(directory: Path) -> tuple[Path, Path]:
    """A shell script that notes each start in a marker file, then runs this interpreter."""
    marker = directory / "started"
    wrapper = directory / "python-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho started >> "{marker}"\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper, marker


def assert_started_through(ctx, mp, executable, marker):
    """A child started after set_executable(executable) runs through that executable
    (it notes the start in ``marker``); the default is restored afterwards."""
    mp.set_executable(executable)
    try:
        p = harness.run(ctx, tp.do_nothing)
    finally:
        mp.set_executable(sys.executable)  # the documented default
    assert p.exitcode == 0
    assert marker.exists(), "the child was not started through the executable set"


@feature("set_executable::used-to-start-children", start_methods=("spawn",), posix=True,
         reason="the interpreter is chosen by the spawn start method (POSIX: a shell wrapper)")
def test_set_executable_used_to_start_children(ctx, mp, tmp_path):
    """After set_executable(path), spawned children are started with that interpreter."""
    wrapper, marker = executable_wrapper(tmp_path)
    assert_started_through(ctx, mp, str(wrapper), marker)


@feature("set_executable::accepts-path-like", start_methods=("spawn",), posix=True,
         min_python=(3, 11), reason="path-like objects are accepted from 3.11, with spawn")
def test_set_executable_accepts_path_like(ctx, mp, tmp_path):
    """set_executable() accepts a path-like object."""
    wrapper, marker = executable_wrapper(tmp_path)
    assert_started_through(ctx, mp, Path(wrapper), marker)


# ------------------------------------------------------------------------- set_forkserver_preload()


@feature("set_forkserver_preload::modules-imported-by-server", posix=True,
         reason="the forkserver start method exists on POSIX only")
def test_set_forkserver_preload_modules_imported_by_server(fresh):
    """Modules named to set_forkserver_preload() are imported by the fork server.

    A forkserver child has them imported already.
    """
    seen = value(fresh, "forkserver_preload")
    assert seen["imported_in"] != seen["child"], (
        "the preloaded module was imported by the child itself, not inherited from the server")


@feature("set_forkserver_preload::import-errors-ignored", posix=True,
         reason="the forkserver start method exists on POSIX only")
def test_set_forkserver_preload_import_errors_ignored(fresh):
    """A preload module that cannot be imported is silently ignored.

    The fork server still starts children.
    """
    value(fresh, "forkserver_preload")


ON_ERROR = Narrowing(posix=True, min_python=(3, 15),
                     reason="set_forkserver_preload() takes on_error from Python 3.15 (gh-141860); "
                            "the forkserver start method exists on POSIX only")


def preload_on_error(mode: str) -> tuple[dict, str]:
    """scripts/forkserver_on_error.py MODE in a fresh interpreter (ImportWarning shown):
    (what it observed, its stderr)."""
    import json

    proc = harness.fresh_interpreter("-W", "always::ImportWarning",
                                     scripts.path("forkserver_on_error.py"), mode)
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and lines, (
        f"the program failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1]), proc.stderr


@feature("set_forkserver_preload::on-error-ignore-is-silent", **ON_ERROR)
def test_set_forkserver_preload_on_error_ignore_is_silent(mp):
    """on_error='ignore': a module that cannot be preloaded is passed over silently (3.15).

    The fork server starts children; nothing about the module reaches stderr.
    """
    facts, err = preload_on_error("ignore")
    assert facts["preload"] is None, facts["preload"]
    assert facts["child"] == "hello from the child", facts["child"]
    assert "conformance_no_such_module_to_preload" not in err, err[-1500:]


@feature("set_forkserver_preload::on-error-warn-emits-importwarning", **ON_ERROR)
def test_set_forkserver_preload_on_error_warn_emits_importwarning(mp):
    """on_error='warn': the fork server emits an ImportWarning naming the module (3.15).

    The fork server still starts children.
    """
    facts, err = preload_on_error("warn")
    assert facts["preload"] is None, facts["preload"]
    assert facts["child"] == "hello from the child", facts["child"]
    assert "ImportWarning" in err and "conformance_no_such_module_to_preload" in err, (
        f"no ImportWarning naming the module on stderr: {err[-1500:]!r}")


@feature("set_forkserver_preload::on-error-fail-breaks-process-creation", **ON_ERROR)
def test_set_forkserver_preload_on_error_fail_breaks_process_creation(mp):
    """on_error='fail': the fork server exits on the import error (3.15).

    Starting a process then fails with EOFError or ConnectionError, and the
    traceback is on stderr.
    """
    facts, err = preload_on_error("fail")
    assert facts["preload"] is None, facts["preload"]
    child = facts["child"]
    assert isinstance(child, dict) and child.get("raised") in (
        "EOFError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
        "ConnectionRefusedError", "ConnectionResetError"), (
        f"starting a process gave {child!r}, not EOFError or ConnectionError")
    assert "conformance_no_such_module_to_preload" in err, err[-1500:]


@feature("set_forkserver_preload::on-error-is-keyword-only", **ON_ERROR)
def test_set_forkserver_preload_on_error_is_keyword_only(mp):
    """on_error is keyword-only: passing it by position raises TypeError (3.15)."""
    facts, _ = preload_on_error("positional")
    assert isinstance(facts["preload"], dict) and facts["preload"]["raised"] == "TypeError", (
        f"set_forkserver_preload(modules, 'warn') gave {facts['preload']!r}, not TypeError")


# --------------------------------------------------------------- whole programs, by version


def program_fact(probe: str, *args: str, flags: tuple[str, ...] = (),
                 raw: bool = False) -> Any:
    """scripts/program_facts.py with MP_CONFORMANCE_PROBE=probe, in a fresh interpreter
    (``python FLAGS program_facts.py ARGS``): the probe's value; an exception it met fails,
    unless ``raw`` (then it is returned as {"raised": name, "message": text})."""
    import json

    proc = harness.fresh_interpreter(*flags, scripts.path("program_facts.py"), *args,
                                     env={"MP_CONFORMANCE_PROBE": probe})
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and lines, (
        f"the program failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    observed = json.loads(lines[-1])
    return observed if raw else value({probe: observed}, probe)


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


@feature("contexts.global-start-method::context-process-leaves-global-unset",
         min_python=(3, 14, 3),
         reason="from Python 3.14.3 (gh-109263): before, starting a process of any context "
                "set the global start method")
def test_global_start_method_context_process_leaves_global_unset(mp):
    """Starting a process of get_context('spawn') does not set the global start method."""
    facts = program_fact("spawn-context-start")
    assert facts["child"] == "hello from the child", facts["child"]
    assert facts["global"] is None, (
        f"after a spawn-context process, get_start_method(allow_none=True) is {facts['global']!r}")


@feature("contexts.global-start-method::lock-sets-global", de_facto=True)
def test_global_start_method_lock_sets_global(mp):
    """Creating a Lock fixes the global start method (to the default), as the docs say it may."""
    facts = program_fact("lock-then-set")
    assert facts["after_lock"] == DEFAULT, (
        f"after Lock(), get_start_method(allow_none=True) is {facts['after_lock']!r}, "
        f"not the default {DEFAULT!r}")


@feature("contexts.global-start-method::forced-set-after-use-works")
def test_global_start_method_forced_set_after_use_works(mp):
    """After a Lock fixed the global start method, set_start_method(m, force=True) changes it."""
    facts = program_fact("lock-then-set")
    assert facts["forced"] == "spawn", f"set_start_method('spawn', force=True) gave {facts!r}"


@feature("freeze_support::leaves-start-method-unset",
         not_python=[((3, 14), (3, 14, 4))],
         reason="Python 3.14.0 to 3.14.3 set the default start method in freeze_support(), "
                "fixed in 3.14.4 (gh-140814)")
def test_freeze_support_leaves_start_method_unset(mp):
    """freeze_support() (not frozen) does not fix the start method: set_start_method() works."""
    assert program_fact("freeze-support-then-set") == "spawn"


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


# --------------------------------------------------------------------------- mixing contexts


@feature("contexts.mixing-contexts::fork-lock-refused-by-other-methods", de_facto=True,
         start_methods=("spawn", "forkserver"), min_python=(3, 11), posix=True,
         reason="needs a fork context (POSIX), and a fork-context lock given to a spawn or "
                "forkserver child is refused at start() from Python 3.11 (before, the "
                "child crashes using it)")
def test_mixing_contexts_fork_lock_refused(mp, ctx):
    """A fork-context Lock passed to a spawn/forkserver child makes start() raise RuntimeError."""
    lock = mp.get_context("fork").Lock()
    p = ctx.Process(target=tp.wait_for, args=(lock,))
    with pytest.raises(RuntimeError):
        p.start()
    assert not p.is_alive()


# --------------------------------------------------------------------------- resource tracker


@feature("contexts.resource-tracker::unlinks-shared-memory-leaked-by-killed-process",
         de_facto=True, platforms=("linux",), requires=("shared_memory.SharedMemory",),
         reason="observes shared memory segments in /dev/shm")
def test_resource_tracker_unlinks_leaked_shared_memory(mp):
    """The resource tracker unlinks shared memory leaked by a killed spawned child.

    It does so once the program has ended.
    """
    proc = harness.fresh_interpreter(scripts.path("leak_shared_memory.py"))
    names = [line.split(" ", 1)[1] for line in proc.stdout.splitlines()
             if line.startswith("created ")]
    assert proc.returncode == 0 and names, (
        f"the program failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    path = Path("/dev/shm") / names[0].lstrip("/")
    try:
        harness.until(lambda: not path.exists(),
                      what=f"the resource tracker to unlink {path}")
    finally:
        if path.exists():
            path.unlink()
