"""Tests of sharedctypes.RawValue.

Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.sharedctypes.RawValue
"""

from __future__ import annotations

import ctypes

import pytest

from conformance.marks import feature
from conformance.suite.sharedctypes._support import _value_shared_with_child
from conformance.targets.sharedctypes import Point

# --------------------------------------------------------------------------- RawValue, RawArray


@feature("sharedctypes.RawValue::typecode-or-ctypes-type")
def test_raw_value_typecode_or_ctypes_type(sharedctypes):
    """RawValue(c_double, 2.4), RawValue('d', 2.4), RawValue(MyStruct, 4, 6): the docs' table."""
    by_type = sharedctypes.RawValue(ctypes.c_double, 2.4)
    by_code = sharedctypes.RawValue("d", 2.4)
    point = sharedctypes.RawValue(Point, 4, 6)
    assert isinstance(by_type, ctypes.c_double) and by_type.value == 2.4
    assert isinstance(by_code, ctypes.c_double) and by_code.value == 2.4
    assert isinstance(point, Point) and (point.x, point.y) == (4.0, 6.0)
    assert sharedctypes.RawValue("i").value == 0


@pytest.mark.parametrize("factory", ["RawValue", "RawArray", "Value", "Array"])
@feature("sharedctypes.RawValue::unknown-typecode-raises-typeerror", de_facto=True)
def test_unknown_typecode_raises_typeerror(sharedctypes, factory):
    """RawValue, RawArray, Value and Array refuse an unknown typecode with TypeError.

    The type only: 3.15 reworded the message (gh-133017).
    """
    args = ("Q!",) if factory.endswith("Value") else ("Q!", 3)
    with pytest.raises(TypeError):
        getattr(sharedctypes, factory)(*args)


@feature("sharedctypes.RawValue::not-synchronized")
def test_raw_value_not_synchronized(sharedctypes):
    """RawValue returns the bare ctypes object: no lock, no get_obj()."""
    value = sharedctypes.RawValue("i", 3)
    assert type(value) is ctypes.c_int
    assert not hasattr(value, "get_lock") and not hasattr(value, "get_obj")


@feature("sharedctypes.RawValue::shared-with-child")
def test_raw_value_shared_with_child(ctx, sharedctypes):
    """A RawValue is shared: a child sees the parent's later change, the parent the child's."""
    _value_shared_with_child(ctx, sharedctypes.RawValue("d", 1.0))
