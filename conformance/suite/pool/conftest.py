"""Fixtures shared by the tests of Process Pools."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance.suite.pool._support import TOKEN, dispose, new_children
from conformance.targets import pool as t


@pytest.fixture(scope="module")
def shared(mp, start_method):
    """One pool of two workers per start method, for tests that only submit tasks."""
    ctx = mp.get_context(start_method)
    gate, barrier = ctx.Semaphore(0), ctx.Barrier(2)
    before = set(mp.active_children())
    pool = ctx.Pool(2, initializer=t.init_worker, initargs=(gate, barrier, TOKEN))
    processes = new_children(mp, before)
    try:
        yield SimpleNamespace(pool=pool, gate=gate, barrier=barrier,
                              workers={p.pid for p in processes})
    finally:
        dispose(pool, processes)
