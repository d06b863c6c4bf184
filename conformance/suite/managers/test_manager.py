"""Tests of Manager.

Managers: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Manager
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import feature
from conformance.suite._support import managers_module
from conformance.targets import managers as t

# --------------------------------------------------------------------------- Manager()


@feature("Manager::returns-started-syncmanager")
def test_manager_returns_started_syncmanager(mp):
    """Manager() returns a SyncManager already started: its server runs in a new child
    process, and it creates shared objects without start()."""
    before = {p.pid for p in mp.active_children()}
    manager = mp.Manager()
    try:
        new = [p for p in mp.active_children() if p.pid not in before]
        assert len(new) == 1, f"expected one new child process for the server, found {new}"
        assert isinstance(manager, managers_module(mp).SyncManager), type(manager)
        assert manager.list([1, 2])[1] == 2
    finally:
        manager.shutdown()


@feature("Manager::context-method-returns-started-syncmanager")
def test_manager_context_method_returns_started_syncmanager(mp, ctx, manager):
    """A context's Manager() returns a started SyncManager whose server serves every process."""
    assert isinstance(manager, managers_module(mp).SyncManager), type(manager)
    assert manager.address is not None
    lst = manager.list()
    harness.run(ctx, t.append_to, lst, "from a child")
    assert lst[:] == ["from a child"]
