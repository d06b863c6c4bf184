"""The benchmark runs (at a small scale here; the figures come from the full run:
``python -m tests.report_bench``)."""

from __future__ import annotations

import re

from tests import report_bench as bench


def test_benchmark_runs_and_reports_its_figures(tmp_path, capsys):
    assert bench.main(["--files", "6", "--features", "40", "--no-browser",
                       "--repeat", "1", "--keep", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"inputs: 6 files, [\d.]+ MB, 6 columns, 40 features", out)
    assert re.search(r"render: [\d.]+ s \(goal < 2 s\); CPU [\d.]+ s; HTML [\d.]+ MB", out)
    assert (tmp_path / "index.html").stat().st_size > 10_000
    assert "### Deviations" in (tmp_path / "summary.md").read_text()


def test_synthetic_reruns_of_one_environment_are_merged(tmp_path):
    paths = bench.synthesize(tmp_path, 62, 10)  # 60 environments, two of them run twice
    from conformance.report.commands import load

    report = load(paths)
    assert len(report.columns) == 60 and len(report.notes) == 2
