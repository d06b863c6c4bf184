"""Child targets and helpers for the miscellaneous-function tests and the
guidelines on zombie processes (test_miscellaneous, test_guidelines)."""

from __future__ import annotations

import os

from conformance.targets import mp


def send_current_process(conn: object) -> None:
    """Report what current_process() says in the child, and the child's os pid."""
    me = mp().current_process()
    conn.send({"getpid": os.getpid(), "pid": me.pid, "name": me.name, "daemon": me.daemon,
               "same_object": me is mp().current_process()})
    conn.close()


def _waitid(pid: int) -> object:
    """os.waitid on ``pid`` without reaping it (WNOWAIT): None while it runs."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)


def is_zombie(pid: int) -> bool:
    """The child ``pid`` of this process has ended but has not been reaped (joined)."""
    try:
        return _waitid(pid) is not None
    except ChildProcessError:
        return False


def is_reaped(pid: int) -> bool:
    """The child ``pid`` of this process has been reaped: it is no longer our child."""
    try:
        _waitid(pid)
    except ChildProcessError:
        return True
    return False
