"""multiprocessing.shared_memory: SharedMemory, ShareableList and SharedMemoryManager.

https://docs.python.org/3/library/multiprocessing.shared_memory.html

Every block a test creates is closed and unlinked at the end of the test,
whatever happens (the ``blocks`` fixture), so nothing is left in /dev/shm.
"""

from __future__ import annotations

import pickle
import secrets
import struct

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.targets import shared_memory as t

# SharedMemoryManager is documented on the shared_memory page, anchored where it
# lives: multiprocessing.managers.


def fresh_name() -> str:
    """A block name no one uses (short: macOS allows 31 characters)."""
    return "mpc" + secrets.token_hex(6)


class Blocks:
    """Creates blocks and lists for one test; closes every handle and unlinks every
    block it created when the test ends."""

    def __init__(self, sm):
        self.sm = sm
        self.handles = []
        self.created = []

    def create(self, size=64, name=None, **kwargs):
        shm = self.sm.SharedMemory(name, create=True, size=size, **kwargs)
        self.handles.append(shm)
        self.created.append(shm)
        return shm

    def attach(self, name, **kwargs):
        shm = self.sm.SharedMemory(name, **kwargs)
        self.handles.append(shm)
        return shm

    def shareable(self, sequence=None, name=None):
        sl = self.sm.ShareableList(sequence, name=name)
        self.handles.append(sl.shm)
        if sequence is not None:
            self.created.append(sl.shm)
        return sl

    def hold(self, shm):
        """Close ``shm`` at the end (a block somebody else unlinks)."""
        self.handles.append(shm)
        return shm

    def cleanup(self):
        for shm in self.handles:
            try:
                shm.close()
            except Exception:
                pass
        for shm in self.created:
            try:
                shm.unlink()
            except Exception:
                pass


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


def peek(shm, n: int) -> bytes:
    """The first ``n`` bytes of a block, copied (an assertion holding a slice of
    ``buf`` would keep the block from closing)."""
    return bytes(shm.buf[:n])


def exists(sm, name) -> bool:
    """Whether a block ``name`` can be attached to (the handle is closed again)."""
    try:
        sm.SharedMemory(name).close()
    except FileNotFoundError:
        return False
    return True


# --------------------------------------------------------------------------- SharedMemory


@pytest.mark.parametrize("size", [1, 10, 4096, 10_000])
@feature("shared_memory.SharedMemory::create-gives-block-of-at-least-size")
def test_sharedmemory_create_gives_block_of_at_least_size(blocks, size):
    """SharedMemory(create=True, size=n) gives a block of n bytes or more, all usable."""
    shm = blocks.create(size)
    assert shm.size >= size, f"size {shm.size} < requested {size}"
    assert len(shm.buf) >= size, f"len(buf) {len(shm.buf)} < requested {size}"
    shm.buf[size - 1] = 0xAB
    assert shm.buf[size - 1] == 0xAB


@feature("shared_memory.SharedMemory::generated-name-is-unique")
def test_sharedmemory_generated_name_is_unique(blocks):
    """Without a name, each new block gets a novel name."""
    first, second = blocks.create(16), blocks.create(16)
    assert isinstance(first.name, str) and first.name, repr(first.name)
    assert first.name != second.name


@feature("shared_memory.SharedMemory::explicit-name-kept")
def test_sharedmemory_explicit_name_kept(blocks):
    """A block created with a name has that name, and can be attached to by it."""
    name = fresh_name()
    shm = blocks.create(16, name=name)
    shm.buf[:2] = b"ok"
    assert shm.name == name
    assert peek(blocks.attach(name), 2) == b"ok"


@feature("shared_memory.SharedMemory::attach-by-name-shares-contents")
def test_sharedmemory_attach_by_name_shares_contents(blocks):
    """A second instance attached by name sees the same bytes, in both directions."""
    first = blocks.create(10)
    first.buf[:4] = bytearray([22, 33, 44, 55])
    first.buf[4] = 100
    second = blocks.attach(first.name)
    assert list(peek(second, 5)) == [22, 33, 44, 55, 100]
    second.buf[:5] = b"howdy"
    assert peek(first, 5) == b"howdy"


@feature("shared_memory.SharedMemory::attach-ignores-size")
def test_sharedmemory_attach_ignores_size(blocks):
    """When attaching to an existing block, the size argument is ignored."""
    first = blocks.create(4096)
    second = blocks.attach(first.name, size=1)
    assert second.size == first.size
    assert len(second.buf) >= 4096


