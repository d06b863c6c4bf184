"""conformance/schema/results.schema.json describes what ``run`` writes, and the
dependency-free reader check (results.check) agrees with it on bad documents."""

from __future__ import annotations

import copy
import json

import pytest

from conformance import results
from conformance.vocabulary import DEVIATIONS
from tests.factories import make_document, make_record

from .conftest import cli

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def schema():
    data = json.loads(results.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def test_schema_matches_the_code(schema):
    assert schema["properties"]["schema_version"]["const"] == results.SCHEMA_VERSION
    assert schema["$defs"]["outcome"]["enum"] == list(results.OUTCOMES)
    counts = schema["properties"]["summary"]["additionalProperties"]["required"]
    assert counts == list(results.OUTCOMES)


def test_a_real_run_validates(schema, tmp_path):
    path = tmp_path / "r.json"
    proc = cli("run", "-n", "0", "--json", str(path), "--feature",
               "Process.exitcode::normal-return-is-zero", "--feature",
               "current_process::main-process-name", "--start-method", "spawn")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    document = json.loads(path.read_text())
    validator(schema).validate(document)
    assert {r["start_method"] for r in document["results"]} == {"spawn", None}
    assert results.check(document) is None


def test_a_run_with_expectations_validates(schema, tmp_path):
    expect = tmp_path / "e.toml"
    expect.write_text('[[deviation]]\nfeature = "Process.terminate::*"\n'
                      'implementation = "broken.exitcode_abs"\nreason = "abs()"\n'
                      'link = "https://example.org"\n')
    path = tmp_path / "r.json"
    proc = cli("run", "-n", "0", "--impl", "broken.exitcode_abs", "--json", str(path),
               "--feature", "Process.terminate::exitcode-is-minus-sigterm", "--start-method",
               "spawn", "--expect", str(expect))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    document = json.loads(path.read_text())
    validator(schema).validate(document)
    (rec,) = document["results"]
    assert rec["outcome"] == "fail"  # what happened; the expectation is beside it
    assert rec["expected"] == {"outcomes": list(DEVIATIONS), "reason": "abs()",
                               "link": "https://example.org"}
    assert results.status(rec) == "expected-fail"
    assert "traceback" in rec and "AssertionError" in rec["traceback"]


def test_expected_outcomes_must_be_real_outcomes(schema):
    document = _good()
    document["results"][0]["expected"] = {"outcomes": ["expected-fail"], "reason": "r"}
    assert results.check(document) and list(validator(schema).iter_errors(document))
    document["results"][0]["expected"] = {"outcomes": ["fail", "pass"], "reason": "r"}
    assert results.check(document) is None
    validator(schema).validate(document)


def test_the_synthetic_documents_of_tests_and_benchmark_validate(schema):
    document = make_document("billiard", "1", "3.11.7", "linux", [
        make_record("Process.kill::exitcode-is-minus-sigkill", "t[fork]", "missing", "m", "fork"),
        make_record("current_process::main-process-name", "t2", "pass")])
    validator(schema).validate(document)


def _good():
    return make_document("multiprocessing", "stdlib", "3.11.7", "linux", [
        make_record("Process.kill::exitcode-is-minus-sigkill", "t[fork]", "pass", "", "fork")])


def _set(path, value):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return doc
    return change


BAD = {
    "no schema_version": _set(["schema_version"], KeyError),
    "future schema_version": _set(["schema_version"], 3),
    "expected-fail as an observed outcome": _set(["results", 0, "outcome"], "expected-fail"),
    "expectation without outcomes": _set(["results", 0, "expected"], {"reason": "r"}),
    "environment not an object": _set(["environment"], []),
    "no implementation": _set(["environment", "implementation"], KeyError),
    "python not an object": _set(["environment", "python"], "3.11"),
    "results not a list": _set(["results"], {}),
    "record not an object": _set(["results", 0], "pass"),
    "record without feature": _set(["results", 0, "feature"], KeyError),
    "record without outcome": _set(["results", 0, "outcome"], KeyError),
    "unknown outcome": _set(["results", 0, "outcome"], "passed"),
    "test not a string": _set(["results", 0, "test"], 3),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_reader_check_and_schema_agree_on_bad_documents(schema, case):
    document = BAD[case](copy.deepcopy(_good()))
    assert results.check(document), f"results.check accepts a document with {case}"
    assert list(validator(schema).iter_errors(document)), f"the schema accepts {case}"


def test_reader_check_accepts_what_the_schema_accepts(schema):
    document = _good()
    validator(schema).validate(document)
    assert results.check(document) is None
