"""Tests of ProcessError.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.ProcessError
"""

from __future__ import annotations

import pytest

from conformance.marks import feature

SUBCLASSES = ("BufferTooShort", "AuthenticationError", "TimeoutError")


@feature("ProcessError::subclass-of-exception")
def test_process_error_subclass_of_exception(mp):
    """ProcessError is an Exception class."""
    assert isinstance(mp.ProcessError, type) and issubclass(mp.ProcessError, Exception)


@pytest.mark.parametrize("name", SUBCLASSES)
@feature("ProcessError::base-of-multiprocessing-exceptions")
def test_process_error_base_of_multiprocessing_exceptions(mp, name):
    """ProcessError is the base class of the other multiprocessing exceptions."""
    exc = getattr(mp, name)
    assert isinstance(exc, type) and issubclass(exc, mp.ProcessError), (
        f"{name} {exc!r} is not a subclass of ProcessError; its bases: "
        f"{getattr(exc, '__mro__', None)}")
