"""Tests of sharedctypes.synchronized.

Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.sharedctypes.synchronized
"""

from __future__ import annotations

import pytest

from conformance import harness, impl
from conformance.marks import feature
from conformance.suite.sharedctypes._support import _is_recursive
from conformance.targets import sharedctypes as t
from conformance.targets.sync import held_elsewhere


@feature("sharedctypes.synchronized::wrapper-with-get-obj-and-get-lock")
def test_synchronized_wrapper(sharedctypes):
    """synchronized(obj) wraps obj: get_obj() returns it; reads and writes reach it."""
    raw = sharedctypes.RawValue("i", 3)
    wrapper = sharedctypes.synchronized(raw)
    assert wrapper.get_obj() is raw
    assert wrapper.value == 3
    wrapper.value = 4
    assert raw.value == 4


@feature("sharedctypes.synchronized::default-lock-is-rlock")
def test_synchronized_default_lock_is_rlock(mp, sharedctypes):
    """Without a lock, synchronized() creates a multiprocessing RLock."""
    wrapper = sharedctypes.synchronized(sharedctypes.RawValue("i", 3))
    lock = wrapper.get_lock()
    assert isinstance(lock, impl.submodule("synchronize", mp).RLock), type(lock)
    assert _is_recursive(lock)


@pytest.mark.parametrize("kind", ["Lock", "RLock"])
@feature("sharedctypes.synchronized::uses-given-lock")
def test_synchronized_uses_given_lock(mp, sharedctypes, kind):
    """synchronized(obj, lock) uses that lock: get_lock() returns it."""
    lock = getattr(mp, kind)()
    assert sharedctypes.synchronized(sharedctypes.RawValue("i"), lock).get_lock() is lock


@feature("sharedctypes.synchronized::context-manager-holds-lock")
def test_synchronized_context_manager_holds_lock(sharedctypes):
    """A synchronized wrapper is a context manager that holds its lock for the block."""
    wrapper = sharedctypes.synchronized(sharedctypes.RawArray("i", 2))
    with wrapper:
        assert held_elsewhere(wrapper.get_lock()), "the lock was not held inside `with wrapper:`"
        wrapper[0] = 1
    assert not held_elsewhere(wrapper.get_lock()), "the lock was still held after the block"
    assert wrapper[0] == 1


@feature("sharedctypes.synchronized::array-wrapper-supports-indexing")
def test_synchronized_array_wrapper(sharedctypes):
    """A synchronized array supports len(), indexing and slicing; one of 'c' has value and raw."""
    raw = sharedctypes.RawArray("i", [1, 2, 3])
    wrapper = sharedctypes.synchronized(raw)
    assert len(wrapper) == 3 and wrapper[0] == 1 and wrapper[1:] == [2, 3]
    wrapper[0] = 5
    wrapper[1:3] = [6, 7]
    assert raw[:] == [5, 6, 7]
    chars = sharedctypes.synchronized(sharedctypes.RawArray("c", b"ab"))
    assert (chars.value, chars.raw) == (b"ab", b"ab")


@feature("sharedctypes.synchronized::shared-with-child")
def test_synchronized_shared_with_child(ctx, sharedctypes):
    """A synchronized wrapper given to a child reaches the same shared object."""
    wrapper = sharedctypes.synchronized(sharedctypes.RawValue("i", 6), ctx.RLock())
    p = harness.run(ctx, t.square_values, wrapper)
    assert p.exitcode == 0
    assert wrapper.value == 36
