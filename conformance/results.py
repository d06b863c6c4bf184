"""The results file: one JSON document per run (one interpreter, one
implementation, one OS).  Its shape is described in ``schema/results.schema.json``
and in the README; ``schema_version`` changes whenever a reader would have to.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .vocabulary import DEVIATIONS as DEVIATIONS  # re-exported for readers of results
from .vocabulary import OUTCOMES as OUTCOMES

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("schema") / "results.schema.json"


class ResultsError(ValueError):
    """A results file that cannot be read: names the file and what is wrong."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def os_name() -> str:
    """A short OS name used in file names and columns: linux, macos, windows, ..."""
    return {"darwin": "macos", "win32": "windows"}.get(sys.platform,
                                                        sys.platform.rstrip("0123456789"))


def python_tag(name: str | None = None, version: tuple[int, ...] | None = None) -> str:
    """The Python in file names: "3.11" for CPython, "pypy3.9", "graalpy3.11", ...
    for the others, so that runs on two implementations of one version stay apart.
    ``name`` and ``version`` default to this interpreter's (sys.implementation.name,
    sys.version_info)."""
    name = sys.implementation.name if name is None else name
    tag = "{}.{}".format(*(sys.version_info if version is None else version)[:2])
    return tag if name == "cpython" else f"{name}{tag}"


def implementation_version() -> str:
    """The Python implementation's own version (PyPy's 7.3.11 for its Python 3.9.16)."""
    v = sys.implementation.version
    text = f"{v.major}.{v.minor}.{v.micro}"
    if v.releaselevel != "final":
        text += {"alpha": "a", "beta": "b", "candidate": "rc"}.get(v.releaselevel, "?") + str(
            v.serial)
    return text


def default_path(impl_name: str, directory: str = "reports/results") -> str:
    return os.path.join(directory, f"{impl_name}-{python_tag()}-{os_name()}.json")


def environment(impl_module: Any, selected: list[str], command: str) -> dict[str, Any]:
    from . import __version__
    from . import impl as _impl

    try:
        default = impl_module.get_start_method(allow_none=True)
    except Exception:
        default = None
    if default is None:
        # What the default context would choose, without fixing it.
        context_mod = getattr(impl_module, "context", None)
        default_ctx = getattr(context_mod, "_default_context", None)
        default = getattr(getattr(default_ctx, "_default_context", default_ctx), "_name", None)
    return {
        "implementation": {
            "name": impl_module.__name__,
            "version": _impl.version(impl_module),
            "file": getattr(impl_module, "__file__", None),
        },
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "implementation_version": implementation_version(),
            "executable": sys.executable,
        },
        "os": {
            "name": os_name(),
            "platform": sys.platform,
            "system": platform.system(),
            "release": platform.release(),
        },
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "start_methods": {
            "available": _impl.available_start_methods(impl_module),
            "selected": list(selected),
            "default": default,
        },
        "suite_version": __version__,
        "command": command,
    }


def summarise(results: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts of each outcome, per start method ("any" for method-independent tests)."""
    summary: dict[str, dict[str, int]] = {}
    for rec in results:
        key = rec.get("start_method") or "any"
        counts = summary.setdefault(key, {o: 0 for o in OUTCOMES})
        counts[rec["outcome"]] = counts.get(rec["outcome"], 0) + 1
    return summary


def write_atomic(path: str | os.PathLike[str], document: dict[str, Any]) -> None:
    """Write JSON so that the path holds either the old file or the whole new one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=False)
            handle.write("\n")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def load(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a results file; ResultsError naming the file and the problem."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise ResultsError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResultsError(f"{name}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{name}: not valid JSON ({exc})") from None
    problem = check(document)
    if problem:
        raise ResultsError(f"{name}: {problem}")
    return document


def check(document: Any) -> str | None:
    """What is wrong with a results document, or None.  A hand-written check of
    the parts readers rely on, so that reading needs no extra dependency."""
    if not isinstance(document, dict):
        return "not a results file (the top level is not an object)"
    if "schema_version" not in document:
        return "not a results file (no schema_version)"
    version = document["schema_version"]
    if version != SCHEMA_VERSION:
        return (f"schema_version {version!r} is not one this release reads "
                f"(it reads {SCHEMA_VERSION})")
    env = document.get("environment")
    if not isinstance(env, dict):
        return "environment is missing or not an object"
    for key in ("implementation", "python", "os"):
        if not isinstance(env.get(key), dict):
            return f"environment.{key} is missing or not an object"
    results = document.get("results")
    if not isinstance(results, list):
        return "results is missing or not a list"
    for i, rec in enumerate(results):
        if not isinstance(rec, dict):
            return f"results[{i}] is not an object"
        for key in ("test", "feature", "outcome"):
            if not isinstance(rec.get(key), str):
                return f"results[{i}].{key} is missing or not a string"
        if rec["outcome"] not in OUTCOMES:
            return f"results[{i}].outcome {rec['outcome']!r} is not one of {', '.join(OUTCOMES)}"
    return None
