"""The plugin's verdicts: each outcome arises from the situation it names, a hang
becomes a 'timeout' cell while the run goes on, leaks are reported and reaped,
and xdist gives the same verdicts as a serial run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

SAMPLE = '''
import sys
import threading
import pytest
from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t


@feature("Process.exitcode::normal-return-is-zero")
def test_passes(ctx):
    """A real check that passes."""
    assert harness.run(ctx, t.do_nothing).exitcode == 0


@feature("Process.join::hangs-on-purpose")
def test_hangs(mp):
    """Blocks far beyond the backstop."""
    threading.Event().wait(120)


@feature("Barrier::needs-barrier")
def test_needs_barrier(ctx):
    """Its entry is absent from the fake implementation."""
    ctx.Barrier(2)


@feature("Process.name::touches-missing-attribute")
def test_touches_missing_attribute(mp):
    """Uses an attribute the implementation lacks."""
    mp.no_such_function()


@feature("Process.start::fork-only", start_methods=("fork",), reason="needs fork on purpose")
def test_fork_only(ctx):
    """Narrowed to fork."""


@feature("Process.start::future-python", min_python=(9, 0))
def test_future_python(mp):
    """Narrowed to a Python that does not exist."""


@feature("Process.start::future-patch-release", min_python=(*sys.version_info[:2], 999))
def test_future_patch_release(mp):
    """Narrowed to a patch release that does not exist."""


@feature("Process.start::before-python-3", before_python=(3,))
def test_before_python_3(mp):
    """Narrowed to the Pythons before 3."""


@feature("Process.start::not-this-python", not_python=[((3,), (4,))], reason="a regression")
def test_not_this_python(mp):
    """Narrowed away from Python 3.0 up to 4."""


@feature("Process.start::wrong-value")
def test_wrong_value(mp):
    """A plain deviation."""
    assert 1 + 1 == 3, "arithmetic deviates"


@feature("Process.start::unexpected-exception")
def test_unexpected_exception(mp):
    """The implementation raised something undocumented."""
    raise TypeError("undocumented <error> & more")


KEPT = []  # the leaked child's Event outlives the test, so the child surely runs on


@feature("Process.start::leaks-a-child")
def test_leaks_a_child(ctx):
    """Starts a child and forgets it."""
    KEPT.append(ctx.Event())
    ctx.Process(target=t.wait_for, args=(KEPT[-1],)).start()


@feature("Process.exitcode::normal-return-is-zero")
def test_passes_after_everything(ctx):
    """The run goes on after the hang."""
    assert harness.run(ctx, t.do_nothing).exitcode == 0
'''

FAKE_IMPL = '''
from multiprocessing import *  # noqa: F401,F403
import multiprocessing as _std
del Barrier  # noqa: F821

def get_context(method=None):
    return _Ctx(_std.get_context(method))

class _Ctx:
    def __init__(self, real):
        self._real = real
    def __getattr__(self, name):
        if name == "Barrier":
            raise AttributeError(name)
        return getattr(self._real, name)
'''


def _run(tmp_path, *extra):
    (tmp_path / "sample_conformance.py").write_text(textwrap.dedent(SAMPLE))
    (tmp_path / "fakemp.py").write_text(textwrap.dedent(FAKE_IMPL))
    out = tmp_path / f"results{len(extra)}.json"
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    env.pop("MP_CONFORMANCE_IMPL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "-c", os.devnull, str(tmp_path / "sample_conformance.py"), "--impl", "fakemp",
         "--start-method", "fork,spawn", "--conformance-timeout", "6",
         "--conformance-json", str(out), *extra],
        env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    doc = json.loads(out.read_text())
    return proc, {(r["test"].split("::")[1]): r for r in doc["results"]}


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("serial"), "-p", "no:xdist")


def test_pass(serial):
    _, recs = serial
    assert recs["test_passes[fork]"]["outcome"] == "pass"
    assert recs["test_passes_after_everything[spawn]"]["outcome"] == "pass"


def test_hang_becomes_timeout_and_run_goes_on(serial):
    proc, recs = serial
    rec = recs["test_hangs"]
    assert rec["outcome"] == "timeout", rec
    assert 1.5 < rec["duration"] < 30
    assert recs["test_passes_after_everything[fork]"]["outcome"] == "pass"
    assert proc.returncode == 1


def test_absent_entry_is_missing(serial):
    _, recs = serial
    rec = recs["test_needs_barrier[spawn]"]
    assert rec["outcome"] == "missing" and "Barrier" in rec["message"], rec


def test_attribute_error_in_test_body_is_missing(serial):
    _, recs = serial
    rec = recs["test_touches_missing_attribute"]
    assert rec["outcome"] == "missing" and "no_such_function" in rec["message"], rec


def test_narrowing_is_na_with_reason(serial):
    _, recs = serial
    assert recs["test_fork_only[fork]"]["outcome"] == "pass"
    spawn = recs["test_fork_only[spawn]"]
    assert spawn["outcome"] == "n/a" and spawn["message"] == "needs fork on purpose"
    future = recs["test_future_python"]
    assert future["outcome"] == "n/a" and "9.0" in future["message"]
    patch = recs["test_future_patch_release"]
    assert patch["outcome"] == "n/a" and "{}.{}.999".format(*sys.version_info) in patch["message"]
    before = recs["test_before_python_3"]
    assert before["outcome"] == "n/a" and before["message"] == "behaviour before Python 3"
    excluded = recs["test_not_this_python"]
    assert excluded["outcome"] == "n/a" and excluded["message"] == "a regression"


def test_wrong_value_is_fail_with_message(serial):
    _, recs = serial
    rec = recs["test_wrong_value"]
    assert rec["outcome"] == "fail" and "arithmetic deviates" in rec["message"]


def test_unexpected_exception_is_error(serial):
    _, recs = serial
    rec = recs["test_unexpected_exception"]
    assert rec["outcome"] == "error" and "TypeError" in rec["message"]


def test_leaked_child_is_reported_and_reaped(serial):
    _, recs = serial
    rec = recs["test_leaks_a_child[fork]"]
    assert rec["outcome"] == "error" and "left 1 child process" in rec["message"], rec


def test_records_carry_doc_anchor_and_repro(serial):
    _, recs = serial
    rec = recs["test_passes[spawn]"]
    assert rec["doc"].endswith("multiprocessing.html#multiprocessing.Process.exitcode")
    assert rec["feature"] == "Process.exitcode::normal-return-is-zero"
    assert rec["start_method"] == "spawn" and rec["summary"] == "A real check that passes."
    assert "mp-conformance run --impl fakemp" in rec["repro"]


def test_xdist_gives_the_same_verdicts(serial, tmp_path):
    _, recs = serial
    _, parallel = _run(tmp_path, "-n", "2")
    assert {k: r["outcome"] for k, r in parallel.items()} == {
        k: r["outcome"] for k, r in recs.items()}


def test_invalid_feature_id_is_a_usage_error(tmp_path):
    (tmp_path / "bad_conformance.py").write_text(
        "from conformance.marks import feature\n\n"
        "@feature('Process.teleport::works')\ndef test_x(mp):\n    pass\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(tmp_path), str(tmp_path / "bad_conformance.py")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 4
    assert "Process.teleport" in proc.stderr + proc.stdout


GARBAGE_SAMPLE = '''
from conformance.marks import feature


class Complains:
    def __del__(self):
        raise RuntimeError("complaint from a finaliser")


@feature("Process.exitcode::normal-return-is-zero")
def test_drops_garbage(mp):
    Complains()


@feature("Process.exitcode::normal-return-is-zero")
def test_runs_next(mp):
    pass
'''


@pytest.mark.skipif(sys.implementation.name == "cpython",
                    reason="reference counting finalises the dropped object within its test")
def test_finaliser_warnings_belong_to_the_test_that_dropped_the_object(tmp_path):
    (tmp_path / "garbage_conformance.py").write_text(textwrap.dedent(GARBAGE_SAMPLE))
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "garbage_conformance.py"),
         "-W", "error::pytest.PytestUnraisableExceptionWarning", "--conformance-json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    recs = {r["test"].split("::")[1]: r for r in json.loads(out.read_text())["results"]}
    dropped, following = recs["test_drops_garbage"], recs["test_runs_next"]
    assert dropped["outcome"] == "error" and "Complains.__del__" in dropped["message"], (
        proc.stdout[-3000:])
    assert following["outcome"] == "pass", following
