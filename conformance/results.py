"""The results file: one JSON document per run (one interpreter, one
implementation, one OS).  Its shape is described in ``schema/results.schema.json``
and in the README; ``schema_version`` changes whenever a reader would have to.

Version 2 (this one) keeps the observed outcome of every test in ``outcome``; what an
expectations file said of it is the separate ``expected`` (``outcomes``, ``reason``,
``link``), as wptreport keeps ``status`` and ``expected``.  Version 1 files, whose
expected deviations read ``outcome: expected-fail`` with the real outcome folded into
the message, still load: ``load`` converts them.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .vocabulary import DEVIATIONS as DEVIATIONS  # re-exported for readers of results
from .vocabulary import OUTCOMES as OUTCOMES

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)
# The status of a deviation that its expectation lists: known, not counted against the run.
KNOWN = "expected-fail"
RECORD_OUTCOMES = tuple(o for o in OUTCOMES if o != KNOWN)
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


def expected_outcomes(rec: dict[str, Any]) -> tuple[str, ...]:
    """The outcomes a record's expectation accepts (none without an expectation)."""
    expected = rec.get("expected")
    if not expected:
        return ()
    return tuple(expected.get("outcomes") or DEVIATIONS)


def status(rec: dict[str, Any]) -> str:
    """What a record counts as: its outcome, or KNOWN ("expected-fail") for a deviation
    that its expectation lists."""
    outcome = rec["outcome"]
    if outcome in DEVIATIONS and outcome in expected_outcomes(rec):
        return KNOWN
    return outcome


def unexpected_pass(rec: dict[str, Any]) -> bool:
    """A pass where the expectation says the test deviates: the entry is out of date."""
    return rec["outcome"] == "pass" and bool(rec.get("expected")) and \
        "pass" not in expected_outcomes(rec)


def summarise(results: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts of each status, per start method ("any" for method-independent tests)."""
    summary: dict[str, dict[str, int]] = {}
    for rec in results:
        key = rec.get("start_method") or "any"
        counts = summary.setdefault(key, {o: 0 for o in OUTCOMES})
        counts[status(rec)] = counts.get(status(rec), 0) + 1
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
    return upgrade(document)


_V1_FOLDED = re.compile(r"^\[(?P<outcome>[a-z/]+)(?::\s(?P<message>.*))?\]$", re.DOTALL)
_V1_PASSED = "expected to deviate ("


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document as version 2 (a copy); a version 2 one as it is.

    Version 1 wrote an expected deviation as ``outcome: expected-fail`` with the
    message "<reason> [<outcome>: <message>]", and an expected deviation that passed
    as ``fail`` with "expected to deviate (<reason>) but passed"."""
    if document["schema_version"] == SCHEMA_VERSION:
        return document
    records = []
    for rec in document["results"]:
        expected = rec.get("expected")
        if expected and rec["outcome"] == KNOWN:
            reason = expected.get("reason") or ""
            message = rec.get("message") or ""
            folded = _V1_FOLDED.match(message[len(reason):].strip()) \
                if message.startswith(reason) else None
            outcome = folded.group("outcome") if folded else "fail"
            if outcome not in DEVIATIONS:
                outcome = "fail"
            rec = dict(rec, outcome=outcome,
                       message=(folded.group("message") or "") if folded else message,
                       expected=dict(expected, outcomes=list(DEVIATIONS)))
        elif expected and rec["outcome"] == "fail" and \
                (rec.get("message") or "").startswith(_V1_PASSED):
            rec = dict(rec, outcome="pass", message="",
                       expected=dict(expected, outcomes=list(DEVIATIONS)))
        elif expected:
            rec = dict(rec, expected=dict(expected, outcomes=list(DEVIATIONS)))
        records.append(rec)
    return dict(document, schema_version=SCHEMA_VERSION, upgraded_from=document["schema_version"],
                summary=summarise(records), results=records)


def check(document: Any) -> str | None:
    """What is wrong with a results document, or None.  A hand-written check of
    the parts readers rely on, so that reading needs no extra dependency."""
    if not isinstance(document, dict):
        return "not a results file (the top level is not an object)"
    if "schema_version" not in document:
        return "not a results file (no schema_version)"
    version = document["schema_version"]
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        return (f"schema_version {version!r} is not one this release reads "
                f"(it reads {', '.join(map(str, READABLE_VERSIONS))})")
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
        allowed = OUTCOMES if version == 1 else RECORD_OUTCOMES
        if rec["outcome"] not in allowed:
            return f"results[{i}].outcome {rec['outcome']!r} is not one of {', '.join(allowed)}"
        expected = rec.get("expected")
        if expected is not None and version > 1:
            if not isinstance(expected, dict) or not isinstance(expected.get("reason"), str):
                return f"results[{i}].expected is not an object with a reason"
            outcomes = expected.get("outcomes")
            if not isinstance(outcomes, list) or \
                    not all(o in RECORD_OUTCOMES for o in outcomes):
                return (f"results[{i}].expected.outcomes is not a list of "
                        f"{', '.join(RECORD_OUTCOMES)}")
    return None
