"""Fixtures shared by the tests of Shared ctypes Objects."""

from __future__ import annotations

import pytest

from conformance import impl


@pytest.fixture
def sharedctypes(mp):
    """The implementation's multiprocessing.sharedctypes module."""
    return impl.submodule("sharedctypes", mp)
