"""``mp-conformance diff A.json B.json``: verdicts that differ, both messages, exit 1/0/2."""

from __future__ import annotations

import json

from conformance import cli
from tests.factories import make_document, make_record

from .conftest import cli as run_cli

F1 = "Process.exitcode::normal-return-is-zero"
F2 = "Process.kill::exitcode-is-minus-sigkill"
F3 = "current_process::main-process-name"


def doc(impl, outcomes, messages=None, python="3.11.7", **kw):
    messages = messages or {}
    recs = []
    for (feature, method), outcome in outcomes.items():
        test = f"test_process::test_{feature.split('::')[1].replace('-', '_')}"
        if method:
            test += f"[{method}]"
        recs.append(make_record(feature, test, outcome, messages.get((feature, method), ""),
                                method, impl=impl))
    return make_document(impl, "1.0", python, "linux", recs, **kw)


BASE = {(F1, "fork"): "pass", (F1, "spawn"): "pass", (F2, "fork"): "pass", (F3, None): "pass"}


def write(path, document):
    path.write_text(json.dumps(document))
    return str(path)


def test_identical_verdicts_exit_0(tmp_path, capsys):
    a = write(tmp_path / "a.json", doc("multiprocessing", BASE))
    b = write(tmp_path / "b.json", doc("multiprocess", BASE))
    assert cli.main(["diff", a, b]) == 0
    out = capsys.readouterr().out
    assert "No verdict differs (4 feature/start-method pairs compared)" in out
    assert "multiprocess 1.0" in out


def test_differing_verdicts_exit_1_with_both_messages_side_by_side(tmp_path, capsys):
    changed = {**BASE, (F1, "spawn"): "fail", (F2, "fork"): "missing"}
    a = write(tmp_path / "a.json", doc("multiprocessing", BASE))
    b = write(tmp_path / "b.json", doc("billiard", changed, {
        (F1, "spawn"): "AssertionError: assert 1 == 0",
        (F2, "fork"): "billiard has no Process.kill"}))
    assert cli.main(["diff", a, b, "--width", "100"]) == 1
    out = capsys.readouterr().out
    assert "2 verdict(s) differ" in out
    assert f"{F1} [spawn]" in out and f"{F2} [fork]" in out
    assert f"{F1} [fork]" not in out  # same verdict: not listed
    line = next(ln for ln in out.splitlines() if "A: pass" in ln and "B: fail" in ln)
    assert line.index("│") > len("A: pass")  # two columns
    assert "AssertionError: assert 1 == 0" in out and "billiard has no Process.kill" in out
    assert all(len(ln) <= 100 for ln in out.splitlines() if "│" in ln)


def test_json_format_lists_differences_and_one_sided_pairs(tmp_path, capsys):
    b_outcomes = {k: v for k, v in BASE.items() if k != (F3, None)}
    b_outcomes[(F1, "forkserver")] = "pass"
    b_outcomes[(F1, "fork")] = "timeout"
    a = write(tmp_path / "a.json", doc("multiprocessing", BASE))
    b = write(tmp_path / "b.json", doc("multiprocessing", b_outcomes, python="3.13.0"))
    assert cli.main(["diff", a, b, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(d["feature"], d["start_method"], d["a"]["outcome"], d["b"]["outcome"])
            for d in data["differences"]] == [(F1, "fork", "pass", "timeout")]
    assert data["only_in_a"] == [[F3, None]] and data["only_in_b"] == [[F1, "forkserver"]]
    assert "3.13.0" in data["b"]["environment"]


def test_markdown_format_escapes_messages(tmp_path, capsys):
    changed = {**BASE, (F1, "spawn"): "fail"}
    a = write(tmp_path / "a.json", doc("multiprocessing", BASE))
    b = write(tmp_path / "b.json", doc("billiard", changed, {
        (F1, "spawn"): "assert <Foo|bar> == 1"}))
    assert cli.main(["diff", a, b, "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert "| feature | start method | A | B | A message | B message |" in out
    assert "&lt;Foo\\|bar&gt;" in out and "<Foo" not in out


def test_worst_outcome_among_a_features_tests_is_its_verdict(tmp_path, capsys):
    a_doc = doc("multiprocessing", {(F1, "fork"): "pass"})
    b_doc = doc("billiard", {(F1, "fork"): "pass"})
    b_doc["results"].append(make_record(F1, "test_process::test_other[fork]", "error",
                                        "boom", "fork", impl="billiard"))
    a = write(tmp_path / "a.json", a_doc)
    b = write(tmp_path / "b.json", b_doc)
    assert cli.main(["diff", a, b]) == 1
    out = capsys.readouterr().out
    assert "B: error" in out and "test_process::test_other[fork]: boom" in out


def test_bad_input_exits_2_naming_the_file(tmp_path):
    good = write(tmp_path / "good.json", doc("multiprocessing", BASE))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = run_cli("diff", good, str(bad))
    assert proc.returncode == 2
    assert f"{bad}: not valid JSON" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("diff", str(tmp_path / "missing.json"), good)
    assert proc.returncode == 2 and "missing.json: no such file" in proc.stderr


def test_cpython_and_pypy_runs_of_one_version_are_told_apart(tmp_path, capsys):
    changed = {**BASE, (F2, "fork"): "fail"}
    a = write(tmp_path / "a.json", doc("multiprocessing", BASE, python="3.9.18"))
    b = write(tmp_path / "b.json", doc("multiprocessing", changed, {
        (F2, "fork"): "PyPy says no"}, python="3.9.16", python_impl="PyPy",
        python_impl_version="7.3.11"))
    assert cli.main(["diff", a, b, "--width", "100"]) == 1
    out = capsys.readouterr().out
    assert f"A: {a} (multiprocessing 1.0, CPython 3.9.18, linux x86_64)" in out
    assert f"B: {b} (multiprocessing 1.0, PyPy 3.9.16 (7.3.11), linux x86_64)" in out
    assert "1 verdict(s) differ" in out and f"{F2} [fork]" in out and "PyPy says no" in out
    assert cli.main(["diff", a, b, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert "CPython 3.9.18" in data["a"]["environment"]
    assert "PyPy 3.9.16 (7.3.11)" in data["b"]["environment"]
