"""Tests of managers.BaseProxy, managers.BaseProxy._callmethod, managers.BaseProxy._getvalue,
managers.BaseProxy.__repr__ and managers.BaseProxy.__str__.

Proxy Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.managers.BaseProxy
"""

from __future__ import annotations

import gc
import pickle
import re

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite._support import managers_module
from conformance.targets import managers as t


@pytest.fixture(scope="module")
def manager(mp_manager):
    """One started SyncManager for the module (the suite's ``mp_manager``)."""
    return mp_manager


@pytest.fixture(scope="module")
def custom(mp):
    """The custom manager with the registered types of the targets module."""
    manager = t.CustomManager()
    manager.start()
    try:
        yield manager
    finally:
        manager.shutdown()


# --------------------------------------------------------------------------- like the referent


@feature("managers.BaseProxy::used-like-its-referent")
def test_used_like_its_referent(manager):
    """A proxy's methods invoke the referent's: indexing and slicing a list proxy (docs)."""
    lst = manager.list([i * i for i in range(10)])
    assert lst[4] == 16
    assert lst[2:5] == [4, 9, 16]
    assert len(lst) == 10


@feature("managers.BaseProxy::proxies-are-instances-of-baseproxy")
def test_proxies_are_instances_of_baseproxy(mp, manager, custom):
    """Proxy objects are instances of subclasses of BaseProxy."""
    base = managers_module(mp).BaseProxy
    for proxy in (manager.list(), manager.dict(), manager.Namespace(), manager.Lock(),
                  custom.Maths()):
        assert isinstance(proxy, base), type(proxy)


@feature("managers.BaseProxy::no-comparison-by-value")
def test_no_comparison_by_value(manager):
    """Proxies do not compare by value: manager.list([1, 2, 3]) == [1, 2, 3] is False."""
    lst = manager.list([1, 2, 3])
    assert (lst == [1, 2, 3]) is False
    assert lst._getvalue() == [1, 2, 3]


# --------------------------------------------------------------------------- across processes


@feature("managers.BaseProxy::passed-to-child-as-argument")
def test_passed_to_child_as_argument(ctx, manager):
    """A proxy given to a child as an argument refers to the same shared object."""
    lst = manager.list(["parent"])
    harness.run(ctx, t.append_to, lst, "child")
    assert lst[:] == ["parent", "child"]


@feature("managers.BaseProxy::picklable-sent-over-a-connection")
def test_picklable_sent_over_a_connection(ctx, manager):
    """A proxy sent over a Pipe to a running child is usable there: proxies are picklable."""
    lst = manager.list()
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.receive_proxy_and_append, child_end):
        parent_end.send((lst, "sent over a pipe"))
        assert harness.recv(parent_end) == "done"
    assert lst[:] == ["sent over a pipe"]


# --------------------------------------------------------------------------- nesting


@feature("managers.BaseProxy::nested-list-in-list")
def test_nested_list_in_list(manager):
    """A list proxy appended to another holds the inner list: changes through either are seen."""
    outer = manager.list()
    inner = manager.list()
    outer.append(inner)
    inner.append("hello")
    assert str(outer[0]) == "['hello']"
    outer[0].append("world")
    assert inner[:] == ["hello", "world"]


@feature("managers.BaseProxy::nested-dicts-in-list")
def test_nested_dicts_in_list(manager):
    """Dict proxies inside a list proxy are modified through it (docs' example)."""
    outer = manager.list([manager.dict() for _ in range(2)])
    first = outer[0]
    first["a"] = 1
    first["b"] = 2
    outer[1]["c"] = 3
    outer[1]["z"] = 26
    assert outer[0].copy() == {"a": 1, "b": 2}
    assert outer[1].copy() == {"c": 3, "z": 26}


@feature("managers.BaseProxy::nested-list-in-dict")
def test_nested_list_in_dict(mp, manager):
    """A list proxy stored in a dict proxy comes back as a proxy of the same list."""
    d = manager.dict()
    inner = manager.list([1])
    d["inner"] = inner
    through = d["inner"]
    assert isinstance(through, managers_module(mp).BaseProxy), type(through)
    through.append(2)
    assert inner[:] == [1, 2]


