"""Helpers shared by the tests of Managers."""

from __future__ import annotations

from conformance.impl import submodule


def managers_module(mp):
    return submodule("managers", mp)
