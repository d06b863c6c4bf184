"""Tests of tutorial.subclass-attributes.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#programming-guidelines
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as tp

# --------------------------------------------------------------------------- Process subclasses


@pytest.fixture
def recorder_run(ctx, start_method):
    """A Process subclass run to its end: (process, what its run() sent)."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = tp.RECORDERS[start_method](sender)
    p.start()
    try:
        message = harness.recv(receiver)
    finally:
        harness.join(p)
    assert message[0] == "run overridden", message
    return p


@feature("tutorial.subclass-attributes::set-in-run-not-seen-by-parent")
def test_subclass_attributes_set_in_run_not_seen_by_parent(recorder_run):
    """An attribute a Process subclass sets in run() is not seen by the parent.

    It was set in the child's copy of the object.
    """
    assert recorder_run.attribute == "set in __init__", recorder_run.attribute


@feature("tutorial.subclass-attributes::value-from-init-is-shared")
def test_subclass_attributes_value_from_init_is_shared(recorder_run):
    """A Value made in a subclass's __init__ and changed in run() changes for the parent."""
    assert recorder_run.shared.value == 2, recorder_run.shared.value
