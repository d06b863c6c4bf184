"""Tests of get_start_method.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.get_start_method
"""

from __future__ import annotations

from conformance.marks import feature
from conformance.suite._support import DEFAULT, value

# -------------------------------------------------------------------------- the global start method


@feature("get_start_method::allow-none-returns-none-when-unset")
def test_get_start_method_allow_none_when_unset(fresh):
    """In a fresh program, get_start_method(allow_none=True) returns None."""
    assert value(fresh, "initial_allow_none") is None


@feature("get_start_method::sets-and-returns-default")
def test_get_start_method_sets_and_returns_default(fresh):
    """get_start_method() with nothing set returns the default and sets it."""
    assert value(fresh, "get_start_method_sets_default") == [DEFAULT, DEFAULT]
