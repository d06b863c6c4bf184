"""Tests of set_start_method.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.set_start_method
"""

from __future__ import annotations

import pytest

from conformance.marks import feature
from conformance.suite._support import DEFAULT, value


def raised(facts: dict, key: str) -> str | None:
    observed = facts[key]
    return observed["raised"] if isinstance(observed, dict) and "raised" in observed else None


@feature("set_start_method::sets-global-method")
def test_set_start_method_sets_global_method(fresh):
    """set_start_method(method) sets the method get_start_method() returns."""
    assert value(fresh, "set_spawn") == "spawn"


@pytest.mark.parametrize("key", ["second_call_same_method", "second_call_other_method"])
@feature("set_start_method::second-call-raises-runtimeerror")
def test_set_start_method_second_call_raises_runtimeerror(fresh, key):
    """A second set_start_method() without force raises RuntimeError.

    Whether the method is the same or another.
    """
    assert raised(fresh, key) == "RuntimeError", f"second set_start_method(): {fresh[key]!r}"


@feature("set_start_method::force-overrides", posix=True, reason="sets the fork method")
def test_set_start_method_force_overrides(fresh):
    """set_start_method(method, force=True) replaces a method already set."""
    assert value(fresh, "forced_after_set") == "fork"


@feature("set_start_method::none-forced-unsets")
def test_set_start_method_none_forced_unsets(fresh):
    """set_start_method(None, force=True) sets the start method back to None."""
    assert value(fresh, "reset_with_none_forced") is None


@feature("set_start_method::none-unforced-sets-default")
def test_set_start_method_none_unforced_sets_default(fresh):
    """set_start_method(None) with nothing set sets the default method."""
    assert value(fresh, "set_none_sets_default") == DEFAULT


@feature("set_start_method::unknown-method-raises-valueerror", de_facto=True)
def test_set_start_method_unknown_method_raises_valueerror(fresh):
    """set_start_method() with an unknown method name raises ValueError."""
    assert raised(fresh, "unknown_method_forced") == "ValueError", fresh["unknown_method_forced"]


@feature("set_start_method::module-process-uses-method")
def test_set_start_method_module_process_uses_method(fresh):
    """After set_start_method("spawn"), multiprocessing.Process children are spawned.

    They see the main module as imported, not as the parent changed it.
    """
    assert value(fresh, "module_process_after_set_spawn") == "as imported"
