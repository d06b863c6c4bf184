"""Expected deviations: the TOML file, its matching rules, and ``run --expect`` /
``run --junit`` as CI uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance import expectations, results
from conformance.expectations import ExpectationsError, PythonSpec
from conformance.vocabulary import DEVIATIONS
from tests.factories import make_document, make_record

from .conftest import REPO, TESTS_DIR

BILLIARD = REPO / "expectations" / "billiard.toml"
NAME = "current_process::main-process-name"  # runs once, starts no process: quick


def write(tmp_path: Path, text: str, name: str = "e.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# --------------------------------------------------------------------------- the file


def test_full_entry_is_read(tmp_path):
    path = write(tmp_path, """
implementation = "billiard"

[[deviation]]
feature = ["Process.kill::*", "Process.close::closed-process-refuses-use"]
test = "*kill*"
start_method = ["fork", "spawn"]
python = ">=3.10,<3.13"
os = "linux"
reason = "no kill()"
link = "https://example.org/1"

[[deviation]]
feature = "Queue.*::*"
implementation = "multiprocess"
reason = "other"
""")
    exp = expectations.load(path)
    first, second = exp.deviations
    assert first.feature == ("Process.kill::*", "Process.close::closed-process-refuses-use")
    assert first.implementation == "billiard" and first.start_methods == ("fork", "spawn")
    assert first.os == ("linux",) and first.link == "https://example.org/1"
    assert second.implementation == "multiprocess" and second.python is None
    assert first.describe() == "no kill(); see https://example.org/1"


BAD_FILES = {
    "not toml": ("[[deviation]\nfeature = 1", "not valid TOML"),
    "no reason": ('[[deviation]]\nfeature = "Process.kill::*"\nimplementation = "b"\n',
                  "'reason' is required"),
    "no impl": ('[[deviation]]\nfeature = "Process.kill::*"\nreason = "r"\n',
                "'implementation' is required"),
    "no feature": ('implementation = "b"\n[[deviation]]\nreason = "r"\n', "'feature'"),
    "not a feature id": ('implementation = "b"\n[[deviation]]\nfeature = "kill"\nreason = "r"\n',
                         "<entry>::<behaviour>"),
    "unknown key": ('implementation = "b"\n[[deviation]]\nfeature = "A::b"\nreason = "r"\n'
                    'pyhton = "3.9"\n', "unknown key(s) pyhton"),
    "unknown top key": ('implementations = "b"\n', "unknown top-level key(s) implementations"),
    "bad method": ('implementation = "b"\n[[deviation]]\nfeature = "A::b"\nreason = "r"\n'
                   'start_method = "threads"\n', "'threads'"),
    "bad python": ('implementation = "b"\n[[deviation]]\nfeature = "A::b"\nreason = "r"\n'
                   'python = "py3"\n', "'py3' is not a version clause"),
    "deviation not a table": ('deviation = "x"\n', "array of tables"),
    "bad outcome": ('implementation = "b"\n[[deviation]]\nfeature = "A::b"\nreason = "r"\n'
                    'outcome = "expected-fail"\n', "'expected-fail' is not a deviation"),
    "only pass": ('implementation = "b"\n[[deviation]]\nfeature = "A::b"\nreason = "r"\n'
                  'outcome = "pass"\n', "nothing deviates"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_refused_naming_file_and_problem(tmp_path, case):
    text, problem = BAD_FILES[case]
    path = write(tmp_path, text)
    with pytest.raises(ExpectationsError) as info:
        expectations.load(path)
    assert str(info.value).startswith(f"{path}: ")
    assert problem in str(info.value)


def test_missing_file_and_directory_are_refused(tmp_path):
    with pytest.raises(ExpectationsError, match="no such file"):
        expectations.load(str(tmp_path / "nope.toml"))
    with pytest.raises(ExpectationsError, match="is a directory"):
        expectations.load(str(tmp_path))


@pytest.mark.parametrize("spec, version, expected", [
    ("3.9", "3.9.18", True), ("3.9", "3.10.1", False), ("==3.12", (3, 12, 0), True),
    (">=3.12", "3.11.7", False), (">=3.12", "3.13.0", True), ("<3.12", "3.12.0", False),
    (">=3.10,<3.13", "3.12.9", True), (">=3.10,<3.13", "3.13.0", False),
    ("!=3.11", "3.11.2", False), ("!=3.11", "3.10.2", True), ("3.11.7", "3.11.7", True),
    ("3.11.7", "3.11.8", False), ("3.12.*", "3.12.4", True), ("<=3.12", "3.12.9", True),
    (">3.12", "3.12.9", False), (">3.12", "3.13.0", True), ("!=3.11.*", "3.11.0", False),
    (">=3.14", "3.15.0a2", True), ("==3.12", "3.12.7", True),
])
def test_python_spec(spec, version, expected):
    assert PythonSpec.parse(spec).matches(version) is expected


def test_matching_rules(tmp_path):
    exp = expectations.load(write(tmp_path, """
