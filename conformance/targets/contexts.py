"""Child targets and fresh-interpreter runs for the contexts, miscellaneous and
logging tests (test_contexts, test_miscellaneous, test_logging)."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

from conformance import impl
from conformance.harness import WAIT, HarnessTimeout

SCRIPTS = Path(__file__).with_name("scripts")
# The fresh interpreter runs with this CPU count forced through PYTHON_CPU_COUNT
# (honoured by os.cpu_count() from Python 3.13, ignored before).
FORCED_CPU_COUNT = 3


def run_script(name: str, *args: str, env: dict | None = None,
               timeout: float = 2 * WAIT) -> subprocess.CompletedProcess:
    """Run scripts/<name> as the main module of a fresh interpreter, with the
    implementation under test, bounded by ``timeout`` (killed beyond it)."""
    environ = dict(os.environ)
    environ[impl.ENV_VAR] = impl.name()
    environ.update(env or {})
    try:
        return subprocess.run([sys.executable, str(SCRIPTS / name), *args], env=environ,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise HarnessTimeout(f"{name} did not finish within {timeout}s (it was killed)") from None


def start_method_facts() -> dict:
    """What scripts/start_methods.py observed in a fresh interpreter (run once per
    test process; raises RuntimeError if the script did not report)."""
    facts = _start_method_facts()
    if isinstance(facts, str):
        raise RuntimeError(facts)
    return facts


@functools.lru_cache(maxsize=None)
def _start_method_facts() -> dict | str:
    try:
        proc = run_script("start_methods.py",
                          env={"PYTHON_CPU_COUNT": str(FORCED_CPU_COUNT)})
    except HarnessTimeout as exc:
        return str(exc)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return (f"the fresh interpreter failed (exit {proc.returncode}):\n"
                f"{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def send_fd_state(conn: object, fd: int, inode: int) -> None:
    """Report whether ``fd`` is open here and refers to the file with ``inode``."""
    try:
        st = os.fstat(fd)
    except OSError:
        conn.send("closed")
    else:
        conn.send("inherited" if st.st_ino == inode else "another file")
    conn.close()

