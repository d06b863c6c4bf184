"""Tests of get_context.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.get_context
"""

from __future__ import annotations

import sys

import pytest

from conformance import catalog
from conformance.marks import feature
from conformance.suite._support import DEFAULT, value

# --------------------------------------------------------------------------- get_context()


@feature("get_context::named-method-context")
def test_get_context_named_method_context(mp):
    """get_context(method) returns a context whose start method is that method."""
    wrong = {m: mp.get_context(m).get_start_method() for m in mp.get_all_start_methods()}
    wrong = {m: got for m, got in wrong.items() if got != m}
    assert not wrong, f"get_context(m).get_start_method() for m: {wrong}"


@feature("get_context::unknown-method-raises-valueerror")
def test_get_context_unknown_method_raises_valueerror(mp):
    """get_context() with a name that is not an available start method raises ValueError."""
    with pytest.raises(ValueError):
        mp.get_context("no-such-method")


@feature("get_context::none-sets-and-returns-default")
def test_get_context_none_sets_default(fresh):
    """get_context() with no method, the global start method not set, sets it to the default."""
    assert value(fresh, "get_context_sets_default") == DEFAULT


# The module's documented top-level API.  get_all_start_methods is left out: the
# stdlib offers it on the module (its default context) but not on the contexts
# get_context(method) returns, through 3.13.
MODULE_API = sorted(
    e.name for e in catalog.entries().values()
    if e.is_api and "." not in e.name and e.kind != "module"
    and e.name != "get_all_start_methods"
    and not (e.added_tuple and sys.version_info[:len(e.added_tuple)] < e.added_tuple))


@pytest.mark.parametrize("name", MODULE_API)
@feature("get_context::context-has-module-api")
def test_get_context_context_has_module_api(mp, name):
    """A context object has the same attributes as the multiprocessing module."""
    missing = [m for m in mp.get_all_start_methods() if not hasattr(mp.get_context(m), name)]
    assert not missing, f"the {', '.join(missing)} context(s) lack {name}"
