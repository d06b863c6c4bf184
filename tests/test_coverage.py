"""The coverage audit: every documented entry has conformance tests, and every
feature id names an entry the catalog knows."""

from __future__ import annotations

import json

import pytest

from conformance import catalog
from conformance.collect import CollectedTest, collect
from conformance.coverage import compute, misplaced


@pytest.fixture(scope="module")
def coverage():
    return compute()


def test_every_documented_entry_has_a_conformance_test(coverage):
    sections, _ = coverage
    missing = [entry for s in sections for entry in s.missing]
    assert not missing, f"{len(missing)} documented entries have no test: {missing}"


def test_every_test_sits_in_its_entrys_module(coverage):
    """The path answers where a test lives: conformance/suite/<section>/test_<entry>.py."""
    _, totals = coverage
    assert not totals["misplaced"], "\n".join(totals["misplaced"])


def _collected(test: str, *features: str) -> list[CollectedTest]:
    return [CollectedTest(test=test, feature=f, de_facto=False, summary="") for f in features]


@pytest.mark.parametrize("test, features", [
    ("process.test_process::t", ["Process.join::x"]),
    ("process.test_process_join::t", ["Process.join::x"]),
    ("synchronization.test_lock::t", ["Lock::x", "Lock.acquire::y"]),
    ("synchronization.test_synchronization::t", ["Lock::x", "RLock::x"]),
    ("managers.test_sync_manager::t", ["managers.SyncManager.Lock::x",
                                       "managers.SyncManager.RLock::x"]),
    ("listeners.test_listener::t", ["connection.Listener.accept::x"]),
    ("guidelines.test_safe_main_import::t", ["guidelines.safe-main-import::x"]),
])
def test_placement_rule_accepts(test, features):
    assert misplaced(_collected(test, *features)) == []


@pytest.mark.parametrize("test, features, belongs", [
    ("process.test_process_exitcode::t", ["Process.join::x"],
     "process.test_process or process.test_process_join"),
    ("miscellaneous.test_process::t", ["Process.join::x"], "process.test_process"),
    ("synchronization.test_lock::t", ["Lock::x", "RLock::x"],
     "synchronization.test_synchronization"),
    ("process.test_process::t", ["Process::x", "current_process::y"], "span sections"),
])
def test_placement_rule_refuses(test, features, belongs):
    wrong = misplaced(_collected(test, *features))
    assert len(wrong) == 1 and belongs in wrong[0], wrong


def test_every_feature_names_a_catalog_entry():
    for test in collect():
        catalog.parse_feature(test.feature)  # raises UnknownFeature


def test_catalog_lists_every_row_of_the_spec():
    """data/api.tsv carries every entry of the project's spec, and nothing else."""
    from pathlib import Path

    here = Path(__file__).resolve()
    # Beside the checkout (/work/main) or beside a worktree's parent (/work/wt/h2).
    candidates = [up / "shared" / "spec" / "documented-api.tsv" for up in here.parents[2:4]]
    spec = next((c for c in candidates if c.exists()), None)
    if spec is None:
        pytest.skip(f"the project's spec is not beside the checkout ({candidates[0]})")
    rows = [ln.split("\t")[0] for ln in spec.read_text().splitlines()[1:] if ln.strip()]
    api = {e.qualified for e in catalog.entries().values() if e.is_api}
    assert set(rows) == api


def test_unknown_feature_ids_are_refused():
    with pytest.raises(catalog.UnknownFeature):
        catalog.parse_feature("Process.teleport::works")
    with pytest.raises(catalog.UnknownFeature):
        catalog.parse_feature("Process.start")  # no behaviour


def test_coverage_command_prints_sections(capsys):
    from conformance.cli import main

    code = main(["coverage"])
    out = capsys.readouterr().out
    assert "Process and exceptions" in out and "total" in out
    assert code in (0, 1)


# --- proofs: broken implementations proving that an entry's tests can fail -----------

