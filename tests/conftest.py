"""Fixtures for the project's own tests: running the conformance suite in a
subprocess, as a user would, and reading what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance.vocabulary import worst

TESTS_DIR = Path(__file__).resolve().parent
REPO = TESTS_DIR.parent


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    json_path: Path

    @property
    def document(self) -> dict:
        return json.loads(self.json_path.read_text())

    @property
    def results(self) -> list[dict]:
        return self.document["results"]

    def outcomes(self) -> dict[tuple[str, str | None], str]:
        """(feature, start method) -> outcome; the worst outcome where several tests
        share a feature."""
        out: dict[tuple[str, str | None], str] = {}
        for rec in self.results:
            key = (rec["feature"], rec["start_method"])
            out[key] = worst([out[key], rec["outcome"]]) if key in out else rec["outcome"]
        return out


def cli(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m conformance ARGS`` with the broken implementations importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS_DIR), env.get("PYTHONPATH")]))
    env.pop("MP_CONFORMANCE_IMPL", None)
    # Let pytest keep its rewritten test modules (__pycache__): each run here would
    # otherwise rewrite the whole suite again, ~3 s of CPU times ~200 runs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run([sys.executable, "-m", "conformance", *args], cwd=cwd or REPO,
                          env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def run_suite(tmp_path):
    """Run the suite: run_suite("broken.x", features=[...]) -> Run."""
    counter = iter(range(1000))

    def _run(impl: str = "multiprocessing", *, features=(), tests=(), methods=(), workers="0",
             extra=()) -> Run:
        path = tmp_path / f"results-{next(counter)}.json"
        args = ["run", *tests, "--impl", impl, "--json", str(path), "-n", workers]
        for glob in features:
            args += ["--feature", glob]
        if methods:
            for method in methods:
                args += ["--start-method", method]
        proc = cli(*args, *extra)
        return Run(proc.returncode, proc.stdout, proc.stderr, path)

    return _run
