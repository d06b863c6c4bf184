"""Child targets and the fresh interpreter's start method facts for the contexts,
miscellaneous and logging tests (test_contexts, test_miscellaneous, test_logging)."""

from __future__ import annotations

import functools
import json
import os
from typing import Any

from conformance.harness import HarnessTimeout, fresh_interpreter
from conformance.targets import scripts

# The fresh interpreter runs with this CPU count forced through PYTHON_CPU_COUNT
# (honoured by os.cpu_count() from Python 3.13, ignored before).
FORCED_CPU_COUNT = 3


def start_method_facts() -> dict:
    """What scripts/start_methods.py observed in a fresh interpreter (run once per
    test process; raises RuntimeError if the script did not report)."""
    facts = _start_method_facts()
    if isinstance(facts, str):
        raise RuntimeError(facts)
    return facts


@functools.cache
def _start_method_facts() -> dict | str:
    try:
        proc = fresh_interpreter(scripts.path("start_methods.py"),
                                 env={"PYTHON_CPU_COUNT": str(FORCED_CPU_COUNT)})
    except HarnessTimeout as exc:
        return str(exc)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return (f"the fresh interpreter failed (exit {proc.returncode}):\n"
                f"{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def send_fd_state(conn: Any, fd: int, inode: int) -> None:
    """Report whether ``fd`` is open here and refers to the file with ``inode``."""
    try:
        st = os.fstat(fd)
    except OSError:
        conn.send("closed")
    else:
        conn.send("inherited" if st.st_ino == inode else "another file")
    conn.close()

