"""``mp-conformance expect``: write or update an expectations file from results files.

    mp-conformance expect reports/results/billiard-*.json -o expectations/billiard.toml

Every deviation in the results ends up covered by an entry:
- an entry of the existing file that still applies (everything it matches in these
  results deviates, in at least one run) is kept as written, globs, reason and link,
  with ``outcome`` listing what was seen;
- a deviation no kept entry covers gets an entry per feature, narrowed to the start
  methods, Pythons and OSes where it shows; it takes the reason and link of an
  existing entry for that feature, or says it is not yet explained;
- where runs of one environment disagree (an intermittent), ``outcome`` lists every
  outcome seen, "pass" included.
Entries that match nothing here (another Python, OS or implementation) are kept.
Entries that match results that now pass are kept unless ``--prune`` is given;
with it, they are dropped, and their features that still deviate are narrowed to
where they do.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import expectations, results
from .cli import UsageError, check_output
from .vocabulary import DEVIATIONS, START_METHODS

DEFAULT_DIR = "expectations"
UNEXPLAINED = "not yet explained: {outcome}: {message}"

Env = tuple[str, str]            # (Python minor, OS)
Cell = tuple[str, Env, str]      # (test, environment, start method or "")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="RESULTS",
                        help="results JSON files of one implementation (several Pythons, "
                             "OSes, repeated runs), or directories of them")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help=f"the expectations file to write, updated if it exists "
                             f"(default: {DEFAULT_DIR}/<implementation>.toml)")
    parser.add_argument("--prune", action="store_true",
                        help="drop entries that match tests which now pass, narrowing "
                             "their features that still deviate")


def execute(args: argparse.Namespace) -> int:
    from .report.commands import expand_inputs, write_text

    paths = expand_inputs(args.inputs)
    documents = []
    for path in paths:
        try:
            documents.append(results.load(path))
        except results.ResultsError as exc:
            raise UsageError(str(exc)) from None
    impls = sorted({d["environment"]["implementation"].get("name") or "?" for d in documents})
    if len(impls) != 1:
        raise UsageError(f"the results are of several implementations ({', '.join(impls)}); "
                         "an expectations file is for one: give their results separately")
    impl = impls[0]
    output = args.output or str(Path(DEFAULT_DIR) / f"{impl}.toml")
    check_output(output, "expectations file", paths)
    existing, header, comments = None, "", {}
    if Path(output).exists():
        try:
            existing = expectations.load(output)
        except expectations.ExpectationsError as exc:
            raise UsageError(str(exc)) from None
        text = Path(output).read_text(encoding="utf-8")
        header, comments = leading_comments(text), entry_comments(text)
    plan = generate(documents, impl, existing, prune=args.prune, comments=comments)
    text = render(plan, header or default_header(impl, documents))
    try:
        expectations.parse_text(text, output)  # what is written reads back
    except expectations.ExpectationsError as exc:  # pragma: no cover - a bug here
        raise UsageError(f"refusing to write an invalid file: {exc}") from None
    write_text(output, text)
    print(f"{output}: {plan.describe()}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- observations

@dataclass
class Observations:
    """What the results say, per test cell: the outcomes seen over the runs."""

    impl: str
    outcomes: dict[Cell, set[str]] = field(default_factory=dict)
    records: dict[Cell, dict[str, Any]] = field(default_factory=dict)  # a deviating one
    feature: dict[str, str] = field(default_factory=dict)              # test -> feature
    envs: set[Env] = field(default_factory=set)
    full_version: dict[Env, str] = field(default_factory=dict)

    def add(self, document: dict[str, Any]) -> None:
        env_doc = document["environment"]
        version = env_doc["python"].get("version") or "0"
        env = (".".join(version.split(".")[:2]), env_doc["os"].get("name") or "?")
        self.envs.add(env)
        self.full_version[env] = version
        for rec in document["results"]:
            if rec["outcome"] == "n/a":
                continue
            cell = (rec["test"], env, rec.get("start_method") or "")
            self.outcomes.setdefault(cell, set()).add(rec["outcome"])
            self.feature[rec["test"]] = rec["feature"]
            if rec["outcome"] in DEVIATIONS:
                self.records.setdefault(cell, rec)

    def deviating(self, cell: Cell) -> bool:
        return bool(self.outcomes[cell] & set(DEVIATIONS))

    def matched(self, deviation: expectations.Deviation) -> list[Cell]:
        return [cell for cell in self.outcomes if deviation.matches(
            feature=self.feature[cell[0]], implementation=self.impl,
            start_method=cell[2] or None, python=self.full_version[cell[1]], os=cell[1][1],
            test=cell[0])]


# --------------------------------------------------------------------------- the plan

@dataclass
class Entry:
    """One [[deviation]] to write: the TOML keys in order."""

    keys: dict[str, Any]
    origin: str  # "kept", "narrowed", "new"
    comment: str = ""  # the comment lines above it in the file, for a kept entry


@dataclass
class Plan:
    impl: str
    entries: list[Entry]
    dropped: int

    def describe(self) -> str:
        counts = {kind: sum(1 for e in self.entries if e.origin == kind)
                  for kind in ("kept", "narrowed", "new")}
        return (f"{len(self.entries)} entr{'y' if len(self.entries) == 1 else 'ies'} "
                f"({counts['kept']} kept, {counts['narrowed']} narrowed from existing ones, "
                f"{counts['new']} new), {self.dropped} dropped")


def generate(documents: Sequence[dict[str, Any]], impl: str,
             existing: expectations.Expectations | None, *, prune: bool,
             comments: dict[int, str] | None = None) -> Plan:
    obs = Observations(impl)
    for document in documents:
        obs.add(document)
    old = list(existing.deviations) if existing else []
    entries: list[Entry] = []
    covered: set[Cell] = set()
    dropped: list[expectations.Deviation] = []
    for deviation in old:
        comment = (comments or {}).get(deviation.index, "")
        if deviation.implementation != impl:
            entries.append(Entry(_keys_of(deviation, impl), "kept", comment))
            continue
        cells = obs.matched(deviation)
        stale = [c for c in cells if not obs.deviating(c)]
        if prune and stale:
            dropped.append(deviation)
            continue
        seen = _outcomes(obs, [c for c in cells if obs.deviating(c)])
        if not prune and deviation.outcomes:
            seen = sorted(set(seen) | set(deviation.outcomes), key=_outcome_order)
        entries.append(Entry(_keys_of(deviation, impl, seen or None), "kept", comment))
        covered.update(cells)
    uncovered = [c for c in obs.outcomes if obs.deviating(c) and c not in covered]
    new = _entries_for(obs, uncovered, old)
    entries += new
    return Plan(impl, entries, len(dropped))


def _outcome_order(outcome: str) -> int:
    order = [*DEVIATIONS, "pass"]
    return order.index(outcome) if outcome in order else len(order)


def _outcomes(obs: Observations, cells: Iterable[Cell]) -> list[str]:
    seen: set[str] = set()
    for cell in cells:
        seen |= obs.outcomes[cell]
    return sorted(seen, key=_outcome_order)


def _keys_of(deviation: expectations.Deviation, impl: str,
             outcomes: list[str] | None = None) -> dict[str, Any]:
    keys: dict[str, Any] = {"feature": _one_or_list(deviation.feature)}
    if deviation.implementation != impl:
        keys["implementation"] = deviation.implementation
    if deviation.test:
        keys["test"] = _one_or_list(deviation.test)
    if deviation.start_methods:
        keys["start_method"] = _one_or_list(deviation.start_methods)
    if deviation.python:
        keys["python"] = deviation.python.text
    if deviation.os:
        keys["os"] = _one_or_list(deviation.os)
    outcomes = outcomes or (list(deviation.outcomes) if deviation.outcomes else None)
    if outcomes:
        keys["outcome"] = _one_or_list(outcomes)
    keys["reason"] = deviation.reason
    if deviation.link:
        keys["link"] = deviation.link
    return keys


def _one_or_list(values: Sequence[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else list(values)


def _test_base(test: str, method: str) -> str:
    """A test id without its start-method parameter, as a glob: 'm::t[[]*]'."""
    if method:
        test = re.sub(rf"(?<=[\[-]){re.escape(method)}(?=[\]-])", "\0", test, count=1)
    return test.replace("[", "[[]").replace("\0", "*")


def _entries_for(obs: Observations, cells: list[Cell],
                 old: list[expectations.Deviation]) -> list[Entry]:
    """Entries covering deviating cells no kept entry covers, narrowed to where they show."""
    by_test: dict[tuple[str, str], list[Cell]] = {}
    for cell in cells:
        by_test.setdefault((obs.feature[cell[0]], _test_base(cell[0], cell[2])), []).append(cell)
    tests_of_feature: dict[str, set[str]] = {}
    for test, _, method in obs.outcomes:
        tests_of_feature.setdefault(obs.feature[test], set()).add(_test_base(test, method))
    # (feature, test glob or None) -> condition sets
    per_feature: dict[str, dict[str, list[dict[str, Any]]]] = {}
    base: str | None  # a test glob below; None where an entry covers the whole feature
    for (feature, base), group in by_test.items():
        per_feature.setdefault(feature, {})[base] = _conditions(obs, group, base)
    drafts: list[tuple[str, str | None, dict[str, Any]]] = []
    for feature, bases in per_feature.items():
        variants = {json.dumps(conds, sort_keys=True) for conds in bases.values()}
        if len(variants) == 1 and set(bases) == tests_of_feature[feature]:
            drafts += [(feature, None, c) for c in next(iter(bases.values()))]
        else:
            drafts += [(feature, base, c) for base, conds in sorted(bases.items())
                       for c in conds]
    merged: dict[str, Entry] = {}
    for feature, base, conditions in sorted(drafts, key=lambda d: (d[0], d[1] or "")):
        source = next((d for d in old if any(
            _glob_match(feature, g) for g in d.feature)), None)
        sample = conditions.pop("_sample")
        reason = source.reason if source else UNEXPLAINED.format(
            outcome=sample["outcome"],
            message=" ".join((sample.get("message") or "").split())[:160])
        keys: dict[str, Any] = {"feature": feature}
        if base is not None:
            keys["test"] = base
        keys.update(conditions)
        keys["reason"] = reason
        if source and source.link:
            keys["link"] = source.link
        # Features with the same conditions and reason share an entry.
        key = json.dumps({k: v for k, v in keys.items() if k not in ("feature", "test")},
                         sort_keys=True) + (base or "")
        if key in merged and base is None:
            entry = merged[key]
            entry.keys["feature"] = [*_as_list(entry.keys["feature"]), feature]
        else:
            merged[key if base is None else key + feature] = Entry(
                keys, "narrowed" if source else "new")
    return list(merged.values())


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _glob_match(name: str, glob: str) -> bool:
    import fnmatch

    return fnmatch.fnmatchcase(name, glob)


def _conditions(obs: Observations, cells: list[Cell], base: str) -> list[dict[str, Any]]:
    """Conditions (start_method, python, os, outcome) that match these deviating cells
    of one test and none of its passing ones: one set per group of environments that
    deviate under the same start methods."""
    deviating_methods: dict[Env, set[str]] = {}
    for _, env, method in cells:
        deviating_methods.setdefault(env, set()).add(method)
    ran: dict[Env, set[str]] = {}
    for test, env, method in obs.outcomes:
        if _test_base(test, method) == base and obs.feature[test] == obs.feature[cells[0][0]]:
            ran.setdefault(env, set()).add(method)
    groups: dict[tuple[str, frozenset[str]], list[Env]] = {}
    methods: Set[str]  # one environment's below, then a group's
    for env, methods in deviating_methods.items():
        groups.setdefault((env[1], frozenset(methods)), []).append(env)
    oses = sorted({env[1] for env in obs.envs})
    out = []
    for (os_name, methods), envs in sorted(groups.items(),
                                           key=lambda g: (g[0][0], sorted(g[0][1]))):
        conditions: dict[str, Any] = {}
        all_methods = set().union(*(ran[e] for e in envs))
        if methods != all_methods and methods != {""}:
            conditions["start_method"] = _one_or_list(
                [m for m in START_METHODS if m in methods])
        tested = sorted({e[0] for e in obs.envs if e[1] == os_name}, key=_minor_key)
        spec = python_spec([e[0] for e in envs], tested)
        if spec:
            conditions["python"] = spec
        if len(oses) > 1:
            conditions["os"] = os_name
        chosen = [c for c in cells if c[1] in envs]
        conditions["outcome"] = _one_or_list(_outcomes(obs, chosen))
        conditions["_sample"] = obs.records[chosen[0]]
        out.append(conditions)
    return out


def _minor_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def python_spec(deviating: Iterable[str], tested: Sequence[str]) -> str | None:
    """A version clause matching the deviating minors among the tested ones (None: all).
    Open-ended at either end where the oldest or newest tested deviates."""
    wanted = sorted(set(deviating), key=_minor_key)
    if set(wanted) >= set(tested):
        return None
    if len(wanted) == 1 and 0 < tested.index(wanted[0]) < len(tested) - 1:
        return wanted[0]
    clauses = []
    if wanted[0] != tested[0]:
        clauses.append(f">={wanted[0]}")
    if wanted[-1] != tested[-1]:
        clauses.append(f"<={wanted[-1]}")
    low, high = _minor_key(wanted[0]), _minor_key(wanted[-1])
    clauses += [f"!={v}" for v in tested if low < _minor_key(v) < high and v not in wanted]
    return ",".join(clauses)


# --------------------------------------------------------------------------- TOML

def leading_comments(text: str) -> str:
    """The comment block at the top of a file (kept when the file is rewritten)."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("#") or (not line.strip() and lines):
            lines.append(line)
        else:
            break
    return "\n".join(lines).strip()


