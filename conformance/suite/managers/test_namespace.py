"""Tests of managers.Namespace.

Managers: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.managers.Namespace
"""

from __future__ import annotations

from conformance.marks import feature
from conformance.suite._support import managers_module


@feature("managers.Namespace::representation-shows-attributes")
def test_namespace_representation_shows_attributes(mp_manager):
    """A shared Namespace prints as Namespace(x=10, y='hello'): its attributes' values."""
    ns = mp_manager.Namespace()
    ns.x = 10
    ns.y = "hello"
    assert str(ns) == "Namespace(x=10, y='hello')"


@feature("managers.Namespace::underscore-attributes-belong-to-proxy")
def test_namespace_underscore_attributes_belong_to_proxy(mp_manager):
    """On a Namespace proxy, an attribute beginning with '_' is the proxy's, not the referent's."""
    ns = mp_manager.Namespace()
    ns.x = 10
    ns._z = 12.3
    assert ns._z == 12.3
    assert str(ns) == "Namespace(x=10)", "the '_' attribute reached the referent"


@feature("managers.Namespace::writable-attributes-no-public-methods")
def test_namespace_writable_attributes_no_public_methods(mp):
    """A Namespace object has writable attributes, no public methods, and a repr of its values."""
    ns = managers_module(mp).Namespace()
    ns.a = 1
    ns.b = "two"
    assert (ns.a, ns.b) == (1, "two")
    public = [n for n in dir(ns) if not n.startswith("_") and callable(getattr(ns, n))]
    assert public == [], f"public methods: {public}"
    assert repr(ns) == "Namespace(a=1, b='two')"
