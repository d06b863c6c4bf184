"""Tests of managers.SyncManager, managers.SyncManager.Barrier, managers.SyncManager.Lock,
managers.SyncManager.RLock, managers.SyncManager.Semaphore,
managers.SyncManager.BoundedSemaphore, managers.SyncManager.Condition,
managers.SyncManager.Event, managers.SyncManager.Namespace, managers.SyncManager.Queue,
managers.SyncManager.Value, managers.SyncManager.Array, managers.SyncManager.dict,
managers.SyncManager.list and managers.SyncManager.set.

Managers: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.managers.SyncManager
"""

from __future__ import annotations

import queue
import threading

import pytest

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.suite._support import managers_module
from conformance.targets import managers as t

# --------------------------------------------------------------------------- SyncManager


@feature("managers.SyncManager::is-a-basemanager")
def test_syncmanager_is_a_basemanager(mp):
    """SyncManager is a subclass of BaseManager."""
    managers = managers_module(mp)
    assert issubclass(managers.SyncManager, managers.BaseManager)


SHARED_TYPES = {
    "Barrier": (2,),
    "BoundedSemaphore": (),
    "Condition": (),
    "Event": (),
    "Lock": (),
    "Namespace": (),
    "Queue": (),
    "RLock": (),
    "Semaphore": (),
    "Array": ("i", [1, 2]),
    "Value": ("i", 1),
    "dict": (),
    "list": (),
}


@pytest.mark.parametrize("typeid", list(SHARED_TYPES))
@feature("managers.SyncManager::methods-return-proxies")
def test_syncmanager_methods_return_proxies(mp, mp_manager, typeid):
    """Each of SyncManager's methods creates a shared object and returns a proxy for it."""
    proxy = getattr(mp_manager, typeid)(*SHARED_TYPES[typeid])
    assert isinstance(proxy, managers_module(mp).BaseProxy), type(proxy)


# Barrier


@feature("managers.SyncManager.Barrier::child-and-parent-pass-together")
def test_syncmanager_barrier_child_and_parent_pass_together(ctx, manager):
    """A shared Barrier(2) lets a child and the parent through once both wait."""
    barrier = manager.Barrier(2)
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.wait_barrier, barrier, sender):
        mine = barrier.wait(harness.WAIT)
        theirs = harness.recv(receiver)
    assert {mine, theirs} == {0, 1}, (mine, theirs)


@feature("managers.SyncManager.Barrier::parties-and-timeout")
def test_syncmanager_barrier_parties_and_timeout(mp_manager):
    """Barrier(parties, timeout=t): parties is kept, and a wait nobody joins breaks after t."""
    barrier = mp_manager.Barrier(2, timeout=harness.SHORT)
    assert barrier.parties == 2
    with harness.stopwatch() as watch:
        with pytest.raises(threading.BrokenBarrierError):
            barrier.wait()
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Barrier.wait() alone")
    assert barrier.broken is True


# Lock, RLock, Semaphore, BoundedSemaphore: held by a child, refused to the parent


def check_held_by_child(ctx, lock, times):
    """A child acquires ``times`` times: the parent cannot acquire until the child releases."""
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.hold_then_release, lock, child_end, times):
        assert harness.recv(parent_end) == [True] * times, "the child could not acquire"
        assert lock.acquire(False) is False, "acquired although the child holds it"
        parent_end.send("release")
        assert harness.recv(parent_end) == "released"
        assert lock.acquire(timeout=harness.WAIT) is True, "not acquirable after the release"
        lock.release()


@feature("managers.SyncManager.Lock::held-by-child-excludes-parent")
def test_syncmanager_lock_held_by_child_excludes_parent(ctx, manager):
    """A shared Lock acquired in a child cannot be acquired by the parent until released."""
    check_held_by_child(ctx, manager.Lock(), 1)


@feature("managers.SyncManager.Lock::not-reentrant")
def test_syncmanager_lock_not_reentrant(mp_manager):
    """A shared Lock cannot be acquired a second time, even by its holder."""
    lock = mp_manager.Lock()
    assert lock.acquire() is True
    try:
        assert lock.acquire(False) is False, "the holder acquired the Lock a second time"
    finally:
        lock.release()


@feature("managers.SyncManager.RLock::held-by-child-excludes-parent")
def test_syncmanager_rlock_held_by_child_excludes_parent(ctx, manager):
    """A shared RLock taken twice by a child (re-entrantly) excludes the parent until released."""
    check_held_by_child(ctx, manager.RLock(), 2)


