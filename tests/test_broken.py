"""The suite can fail: every deliberately broken implementation in tests/broken/
is caught by the features it names, and the stdlib passes those same features."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import pytest

from conformance.results import DEVIATIONS

from .conftest import TESTS_DIR

sys.path.insert(0, str(TESTS_DIR))
BROKEN = sorted(m.name for m in pkgutil.iter_modules([str(TESTS_DIR / "broken")])
                if not m.name.startswith("_"))
ALL_METHODS = ("fork", "spawn", "forkserver")


def catches(name: str) -> tuple[set[str], tuple[str, ...]]:
    module = importlib.import_module(f"broken.{name}")
    return set(module.CATCHES), tuple(getattr(module, "START_METHODS", ALL_METHODS))


def min_python(name: str) -> tuple[int, ...]:
    """MIN_PYTHON of a broken module: the version that added what it breaks."""
    return tuple(getattr(importlib.import_module(f"broken.{name}"), "MIN_PYTHON", ()))


def before_python(name: str) -> tuple[int, ...] | None:
    """BEFORE_PYTHON of a broken module: the version that changed what it breaks."""
    before = getattr(importlib.import_module(f"broken.{name}"), "BEFORE_PYTHON", None)
    return tuple(before) if before else None


def test_every_broken_implementation_names_what_catches_it():
    assert BROKEN, "no broken implementations found"
    for name in BROKEN:
        features, _ = catches(name)
        assert features, f"broken.{name} has an empty CATCHES"


@pytest.fixture(scope="module")
def stdlib_run(tmp_path_factory):
    """One stdlib run over every feature that some broken implementation targets."""
    from .conftest import Run, cli

    features = sorted(set().union(*(catches(n)[0] for n in BROKEN)))
    path = tmp_path_factory.mktemp("stdlib") / "results.json"
    args = ["run", "--json", str(path), "-n", "2"]
    for f in features:
        args += ["--feature", f]
    proc = cli(*args)
    return Run(proc.returncode, proc.stdout, proc.stderr, path)


def test_stdlib_passes_the_features_the_broken_implementations_fail(stdlib_run):
    assert stdlib_run.returncode == 0, stdlib_run.stdout[-3000:] + stdlib_run.stderr[-2000:]
    bad = {k: v for k, v in stdlib_run.outcomes().items() if v not in ("pass", "n/a")}
    assert not bad


@pytest.mark.parametrize("name", BROKEN)
def test_broken_implementation_is_caught(name, run_suite):
    features, methods = catches(name)
    if sys.version_info[:len(min_python(name))] < min_python(name):
        pytest.skip("it breaks what Python {} added".format(".".join(map(str, min_python(name)))))
    before = before_python(name)
    if before and sys.version_info[:len(before)] >= before:
        pytest.skip("it breaks what Python {} changed".format(".".join(map(str, before))))
    run = run_suite(f"broken.{name}", features=sorted(features))
    assert run.returncode == 1, (
        f"exit {run.returncode}, expected 1 (deviations)\n{run.stdout[-3000:]}{run.stderr[-2000:]}")
    outcomes = run.outcomes()
    seen = {feature for feature, _ in outcomes}
    assert features <= seen, f"no test ran for {sorted(features - seen)}"
    for feature in sorted(features):
        for method in methods:
            key = (feature, method) if (feature, method) in outcomes else (feature, None)
            assert outcomes.get(key) in DEVIATIONS, (
                f"{feature} under {method}: {outcomes.get(key)!r}, the breakage went unnoticed")
