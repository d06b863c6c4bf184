"""Tests of Value and sharedctypes.Value.

Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Value
"""

from __future__ import annotations

import ctypes

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.sharedctypes._support import _is_recursive, _value_shared_with_child
from conformance.targets import sharedctypes as t
from conformance.targets.sharedctypes import Point
from conformance.targets.sync import held_elsewhere

# --------------------------------------------------------------------------- Value


@feature("Value::typecode-or-ctypes-type")
def test_value_typecode_or_ctypes_type(mp):
    """Value() takes a typecode or a ctypes type and passes *args to the type's constructor.

    Without *args the value is the type's zero value.
    """
    assert mp.Value("i", 7).value == 7
    assert mp.Value("d", 2.5).value == 2.5
    assert mp.Value(ctypes.c_double, 2.4).value == 2.4
    assert mp.Value("i").value == 0
    assert mp.Value(ctypes.c_bool).value is False
    assert mp.Value("c", b"x").value == b"x"


@feature("Value::synchronized-with-recursive-lock-by-default")
def test_value_synchronized_by_default(mp):
    """Value() is a synchronized wrapper by default: get_obj() the object, get_lock() an RLock."""
    value = mp.Value("i", 5)
    obj = value.get_obj()
    assert isinstance(obj, ctypes.c_int) and obj.value == 5
    value.value = 6
    assert obj.value == 6, "a change through the wrapper did not reach get_obj()"
    assert _is_recursive(value.get_lock()), "the default lock of a Value is not recursive"
    with value.get_lock():
        assert held_elsewhere(value.get_lock())
        value.value += 1
    assert value.value == 7


@feature("Value::lock-false-returns-raw-object")
def test_value_lock_false_returns_raw_object(mp):
    """Value(..., lock=False) returns the ctypes object itself, without get_lock()."""
    value = mp.Value("i", 5, lock=False)
    assert isinstance(value, ctypes.c_int), f"Value(lock=False) returned {type(value)!r}"
    assert value.value == 5
    assert not hasattr(value, "get_lock")


@pytest.mark.parametrize("kind", ["Lock", "RLock"])
@feature("Value::uses-given-lock")
def test_value_uses_given_lock(mp, kind):
    """Value(..., lock=<Lock or RLock>) synchronizes with that lock: get_lock() returns it."""
    lock = getattr(mp, kind)()
    value = mp.Value("i", 1, lock=lock)
    assert value.get_lock() is lock
    with value:
        assert held_elsewhere(lock), f"the given {kind} was not held by `with value:`"


@feature("Value::lock-is-keyword-only")
def test_value_lock_is_keyword_only(mp):
    """lock is keyword-only: a further positional argument goes to the ctypes constructor."""
    with pytest.raises(TypeError):
        mp.Value("i", 5, False)
    pair = mp.Value(Point, 1.5, False)
    assert hasattr(pair, "get_lock"), "a positional False was taken as lock=False"
    assert (pair.get_obj().x, pair.get_obj().y) == (1.5, 0.0)


@feature("Value::changes-in-child-seen-by-parent")
def test_value_changes_in_child_seen_by_parent(ctx):
    """A child's changes to Values (locked and lock=False) are seen by the parent."""
    n = ctx.Value("i", 7)
    x = ctx.Value(ctypes.c_double, 1.0 / 3.0, lock=False)
    p = harness.run(ctx, t.square_values, n, x)
    assert p.exitcode == 0
    assert n.value == 49
    assert x.value == pytest.approx(1.0 / 9.0)


@feature("Value::changes-in-parent-seen-by-child")
def test_value_changes_in_parent_seen_by_child(ctx):
    """A child sees the parent's change made after it started, and the parent the child's."""
    _value_shared_with_child(ctx, ctx.Value("d", 1.0))


@feature("Value::get-lock-makes-updates-atomic")
def test_value_get_lock_makes_updates_atomic(ctx):
    """Increments made under get_lock() by a child and the parent at once are all counted."""
    times = 2000
    counter = ctx.Value("i", 0)
    ready, go = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.increment, counter, ready, go, times) as p:
        harness.wait(ready)
        go.set()
        for _ in range(times):
            with counter.get_lock():
                counter.value += 1
        harness.join(p)
    assert counter.value == 2 * times, (
        f"{2 * times} increments under get_lock() gave {counter.value}")


@feature("Value::only-shared-through-inheritance", de_facto=True)
def test_value_only_shared_through_inheritance(mp):
    """Sending a Value over a Connection (outside process creation) raises RuntimeError."""
    reader, writer = mp.Pipe(duplex=False)
    try:
        for value in (mp.Value("i", 1), mp.Value("i", 1, lock=False)):
            with pytest.raises(RuntimeError):
                writer.send(value)
    finally:
        reader.close()
        writer.close()


# ----------------------------------------------------------------- sharedctypes.Value / Array


@feature("sharedctypes.Value::synchronized-unless-lock-false")
def test_sharedctypes_value_lock_argument(mp, sharedctypes):
    """sharedctypes.Value: synchronized by default or with the given lock; raw with lock=False."""
    default = sharedctypes.Value("i", 4)
    assert default.value == 4 and isinstance(default.get_obj(), ctypes.c_int)
    assert _is_recursive(default.get_lock()), "the default lock is not recursive"
    lock = mp.Lock()
    assert sharedctypes.Value("i", 4, lock=lock).get_lock() is lock
    raw = sharedctypes.Value("i", 4, lock=False)
    assert type(raw) is ctypes.c_int and not hasattr(raw, "get_lock")


@feature("sharedctypes.Value::shared-with-child")
def test_sharedctypes_value_shared_with_child(ctx, sharedctypes):
    """A sharedctypes.Value (with a lock of the child's context) is changed by a child."""
    value = sharedctypes.Value("i", 7, lock=ctx.RLock())
    p = harness.run(ctx, t.square_values, value)
    assert p.exitcode == 0
    assert value.value == 49