@feature("shared_memory.SharedMemory::child-attaches-by-name")
def test_sharedmemory_child_attaches_by_name(ctx, blocks):
    """A child process attaches to a block by its name; what it writes, the parent reads."""
    shm = blocks.create(32)
    assert harness.run(ctx, t.write_by_name, shm.name, b"from the child").exitcode == 0
    assert peek(shm, 14) == b"from the child"


@feature("shared_memory.SharedMemory::passed-to-child-is-same-block")
def test_sharedmemory_passed_to_child_is_same_block(ctx, blocks):
    """A SharedMemory passed to a child as an argument refers to the same block there."""
    shm = blocks.create(32)
    assert harness.run(ctx, t.write_through, shm, b"through an argument").exitcode == 0
    assert peek(shm, 19) == b"through an argument"


@feature("shared_memory.SharedMemory::pickle-attaches-to-same-block")
def test_sharedmemory_pickle_attaches_to_same_block(blocks):
    """An unpickled SharedMemory is attached to the same block, by the same name."""
    shm = blocks.create(16)
    copy = blocks.hold(pickle.loads(pickle.dumps(shm)))
    assert copy.name == shm.name
    copy.buf[:6] = b"pickle"
    assert peek(shm, 6) == b"pickle"


@feature("shared_memory.SharedMemory::create-existing-name-raises-fileexistserror",
         de_facto=True)
def test_sharedmemory_create_existing_name_raises_fileexistserror(sm, blocks):
    """create=True with the name of an existing block raises FileExistsError."""
    shm = blocks.create(16)
    with pytest.raises(FileExistsError):
        blocks.hold(sm.SharedMemory(shm.name, create=True, size=16))


@feature("shared_memory.SharedMemory::attach-missing-name-raises-filenotfounderror",
         de_facto=True)
def test_sharedmemory_attach_missing_name_raises_filenotfounderror(sm, blocks):
    """Attaching to a name no block has raises FileNotFoundError."""
    with pytest.raises(FileNotFoundError):
        blocks.hold(sm.SharedMemory(fresh_name()))


@feature("shared_memory.SharedMemory::attach-without-name-raises-valueerror", de_facto=True)
def test_sharedmemory_attach_without_name_raises_valueerror(sm, blocks):
    """SharedMemory() with create=False (the default) and no name raises ValueError: only
    a new block gets a generated name."""
    with pytest.raises(ValueError):
        blocks.created.append(blocks.hold(sm.SharedMemory(size=16)))
    with pytest.raises(ValueError):
        blocks.created.append(blocks.hold(sm.SharedMemory(None, create=False, size=16)))


@feature("shared_memory.SharedMemory::unpickling-unlinked-block-raises-filenotfounderror",
         de_facto=True, posix=True,
         reason="on Windows a block lives as long as a handle to it, unlink() does nothing")
def test_sharedmemory_unpickling_unlinked_block_raises_filenotfounderror(sm, blocks):
    """A pickled block that was unlinked since cannot be unpickled: FileNotFoundError
    (unpickling attaches to the block by name)."""
    shm = sm.SharedMemory(create=True, size=64)
    blocks.hold(shm)
    pickled = pickle.dumps(shm)
    shm.unlink()
    with pytest.raises(FileNotFoundError):
        blocks.created.append(blocks.hold(pickle.loads(pickled)))


@feature("shared_memory.SharedMemory::size-zero-with-create-raises-valueerror", de_facto=True)
def test_sharedmemory_size_zero_with_create_raises_valueerror(blocks):
    """create=True with size 0 raises ValueError."""
    with pytest.raises(ValueError):
        blocks.create(0)


@feature("shared_memory.SharedMemory::negative-size-raises-valueerror", de_facto=True)
def test_sharedmemory_negative_size_raises_valueerror(blocks):
    """A negative size raises ValueError."""
    with pytest.raises(ValueError):
        blocks.create(-1)


