"""Tests of sharedctypes.copy.

Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.sharedctypes.copy
"""

from __future__ import annotations

import ctypes

from conformance import harness
from conformance.marks import feature
from conformance.targets import sharedctypes as t
from conformance.targets.sharedctypes import Point

# --------------------------------------------------------------------------- copy, synchronized


@feature("sharedctypes.copy::independent-copy")
def test_copy_independent_copy(sharedctypes):
    """copy(obj) is a new object of obj's type and contents; changing one leaves the other alone."""
    original = ctypes.c_int(5)
    copied = sharedctypes.copy(original)
    assert type(copied) is ctypes.c_int and copied.value == 5
    copied.value = 6
    assert original.value == 5
    array = sharedctypes.copy((ctypes.c_int * 3)(1, 2, 3))
    assert array[:] == [1, 2, 3]
    point = sharedctypes.copy(Point(1.0, 2.0))
    assert isinstance(point, Point) and (point.x, point.y) == (1.0, 2.0)


@feature("sharedctypes.copy::allocated-in-shared-memory")
def test_copy_allocated_in_shared_memory(ctx, sharedctypes):
    """The copy lives in shared memory: a child's change to it is seen by the parent."""
    copied = sharedctypes.copy(ctypes.c_double(3.0))
    p = harness.run(ctx, t.square_values, copied)
    assert p.exitcode == 0
    assert copied.value == 9.0
