"""Tests of set_forkserver_preload.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.set_forkserver_preload
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.suite._support import value
from conformance.targets import scripts

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
