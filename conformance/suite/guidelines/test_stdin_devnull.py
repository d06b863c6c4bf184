"""Tests of guidelines.stdin-devnull.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#all-start-methods
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import feature
from conformance.targets import guidelines as t


@feature("guidelines.stdin-devnull::child-stdin-reads-devnull")
def test_stdin_devnull_child_stdin_reads_devnull(ctx):
    """In a child, sys.stdin reads from os.devnull: read() returns ''."""
    receiver, sender = ctx.Pipe(duplex=False)
    harness.run(ctx, t.send_stdin_state, sender)
    state = harness.recv(receiver)
    assert state["read"] == "", f"sys.stdin.read() in the child gave {state['read']!r}"
    assert state["devnull"] is True, f"the child's sys.stdin is not os.devnull: {state}"