def run_independent_creator(track: bool) -> str:
    """Run a separate Python program that creates a block and exits without unlinking it."""
    proc = harness.fresh_interpreter("-c", t.INDEPENDENT_CREATOR, str(track),
                                     timeout=harness.WAIT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


@feature("shared_memory.SharedMemory::track-false-block-outlives-its-program", posix=True,
         min_python=(3, 13), reason="the track parameter is new in 3.13; tracking is POSIX only")
def test_sharedmemory_track_false_block_outlives_its_program(blocks):
    """With track=False, a block outlives the program that created it and left it linked."""
    name = run_independent_creator(track=False)
    shm = blocks.attach(name, track=False)
    blocks.created.append(shm)  # ours to unlink now
    assert peek(shm, 5) == b"alive"


@feature("shared_memory.SharedMemory::tracked-block-unlinked-when-its-program-exits",
         posix=True, min_python=(3, 13),
         reason="documented with the track parameter (3.13); tracking is POSIX only")
def test_sharedmemory_tracked_block_unlinked_when_its_program_exits(sm):
    """With track=True, a block its program left linked is unlinked once the program exits."""
    name = run_independent_creator(track=True)

    def gone():
        try:
            sm.SharedMemory(name, track=False).close()
        except FileNotFoundError:
            return True
        return False

    try:
        harness.until(gone, what=f"the unlinking of {name} by the resource tracker")
    finally:
        if not gone():
            leftover = sm.SharedMemory(name, track=False)
            leftover.close()
            leftover.unlink()


# --------------------------------------------------------------------------- close, unlink


@feature("shared_memory.SharedMemory.close::block-survives-close")
def test_sharedmemory_close_block_survives_close(blocks):
    """close() ends one instance's access but does not destroy the block."""
    shm = blocks.create(16)
    shm.buf[:4] = b"kept"
    shm.close()
    assert peek(blocks.attach(shm.name), 4) == b"kept"


@feature("shared_memory.SharedMemory.close::child-close-keeps-block")
def test_sharedmemory_close_child_close_keeps_block(ctx, sm, blocks):
    """A child that attached and closed its instance leaves the block to the others."""
    shm = blocks.create(16)
    assert harness.run(ctx, t.write_by_name, shm.name, b"child").exitcode == 0
    assert exists(sm, shm.name)
    assert peek(shm, 5) == b"child"


@feature("shared_memory.SharedMemory.unlink::name-gone-after-unlink", posix=True,
         reason="on Windows unlink() has no effect: a block lives while handles are open")
def test_sharedmemory_unlink_name_gone_after_unlink(sm, blocks):
    """After unlink(), the name no longer attaches (FileNotFoundError)."""
    shm = blocks.create(16)
    shm.close()
    shm.unlink()
    assert not exists(sm, shm.name), "the block could still be attached to after unlink()"


@pytest.mark.parametrize("order", ["close-then-unlink", "unlink-then-close"])
@feature("shared_memory.SharedMemory.unlink::close-and-unlink-in-either-order")
def test_sharedmemory_unlink_close_and_unlink_in_either_order(blocks, order):
    """The last holder of a block may call unlink() and close() in either order."""
    shm = blocks.create(16)
    for step in order.split("-then-"):
        getattr(shm, step)()


@feature("shared_memory.SharedMemory.unlink::unlinked-by-another-process", posix=True,
         reason="on Windows unlink() has no effect: a block lives while handles are open")
def test_sharedmemory_unlink_unlinked_by_another_process(ctx, sm, blocks):
    """unlink() in one process destroys the block's name for every process."""
    shm = blocks.create(16)
    assert harness.run(ctx, t.unlink_by_name, shm.name).exitcode == 0
    assert not exists(sm, shm.name), "the block outlived unlink() in the child"


# --------------------------------------------------------------------------- buf, name, size


@feature("shared_memory.SharedMemory.buf::is-a-writable-memoryview")
def test_sharedmemory_buf_is_a_writable_memoryview(blocks):
    """buf is a writable memoryview of the block's contents."""
    shm = blocks.create(10)
    assert isinstance(shm.buf, memoryview), type(shm.buf)
    assert not shm.buf.readonly
    shm.buf[:3] = b"abc"
    assert peek(shm, 3) == b"abc"


@feature("shared_memory.SharedMemory.buf::length-is-size")
def test_sharedmemory_buf_length_is_size(blocks):
    """buf covers the whole block: len(buf) == size, for a created and an attached instance."""
    shm = blocks.create(3000)
    assert len(shm.buf) == shm.size
    other = blocks.attach(shm.name)
    assert len(other.buf) == other.size == shm.size


@feature("shared_memory.SharedMemory.name::attached-instance-has-the-name")
def test_sharedmemory_name_attached_instance_has_the_name(blocks):
    """An instance attached by name reports that name, the creator's."""
    shm = blocks.create(16)
    assert blocks.attach(shm.name).name == shm.name


@feature("shared_memory.SharedMemory.name::read-only")
def test_sharedmemory_name_read_only(blocks):
    """name cannot be assigned (read-only access)."""
    shm = blocks.create(16)
    with pytest.raises(AttributeError):
        shm.name = "renamed"
    assert shm.name != "renamed"


@feature("shared_memory.SharedMemory.size::read-only")
def test_sharedmemory_size_read_only(blocks):
    """size cannot be assigned (read-only access)."""
    shm = blocks.create(16)
    with pytest.raises(AttributeError):
        shm.size = 1
    assert shm.size >= 16


@feature("shared_memory.SharedMemory.size::attached-instance-reports-block-size")
def test_sharedmemory_size_attached_instance_reports_block_size(blocks):
    """An instance attached by name reports the size of the existing block."""
    shm = blocks.create(5000)
    assert blocks.attach(shm.name).size == shm.size


# --------------------------------------------------------------------------- ShareableList

EXAMPLE = ["howdy", b"HoWdY", -273.154, 100, None, True, 42]


@feature("shared_memory.ShareableList::stores-supported-types")
def test_shareablelist_stores_supported_types(blocks):
    """int, float, bool, str, bytes and None values come back equal and of the same type."""
    sl = blocks.shareable(EXAMPLE)
    assert list(sl) == EXAMPLE
    assert [type(v) for v in sl] == [type(v) for v in EXAMPLE]
    assert len(sl) == len(EXAMPLE)


@feature("shared_memory.ShareableList::item-may-change-type")
def test_shareablelist_item_may_change_type(blocks):
    """An item can be replaced by a value of another type that fits its storage."""
    sl = blocks.shareable(EXAMPLE)
    sl[2] = -78.5
    assert sl[2] == -78.5
    sl[2] = "dry ice"
    assert sl[2] == "dry ice"
    assert len(sl) == len(EXAMPLE)


@feature("shared_memory.ShareableList::too-long-value-raises-valueerror")
def test_shareablelist_too_long_value_raises_valueerror(blocks):
    """A str longer than the item's storage raises ValueError and the item keeps its value."""
    sl = blocks.shareable(EXAMPLE)
    sl[2] = "dry ice"
    with pytest.raises(ValueError):
        sl[2] = "larger than previously allocated storage space"
    assert sl[2] == "dry ice"


@feature("shared_memory.ShareableList::negative-index")
def test_shareablelist_negative_index(blocks):
    """Negative indexes count from the end, for reading and writing."""
    sl = blocks.shareable(range(5))
    sl[-1] = -999
    assert sl[-1] == -999
    assert sl[4] == -999


@feature("shared_memory.ShareableList::length-cannot-change")
def test_shareablelist_length_cannot_change(blocks):
    """A ShareableList has no append(): its length is fixed."""
    sl = blocks.shareable(range(3))
    with pytest.raises(AttributeError):
        sl.append(3)
    assert len(sl) == 3


@feature("shared_memory.ShareableList::attach-by-name-shares-values")
def test_shareablelist_attach_by_name_shares_values(blocks):
    """ShareableList(name=...) attaches to an existing list: same values, both ways."""
    first = blocks.shareable(range(5))
    second = blocks.shareable(name=first.shm.name)
    assert list(second) == [0, 1, 2, 3, 4]
    second[-1] = -999
    assert first[-1] == -999


@feature("shared_memory.ShareableList::pickle-attaches-to-same-list")
def test_shareablelist_pickle_attaches_to_same_list(blocks):
    """An unpickled ShareableList is the same shared list."""
    sl = blocks.shareable(range(10))
    copy = pickle.loads(pickle.dumps(sl))
    blocks.hold(copy.shm)
    sl[0] = -1
    copy[1] = -2
    assert list(sl) == list(copy) == [-1, -2, 2, 3, 4, 5, 6, 7, 8, 9]


@feature("shared_memory.ShareableList::child-changes-seen-by-parent")
def test_shareablelist_child_changes_seen_by_parent(ctx, blocks):
    """Values a child sets in a ShareableList passed to it are seen by the parent."""
    sl = blocks.shareable([0, 0.0, "....", b"..", None])
    changes = {0: 7, 1: 2.5, 2: "abcd", 3: b"xy", 4: True}
    assert harness.run(ctx, t.set_items, sl, changes).exitcode == 0
    assert list(sl) == [7, 2.5, "abcd", b"xy", True]


@feature("shared_memory.ShareableList::child-attaches-by-name")
def test_shareablelist_child_attaches_by_name(ctx, blocks):
    """A child attaches to a ShareableList by name; what it sets, the parent reads."""
    sl = blocks.shareable(range(4))
    assert harness.run(ctx, t.set_items_by_name, sl.shm.name, {0: 40, 3: -3}).exitcode == 0
    assert list(sl) == [40, 1, 2, -3]


@feature("shared_memory.ShareableList.count::counts-occurrences")
def test_shareablelist_count_counts_occurrences(blocks):
    """count(value) returns the number of occurrences of value."""
    sl = blocks.shareable([5, "a", 5, b"HoWdY", 5, 2.5])
    assert sl.count(5) == 3
    assert sl.count("a") == 1
    assert sl.count(b"HoWdY") == 1
    assert sl.count(b"howdy") == 0
    assert sl.count(2.5) == 1


@feature("shared_memory.ShareableList.count::follows-changes")
def test_shareablelist_count_follows_changes(blocks):
    """count() counts the values stored now, after items were replaced."""
    sl = blocks.shareable([1, 1, 2])
    sl[2] = 1
    assert sl.count(1) == 3
    sl[0] = "one"
    assert sl.count(1) == 2
    assert sl.count("one") == 1


@feature("shared_memory.ShareableList.index::returns-first-position")
def test_shareablelist_index_returns_first_position(blocks):
    """index(value) returns the first position of value."""
    sl = blocks.shareable(["x", 42, "y", 42])
    assert sl.index(42) == 1
    assert sl.index("y") == 2


@feature("shared_memory.ShareableList.index::absent-value-raises-valueerror")
def test_shareablelist_index_absent_value_raises_valueerror(blocks):
    """index(value) raises ValueError when value is not present."""
    sl = blocks.shareable([1, 2, 3])
    with pytest.raises(ValueError):
        sl.index(4)


@feature("shared_memory.ShareableList.format::struct-format-of-the-values")
def test_shareablelist_format_struct_format_of_the_values(blocks):
    """format is a struct format string with one field per stored value."""
    sl = blocks.shareable(EXAMPLE)
    assert isinstance(sl.format, str), type(sl.format)
    fields = struct.unpack(sl.format, bytes(struct.calcsize(sl.format)))
    assert len(fields) == len(EXAMPLE), f"format {sl.format!r} has {len(fields)} fields"


@feature("shared_memory.ShareableList.format::follows-type-changes")
def test_shareablelist_format_follows_type_changes(blocks):
    """format describes the values currently stored: it changes when an item's type does."""
    sl = blocks.shareable([1, 2])
    before = sl.format
    sl[0] = 2.5
    assert sl.format != before, f"format stayed {before!r} after an int became a float"
    assert len(struct.unpack(sl.format, bytes(struct.calcsize(sl.format)))) == 2


@feature("shared_memory.ShareableList.format::read-only")
def test_shareablelist_format_read_only(blocks):
    """format cannot be assigned (read-only)."""
    sl = blocks.shareable([1, 2])
    with pytest.raises(AttributeError):
        sl.format = "qq"


@feature("shared_memory.ShareableList.shm::is-the-sharedmemory-holding-the-values")
def test_shareablelist_shm_is_the_sharedmemory_holding_the_values(sm, blocks):
    """shm is the SharedMemory instance where the values are stored."""
    sl = blocks.shareable(["abc", 1])
    assert isinstance(sl.shm, sm.SharedMemory), type(sl.shm)
    assert list(blocks.shareable(name=sl.shm.name)) == ["abc", 1]


@feature("shared_memory.ShareableList.shm::close-and-unlink-release-the-list", posix=True,
         reason="on Windows unlink() has no effect: a block lives while handles are open")
def test_shareablelist_shm_close_and_unlink_release_the_list(sm, blocks):
    """shm.close() and shm.unlink() release a list's block: its name is gone."""
    sl = blocks.shareable(["x", 2])
    name = sl.shm.name
    sl.shm.close()
    sl.shm.unlink()
    assert not exists(sm, name), "the list's block survived shm.unlink()"


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
