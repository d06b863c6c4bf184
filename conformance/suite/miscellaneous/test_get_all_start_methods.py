"""Tests of get_all_start_methods.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.get_all_start_methods
"""

from __future__ import annotations

import sys

from conformance.marks import feature
from conformance.platform_facts import START_METHODS_ON_PLATFORM
from conformance.suite._support import DEFAULT

# --------------------------------------------------------------------------- the start methods


@feature("get_all_start_methods::default-first")
def test_get_all_start_methods_default_first(mp):
    """The first method get_all_start_methods() lists is the platform's default."""
    methods = mp.get_all_start_methods()
    assert methods and methods[0] == DEFAULT, (
        f"{methods} does not start with {DEFAULT!r}, the default on {sys.platform} "
        f"for Python {sys.version_info[0]}.{sys.version_info[1]}")


@feature("get_all_start_methods::methods-of-the-platform")
def test_get_all_start_methods_methods_of_the_platform(mp):
    """get_all_start_methods() lists exactly the start methods the platform supports."""
    assert sorted(mp.get_all_start_methods()) == sorted(START_METHODS_ON_PLATFORM)
