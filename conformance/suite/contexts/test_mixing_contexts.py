"""Tests of contexts.mixing-contexts.

Contexts and start methods: https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
"""

from __future__ import annotations

import pytest

from conformance.marks import feature
from conformance.targets import process as tp

# --------------------------------------------------------------------------- mixing contexts


@feature("contexts.mixing-contexts::fork-lock-refused-by-other-methods", de_facto=True,
         start_methods=("spawn", "forkserver"), min_python=(3, 11), posix=True,
         reason="needs a fork context (POSIX), and a fork-context lock given to a spawn or "
                "forkserver child is refused at start() from Python 3.11 (before, the "
                "child crashes using it)")
def test_mixing_contexts_fork_lock_refused(mp, ctx):
    """A fork-context Lock passed to a spawn/forkserver child makes start() raise RuntimeError."""
    lock = mp.get_context("fork").Lock()
    p = ctx.Process(target=tp.wait_for, args=(lock,))
    with pytest.raises(RuntimeError):
        p.start()
    assert not p.is_alive()
