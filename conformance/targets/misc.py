"""Child targets and helpers for the miscellaneous-function tests and the
guidelines on zombie processes (test_miscellaneous, test_guidelines)."""

from __future__ import annotations

import os
import sys
from typing import Any

from conformance.targets import mp

# Seeing a zombie without reaping it: on Linux, /proc/<pid>/stat says so for any
# Python; elsewhere, os.waitid(WNOWAIT), which not every Python has (PyPy lacks it).
PROC_STAT = sys.platform.startswith("linux") and os.path.isdir("/proc/self")
# The platforms for the zombie tests' narrowing: this one when it can see zombies,
# else none (a name no sys.platform starts with), so that the cells are n/a.
ZOMBIE_PLATFORMS = (sys.platform,) if PROC_STAT or hasattr(os, "waitid") else ("(none)",)
# Why a zombie test is n/a: on such a platform, that a zombie cannot be seen; elsewhere
# (the start-method narrowing), that forkserver children are not this process's.
ZOMBIE_REASON = (
    "forkserver children are the server's, not zombies of this process"
    if ZOMBIE_PLATFORMS == (sys.platform,) else
    "a zombie cannot be seen without reaping it here: this Python on this OS has "
    "neither /proc/<pid>/stat nor os.waitid(WNOWAIT)")


def send_current_process(conn: Any) -> None:
    """Report what current_process() says in the child, and the child's os pid."""
    me = mp().current_process()
    conn.send({"getpid": os.getpid(), "pid": me.pid, "name": me.name, "daemon": me.daemon,
               "same_object": me is mp().current_process()})
    conn.close()


def child_state(pid: int) -> str:
    """What became of the child ``pid`` of this process, without reaping it:
    "running", "zombie" (ended, not reaped) or "reaped" (no longer our child)."""
    if PROC_STAT:
        return _proc_state(pid)
    return _waitid_state(pid)


def _proc_state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except (FileNotFoundError, ProcessLookupError):
        return "reaped"
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    fields = stat[stat.rindex(b")") + 2:].split()
    state, ppid = fields[0], int(fields[1])
    if ppid != os.getpid():
        return "reaped"  # the pid now names another process
    if state == b"X":
        return "reaped"  # being reaped right now
    return "zombie" if state == b"Z" else "running"


def _waitid_state(pid: int) -> str:
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return "reaped"
    return "running" if info is None else "zombie"


def is_zombie(pid: int) -> bool:
    """The child ``pid`` of this process has ended but has not been reaped (joined)."""
    return child_state(pid) == "zombie"


def is_reaped(pid: int) -> bool:
    """The child ``pid`` of this process has been reaped: it is no longer our child."""
    return child_state(pid) == "reaped"
