"""The coverage audit: every documented entry has conformance tests, and every
feature id names an entry the catalog knows."""

from __future__ import annotations

import pytest

from conformance import catalog
from conformance.collect import collect
from conformance.coverage import compute


@pytest.fixture(scope="module")
def coverage():
    return compute()


def test_every_documented_entry_has_a_conformance_test(coverage):
    sections, _ = coverage
    missing = [entry for s in sections for entry in s.missing]
    assert not missing, f"{len(missing)} documented entries have no test: {missing}"


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
