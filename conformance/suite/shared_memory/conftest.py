"""Fixtures shared by the tests of multiprocessing.shared_memory."""

from __future__ import annotations

import pytest

from conformance.impl import submodule
from conformance.suite.shared_memory._support import Blocks


@pytest.fixture
def sm(mp):
    return submodule("shared_memory", mp)


@pytest.fixture
def blocks(sm):
    made = Blocks(sm)
    try:
        yield made
    finally:
        made.cleanup()