@feature("managers.SyncManager.RLock::reentrant")
def test_syncmanager_rlock_reentrant(mp_manager):
    """A shared RLock can be acquired again by its holder and must be released as often."""
    rlock = mp_manager.RLock()
    assert rlock.acquire() is True
    assert rlock.acquire(False) is True
    rlock.release()
    rlock.release()
    with pytest.raises(RuntimeError):
        rlock.release()


LOCKED_PROXY = Narrowing(min_python=(3, 14),
                         reason="lock proxies forward locked() from Python 3.14 (gh-115942)")


@pytest.mark.parametrize("kind", [
    pytest.param("Lock", id="Lock",
                 marks=feature("managers.SyncManager.Lock::locked-reflects-state", **LOCKED_PROXY)),
    pytest.param("RLock", id="RLock",
                 marks=feature("managers.SyncManager.RLock::locked-reflects-state",
                               **LOCKED_PROXY))])
def test_syncmanager_lock_locked_reflects_state(mp_manager, kind):
    """locked() of a shared Lock/RLock is False when free and True while held (3.14)."""
    lock = getattr(mp_manager, kind)()
    assert lock.locked() is False, f"a new shared {kind} was locked()"
    lock.acquire()
    try:
        assert lock.locked() is True, f"a held shared {kind} was not locked()"
    finally:
        lock.release()
    assert lock.locked() is False, f"a released shared {kind} was locked()"


@pytest.mark.parametrize("kind", [
    pytest.param("Lock", id="Lock",
                 marks=feature("managers.SyncManager.Lock::locked-sees-child-holding",
                               **LOCKED_PROXY)),
    pytest.param("RLock", id="RLock",
                 marks=feature("managers.SyncManager.RLock::locked-sees-child-holding",
                               **LOCKED_PROXY))])
def test_syncmanager_lock_locked_sees_child_holding(ctx, manager, kind):
    """locked() of a shared Lock/RLock is True in the parent while a child holds it (3.14)."""
    lock = getattr(manager, kind)()
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.hold_then_release, lock, child_end, 1):
        assert harness.recv(parent_end) == [True], "the child could not acquire"
        assert lock.locked() is True, f"locked() was False while a child held the {kind}"
        parent_end.send("release")
        assert harness.recv(parent_end) == "released"
    assert lock.locked() is False, f"locked() was True after the child released the {kind}"


@feature("managers.SyncManager.Semaphore::held-by-child-excludes-parent")
def test_syncmanager_semaphore_held_by_child_excludes_parent(ctx, manager):
    """A shared Semaphore(2) emptied by a child refuses the parent until the child releases."""
    check_held_by_child(ctx, manager.Semaphore(2), 2)


@feature("managers.SyncManager.Semaphore::initial-value")
def test_syncmanager_semaphore_initial_value(mp_manager):
    """Semaphore(value) can be acquired value times; Semaphore() once."""
    sem = mp_manager.Semaphore(2)
    assert [sem.acquire(False) for _ in range(3)] == [True, True, False]
    default = mp_manager.Semaphore()
    assert [default.acquire(False) for _ in range(2)] == [True, False]


@feature("managers.SyncManager.BoundedSemaphore::held-by-child-excludes-parent")
def test_syncmanager_boundedsemaphore_held_by_child_excludes_parent(ctx, manager):
    """A shared BoundedSemaphore(2) emptied by a child refuses the parent until released."""
    check_held_by_child(ctx, manager.BoundedSemaphore(2), 2)


@feature("managers.SyncManager.BoundedSemaphore::release-beyond-initial-raises-valueerror")
def test_syncmanager_boundedsemaphore_release_beyond_initial_raises(mp_manager):
    """Releasing a shared BoundedSemaphore above its initial value raises ValueError."""
    sem = mp_manager.BoundedSemaphore(1)
    assert sem.acquire(False) is True
    sem.release()
    with pytest.raises(ValueError):
        sem.release()


# Condition


@feature("managers.SyncManager.Condition::notify-wakes-child")
def test_syncmanager_condition_notify_wakes_child(ctx, manager):
    """notify() from the parent wakes a child waiting on the shared Condition."""
    cond = manager.Condition()
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.wait_condition, cond, child_end):
        assert harness.recv(parent_end) == "waiting"
        # The child holds the lock until it waits: acquiring it means the child waits.
        assert cond.acquire(timeout=harness.WAIT), "the child never released the lock in wait()"
        try:
            cond.notify()
        finally:
            cond.release()
        assert harness.recv(parent_end) is True, "the child's wait() was not notified"