@feature("managers.BaseProxy::nested-proxy-modified-in-child")
def test_nested_proxy_modified_in_child(ctx, manager):
    """A child modifying a list proxy it reaches through a dict proxy changes the shared list."""
    d = manager.dict()
    inner = manager.list()
    d["inner"] = inner
    harness.run(ctx, t.append_to_nested, d, "inner", "from the child")
    assert inner[:] == ["from the child"]


@feature("managers.BaseProxy::nested-queue-in-dict-and-list")
def test_nested_queue_in_dict_and_list(manager):
    """A queue proxy stored in a dict or list proxy (and dropped by its creator) works
    through the container: what is put is got."""
    d = manager.dict()
    d[0] = manager.Queue()
    d[0].put(456)
    assert d[0].get(timeout=harness.WAIT) == 456
    lst = manager.list()
    lst.append(manager.Queue())
    lst[0].put(123)
    assert lst[0].get(timeout=harness.WAIT) == 123


# --------------------------------------------------------------------------- plain values inside


@feature("managers.BaseProxy::mutating-contained-plain-value-not-propagated")
def test_mutating_contained_plain_value_not_propagated(manager):
    """Mutating a plain dict read from a list proxy does not change the shared list."""
    lproxy = manager.list()
    lproxy.append({})
    d = lproxy[0]
    d["a"] = 1
    d["b"] = 2
    assert lproxy[0] == {}, "an in-place change to a copy reached the referent"


@feature("managers.BaseProxy::mutating-contained-plain-value-not-propagated")
def test_mutating_plain_list_in_dict_proxy_not_propagated(manager):
    """Appending to a plain list read from a dict proxy does not change the shared dict."""
    dproxy = manager.dict()
    dproxy["items"] = []
    dproxy["items"].append(1)
    assert dproxy["items"] == []


@feature("managers.BaseProxy::reassigning-contained-value-propagates")
def test_reassigning_contained_value_propagates(manager):
    """Storing the modified value back (__setitem__ on the proxy) propagates it (docs' example)."""
    lproxy = manager.list()
    lproxy.append({})
    d = lproxy[0]
    d["a"] = 1
    d["b"] = 2
    lproxy[0] = d
    assert lproxy[0] == {"a": 1, "b": 2}


# --------------------------------------------------------------------------- _callmethod


@feature("managers.BaseProxy._callmethod::calls-referent-method")
def test_callmethod_calls_referent_method(manager):
    """_callmethod(name, args) evaluates getattr(referent, name)(*args) in the manager."""
    lst = manager.list(range(10))
    assert lst._callmethod("__len__") == 10
    assert lst._callmethod("__getitem__", (slice(2, 7),)) == [2, 3, 4, 5, 6]


@feature("managers.BaseProxy._callmethod::passes-keyword-arguments")
def test_callmethod_passes_keyword_arguments(manager):
    """_callmethod(name, args, kwds) passes kwds as keyword arguments."""
    lst = manager.list([2, 3, 1])
    lst._callmethod("sort", (), {"reverse": True})
    assert lst[:] == [3, 2, 1]


@feature("managers.BaseProxy._callmethod::referent-exception-reraised")
def test_callmethod_referent_exception_reraised(manager, custom):
    """An exception raised by the referent's method is re-raised by _callmethod."""
    lst = manager.list(range(10))
    with pytest.raises(Exception) as raised:
        lst._callmethod("__getitem__", (20,))
    assert raised.type is IndexError, f"{raised.type.__name__} raised instead of IndexError"
    with pytest.raises(Exception) as raised:
        custom.Maths()._callmethod("fail", ("from the referent",))
    assert raised.type is ValueError, f"{raised.type.__name__} raised instead of ValueError"
    assert "from the referent" in str(raised.value)


@feature("managers.BaseProxy._callmethod::unexposed-method-raises")
def test_callmethod_unexposed_method_raises(manager, custom):
    """_callmethod of a method that is not exposed raises an exception."""
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        custom.LimitedMaths()._callmethod("mul", (2, 3))
    # dict's public methods are all exposed since 3.14 (fromkeys was the last); a
    # special method a dict proxy does not forward is unexposed on every version.
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        manager.dict()._callmethod("__sizeof__")


@feature("managers.BaseProxy._callmethod::manager-error-is-remoteerror",
         requires=("managers.RemoteError",))
