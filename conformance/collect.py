"""Collecting the suite without running it: which tests exist, with which feature ids.

Used by ``mp-conformance coverage`` and ``mp-conformance list``.  It runs
pytest's collection in-process on ``conformance.suite`` (so parametrized
marks count too) and reads the ``conformance`` markers.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from .marks import MARKER
from .vocabulary import START_METHODS

SUITE_DIR = Path(__file__).with_name("suite")


@dataclass(frozen=True)
class CollectedTest:
    test: str  # module::function, without the start-method parameter
    feature: str
    de_facto: bool
    summary: str


class CollectionError(Exception):
    pass


class _Collector:
    def __init__(self) -> None:
        self.tests: dict[tuple[str, str], CollectedTest] = {}

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            marker = item.get_closest_marker(MARKER)
            if marker is None or not marker.args:
                continue
            module = getattr(item, "module", None)
            name = module.__name__.rpartition("conformance.suite.")[2] if module else "?"
            function = getattr(item, "originalname", item.name)
            doc = (getattr(getattr(item, "obj", None), "__doc__", None) or "").strip()
            key = (f"{name}::{function}", marker.args[0])
            self.tests[key] = CollectedTest(
                test=key[0], feature=marker.args[0], de_facto=bool(marker.kwargs.get("de_facto")),
                summary=doc.splitlines()[0] if doc else "")


def collect(selection: list[str] | None = None) -> list[CollectedTest]:
    """Every (test function, feature id) pair of the suite, in collection order."""
    collector = _Collector()
    args = ["--collect-only", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
            "-c", str(SUITE_DIR / "pytest.ini"), "--rootdir", str(SUITE_DIR),
            "--start-method", ",".join(START_METHODS),
            "--pyargs", *(selection or ["conformance.suite"])]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = pytest.main(args, plugins=[collector])
    if code not in (0, 5):
        raise CollectionError("collecting the suite failed:\n" + out.getvalue()[-4000:])
    return list(collector.tests.values())
