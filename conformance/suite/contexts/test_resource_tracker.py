"""Tests of contexts.resource-tracker.

Contexts and start methods: https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
"""

from __future__ import annotations

from pathlib import Path

from conformance import harness
from conformance.marks import feature
from conformance.targets import scripts

# --------------------------------------------------------------------------- resource tracker


@feature("contexts.resource-tracker::unlinks-shared-memory-leaked-by-killed-process",
         de_facto=True, platforms=("linux",), requires=("shared_memory.SharedMemory",),
         reason="observes shared memory segments in /dev/shm")
def test_resource_tracker_unlinks_leaked_shared_memory(mp):
    """The resource tracker unlinks shared memory leaked by a killed spawned child.

    It does so once the program has ended.
    """
    proc = harness.fresh_interpreter(scripts.path("leak_shared_memory.py"))
    names = [line.split(" ", 1)[1] for line in proc.stdout.splitlines()
             if line.startswith("created ")]
    assert proc.returncode == 0 and names, (
        f"the program failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    path = Path("/dev/shm") / names[0].lstrip("/")
    try:
        harness.until(lambda: not path.exists(),
                      what=f"the resource tracker to unlink {path}")
    finally:
        if path.exists():
            path.unlink()