def test_callmethod_manager_error_is_remoteerror(mp, custom):
    """An exception in the manager's process other than the call's own becomes RemoteError
    (here: the result cannot be sent back)."""
    with pytest.raises(managers_module(mp).RemoteError):
        custom.Maths()._callmethod("unpicklable_result")


@feature("managers.BaseProxy._callmethod::method-to-typeid-returns-proxy")
def test_callmethod_method_to_typeid_returns_proxy(mp, custom):
    """_callmethod of a method in method_to_typeid returns a proxy to a new shared object."""
    made = custom.Factory()._callmethod("make_maths")
    assert isinstance(made, managers_module(mp).BaseProxy), type(made)
    assert made.add(1, 2) == 3


# --------------------------------------------------------------------------- _getvalue


@feature("managers.BaseProxy._getvalue::returns-a-copy")
def test_getvalue_returns_a_copy(manager):
    """_getvalue() returns a copy of the referent: changing it leaves the referent alone."""
    lst = manager.list([1, 2])
    value = lst._getvalue()
    assert type(value) is list and value == [1, 2]
    value.append(3)
    assert lst[:] == [1, 2], "changing the copy changed the referent"
    d = manager.dict({"k": "v"})
    assert d._getvalue() == {"k": "v"}


@feature("managers.BaseProxy._getvalue::unpicklable-referent-raises")
def test_getvalue_unpicklable_referent_raises(custom):
    """_getvalue() of a referent that cannot be pickled raises an exception."""
    proxy = custom.Unpicklable()
    assert proxy.ping() == "pong"
    with pytest.raises(Exception):  # noqa: B017 - the docs name no exception type
        proxy._getvalue()


# --------------------------------------------------------------------------- repr and str


REPRESENTED = {
    "list": ((["referent-content"],), "ListProxy", "['referent-content']"),
    "dict": (({"referent": "content"},), "DictProxy", "{'referent': 'content'}"),
    "Value": (("u", "referent-content"), "ValueProxy", "Value('u', 'referent-content')"),
}


@pytest.mark.parametrize("typeid", list(REPRESENTED))
@feature("managers.BaseProxy.__repr__::representation-of-the-proxy")
def test_repr_representation_of_the_proxy(manager, typeid):
    """repr() of a proxy represents the proxy, as '<ListProxy object, typeid 'list' at 0x...>'."""
    args, name, _ = REPRESENTED[typeid]
    text = repr(getattr(manager, typeid)(*args))
    pattern = rf"^<\w*{name} object, typeid '{typeid}' at 0x[0-9a-fA-F]+>$"
    assert re.match(pattern, text), text
    assert "referent-content" not in text and "'content'" not in text


@pytest.mark.parametrize("typeid", list(REPRESENTED))
@feature("managers.BaseProxy.__str__::representation-of-the-referent")
def test_str_representation_of_the_referent(manager, typeid):
    """str() of a proxy returns the representation of the referent."""
    args, _, referent_repr = REPRESENTED[typeid]
    assert str(getattr(manager, typeid)(*args)) == referent_repr


@feature("managers.BaseProxy.__str__::representation-of-the-referent")
def test_str_representation_of_a_custom_referent(custom):
    """str() of a proxy for a registered type is its referent's repr()."""
    assert str(custom.Maths()).startswith("<conformance.targets.managers.Maths object at 0x")


# --------------------------------------------------------------------------- cleanup


@feature("managers.BaseProxy::shared-object-deleted-without-proxies")
def test_shared_object_deleted_without_proxies(custom):
    """A shared object is deleted from the manager process once no proxy refers to it."""
    facts = custom.ServerFacts()
    first = custom.Tracked("cleanup-token")
    second = pickle.loads(pickle.dumps(first))  # another proxy for the same referent
    other = custom.Tracked("other-token")
    assert facts.alive("cleanup-token") and facts.alive("other-token")
    del first
    gc.collect()
    assert facts.alive("cleanup-token"), "deleted while a proxy still referred to it"
    del second
    gc.collect()
    assert not facts.alive("cleanup-token"), "still in the manager after its last proxy went"
    assert facts.alive("other-token"), "an object with a live proxy was deleted"
    del other
