"""Fixtures shared by the tests of Logging."""

from __future__ import annotations

import pytest

from conformance.targets import contexts as tc


@pytest.fixture(scope="module")
def fresh(mp):
    return tc.start_method_facts()