PROOF_MODULES = {
    # Read statically: importing this one would raise.
    "queue_drops_items": 'raise ImportError("never imported")\n'
                         'CATCHES = {"Queue.get::block-true-waits-for-an-item"}\n'
                         'START_METHODS = ("fork",)\nMIN_PYTHON = (3, 9)\n',
    # A glob over the suite's feature ids.
    "barrier_anything": 'CATCHES: set = {"Barrier::*"}\n',
    # An id the suite does not have: a stale proof.
    "stale": 'CATCHES = {"Queue.get::teleports-the-item"}\n',
    "_helper": "this is not python",
}


@pytest.fixture(scope="module")
def proofs_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("broken")
    for name, text in PROOF_MODULES.items():
        (directory / f"{name}.py").write_text(text)
    return directory


def test_proofs_are_read_without_importing_them(proofs_dir):
    from conformance.coverage import read_proofs

    proofs = {p.module: p for p in read_proofs(proofs_dir)}
    assert set(proofs) == {"queue_drops_items", "barrier_anything", "stale"}  # not _helper
    queue = proofs["queue_drops_items"]
    assert queue.catches == ("Queue.get::block-true-waits-for-an-item",)
    assert queue.start_methods == ("fork",) and queue.min_python == (3, 9)
    assert queue.applies_to((3, 9, 1)) and not queue.applies_to((3, 8))
    assert proofs["barrier_anything"].catches == ("Barrier::*",)


def test_proofs_match_feature_ids_and_globs(proofs_dir):
    from conformance.coverage import match_proofs, read_proofs

    features = {t.feature for t in collect()}
    assert "Queue.get::block-true-waits-for-an-item" in features
    proven, stale = match_proofs(read_proofs(proofs_dir), features)
    barrier = {f for f in features if f.startswith("Barrier::")}
    assert {f for f, mods in proven.items() if "barrier_anything" in mods} == barrier
    assert proven["Queue.get::block-true-waits-for-an-item"] == {"queue_drops_items"}
    assert stale == {"stale": ["Queue.get::teleports-the-item"]}


def test_coverage_lists_the_entries_without_a_proof(proofs_dir, capsys):
    from conformance.cli import main

    code = main(["coverage", "--proofs", str(proofs_dir), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1  # most entries have no proof here
    assert document["totals"]["proofs"] == 3 and document["totals"]["proven"] == 2
    assert document["totals"]["stale_proofs"] == {"stale": ["Queue.get::teleports-the-item"]}
    rows = {row["section"]: row for row in document["sections"]}
    queues = next(r for r in rows.values() if "Queue.get" in r["features"])
    assert queues["proven"] == {"Queue.get": ["queue_drops_items"]}
    assert "Queue.put" in queues["unproven"] and "Queue.get" not in queues["unproven"]
    every = {e for r in rows.values() for e in r["features"]}
    assert {e for r in rows.values() for e in r["unproven"]} == every - {"Queue.get", "Barrier"}

    code = main(["coverage", "--proofs", str(proofs_dir)])
    out = capsys.readouterr().out
    assert code == 1
    assert "proven" in out and f"2/{len(every)}" in out
    assert "have no broken implementation proving" in out
    assert "  Pipes and Queues: Queue.put\n" in out
    assert "stale: CATCHES names no feature of the suite: Queue.get::teleports-the-item" in out


@pytest.mark.parametrize("text, message", [
    ('CATCHES = set(["Queue.get::x"])\n', "CATCHES is not a literal"),
    ('START_METHODS = ("fork",)\n', "no CATCHES"),
    ("CATCHES = {\n", "cannot be read"),
])
def test_unreadable_proofs_are_usage_errors(tmp_path, capsys, text, message):
    from conformance.cli import main

    (tmp_path / "bad.py").write_text(text)
    assert main(["coverage", "--proofs", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.py" in err and len(err.strip().splitlines()) == 1


def test_a_missing_proofs_directory_is_a_usage_error(tmp_path, capsys):
    from conformance.cli import main

    assert main(["coverage", "--proofs", str(tmp_path / "nowhere")]) == 2
    assert "not a directory" in capsys.readouterr().err
