"""Tests of shared_memory.ShareableList, shared_memory.ShareableList.count,
shared_memory.ShareableList.index, shared_memory.ShareableList.format and
shared_memory.ShareableList.shm.

multiprocessing.shared_memory: https://docs.python.org/3/library/multiprocessing.shared_memory.html#multiprocessing.shared_memory.ShareableList
"""

from __future__ import annotations

import pickle
import struct

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.shared_memory._support import exists
from conformance.targets import shared_memory as t

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