def entry_comments(text: str) -> dict[int, str]:
    """The comment lines right above each [[deviation]] (numbered from 1), past the
    file's leading comment block."""
    out: dict[int, str] = {}
    lines = text.splitlines()
    start = len(leading_comments(text).splitlines())
    number = 0
    for i, line in enumerate(lines):
        if line.strip() != "[[deviation]]":
            continue
        number += 1
        above: list[str] = []
        j = i - 1
        while j >= start and (lines[j].startswith("#") or not lines[j].strip()):
            above.insert(0, lines[j])
            j -= 1
        comment = "\n".join(above).strip()
        if comment:
            out[number] = comment
    return out


def default_header(impl: str, documents: Sequence[dict[str, Any]]) -> str:
    pythons = sorted({d["environment"]["python"].get("version") or "?" for d in documents},
                     key=_minor_key)
    return (f"# Known deviations of {impl} from the multiprocessing documentation, written by\n"
            f"# `mp-conformance expect` from runs on Python {', '.join(pythons)}.\n"
            f"# Use it with: mp-conformance run --impl {impl} --expect <this file>\n"
            "# Edit the reasons and links; `mp-conformance expect` keeps them.")


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    items = [json.dumps(v, ensure_ascii=False) for v in value]
    one_line = "[" + ", ".join(items) + "]"
    if len(one_line) <= 80:
        return one_line
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"


def render(plan: Plan, header: str) -> str:
    out = [header, "", f"implementation = {_toml_value(plan.impl)}"]
    for entry in plan.entries:
        out += ["", *([entry.comment, ""] if entry.comment else []), "[[deviation]]"]
        out += [f"{key} = {_toml_value(value)}" for key, value in entry.keys.items()]
    return "\n".join(out) + "\n"