@feature("managers.SyncManager.Condition::given-lock-is-used")
def test_syncmanager_condition_given_lock_is_used(mp_manager):
    """Condition(lock) with a Lock proxy uses that lock: holding the condition holds the lock."""
    lock = mp_manager.Lock()
    cond = mp_manager.Condition(lock)
    assert cond.acquire(timeout=harness.WAIT)
    try:
        assert lock.acquire(False) is False, "the condition does not hold the given lock"
    finally:
        cond.release()
    assert lock.acquire(False) is True
    lock.release()


@feature("managers.SyncManager.Condition::wait-for-predicate")
def test_syncmanager_condition_wait_for_predicate(mp_manager):
    """wait_for(predicate, timeout) returns at once when true, False after timeout when not."""
    cond = mp_manager.Condition()
    with cond:
        assert cond.wait_for(lambda: True, timeout=harness.WAIT) is True
        with harness.stopwatch() as watch:
            assert cond.wait_for(lambda: False, timeout=harness.SHORT) is False
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Condition.wait_for()")


# Event


@feature("managers.SyncManager.Event::set-in-child-seen-by-parent")
def test_syncmanager_event_set_in_child_seen_by_parent(ctx, manager):
    """A shared Event set in a child is set for the parent."""
    event = manager.Event()
    assert event.is_set() is False
    harness.run(ctx, t.set_event, event)
    assert event.is_set() is True
    assert event.wait(harness.WAIT) is True


@feature("managers.SyncManager.Event::wait-times-out")
def test_syncmanager_event_wait_times_out(mp_manager):
    """wait(timeout) on a shared Event not set returns False after about timeout."""
    event = mp_manager.Event()
    with harness.stopwatch() as watch:
        assert event.wait(harness.SHORT) is False
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Event.wait()")
    event.set()
    with harness.stopwatch() as watch:
        assert event.wait(harness.WAIT) is True
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "Event.wait() on a set event")


# Namespace


@feature("managers.SyncManager.Namespace::attributes-set-in-child-seen-by-parent")
def test_syncmanager_namespace_attributes_set_in_child_seen_by_parent(ctx, manager):
    """Attributes a child sets on a shared Namespace are seen by the parent."""
    ns = manager.Namespace()
    harness.run(ctx, t.set_namespace_attributes, ns)
    seen = (getattr(ns, "x", None), getattr(ns, "name", None))
    assert seen == (42, "set by the child"), f"the parent sees x, name = {seen!r}"


@feature("managers.SyncManager.Namespace::attributes-shared-between-proxies")
def test_syncmanager_namespace_attributes_shared_between_proxies(mp_manager):
    """A shared Namespace has writable attributes; deleting one makes it absent."""
    ns = mp_manager.Namespace()
    ns.x = 10
    ns.y = "hello"
    assert (ns.x, ns.y) == (10, "hello")
    del ns.x
    with pytest.raises(AttributeError):
        ns.x  # noqa: B018 - the read is the test


# Queue


@feature("managers.SyncManager.Queue::item-put-in-child-got-by-parent")
def test_syncmanager_queue_item_put_in_child_got_by_parent(ctx, manager):
    """An item a child puts on a shared Queue is got by the parent."""
    q = manager.Queue()
    harness.run(ctx, t.put_on_queue, q, ("from the child", [1, 2]))
    assert harness.get(q) == ("from the child", [1, 2])


@feature("managers.SyncManager.Queue::maxsize-and-fifo")
def test_syncmanager_queue_maxsize_and_fifo(mp_manager):
    """Queue(maxsize) refuses items beyond maxsize (queue.Full) and hands items out in order."""
    q = mp_manager.Queue(2)
    q.put("first")
    q.put("second")
    with pytest.raises(queue.Full):
        q.put_nowait("third")
    assert [q.get_nowait(), q.get_nowait()] == ["first", "second"]
    with pytest.raises(queue.Empty):
        q.get_nowait()


# Value, Array


@feature("managers.SyncManager.Value::set-in-child-seen-by-parent")
def test_syncmanager_value_set_in_child_seen_by_parent(ctx, manager):
    """A value a child writes to a shared Value's value attribute is seen by the parent."""
    value = manager.Value("i", 1)
    harness.run(ctx, t.set_value, value, 99)
    assert value.value == 99


@feature("managers.SyncManager.Value::value-attribute-writable")
def test_syncmanager_value_value_attribute_writable(mp_manager):
    """Value(typecode, value) has a value attribute holding value, and writable."""
    value = mp_manager.Value("i", 5)
    assert value.value == 5
    value.value = 6
    assert value.value == 6