[[deviation]]
feature = "Process.close::*"
test = "*kill()*"
implementation = "billiard"
start_method = "fork"
os = ["linux", "macos"]
reason = "r"
"""))
    base = dict(feature="Process.close::closed-process-refuses-use", implementation="billiard",
                start_method="fork", python="3.11.7", os="linux",
                test="test_process::test_close[fork-kill()]")
    assert exp.find(**base) is not None
    for change in ({"implementation": "multiprocess"}, {"start_method": "spawn"},
                   {"start_method": None}, {"os": "windows"},
                   {"test": "test_process::test_close[fork-join()]"},
                   {"feature": "Process.kill::x"}):
        assert exp.find(**{**base, **change}) is None, change


def test_apply_to_a_results_document(tmp_path):
    exp = expectations.load(write(tmp_path, """
implementation = "billiard"
[[deviation]]
feature = "Process.kill::*"
reason = "no kill()"
link = "https://example.org/k"
[[deviation]]
feature = "current_process::*"
reason = "thought broken"
"""))
    recs = [make_record("Process.kill::exitcode-is-minus-sigkill", "t[fork]", "missing",
                        "billiard has no Process.kill", "fork"),
            make_record("Process.kill::exitcode-is-minus-sigkill", "t[spawn]", "n/a", "why",
                        "spawn"),
            make_record(NAME, "t2", "pass"),
            make_record("Process.exitcode::normal-return-is-zero", "t3[fork]", "fail", "x",
                        "fork")]
    out = exp.apply(make_document("billiard", "4", "3.11.7", "linux", recs))["results"]
    # The observed outcomes stay; what was expected is beside them.
    assert [r["outcome"] for r in out] == ["missing", "n/a", "pass", "fail"]
    assert [results.status(r) for r in out] == ["expected-fail", "n/a", "pass", "fail"]
    assert out[0]["message"] == "billiard has no Process.kill"
    assert out[0]["expected"] == {"outcomes": list(DEVIATIONS), "reason": "no kill()",
                                  "link": "https://example.org/k"}
    assert results.unexpected_pass(out[2]) and not results.unexpected_pass(out[0])
    assert "expected" not in out[3]
    # Another implementation's results are untouched.
    other = exp.apply(make_document("multiprocess", "1", "3.11.7", "linux", recs))["results"]
    assert [r["outcome"] for r in other] == ["missing", "n/a", "pass", "fail"]


def test_the_billiard_example_file_is_valid():
    exp = expectations.load(str(BILLIARD))
    assert exp.deviations and all(d.implementation == "billiard" for d in exp.deviations)
    assert all(d.reason for d in exp.deviations)


# --------------------------------------------------------------------------- run --expect


LACKS_CURRENT_PROCESS = '''
"""The stdlib without current_process: a documented entry is missing."""
import multiprocessing as _m
from multiprocessing import *  # noqa: F401,F403

__all__ = [n for n in _m.__all__ if n != "current_process"]
del current_process  # noqa: F821
'''


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "mp_lacks_current_process.py").write_text(LACKS_CURRENT_PROCESS)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), str(TESTS_DIR),
                                                      env.get("PYTHONPATH")]))
    env.pop("MP_CONFORMANCE_IMPL", None)
    return subprocess.run([sys.executable, "-m", "conformance", "run", "-n", "0", *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_expected_missing_api_is_expected_fail_and_the_run_passes(tmp_path):
    expect = write(tmp_path, '[[deviation]]\nfeature = "current_process::*"\n'
                             'implementation = "mp_lacks_current_process"\n'
                             'reason = "this build leaves it out"\n')
    out = tmp_path / "r.json"
    junit = tmp_path / "junit.xml"
    proc = run(tmp_path, "--impl", "mp_lacks_current_process", "--feature", NAME,
               "--expect", expect, "--json", str(out), "--junit", str(junit))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    (rec,) = json.loads(out.read_text())["results"]
    assert rec["outcome"] == "missing" and "current_process" in rec["message"]
    assert rec["expected"] == {"outcomes": list(DEVIATIONS),
                               "reason": "this build leaves it out"}
    assert "1 known deviation(s)" in proc.stdout
    (case,) = ET.parse(junit).getroot().iter("testcase")
    assert case.find("skipped") is not None and case.find("failure") is None
    assert "this build leaves it out" in ET.tostring(case, encoding="unicode")


def test_without_the_file_the_same_run_fails(tmp_path):
    out = tmp_path / "r.json"
    proc = run(tmp_path, "--impl", "mp_lacks_current_process", "--feature", NAME,
               "--json", str(out))
    assert proc.returncode == 1
    (rec,) = json.loads(out.read_text())["results"]
    assert rec["outcome"] == "missing"


def test_expected_deviation_that_passes_fails_the_run_clearly(tmp_path):
    expect = write(tmp_path, '[[deviation]]\nfeature = "current_process::*"\n'
                             'implementation = "multiprocessing"\nreason = "was broken once"\n')
    out = tmp_path / "r.json"
    junit = tmp_path / "junit.xml"
    proc = run(tmp_path, "--feature", NAME, "--expect", expect, "--json", str(out),
               "--junit", str(junit))
    assert proc.returncode == 1
    (rec,) = json.loads(out.read_text())["results"]
    assert rec["outcome"] == "pass" and results.unexpected_pass(rec)
    assert "now pass" in proc.stdout and "was broken once" in proc.stdout
    (case,) = ET.parse(junit).getroot().iter("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert "but passed" in failure.get("message", "") + (failure.text or "")


def test_expected_failure_of_a_broken_implementation(tmp_path):
    feature = "Process.terminate::exitcode-is-minus-sigterm"
    expect = write(tmp_path, f'[[deviation]]\nfeature = "{feature}"\n'
                             'implementation = "broken.exitcode_abs"\nstart_method = "spawn"\n'
                             'reason = "reports abs(exitcode)"\n')
    out = tmp_path / "r.json"
    proc = run(tmp_path, "--impl", "broken.exitcode_abs", "--feature", feature,
               "--start-method", "spawn", "--start-method", "forkserver", "--expect", expect,
               "--json", str(out))
    # spawn is expected; forkserver is a new deviation: the run fails on that one only.
    assert proc.returncode == 1
    got = {r["start_method"]: (r["outcome"], results.status(r))
           for r in json.loads(out.read_text())["results"]}
    assert got == {"spawn": ("fail", "expected-fail"), "forkserver": ("fail", "fail")}


def test_an_outcome_the_entry_does_not_list_is_a_new_deviation(tmp_path):
    expect = write(tmp_path, '[[deviation]]\nfeature = "current_process::*"\n'
                             'implementation = "mp_lacks_current_process"\n'
                             'outcome = "timeout"\nreason = "hangs, we thought"\n')
    out = tmp_path / "r.json"
    proc = run(tmp_path, "--impl", "mp_lacks_current_process", "--feature", NAME,
               "--expect", expect, "--json", str(out))
    assert proc.returncode == 1
    (rec,) = json.loads(out.read_text())["results"]
    assert rec["outcome"] == "missing" and rec["expected"]["outcomes"] == ["timeout"]
    assert results.status(rec) == "missing"


def test_an_intermittent_entry_accepts_a_pass(tmp_path):
    expect = write(tmp_path, '[[deviation]]\nfeature = "current_process::*"\n'
                             'implementation = "multiprocessing"\n'
                             'outcome = ["timeout", "pass"]\nreason = "sometimes hangs"\n')
    proc = run(tmp_path, "--feature", NAME, "--expect", expect,
               "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_bad_expectations_file_exits_2_before_running(tmp_path):
    expect = write(tmp_path, "[[deviation]]\nfeature = 'Process.kill::*'\n")
    out = tmp_path / "r.json"
    proc = run(tmp_path, "--feature", NAME, "--expect", expect, "--json", str(out))
    assert proc.returncode == 2
    assert f"{expect}: " in proc.stderr and "reason" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_junit_xml_lists_every_test(tmp_path):
    junit = tmp_path / "ci" / "junit.xml"
    proc = run(tmp_path, "--feature", "Process.exitcode::normal-return-is-zero",
               "--json", str(tmp_path / "r.json"), "--junit", str(junit))
    assert proc.returncode == 0, proc.stdout[-2000:]
    root = ET.parse(junit).getroot()
    names = sorted(case.get("name") for case in root.iter("testcase"))
    assert names == ["test_exitcode_normal_return_is_zero[fork]",
                     "test_exitcode_normal_return_is_zero[forkserver]",
                     "test_exitcode_normal_return_is_zero[spawn]"]
    assert all(case.find("failure") is None for case in root.iter("testcase"))


# --------------------------------------------------------------------------- expect


EXIT = "Process.exitcode::killed-by-signal-is-minus-n"
KILL = "Process.kill::exitcode-is-minus-sigkill"


def _results(tmp_path: Path, name: str, python: str, outcomes: dict[tuple[str, str], str],
             impl: str = "billiard") -> str:
    """A results file: (feature, start method) -> outcome, one test per pair."""
    recs = [make_record(feature, f"test_x::test_{feature.split('::')[1].replace('-', '_')}"
                                 f"[{method}]", outcome,
                        "" if outcome == "pass" else f"{outcome} here", method, impl=impl)
            for (feature, method), outcome in outcomes.items()]
    path = tmp_path / name
    path.write_text(json.dumps(make_document(impl, "4.3", python, "linux", recs)))
    return str(path)


def _all(feature: str, outcome: str, **per_method: str) -> dict[tuple[str, str], str]:
    return {(feature, m): per_method.get(m, outcome) for m in ("fork", "spawn", "forkserver")}


def expect(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    from conformance import cli

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["expect", *args])
    return code, err.getvalue()


def _known_everywhere(path: str, *results_files: str) -> None:
    """Applied to the results it came from, the file leaves nothing unexpected."""
    exp = expectations.load(path)
    for name in results_files:
        for rec in exp.apply(results.load(name))["results"]:
            assert results.status(rec) in ("pass", "n/a", "expected-fail"), rec
            assert not results.unexpected_pass(rec), rec


def test_expect_writes_a_file_narrowed_to_where_deviations_show(tmp_path):
    a = _results(tmp_path, "a.json", "3.11.7", {**_all(EXIT, "pass", forkserver="fail"),
                                                 **_all(KILL, "missing")})
    b = _results(tmp_path, "b.json", "3.12.1", {**_all(EXIT, "pass"), **_all(KILL, "missing")})
    out = tmp_path / "exp" / "billiard.toml"
    code, err = expect(a, b, "-o", str(out))
    assert code == 0 and "2 entries" in err and "2 new" in err
    exp = expectations.load(str(out))
    by_feature = {d.feature: d for d in exp.deviations}
    exit_entry = by_feature[(EXIT,)]
    assert exit_entry.start_methods == ("forkserver",) and exit_entry.outcomes == ("fail",)
    assert exit_entry.python.text == "<=3.11"
    assert by_feature[(KILL,)].start_methods is None and by_feature[(KILL,)].python is None
    assert by_feature[(KILL,)].reason.startswith("not yet explained: missing")
    _known_everywhere(str(out), a, b)


def test_expect_keeps_hand_written_reasons_and_links(tmp_path):
    a = _results(tmp_path, "a.json", "3.11.7", {**_all(KILL, "missing"),
                                                 **_all(EXIT, "pass", forkserver="fail")})
    out = write(tmp_path, '# my notes\nimplementation = "billiard"\n\n[[deviation]]\n'
                          'feature = "Process.kill::*"\nreason = "no kill()"\n'
                          'link = "https://example.org/k"\n\n# exit codes\n[[deviation]]\n'
                          f'feature = "{EXIT}"\nreason = "255 under forkserver"\n',
                name="billiard.toml")
    code, err = expect(a, "-o", out)
    assert code == 0, err
    text = Path(out).read_text()
    assert text.startswith("# my notes") and "\n# exit codes\n\n[[deviation]]" in text
    exp = expectations.load(out)
    kill, exit_ = exp.deviations
    assert kill.feature == ("Process.kill::*",) and kill.link == "https://example.org/k"
    assert kill.outcomes == ("missing",)
    # Not pruned: the entry is kept as written though fork and spawn pass.
    assert exit_.reason == "255 under forkserver" and exit_.start_methods is None
    code, err = expect(a, "-o", out, "--prune")
    assert code == 0 and "1 narrowed" in err
    kill, exit_ = expectations.load(out).deviations
    assert exit_.reason == "255 under forkserver" and exit_.start_methods == ("forkserver",)
    _known_everywhere(out, a)


def test_expect_lists_every_outcome_of_an_intermittent(tmp_path):
    a = _results(tmp_path, "a.json", "3.11.7", _all(KILL, "pass", spawn="timeout"))
    b = _results(tmp_path, "b.json", "3.11.7", _all(KILL, "pass"))
    out = str(tmp_path / "e.toml")
    assert expect(a, b, "-o", out)[0] == 0
    (entry,) = expectations.load(out).deviations
    assert entry.start_methods == ("spawn",) and entry.outcomes == ("timeout", "pass")
    _known_everywhere(out, a, b)


def test_expect_drops_entries_that_now_pass_only_with_prune(tmp_path):
    a = _results(tmp_path, "a.json", "3.11.7", _all(KILL, "pass"))
    out = write(tmp_path, 'implementation = "billiard"\n[[deviation]]\n'
                          f'feature = "{KILL}"\nreason = "fixed since"\n\n[[deviation]]\n'
                          'feature = "Queue.get::*"\npython = "3.9"\nreason = "old Python"\n',
                name="billiard.toml")
    assert expect(a, "-o", out)[0] == 0
    assert len(expectations.load(out).deviations) == 2
    code, err = expect(a, "-o", out, "--prune")
    assert code == 0 and "1 dropped" in err
    (left,) = expectations.load(out).deviations  # the 3.9 entry was not tested here: kept
    assert left.reason == "old Python"


@pytest.mark.parametrize("case", ["two implementations", "bad results", "output is a directory",
                                  "bad existing file"])
def test_expect_bad_input_exits_2_writing_nothing(tmp_path, case, capsys):
    a = _results(tmp_path, "a.json", "3.11.7", _all(KILL, "missing"))
    out = tmp_path / "e.toml"
    args = [a, "-o", str(out)]
    if case == "two implementations":
        args.insert(0, _results(tmp_path, "b.json", "3.11.7", _all(KILL, "missing"),
                                impl="multiprocess"))
    elif case == "bad results":
        (tmp_path / "bad.json").write_text("{")
        args.insert(0, str(tmp_path / "bad.json"))
    elif case == "output is a directory":
        out.mkdir()
    else:
        out.write_text("[[deviation]]\nfeature = 1\n")
    before = out.read_text() if out.is_file() else None
    code, err = expect(*args)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert (out.read_text() if out.is_file() else None) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".e.toml")]
