"""Shared ctypes objects: Value, Array and the multiprocessing.sharedctypes module.

https://docs.python.org/3/library/multiprocessing.html#shared-ctypes-objects
"""

from __future__ import annotations

import ctypes

import pytest

from conformance import harness, impl
from conformance.marks import feature
from conformance.targets import sharedctypes as t
from conformance.targets.sharedctypes import Point
from conformance.targets.sync import held_elsewhere


@pytest.fixture
def sharedctypes(mp):
    """The implementation's multiprocessing.sharedctypes module."""
    return impl.submodule("sharedctypes", mp)


def _is_recursive(lock):
    """The lock's owner can acquire it a second time (bounded), and it is held until
    released as often."""
    assert lock.acquire(timeout=harness.WAIT) is True
    try:
        again = lock.acquire(timeout=harness.WAIT)
        if again:
            lock.release()
        return again
    finally:
        lock.release()


def _value_shared_with_child(ctx, value):
    """A child sees the parent's change to ``value`` (1.0) made after it started, and the
    parent the child's."""
    go = ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.report_then_set_value, value, go, sender, 3.5) as p:
        value.value = 2.5
        go.set()
        assert harness.recv(receiver) == 2.5, "the child did not see the parent's change"
        harness.join(p)
    assert value.value == 3.5, "the parent did not see the child's change"


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
