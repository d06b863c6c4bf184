"""Fixtures shared by the tests of Managers."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def manager(mp, start_method):
    """A started SyncManager whose server was started with this start method."""
    manager = mp.get_context(start_method).Manager()
    try:
        yield manager
    finally:
        manager.shutdown()
