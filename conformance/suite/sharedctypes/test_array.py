"""Tests of Array and sharedctypes.Array.

Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Array
"""

from __future__ import annotations

import ctypes

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import sharedctypes as t
from conformance.targets.sharedctypes import Point
from conformance.targets.sync import held_elsewhere

# --------------------------------------------------------------------------- Array


@feature("Array::size-gives-zeroed-array")
def test_array_size_gives_zeroed_array(mp):
    """Array(typecode, n) has n elements, all zero."""
    array = mp.Array("i", 4)
    assert len(array) == 4
    assert array[:] == [0, 0, 0, 0]
    assert mp.Array(ctypes.c_double, 2)[:] == [0.0, 0.0]


@feature("Array::initializer-sequence")
def test_array_initializer_sequence(mp):
    """Array(typecode_or_type, sequence) holds the sequence's items and has its length."""
    array = mp.Array("i", [9, 2, 8])
    assert len(array) == 3 and array[:] == [9, 2, 8]
    assert mp.Array(ctypes.c_double, (1.5, 2.5))[:] == [1.5, 2.5]
    assert mp.Array("d", range(3))[:] == [0.0, 1.0, 2.0]


@feature("Array::synchronized-by-default")
def test_array_synchronized_by_default(mp):
    """Array() is a synchronized wrapper by default: get_obj() the array, get_lock() its lock."""
    array = mp.Array("i", [1, 2, 3])
    obj = array.get_obj()
    assert isinstance(obj, ctypes.Array) and obj._type_ is ctypes.c_int and len(obj) == 3
    array[0] = 5
    assert obj[0] == 5, "a change through the wrapper did not reach get_obj()"
    with array.get_lock():
        assert held_elsewhere(array.get_lock())
    assert not held_elsewhere(array.get_lock())


@feature("Array::lock-false-returns-raw-array")
def test_array_lock_false_returns_raw_array(mp):
    """Array(..., lock=False) returns the ctypes array itself, without get_lock()."""
    array = mp.Array("i", [1, 2, 3], lock=False)
    assert isinstance(array, ctypes.Array), f"Array(lock=False) returned {type(array)!r}"
    assert array[:] == [1, 2, 3]
    assert not hasattr(array, "get_lock")


@pytest.mark.parametrize("kind", ["Lock", "RLock"])
@feature("Array::uses-given-lock")
def test_array_uses_given_lock(mp, kind):
    """Array(..., lock=<Lock or RLock>) synchronizes with that lock: get_lock() returns it."""
    lock = getattr(mp, kind)()
    array = mp.Array("i", 3, lock=lock)
    assert array.get_lock() is lock
    with array:
        assert held_elsewhere(lock), f"the given {kind} was not held by `with array:`"


@feature("Array::lock-is-keyword-only")
def test_array_lock_is_keyword_only(mp):
    """lock is keyword-only: Array(typecode, size, False) raises TypeError.

    The documented signature Array(typecode_or_type, size_or_initializer, *, lock=True) takes
    no third positional argument.
    """
    with pytest.raises(TypeError):
        mp.Array("i", 3, False)


@pytest.mark.parametrize("lock", [True, False], ids=["synchronized", "raw"])
@feature("Array::char-array-value-and-raw")
def test_array_char_array_value_and_raw(mp, lock):
    """An Array of 'c' has value and raw attributes to store and retrieve bytes."""
    array = mp.Array("c", b"hello world", lock=lock)
    assert array.value == b"hello world"
    assert array.raw == b"hello world"
    array.value = b"HI"
    assert array.value == b"HI"
    assert array.raw == b"HI\x00lo world"
    array.raw = b"abcdefghijk"
    assert array.value == b"abcdefghijk"
    assert mp.Array("c", 3, lock=lock).raw == b"\x00\x00\x00"


@pytest.mark.parametrize("lock", [True, False], ids=["synchronized", "raw"])
@feature("Array::slicing")
def test_array_slicing(mp, lock):
    """Arrays support indexing, negative indices, slices (with a step too) and slice assignment."""
    array = mp.Array("i", range(6), lock=lock)
    assert array[-1] == 5
    assert array[1:4] == [1, 2, 3]
    assert array[::2] == [0, 2, 4]
    array[1:3] = [7, 8]
    assert array[:] == [0, 7, 8, 3, 4, 5]
    array[-1] = 9
    assert list(array) == [0, 7, 8, 3, 4, 9]


@feature("Array::changes-in-child-seen-by-parent")
def test_array_changes_in_child_seen_by_parent(ctx):
    """A child's changes to Arrays of 'c' and of a Structure are seen by the parent."""
    lock = ctx.Lock()
    string = ctx.Array("c", b"hello world", lock=lock)
    points = ctx.Array(Point, [(1.875, -6.25), (-5.75, 2.0), (2.375, 9.5)], lock=lock)
    p = harness.run(ctx, t.upper_string_and_square_points, string, points)
    assert p.exitcode == 0
    assert string.value == b"HELLO WORLD"
    assert [(a.x, a.y) for a in points] == [(3.515625, 39.0625), (33.0625, 4.0),
                                            (5.640625, 90.25)]


@feature("Array::only-shared-through-inheritance", de_facto=True)
def test_array_only_shared_through_inheritance(mp):
    """Sending an Array over a Connection (outside process creation) raises RuntimeError."""
    reader, writer = mp.Pipe(duplex=False)
    try:
        for array in (mp.Array("i", 2), mp.Array("i", 2, lock=False)):
            with pytest.raises(RuntimeError):
                writer.send(array)
    finally:
        reader.close()
        writer.close()


@feature("sharedctypes.Array::synchronized-unless-lock-false")
def test_sharedctypes_array_lock_argument(mp, sharedctypes):
    """sharedctypes.Array: synchronized by default or with the given lock; raw with lock=False."""
    default = sharedctypes.Array("i", [1, 2])
    assert default[:] == [1, 2] and isinstance(default.get_obj(), ctypes.Array)
    with default.get_lock():
        assert held_elsewhere(default.get_lock()), "get_lock() is not a working lock"
    lock = mp.RLock()
    assert sharedctypes.Array("i", 2, lock=lock).get_lock() is lock
    raw = sharedctypes.Array("i", [1, 2], lock=False)
    assert isinstance(raw, ctypes.Array) and not hasattr(raw, "get_lock")
    assert raw[:] == [1, 2]


@feature("sharedctypes.Array::shared-with-child")
def test_sharedctypes_array_shared_with_child(ctx, sharedctypes):
    """A sharedctypes.Array (with a lock of the child's context) is changed by a child."""
    lock = ctx.Lock()
    string = sharedctypes.Array("c", b"hello world", lock=lock)
    points = sharedctypes.Array(Point, [(1.5, 2.0)], lock=lock)
    p = harness.run(ctx, t.upper_string_and_square_points, string, points)
    assert p.exitcode == 0
    assert string.value == b"HELLO WORLD"
    assert (points[0].x, points[0].y) == (2.25, 4.0)
