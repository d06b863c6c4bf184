"""A run stays bounded and leaves nothing behind, whatever the implementation does:
whole runs (``-n 2``, all three start methods) of implementations that crash or
hang, and a stdlib run interrupted with Ctrl-C.

Slow (minutes each): skipped unless MP_CONFORMANCE_SLOW=1, e.g.

    MP_CONFORMANCE_SLOW=1 pytest tests/test_bounds.py -m slow
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO, TESTS_DIR

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("MP_CONFORMANCE_SLOW"),
                       reason="slow (minutes): run with MP_CONFORMANCE_SLOW=1 "
                              "pytest tests/test_bounds.py"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

# The run deadline the bounded runs are given: on a loaded 2-core machine a whole
# stdlib run takes minutes, so the bounds below hold through the deadline (the
# cells not reached are recorded 'timeout', "not run: ...").
DEADLINE = "75"
SHM = Path("/dev/shm")
# What a run leaves in /dev/shm: the stdlib's named semaphores and shared memory.
SHM_ENTRY = re.compile(r"^(sem\.mp-|psm_|wnsm_)")


def _session_processes(sid: int) -> dict[int, str]:
    """PID -> state of every process in session ``sid`` (the run and all it started)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            data = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = data[data.rfind(")") + 2:].split()
        if int(fields[3]) == sid:
            found[int(entry)] = fields[0]
    return found


# Run "$@" with a tmpfs of its own on /dev/shm; then, once the helpers that
# clean up after it (the resource tracker) are done, list what is left in it.
# Ctrl-C reaches the run (the trap is a handler, not an ignore, so the run keeps
# the default SIGINT) and the listing still happens.
_PRIVATE_SHM = """
out=$1; shift
mount -t tmpfs none /dev/shm || exit 97
trap 'true' INT
"$@"; rc=$?
i=0
while [ -n "$(ls -A /dev/shm)" ] && [ $i -lt 75 ]; do sleep 0.2; i=$((i+1)); done
ls -A /dev/shm > "$out"
exit $rc
"""


def _can_unshare() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            "mount -t tmpfs none /dev/shm"], capture_output=True)
    return probe.returncode == 0


def _shm() -> set[str]:
    return {p.name for p in SHM.iterdir() if SHM_ENTRY.match(p.name)} if SHM.exists() else set()


class Launched:
    """``mp-conformance run ARGS`` in a session of its own, so that everything it
    starts (workers, children, helpers) can be found afterwards."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.json = tmp_path / "results.json"
        self.shm_before = _shm()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS_DIR),
                                                          env.get("PYTHONPATH")]))
        env.pop("MP_CONFORMANCE_IMPL", None)
        command = [sys.executable, "-m", "conformance", "run", "-n", "2",
                   "--json", str(self.json), *args]
        self.private_shm = tmp_path / "private-shm.txt"
        if _can_unshare():
            # A /dev/shm of the run's own (a mount namespace): what is left there
            # after it is its, whatever else the machine runs meanwhile.
            command = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                       _PRIVATE_SHM, "sh", str(self.private_shm), *command]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True)
        self.output = ""
        self.elapsed = 0.0

    def finish(self, limit: float) -> int:
        try:
            self.output, _ = self.proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.output, _ = self.proc.communicate()
            pytest.fail(f"the run did not finish within {limit}s\n{self.output[-3000:]}")
        self.elapsed = time.monotonic() - self.started
        return self.proc.returncode

    def assert_nothing_left(self) -> None:
        """No process or zombie of the run's session, no new /dev/shm entry
        (helpers such as the resource tracker get a few seconds to finish)."""
        deadline = time.monotonic() + 15
        while True:
            left = _session_processes(self.proc.pid)
            if self.private_shm.exists():
                shm = set(self.private_shm.read_text().split())
            else:
                shm = _shm() - self.shm_before
            if not left and not shm or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if left:
            os.killpg(self.proc.pid, signal.SIGKILL)
        assert not left, f"processes of the run still there: {left}"
        assert not shm, f"/dev/shm entries left by the run: {sorted(shm)}"

    @property
    def document(self) -> dict:
        return json.loads(self.json.read_text())


def _by_outcome(document: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rec in document["results"]:
        out.setdefault(rec["outcome"], []).append(rec)
    return out


def test_crashing_implementation_ends_within_two_minutes(tmp_path):
    run = Launched(tmp_path, "--impl", "broken.crash_child_sigsegv", "--deadline", DEADLINE)
    assert run.finish(limit=240) == 1, run.output[-3000:]
    run.assert_nothing_left()
    assert run.elapsed <= 120, f"the run took {run.elapsed:.0f}s"
    crashes = _by_outcome(run.document).get("crash", [])
    assert crashes, "no test was reported crash"
    assert all("SIGSEGV" in rec["message"] for rec in crashes)


def test_hanging_implementation_ends_within_three_minutes(tmp_path):
    run = Launched(tmp_path, "--impl", "broken.hang_join_get_wait", "--deadline", DEADLINE)
    assert run.finish(limit=360) == 1, run.output[-3000:]
    run.assert_nothing_left()
    assert run.elapsed <= 180, f"the run took {run.elapsed:.0f}s"
    document = run.document
    assert "partial" not in document
    assert all(rec["outcome"] for rec in document["results"])
    hung = _by_outcome(document).get("timeout", [])
    assert hung, "no test was reported timeout"
    for rec in hung:
        # Which call hung: the call itself, the line of the test it hung in, or
        # what the harness waited for in vain.
        assert re.search(r"\w+\(|it was at |not run: | within ", rec["message"]), rec["message"]


def test_join_ignoring_its_timeout_ends_within_three_minutes(tmp_path):
    run = Launched(tmp_path, "--impl", "broken.process_join_timeout_ignored",
                   "--deadline", DEADLINE)
    assert run.finish(limit=360) == 1, run.output[-3000:]
    run.assert_nothing_left()
    assert run.elapsed <= 180, f"the run took {run.elapsed:.0f}s"
    outcomes = {(r["feature"], r["start_method"]): r["outcome"] for r in run.document["results"]}
    assert outcomes[("Process.join::timeout-gives-up-while-child-runs", "fork")] == "timeout"


def test_ctrl_c_writes_a_partial_results_file_and_leaves_nothing(tmp_path):
    run = Launched(tmp_path)
    # Wait until tests are running (pytest prints its progress), then Ctrl-C:
    # SIGINT to the whole foreground process group, as a terminal sends it.
    assert run.proc.stdout is not None
    seen = ""
    while "[" not in seen or "%]" not in seen:
        line = run.proc.stdout.readline()
        assert line, f"the run ended before any test ran:\n{seen[-3000:]}"
        seen += line
    os.killpg(run.proc.pid, signal.SIGINT)
    code = run.finish(limit=120)
    run.output = seen + run.output
    assert code != 0
    run.assert_nothing_left()
    document = run.document
    assert "interrupted" in document.get("partial", ""), run.output[-3000:]
