"""The zombie probe of conformance/targets/misc.py: it tells a running child, a
zombie and a reaped child apart without reaping, by /proc and by os.waitid."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conformance import harness
from conformance.targets import misc

PROBES = [pytest.param(misc._proc_state, id="proc",
                       marks=pytest.mark.skipif(not misc.PROC_STAT, reason="no /proc")),
          pytest.param(misc._waitid_state, id="waitid",
                       marks=pytest.mark.skipif(not hasattr(os, "waitid"),
                                                reason="no os.waitid"))]


@pytest.mark.parametrize("probe", PROBES)
def test_probe_follows_a_child_from_running_to_zombie_to_reaped(probe):
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    try:
        assert probe(child.pid) == "running"
        child.stdin.close()  # the child reads EOF and ends
        harness.until(lambda: probe(child.pid) == "zombie", what="the child to end")
        assert probe(child.pid) == "zombie", "the probe reaped the child"
        assert child.poll() == 0  # reaps it
        assert probe(child.pid) == "reaped"
    finally:
        child.kill()
        child.wait(harness.WAIT)


CAN_SEE_ZOMBIES = misc.PROC_STAT or hasattr(os, "waitid")


@pytest.mark.skipif(not CAN_SEE_ZOMBIES, reason="neither /proc nor os.waitid")
def test_a_process_that_is_not_our_child_counts_as_reaped():
    assert misc.child_state(os.getppid()) == "reaped"  # alive, but not our child


def test_zombie_tests_apply_exactly_where_zombies_can_be_seen():
    applies = any(sys.platform.startswith(p) for p in misc.ZOMBIE_PLATFORMS)
    assert applies == CAN_SEE_ZOMBIES, misc.ZOMBIE_PLATFORMS
    # The reason names what is true here: forkserver is what is left out where
    # zombies can be seen; elsewhere, that they cannot.
    assert ("forkserver" in misc.ZOMBIE_REASON) == CAN_SEE_ZOMBIES, misc.ZOMBIE_REASON