@feature("managers.SyncManager.Array::set-in-child-seen-by-parent")
def test_syncmanager_array_set_in_child_seen_by_parent(ctx, manager):
    """An item a child writes to a shared Array is seen by the parent."""
    array = manager.Array("i", [1, 2, 3])
    harness.run(ctx, t.set_array_item, array, 0, 99)
    assert [array[i] for i in range(len(array))] == [99, 2, 3]


@feature("managers.SyncManager.Array::sequence-indexing")
def test_syncmanager_array_sequence_indexing(mp_manager):
    """Array(typecode, sequence) holds the sequence: len, item reads and writes."""
    array = mp_manager.Array("d", [0.5, 1.5])
    assert len(array) == 2
    assert array[1] == 1.5
    array[0] = 2.5
    assert array[0] == 2.5


# dict, list, set


@feature("managers.SyncManager.dict::updates-from-child-seen-by-parent")
def test_syncmanager_dict_updates_from_child_seen_by_parent(ctx, manager):
    """Items a child stores in a shared dict are seen by the parent (the docs' example)."""
    d = manager.dict()
    harness.run(ctx, t.fill_dict_as_documented, d)
    assert d.copy() == {1: "1", "2": 2, 0.25: None}


@feature("managers.SyncManager.dict::constructor-forms")
def test_syncmanager_dict_constructor_forms(mp_manager):
    """dict(), dict(mapping) and dict(sequence) create shared dicts with those items."""
    assert mp_manager.dict().copy() == {}
    assert mp_manager.dict({"a": 1}).copy() == {"a": 1}
    assert mp_manager.dict([("b", 2), ("c", 3)]).copy() == {"b": 2, "c": 3}


@feature("managers.SyncManager.dict::operators-and-iteration", de_facto=True)
def test_syncmanager_dict_operators_and_iteration(mp_manager):
    """A shared dict answers the dict operators (d[k], d[k] = v, del, in, len) and iterates
    over its keys in insertion order, like the dict it holds."""
    d = mp_manager.dict()
    for key in range(65, 70):
        d[key] = chr(key)
    del d[66]
    assert len(d) == 4 and 65 in d and 66 not in d and d[69] == "E"
    iterator = iter(d)
    assert list(iterator) == [65, 67, 68, 69]
    assert list(iterator) == [], "an exhausted iterator started again"
    assert sorted(d.items()) == [(65, "A"), (67, "C"), (68, "D"), (69, "E")]


@feature("managers.SyncManager.dict::iterator-follows-the-shared-dict", de_facto=True)
def test_syncmanager_dict_iterator_follows_the_shared_dict(mp_manager):
    """iter() of a shared dict iterates the dict in the server (an iterator proxy), not a
    copy: a change of size during the iteration raises RuntimeError."""
    d = mp_manager.dict({1: "a", 2: "b"})
    iterator = iter(d)
    d.clear()
    with pytest.raises(RuntimeError):
        next(iterator)


@feature("managers.SyncManager.list::operators-and-iteration", de_facto=True)
def test_syncmanager_list_operators_and_iteration(mp_manager):
    """A shared list answers the list operators (indexing, slicing, +, *, in, len,
    reversed, iteration) and += and *= change the shared list and keep the proxy."""
    shared = mp_manager.list(range(3))
    handle = shared
    handle *= 2
    handle += [7]
    handle.append(8)
    assert shared[:] == [0, 1, 2, 0, 1, 2, 7, 8], (
        f"shared list {shared[:]!r} after *= 2, += [7] and append(8) through one handle")
    assert shared + [9] == [0, 1, 2, 0, 1, 2, 7, 8, 9]
    assert shared[1:3] == [1, 2] and shared[-1] == 8
    assert 7 in shared and 5 not in shared and len(shared) == 8
    assert list(iter(shared)) == [0, 1, 2, 0, 1, 2, 7, 8]
    assert list(reversed(shared)) == [8, 7, 2, 1, 0, 2, 1, 0]
    shared[0] = 100
    assert next(iter(shared)) == 100


@feature("managers.SyncManager.list::updates-from-child-seen-by-parent")
def test_syncmanager_list_updates_from_child_seen_by_parent(ctx, manager):
    """A shared list a child reverses is reversed for the parent (the docs' example)."""
    lst = manager.list(range(10))
    harness.run(ctx, t.reverse_list, lst)
    assert lst[:] == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]


@feature("managers.SyncManager.list::constructor-forms")
def test_syncmanager_list_constructor_forms(mp_manager):
    """list() and list(sequence) create shared lists with those items."""
    assert len(mp_manager.list()) == 0
    assert mp_manager.list((1, "two"))[:] == [1, "two"]


