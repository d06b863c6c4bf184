"""Tests of managers.SharedMemoryManager, managers.SharedMemoryManager.SharedMemory and
managers.SharedMemoryManager.ShareableList.

multiprocessing.shared_memory: https://docs.python.org/3/library/multiprocessing.shared_memory.html#multiprocessing.managers.SharedMemoryManager
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.suite.shared_memory._support import exists, peek
from conformance.targets import shared_memory as t

# --------------------------------------------------------------------------- SharedMemoryManager


def manager_class(mp):
    return submodule("managers", mp).SharedMemoryManager


@pytest.fixture(scope="module")
def manager(mp, start_method):
    """One started SharedMemoryManager per start method, for tests that only create blocks."""
    smm = manager_class(mp)(ctx=mp.get_context(start_method))
    smm.start()
    try:
        yield smm
    finally:
        smm.shutdown()


@feature("managers.SharedMemoryManager::start-starts-a-process")
def test_smm_start_starts_a_process(mp, ctx):
    """start() starts a manager process; shutdown() stops it."""
    before = set(mp.active_children())
    smm = manager_class(mp)(ctx=ctx)
    smm.start()
    try:
        started = [p for p in mp.active_children() if p not in before]
        assert len(started) == 1, f"start() started {len(started)} processes"
    finally:
        smm.shutdown()
    harness.join(started[0])
    assert not started[0].is_alive()


@feature("managers.SharedMemoryManager::shutdown-releases-blocks", posix=True,
         reason="on Windows a block is released when its last handle closes")
def test_smm_shutdown_releases_blocks(mp, ctx, sm, blocks):
    """shutdown() unlinks every block created through the manager."""
    smm = manager_class(mp)(ctx=ctx)
    smm.start()
    try:
        names = [blocks.hold(smm.SharedMemory(64)).name,
                 blocks.hold(smm.ShareableList(range(4)).shm).name]
    finally:
        smm.shutdown()
    blocks.cleanup()
    assert not [n for n in names if exists(sm, n)], "blocks survived shutdown()"


@feature("managers.SharedMemoryManager::context-manager-releases-blocks", posix=True,
         reason="on Windows a block is released when its last handle closes")
def test_smm_context_manager_releases_blocks(mp, ctx, sm, blocks):
    """Leaving a `with SharedMemoryManager()` block releases the blocks made inside it."""
    with manager_class(mp)(ctx=ctx) as smm:
        names = [blocks.hold(smm.SharedMemory(64)).name,
                 blocks.hold(smm.ShareableList("alpha").shm).name]
        assert all(exists(sm, n) for n in names)
    blocks.cleanup()
    assert not [n for n in names if exists(sm, n)], "blocks survived the with block"


@feature("managers.SharedMemoryManager.SharedMemory::returns-block-of-size")
def test_smm_sharedmemory_returns_block_of_size(sm, manager, blocks):
    """SharedMemory(size) returns a new SharedMemory of at least size bytes."""
    shm = blocks.hold(manager.SharedMemory(100))
    assert isinstance(shm, sm.SharedMemory), type(shm)
    assert shm.size >= 100
    shm.buf[99] = 7
    assert blocks.attach(shm.name).buf[99] == 7


@feature("managers.SharedMemoryManager.SharedMemory::usable-from-a-child")
def test_smm_sharedmemory_usable_from_a_child(ctx, manager, blocks):
    """A block from the manager, passed to a child, is shared with it."""
    shm = blocks.hold(manager.SharedMemory(32))
    assert harness.run(ctx, t.write_through, shm, b"managed").exitcode == 0
    assert peek(shm, 7) == b"managed"


@pytest.mark.parametrize("sequence, expected", [
    (range(4), [0, 1, 2, 3]),
    ("alpha", ["a", "l", "p", "h", "a"]),
    ([1.5, None, b"b", "s", False], [1.5, None, b"b", "s", False]),
], ids=["range", "str", "mixed"])
@feature("managers.SharedMemoryManager.ShareableList::initialised-from-sequence")
def test_smm_shareablelist_initialised_from_sequence(sm, manager, blocks, sequence, expected):
    """ShareableList(sequence) returns a new ShareableList holding the sequence's values."""
    sl = manager.ShareableList(sequence)
    blocks.hold(sl.shm)
    assert isinstance(sl, sm.ShareableList), type(sl)
    assert list(sl) == expected


@feature("managers.SharedMemoryManager.ShareableList::shared-with-a-child")
def test_smm_shareablelist_shared_with_a_child(ctx, manager, blocks):
    """A ShareableList from the manager, passed to a child, is shared with it."""
    sl = manager.ShareableList([0] * 4)
    blocks.hold(sl.shm)
    assert harness.run(ctx, t.set_items, sl, {1: 10, 2: 20}).exitcode == 0
    assert list(sl) == [0, 10, 20, 0]
