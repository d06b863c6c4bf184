"""Tests of guidelines.global-variables.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import feature
from conformance.suite._support import SPAWN_AND_FORKSERVER
from conformance.targets import guidelines as t

# --------------------------------------------------------------------------- global variables


@feature("guidelines.global-variables::child-sees-module-as-imported",
         start_methods=SPAWN_AND_FORKSERVER,
         reason="a forked child sees the parent's values at start()")
def test_global_variables_child_sees_module_as_imported(ctx, monkeypatch):
    """Spawn and forkserver children see module globals as imported, not as changed.

    The parent changed the global before start().
    """
    monkeypatch.setattr(t, "GLOBAL", "changed by the parent")
    receiver, sender = ctx.Pipe(duplex=False)
    harness.run(ctx, t.send_global, sender)
    assert harness.recv(receiver) == "as imported"


@feature("guidelines.global-variables::forked-child-sees-parent-values",
         start_methods=("fork",), reason="spawn and forkserver children import modules anew")
def test_global_variables_forked_child_sees_parent_values(ctx, monkeypatch):
    """Under fork, a child sees module globals as the parent had them at start()."""
    monkeypatch.setattr(t, "GLOBAL", "changed by the parent")
    receiver, sender = ctx.Pipe(duplex=False)
    harness.run(ctx, t.send_global, sender)
    assert harness.recv(receiver) == "changed by the parent"
