"""Fixtures shared by the tests of Managers."""

from __future__ import annotations

import pytest

# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def mp_manager(mp):
    """One started SyncManager from the module-level Manager(), for tests run once."""
    manager = mp.Manager()
    try:
        yield manager
    finally:
        manager.shutdown()


@pytest.fixture(scope="module")
def manager(mp, start_method):
    """A started SyncManager whose server was started with this start method."""
    manager = mp.get_context(start_method).Manager()
    try:
        yield manager
    finally:
        manager.shutdown()
