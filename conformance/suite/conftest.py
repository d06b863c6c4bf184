"""Fixtures shared by the tests of several sections."""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.targets import contexts as t
from conformance.targets import scripts


@pytest.fixture(scope="session")
def fresh(mp):
    """What a fresh interpreter running scripts/start_methods.py observed (once: the
    facts do not depend on the test)."""
    return t.start_method_facts()


@pytest.fixture(scope="module")
def guarded_run(mp, start_method):
    """scripts/guarded_main.py run in a fresh interpreter under the start method."""
    return harness.fresh_interpreter(scripts.path("guarded_main.py"),
                                     env={"MP_CONFORMANCE_START_METHOD": start_method})


@pytest.fixture(scope="module")
def mp_manager(mp):
    """One started SyncManager from the module-level Manager(), for tests run once
    (managers and proxies)."""
    manager = mp.Manager()
    try:
        yield manager
    finally:
        manager.shutdown()
