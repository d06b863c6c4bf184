"""Tests of contexts.global-start-method.

Contexts and start methods: https://docs.python.org/3/library/multiprocessing.html#global-start-method
"""

from __future__ import annotations

from conformance.marks import feature
from conformance.suite._support import DEFAULT, program_fact


@feature("contexts.global-start-method::context-process-leaves-global-unset",
         min_python=(3, 14, 3),
         reason="from Python 3.14.3 (gh-109263): before, starting a process of any context "
                "set the global start method")
def test_global_start_method_context_process_leaves_global_unset(mp):
    """Starting a process of get_context('spawn') does not set the global start method."""
    facts = program_fact("spawn-context-start")
    assert facts["child"] == "hello from the child", facts["child"]
    assert facts["global"] is None, (
        f"after a spawn-context process, get_start_method(allow_none=True) is {facts['global']!r}")


@feature("contexts.global-start-method::lock-sets-global", de_facto=True)
def test_global_start_method_lock_sets_global(mp):
    """Creating a Lock fixes the global start method (to the default), as the docs say it may."""
    facts = program_fact("lock-then-set")
    assert facts["after_lock"] == DEFAULT, (
        f"after Lock(), get_start_method(allow_none=True) is {facts['after_lock']!r}, "
        f"not the default {DEFAULT!r}")


@feature("contexts.global-start-method::forced-set-after-use-works")
def test_global_start_method_forced_set_after_use_works(mp):
    """After a Lock fixed the global start method, set_start_method(m, force=True) changes it."""
    facts = program_fact("lock-then-set")
    assert facts["forced"] == "spawn", f"set_start_method('spawn', force=True) gave {facts!r}"
