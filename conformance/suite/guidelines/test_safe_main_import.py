"""Tests of guidelines.safe-main-import.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite._support import SPAWN_AND_FORKSERVER
from conformance.targets import scripts

# --------------------------------------------------------------------------- safe importing of main


@pytest.fixture(scope="module")
def unguarded_run(mp, start_method):
    """scripts/unguarded_main.py run in a fresh interpreter under the start method."""
    return harness.fresh_interpreter(scripts.path("unguarded_main.py"),
                                     env={"MP_CONFORMANCE_START_METHOD": start_method})


# From 3.15 the fork server imports the main module itself (it preloads
# '__main__') and, by the default set_forkserver_preload(..., on_error='ignore'),
# ignores the RuntimeError the unguarded start raises there; its children then
# run.  The guideline is unchanged; what an unguarded program observes under
# forkserver changed, and the tests record each version's behaviour.
FORKSERVER_IGNORES_MAIN_ERROR = (3, 15)
BEFORE_315 = ("under forkserver before Python 3.15 only: from 3.15 the fork server preloads "
              "__main__ and ignores the error (set_forkserver_preload on_error='ignore'), "
              "checked by forkserver-ignores-error-of-preloaded-main")
SPAWN_ONLY = ("checked under spawn here (a forked child does not import the main module "
              "again; forkserver has its own test)")


def _assert_unguarded_start_failed(run):
    out, err = run.stdout, run.stderr
    assert "RuntimeError" in err, f"no RuntimeError; stdout {out[-500:]!r}, stderr {err[-1500:]!r}"
    assert "hello from the child" not in out, "the child of the unguarded program ran its target"
    assert "depth 0: child exitcode 0" not in out, out


@feature("guidelines.safe-main-import::unguarded-start-fails-with-runtimeerror",
         start_methods=("spawn",), reason=SPAWN_ONLY)
def test_safe_main_import_unguarded_start_fails(unguarded_run):
    """An unguarded main module starting a process fails with RuntimeError (spawn).

    The main module starts a process at import time, without the __main__ guard; the
    child never runs its target.
    """
    _assert_unguarded_start_failed(unguarded_run)


@feature("guidelines.safe-main-import::unguarded-start-fails-with-runtimeerror",
         start_methods=("forkserver",), before_python=FORKSERVER_IGNORES_MAIN_ERROR,
         reason=BEFORE_315)
def test_safe_main_import_unguarded_start_fails_forkserver(unguarded_run):
    """An unguarded main module starting a process fails with RuntimeError (forkserver, <3.15).

    The fork server imports the main module, whose start at import time fails.
    """
    _assert_unguarded_start_failed(unguarded_run)


@feature("guidelines.safe-main-import::error-mentions-bootstrapping", de_facto=True,
         start_methods=("spawn",), reason=SPAWN_ONLY)
def test_safe_main_import_error_mentions_bootstrapping(unguarded_run):
    """The unguarded main module's RuntimeError mentions the bootstrapping phase (spawn)."""
    assert "bootstrapping phase" in unguarded_run.stderr, unguarded_run.stderr[-1500:]


@feature("guidelines.safe-main-import::error-mentions-bootstrapping", de_facto=True,
         start_methods=("forkserver",), before_python=FORKSERVER_IGNORES_MAIN_ERROR,
         reason=BEFORE_315)
def test_safe_main_import_error_mentions_bootstrapping_forkserver(unguarded_run):
    """The unguarded main module's RuntimeError mentions the bootstrapping phase (forkserver,
    before 3.15)."""
    assert "bootstrapping phase" in unguarded_run.stderr, unguarded_run.stderr[-1500:]


@feature("guidelines.safe-main-import::forkserver-ignores-error-of-preloaded-main",
         de_facto=True, start_methods=("forkserver",), min_python=FORKSERVER_IGNORES_MAIN_ERROR,
         reason="under forkserver from Python 3.15 only (set_forkserver_preload's on_error, "
                "default 'ignore'); before 3.15 the unguarded start fails in the fork server")
def test_safe_main_import_forkserver_ignores_error_of_preloaded_main(unguarded_run):
    """From 3.15, an unguarded main module runs its child under forkserver.

    The fork server preloads the main module and ignores the RuntimeError of its
    unguarded start (on_error='ignore' by default); the child is forked from the
    server and runs its target, silently.
    """
    out, err = unguarded_run.stdout, unguarded_run.stderr
    assert unguarded_run.returncode == 0, f"exit {unguarded_run.returncode}: {err[-1500:]}"
    assert "hello from the child" in out and "depth 0: child exitcode 0" in out, (
        f"stdout {out[-500:]!r}, stderr {err[-1500:]!r}")
    assert "RuntimeError" not in err, f"the ignored error was reported: {err[-1500:]}"


@feature("guidelines.safe-main-import::guarded-main-works", start_methods=SPAWN_AND_FORKSERVER,
         reason="the restriction concerns spawn and forkserver")
def test_safe_main_import_guarded_main_works(guarded_run):
    """With the __main__ guard, the same program runs its child (spawn, forkserver).

    The guarded program also calls freeze_support().
    """
    out = guarded_run.stdout
    assert guarded_run.returncode == 0, guarded_run.stderr[-1500:]
    assert "hello from the child" in out and "child exitcode 0" in out, (
        f"stdout {out[-500:]!r}, stderr {guarded_run.stderr[-1500:]!r}")
