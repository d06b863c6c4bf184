"""Expected deviations: known differences of an implementation, listed in a TOML file.

    # expectations/billiard.toml
    implementation = "billiard"          # default for every [[deviation]] below

    [[deviation]]
    feature = "Process.kill::*"          # a feature id or glob, or a list of them
    reason = "billiard's Process has no kill()"
    link = "https://github.com/celery/billiard/issues/..."   # optional

    [[deviation]]
    feature = "Process.exitcode::sys-exit-*"
    test = "*"                           # optional: a glob of test ids, or a list of them
    start_method = ["spawn", "forkserver"]   # optional: one name or a list
    python = ">=3.12"                    # optional: '3.9', '>=3.10,<3.13', '!=3.11'
    outcome = ["fail", "timeout"]        # optional: the outcomes seen (default: any
                                         # deviation); "pass" too for an intermittent
    os = "linux"                         # optional: linux, macos, windows, or a list
    implementation = "billiard"          # optional when given at the top

A result that matches an entry keeps its outcome and gains ``expected``
(the entry's outcomes, reason and link).  It is known when its outcome is one
the entry lists; a pass the entry does not list means the entry is out of date
("expected to deviate (...) but passed"); ``n/a`` results are left alone.
``mp-conformance expect RESULTS...`` writes such a file from runs;
``mp-conformance run --expect FILE`` applies it while the suite runs (the run
exits 1 only on unexpected results); ``mp-conformance report --expect FILE``
applies it to results written without one.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from .vocabulary import DEVIATIONS, START_METHODS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10
    import tomli as tomllib

DEVIATION_KEYS = {"feature", "test", "implementation", "start_method", "python", "os",
                  "outcome", "reason", "link"}
# What an entry may list under ``outcome``: the deviations, and "pass" for an intermittent.
EXPECTABLE = (*DEVIATIONS, "pass")
TOP_KEYS = {"implementation", "deviation"}
PASSED_TEMPLATE = "expected to deviate ({}) but passed"


class ExpectationsError(ValueError):
    """An expectations file that cannot be used: names the file and what is wrong."""


@dataclass(frozen=True)
class PythonSpec:
    """Python versions, as a PEP 440 specifier set (``packaging.specifiers``):
    '>=3.10,<3.13', '!=3.11.*', '==3.12.*'.

    A clause that gives fewer parts than major.minor.micro compares on the parts it
    gives, as people read it: '3.9' and '==3.9' are any 3.9.x, '!=3.11' excludes
    every 3.11.x, '<=3.12' includes 3.12.9 and '>3.12' starts at 3.13."""

    text: str
    specifiers: SpecifierSet

    @classmethod
    def parse(cls, text: str) -> PythonSpec:
        clauses = []
        for part in text.split(","):
            part = part.strip()
            try:
                clause = Specifier(("==" + part) if part[:1].isdigit() else part)
            except InvalidSpecifier:
                raise ValueError(f"python {text!r}: {part!r} is not a version clause "
                                 "such as '3.9', '>=3.12' or '<3.13'") from None
            clauses.append(_by_parts(clause))
        return cls(text, SpecifierSet(",".join(clauses)))

    def matches(self, version: str | Sequence[int]) -> bool:
        text = version if isinstance(version, str) else ".".join(map(str, version))
        try:
            return self.specifiers.contains(Version(text.strip()), prereleases=True)
        except InvalidVersion:
            return False


def _by_parts(clause: Specifier) -> str:
    """A clause on a partial version (3.12) compared on the parts it gives."""
    op, version = clause.operator, clause.version
    parts = version.split(".")
    if version.endswith(".*") or len(parts) >= 3 or not all(p.isdigit() for p in parts):
        return str(clause)
    if op in ("==", "!="):
        return f"{op}{version}.*"
    bumped = ".".join([*parts[:-1], str(int(parts[-1]) + 1)])
    return {"<=": f"<{bumped}", ">": f">={bumped}"}.get(op, str(clause))


@dataclass(frozen=True)
class Deviation:
    """One [[deviation]] entry."""

    feature: tuple[str, ...]  # globs
    implementation: str
    reason: str
    test: tuple[str, ...] | None = None  # globs
    start_methods: tuple[str, ...] | None = None
    python: PythonSpec | None = None
    os: tuple[str, ...] | None = None
    link: str | None = None
    outcomes: tuple[str, ...] | None = None  # None: any deviation
    index: int = 0  # position in the file, from 1

    def matches(self, *, feature: str, implementation: str, start_method: str | None,
                python: str | Sequence[int], os: str, test: str | None = None) -> bool:
        if implementation != self.implementation:
            return False
        if not any(fnmatch.fnmatchcase(feature, glob) for glob in self.feature):
            return False
        if self.test is not None and (test is None or not any(
                fnmatch.fnmatchcase(test, glob) for glob in self.test)):
            return False
        if self.start_methods is not None and start_method not in self.start_methods:
            return False
        if self.python is not None and not self.python.matches(python):
            return False
        return self.os is None or os in self.os

    def describe(self) -> str:
        """The reason, with the link when there is one: the text shown with the result."""
        return f"{self.reason}; see {self.link}" if self.link else self.reason


@dataclass(frozen=True)
class Expectations:
    path: str
    deviations: tuple[Deviation, ...]

    def find(self, *, feature: str, implementation: str, start_method: str | None,
             python: str | Sequence[int], os: str, test: str | None = None) -> Deviation | None:
        """The first entry that matches a result, or None."""
        for deviation in self.deviations:
            if deviation.matches(feature=feature, implementation=implementation,
                                 start_method=start_method, python=python, os=os, test=test):
                return deviation
        return None

    def apply(self, document: dict[str, Any]) -> dict[str, Any]:
        """A copy of a results document with these expectations applied to its records.

        Records that already carry an expectation (the run used ``--expect``)
        are left as they are."""
        env = document["environment"]
        impl = env["implementation"].get("name", "")
        python = env["python"].get("version", "")
        os_name = env["os"].get("name", "")
        records = []
        for rec in document["results"]:
            if rec.get("expected") or rec["outcome"] not in EXPECTABLE:
                records.append(rec)
                continue
            deviation = self.find(feature=rec["feature"], implementation=impl,
                                  start_method=rec.get("start_method"), python=python,
                                  os=os_name, test=rec.get("test"))
            records.append(apply_to_record(rec, deviation) if deviation else rec)
        return dict(document, results=records)


def expected_outcome(outcome: str, message: str, deviation: Deviation) -> tuple[str, str]:
    """How a result that an expectation covers counts (its status), and what to say of it:
    ``expected-fail`` for a listed deviation, ``fail`` ("... but passed") for a pass
    the entry does not list, else the outcome itself."""
    accepted = deviation.outcomes or DEVIATIONS
    if outcome in DEVIATIONS and outcome in accepted:
        return "expected-fail", deviation.describe()
    if outcome == "pass" and "pass" not in accepted:
        return "fail", PASSED_TEMPLATE.format(deviation.reason)
    if outcome in DEVIATIONS:
        return outcome, f"{message} (expected: {', '.join(accepted)})"
    return outcome, message


def apply_to_record(rec: dict[str, Any], deviation: Deviation) -> dict[str, Any]:
    return dict(rec, expected=expectation_info(deviation))


def expectation_info(deviation: Deviation) -> dict[str, Any]:
    """The part of an expectation recorded with a result (``expected`` in the results JSON)."""
    info: dict[str, Any] = {"outcomes": list(deviation.outcomes or DEVIATIONS),
                            "reason": deviation.reason}
    if deviation.link:
        info["link"] = deviation.link
    return info


def load(path: str) -> Expectations:
    """Read and check an expectations file; ExpectationsError naming the file and the problem."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ExpectationsError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExpectationsError(f"{path}: is a directory, not an expectations file") from None
    except OSError as exc:
        raise ExpectationsError(f"{path}: cannot read: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExpectationsError(f"{path}: not valid TOML ({exc})") from None
    try:
        return Expectations(path, tuple(_parse(data)))
    except ValueError as exc:
        raise ExpectationsError(f"{path}: {exc}") from None


def parse_text(text: str, path: str) -> Expectations:
    """Check the text of an expectations file (named ``path`` in errors)."""
    try:
        return Expectations(path, tuple(_parse(tomllib.loads(text))))
    except tomllib.TOMLDecodeError as exc:
        raise ExpectationsError(f"{path}: not valid TOML ({exc})") from None
    except ValueError as exc:
        raise ExpectationsError(f"{path}: {exc}") from None


def _parse(data: dict[str, Any]) -> Iterable[Deviation]:
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ValueError(f"unknown top-level key(s) {', '.join(sorted(unknown))}; "
                         "expected 'implementation' and [[deviation]] tables")
    default_impl = data.get("implementation")
    if default_impl is not None and not _nonempty_str(default_impl):
        raise ValueError("the top-level 'implementation' must be a module name")
    entries = data.get("deviation", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError("'deviation' must be an array of tables ([[deviation]])")
    for number, entry in enumerate(entries, 1):
        where = f"deviation #{number}"
        unknown = set(entry) - DEVIATION_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                             f"(known: {', '.join(sorted(DEVIATION_KEYS))})")
        globs = _names(entry, "feature", where)
        if globs is None:
            raise ValueError(f"{where}: 'feature' (a feature id or glob, or a list) is required")
        for glob in globs:
            if "::" not in glob:
                raise ValueError(f"{where}: feature {glob!r} is not of the form "
                                 "'<entry>::<behaviour>' (globs allowed: 'Process.kill::*')")
        feature = globs[0] if len(globs) == 1 else ", ".join(globs)
        reason = entry.get("reason")
        if not _nonempty_str(reason):
            raise ValueError(f"{where} ({feature}): 'reason' is required")
        impl = entry.get("implementation", default_impl)
        if not _nonempty_str(impl):
            raise ValueError(f"{where} ({feature}): 'implementation' is required (here or "
                             "at the top of the file)")
        methods = _names(entry, "start_method", where)
        if methods:
            bad = [m for m in methods if m not in START_METHODS]
            if bad:
                raise ValueError(f"{where} ({feature}): unknown start method(s) "
                                 f"{', '.join(map(repr, bad))}; valid: {', '.join(START_METHODS)}")
        python = entry.get("python")
        spec = None
        if python is not None:
            if not isinstance(python, str):
                raise ValueError(f"{where} ({feature}): 'python' must be a string such as "
                                 "'>=3.12'")
            spec = PythonSpec.parse(python)
        outcomes = _names(entry, "outcome", where)
        if outcomes:
            bad = [o for o in outcomes if o not in EXPECTABLE]
            if bad or set(outcomes) == {"pass"}:
                raise ValueError(f"{where} ({feature}): outcome {', '.join(map(repr, bad))} "
                                 f"is not a deviation; list some of {', '.join(EXPECTABLE)}"
                                 if bad else f"{where} ({feature}): outcome lists only "
                                 "'pass': nothing deviates")
        if "link" in entry and not _nonempty_str(entry["link"]):
            raise ValueError(f"{where} ({feature}): 'link' must be a non-empty string")
        yield Deviation(feature=globs, implementation=impl, reason=reason.strip(),
                        test=_names(entry, "test", where), start_methods=methods, python=spec,
                        os=_names(entry, "os", where), link=entry.get("link"),
                        outcomes=outcomes, index=number)


def _names(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(_nonempty_str(v) for v in value):
        raise ValueError(f"{where}: {key!r} must be a name or a non-empty list of names")
    return tuple(value)


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
