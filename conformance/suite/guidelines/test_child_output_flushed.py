"""Tests of tutorial.child-output-flushed.

Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#programming-guidelines
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import guidelines as t

# --------------------------------------------------------------------------- output at exit


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
@feature("tutorial.child-output-flushed::std-streams-flushed-at-normal-exit")
def test_child_output_flushed_at_normal_exit(ctx, tmp_path, stream):
    """What a child printed to a buffered sys.stdout or sys.stderr is flushed at normal exit."""
    path = tmp_path / f"{stream}.txt"
    p = harness.run(ctx, t.print_without_flush, str(path), stream)
    assert p.exitcode == 0
    assert path.read_text() == "printed by the child\n", repr(path.read_text())
