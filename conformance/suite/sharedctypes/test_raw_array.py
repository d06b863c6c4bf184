"""Tests of sharedctypes.RawArray.

Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.sharedctypes.RawArray
"""

from __future__ import annotations

import ctypes

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import sharedctypes as t


@feature("sharedctypes.RawArray::typecode-or-ctypes-type-and-size")
def test_raw_array_typecode_or_type_and_size(sharedctypes):
    """RawArray(c_short, 7) and RawArray('h', 7) are zeroed arrays of 7 c_short."""
    for array in (sharedctypes.RawArray(ctypes.c_short, 7), sharedctypes.RawArray("h", 7)):
        assert isinstance(array, ctypes.Array) and array._type_ is ctypes.c_short
        assert len(array) == 7 and array[:] == [0] * 7


@feature("sharedctypes.RawArray::initializer-sequence")
def test_raw_array_initializer_sequence(sharedctypes):
    """RawArray(c_int, (9, 2, 8)) and RawArray('i', (9, 2, 8)) hold those items."""
    for array in (sharedctypes.RawArray(ctypes.c_int, (9, 2, 8)),
                  sharedctypes.RawArray("i", (9, 2, 8))):
        assert isinstance(array, ctypes.Array) and array._type_ is ctypes.c_int
        assert array[:] == [9, 2, 8]
        assert not hasattr(array, "get_lock")


@feature("sharedctypes.RawArray::char-array-value-and-raw")
def test_raw_array_char_array_value_and_raw(sharedctypes):
    """A RawArray of 'c' has value and raw attributes."""
    array = sharedctypes.RawArray("c", b"abc")
    assert (array.value, array.raw) == (b"abc", b"abc")
    array.value = b"z"
    assert (array.value, array.raw) == (b"z", b"z\x00c")


@feature("sharedctypes.RawArray::shared-with-child")
def test_raw_array_shared_with_child(ctx, sharedctypes):
    """A RawArray is shared: a child sees the parent's later writes, the parent the child's."""
    array = sharedctypes.RawArray("i", 3)
    go = ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.report_then_reverse, array, go, sender) as p:
        array[:] = [1, 2, 3]
        go.set()
        assert harness.recv(receiver) == [1, 2, 3], "the child did not see the parent's writes"
        harness.join(p)
    assert array[:] == [3, 2, 1], "the parent did not see the child's writes"


@feature("sharedctypes.RawArray::only-shared-through-inheritance", de_facto=True)
def test_raw_only_shared_through_inheritance(mp, sharedctypes):
    """Sending a RawArray or RawValue over a Connection raises RuntimeError."""
    reader, writer = mp.Pipe(duplex=False)
    try:
        for obj in (sharedctypes.RawArray("i", 2), sharedctypes.RawValue("i", 2)):
            with pytest.raises(RuntimeError):
                writer.send(obj)
    finally:
        reader.close()
        writer.close()