PROXY_314 = Narrowing(min_python=(3, 14),
                      reason="list and dict proxies gained these from Python 3.14 (gh-103134, "
                             "gh-126417)")


@feature("managers.SyncManager.list::clear-and-copy", **PROXY_314)
def test_syncmanager_list_clear_and_copy(mp_manager):
    """A shared list's copy() is a plain list of its items, and clear() empties it (3.14)."""
    shared = mp_manager.list([1, "two"])
    copied = shared.copy()
    assert type(copied) is list and copied == [1, "two"], f"copy() gave {copied!r}"
    shared.clear()
    assert len(shared) == 0, f"clear() left {shared[:]!r}"
    assert copied == [1, "two"], "clearing the shared list changed its copy"


@feature("managers.SyncManager.dict::fromkeys-reversed-and-union", **PROXY_314)
def test_syncmanager_dict_fromkeys_reversed_and_union(mp_manager):
    """A shared dict supports fromkeys(), reversed(), d | m, m | d and d |= m (3.14)."""
    shared = mp_manager.dict(a=1, b=2)
    assert shared.fromkeys(["x", "y"], 0) == {"x": 0, "y": 0}
    assert list(reversed(shared)) == ["b", "a"]
    assert shared | {"c": 3} == {"a": 1, "b": 2, "c": 3}
    assert {"z": 0} | shared == {"z": 0, "a": 1, "b": 2}
    before = shared
    shared |= {"c": 3}
    assert shared is before, "d |= m replaced the proxy"
    assert shared.copy() == {"a": 1, "b": 2, "c": 3}, "d |= m did not update the shared dict"


@pytest.mark.parametrize("kind", [
    pytest.param("list", id="list",
                 marks=feature("managers.SyncManager.list::proxy-is-a-mutablesequence",
                               **PROXY_314)),
    pytest.param("dict", id="dict",
                 marks=feature("managers.SyncManager.dict::proxy-is-a-mutablemapping",
                               **PROXY_314))])
def test_syncmanager_proxy_is_registered_with_its_abc(mp_manager, kind):
    """list proxies are MutableSequences and dict proxies MutableMappings (3.14)."""
    import collections.abc

    abc = collections.abc.MutableSequence if kind == "list" else collections.abc.MutableMapping
    proxy = getattr(mp_manager, kind)()
    assert isinstance(proxy, abc), f"a {kind} proxy is not a {abc.__name__}"


@pytest.mark.parametrize("kind", [
    pytest.param("list", id="list",
                 marks=feature("managers.SyncManager.list::proxy-type-is-generic",
                               de_facto=True, min_python=(3, 13),
                               reason="ListProxy[...] from Python 3.13 (gh-107431)")),
    pytest.param("dict", id="dict",
                 marks=feature("managers.SyncManager.dict::proxy-type-is-generic",
                               de_facto=True, min_python=(3, 13),
                               reason="DictProxy[...] from Python 3.13 (gh-107431)"))])
def test_syncmanager_proxy_type_is_generic(mp_manager, kind):
    """The type of a list or dict proxy can be subscripted (ListProxy[int]) (3.13)."""
    import types

    proxy_type = type(getattr(mp_manager, kind)())
    alias = proxy_type[int]
    assert isinstance(alias, types.GenericAlias) and alias.__origin__ is proxy_type, alias


@feature("managers.SyncManager.set::updates-from-child-seen-by-parent")
def test_syncmanager_set_updates_from_child_seen_by_parent(ctx, manager):
    """Elements a child adds to a shared set are seen by the parent (the docs' example)."""
    s = manager.set()
    harness.run(ctx, t.add_to_set, s)
    assert s._getvalue() == {"a", "b"}


@feature("managers.SyncManager.set::add-discard-contains-len")
def test_syncmanager_set_add_discard_contains_len(mp_manager):
    """A shared set supports add(), discard(), `in` and len()."""
    shared = mp_manager.set(["a"])
    shared.add("b")
    shared.add("b")
    assert len(shared) == 2 and "b" in shared, f"after add('b'): {shared._getvalue()!r}"
    shared.discard("a")
    shared.discard("not there")
    assert len(shared) == 1 and "a" not in shared, f"after discard('a'): {shared._getvalue()!r}"


@feature("managers.SyncManager.set::constructor-forms")
def test_syncmanager_set_constructor_forms(mp_manager):
    """set() and set(sequence) create shared sets with those elements."""
    assert len(mp_manager.set()) == 0
    shared = mp_manager.set([1, 2, 2])
    assert len(shared) == 2
    assert 1 in shared and 3 not in shared
