"""The command-line contract: exit codes, messages, and what is (not) written."""

from __future__ import annotations

import json

from conformance import results

from .conftest import cli

QUICK = ["-n", "0", "--feature", "Process.exitcode::normal-return-is-zero"]


def test_run_conforming_stdlib_exits_0_and_writes_json(tmp_path):
    path = tmp_path / "out" / "r.json"
    proc = cli("run", "--json", str(path), *QUICK)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = results.load(path)
    assert {r["start_method"] for r in doc["results"]} == {"fork", "spawn", "forkserver"}
    assert all(r["outcome"] == "pass" for r in doc["results"])
    assert doc["environment"]["implementation"]["name"] == "multiprocessing"
    summary = proc.stdout[proc.stdout.index("multiprocessing stdlib"):]  # names the impl
    assert "Python" not in summary.splitlines()[0] or "CPython" in summary.splitlines()[0]
    assert summary.rstrip().splitlines()[-2].startswith("Results")  # the summary is last
    assert str(path) in summary


def test_python_m_conformance_is_the_same_program():
    proc = cli("--help")
    assert proc.returncode == 0 and "run" in proc.stdout and "report" in proc.stdout


def test_unknown_implementation_exits_2_naming_it(tmp_path):
    path = tmp_path / "r.json"
    proc = cli("run", "--impl", "no_such_mp_module", "--json", str(path), *QUICK)
    assert proc.returncode == 2
    assert "no_such_mp_module" in proc.stderr and "multiprocess" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not path.exists()


def test_unknown_start_method_exits_2_listing_valid_ones(tmp_path):
    proc = cli("run", "--start-method", "threads", "--json", str(tmp_path / "r.json"), *QUICK)
    assert proc.returncode == 2
    assert "'threads'" in proc.stderr and "fork, spawn, forkserver" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_selection_matching_nothing_exits_2(tmp_path):
    proc = cli("run", "--json", str(tmp_path / "r.json"), "-n", "0", "-k", "no_test_has_this_name")
    assert proc.returncode == 2
    assert "no conformance test matched" in proc.stderr


def test_unwritable_json_path_exits_2_before_running(tmp_path):
    target = tmp_path / "a-directory"
    target.mkdir()
    proc = cli("run", "--json", str(target), *QUICK)
    assert proc.returncode == 2 and "directory" in proc.stderr


def test_bad_worker_count_exits_2(tmp_path):
    proc = cli("run", "--json", str(tmp_path / "r.json"), "-n", "many")
    assert proc.returncode == 2 and "-n" in proc.stderr


def test_deviations_exit_1_and_are_listed(tmp_path, run_suite):
    run = run_suite("broken.exitcode_abs", features=["Process.terminate::*"])
    assert run.returncode == 1
    assert "deviation" in run.stdout
    assert "Process.terminate::exitcode-is-minus-sigterm" in run.stdout
    sigterm = "Process.terminate::exitcode-is-minus-sigterm"
    rec = next(r for r in run.results if r["feature"] == sigterm)
    assert rec["outcome"] == "fail" and "15" in rec["message"]
    assert rec["repro"].startswith("mp-conformance run --impl broken.exitcode_abs ")


def test_repro_command_reruns_exactly_that_test(tmp_path):
    first = tmp_path / "a.json"
    assert cli("run", "--json", str(first), *QUICK).returncode == 0
    rec = results.load(first)["results"][0]
    argv = rec["repro"].split()[1:]  # drop "mp-conformance"
    argv = [a.strip("'") for a in argv]
    again = tmp_path / "b.json"
    proc = cli(*argv, "--json", str(again), "-n", "0")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rerun = json.loads(again.read_text())["results"]
    assert [r["test"] for r in rerun] == [rec["test"]]


def test_junit_xml_written_on_request(tmp_path):
    junit = tmp_path / "junit.xml"
    proc = cli("run", "--json", str(tmp_path / "r.json"), "--junit", str(junit), *QUICK)
    assert proc.returncode == 0
    assert "<testsuite" in junit.read_text()


def test_options_and_tests_in_any_order(tmp_path):
    path = tmp_path / "r.json"
    test = "test_process_exitcode::test_exitcode_normal_return_is_zero"  # no section: found
    proc = cli("run", "--start-method", "spawn", test, "-n", "0", "--json", str(path))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert [r["start_method"] for r in results.load(path)["results"]] == ["spawn"]
    again = cli("run", test, "-m", "fork,spawn", "--json", str(path), "-n", "0")
    assert again.returncode == 0
    assert sorted(r["start_method"] for r in results.load(path)["results"]) == ["fork", "spawn"]


def test_default_output_is_for_a_person_and_v_shows_everything(tmp_path, run_suite):
    run = run_suite("broken.exitcode_abs", features=["Process.terminate::*"])
    out = run.stdout
    assert run.returncode == 1
    assert "Traceback" not in out and "short test summary" not in out
    assert "warnings summary" not in out and "def test_" not in out
    tail = out[out.index("broken.exitcode_abs"):]
    assert "Process.terminate::exitcode-is-minus-sigterm" in tail
    assert "$ mp-conformance run --impl broken.exitcode_abs 'process.test_process" in tail
    assert tail.rstrip().splitlines()[-1].startswith("HTML report:")
    rec = next(r for r in run.results if r["outcome"] == "fail")
    assert "AssertionError" in rec["traceback"]  # tracebacks always in the results file
    verbose = run_suite("broken.exitcode_abs", features=["Process.terminate::*"], extra=["-v"])
    assert "PASSED" in verbose.stdout or "FAILED" in verbose.stdout
    assert "short test summary" in verbose.stdout and "assert" in verbose.stdout
    assert verbose.stdout.rstrip().splitlines()[-1].startswith("HTML report:")
    tb = run_suite("broken.exitcode_abs", features=["Process.terminate::*"],
                   extra=["--tb", "short"])
    assert "AssertionError" in tb.stdout and "short test summary" not in tb.stdout


def test_bad_traceback_style_exits_2(tmp_path):
    proc = cli("run", "--tb", "everything", "--json", str(tmp_path / "r.json"), *QUICK)
    assert proc.returncode == 2 and "--tb" in proc.stderr
    assert not (tmp_path / "r.json").exists()


def test_default_workers_are_twice_the_cpus():
    import os

    from conformance import runner

    assert runner.default_workers() == 2 * (os.cpu_count() or 1)


def test_pytest_errors_still_reach_stderr_and_nothing_is_left(tmp_path):
    path = tmp_path / "r.json"
    proc = cli("run", "--json", str(path), "--pytest-arg=--no-such-pytest-option", *QUICK)
    assert proc.returncode == 2 and "no-such-pytest-option" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_exit_status_follows_the_records(tmp_path):
    from conformance import runner
    from tests.factories import make_document, make_record

    def status(*recs):
        path = tmp_path / "r.json"
        results.write_atomic(path, make_document("billiard", "4", "3.11.7", "linux", list(recs)))
        return runner._verdict(str(path), 1)

    known = {"outcomes": ["fail"], "reason": "r"}
    assert status(make_record("A::b", "t", "fail", expected=known)) == 0
    assert status(make_record("A::b", "t", "timeout", expected=known)) == 1
    assert status(make_record("A::b", "t", "pass", expected=known)) == 1
    assert status(make_record("A::b", "t", "pass"), make_record("A::c", "u", "n/a")) == 0
