"""``mp-conformance coverage``: which documented entries have conformance tests.

Every entry of the catalog (``data/api.tsv``, ``data/prose.tsv``) must be
named by at least one test's feature id, and every test sits where its entry
says (``conformance/suite/<section>/test_<entry>.py``, see
``catalog.test_modules``).  Exit 0 when all hold, 1 when some do not (they are
listed), 2 when the suite cannot be collected.

With ``--proofs DIR`` it also shows which entries are *proven*: a test can
only be trusted if it can fail, and the proof is a deliberately broken
implementation (a module in DIR, e.g. the project's ``tests/broken``) whose
``CATCHES`` names features of the entry that must report it.  The modules are
read with ``ast``, never imported: ``CATCHES`` (and the optional
``START_METHODS``, ``MIN_PYTHON``, ``BEFORE_PYTHON``) must be literals.  A
``CATCHES`` item is a feature id or a glob over the suite's feature ids.  Exit
1 also when an entry has no proof, or a ``CATCHES`` item names no feature of
the suite.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import catalog
from .cli import UsageError
from .collect import CollectedTest, CollectionError, collect


@dataclass
class SectionCoverage:
    section: catalog.Section
    entries: list[str] = field(default_factory=list)
    covered: dict[str, int] = field(default_factory=dict)  # entry -> number of features
    # entry -> the broken implementations that prove its tests can fail (with --proofs)
    proven: dict[str, list[str]] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [e for e in self.entries if e not in self.covered]

    @property
    def unproven(self) -> list[str]:
        return [e for e in self.entries if e not in self.proven]

    @property
    def percent(self) -> float:
        return 100.0 * len(self.covered) / len(self.entries) if self.entries else 100.0


# What a broken implementation module declares, read statically.
PROOF_NAMES = ("CATCHES", "START_METHODS", "MIN_PYTHON", "BEFORE_PYTHON")


class ProofError(Exception):
    """A proofs directory or module that cannot be read."""


@dataclass(frozen=True)
class Proof:
    """One broken implementation: the module name and what it declares."""

    module: str
    catches: tuple[str, ...]  # feature ids or globs
    start_methods: tuple[str, ...] | None = None
    min_python: tuple[int, ...] = ()
    before_python: tuple[int, ...] | None = None

    def applies_to(self, version: tuple[int, ...]) -> bool:
        """Whether it breaks something the Python of ``version`` has."""
        if version[:len(self.min_python)] < self.min_python:
            return False
        before = self.before_python
        return not (before and version[:len(before)] >= before)


def read_proof(path: Path) -> Proof:
    """The declarations of one broken implementation module, without importing it."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError) as exc:
        raise ProofError(f"{path}: cannot be read: {exc}") from None
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id in PROOF_NAMES:
                try:
                    found[target.id] = ast.literal_eval(value)
                except ValueError:
                    raise ProofError(f"{path}:{node.lineno}: {target.id} is not a literal "
                                     "(it is read without importing the module)") from None
    catches = found.get("CATCHES")
    if not catches or not isinstance(catches, (set, frozenset, list, tuple)) \
            or not all(isinstance(c, str) for c in catches):
        raise ProofError(f"{path}: no CATCHES (a non-empty literal set of feature ids)")
    methods = found.get("START_METHODS")
    before = found.get("BEFORE_PYTHON")
    return Proof(module=path.stem, catches=tuple(sorted(catches)),
                 start_methods=tuple(methods) if methods else None,
                 min_python=tuple(found.get("MIN_PYTHON") or ()),
                 before_python=tuple(before) if before else None)


def read_proofs(directory: str | Path) -> list[Proof]:
    """Every broken implementation in ``directory``: its ``*.py`` modules but
    those whose name starts with "_" (helpers, the package's ``__init__``)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ProofError(f"{directory}: not a directory of broken implementations")
    proofs = [read_proof(p) for p in sorted(directory.glob("*.py"))
              if not p.name.startswith("_")]
    if not proofs:
        raise ProofError(f"{directory}: holds no broken implementation (*.py not starting with _)")
    return proofs


def match_proofs(proofs: list[Proof], features: set[str]) -> tuple[dict[str, set[str]],
                                                                   dict[str, list[str]]]:
    """(feature -> the modules proving it, module -> its CATCHES items naming no feature)."""
    proven: dict[str, set[str]] = defaultdict(set)
    stale: dict[str, list[str]] = {}
    for proof in proofs:
        for item in proof.catches:
            hits = [f for f in features if fnmatch.fnmatchcase(f, item)]
            for feature in hits:
                proven[feature].add(proof.module)
            if not hits:
                stale.setdefault(proof.module, []).append(item)
    return proven, stale


def misplaced(tests: list[CollectedTest]) -> list[str]:
    """Tests that sit outside the module where their entry's tests live
    (catalog.test_modules).  A test of several entries (parametrized over them)
    lives in the module they share (``test_sync_manager`` for SyncManager.Lock and
    SyncManager.RLock), or else in their section's ``test_<section>`` module."""
    entries_of: dict[str, set[catalog.Entry]] = defaultdict(set)
    for t in tests:
        entries_of[t.test].add(catalog.parse_feature(t.feature)[0])
    wrong = []
    for test, entries in entries_of.items():
        module = test.partition("::")[0]
        packages = {catalog.section_package(e.section) for e in entries}
        allowed = set.intersection(*(set(catalog.test_modules(e)) for e in entries))
        if len(entries) > 1 and len(packages) == 1:
            allowed.add("{0}.test_{0}".format(*packages))
        if module not in allowed:
            names = ", ".join(sorted(e.name for e in entries))
            where = " or ".join(sorted(allowed)) or "one section's module (they span sections)"
            wrong.append(f"{test} tests {names}: it belongs in {where}")
    return wrong


def compute(proofs: list[Proof] | None = None) -> tuple[list[SectionCoverage], dict[str, Any]]:
    tests = collect()
    features_by_entry: dict[str, set[str]] = defaultdict(set)
    for t in tests:
        entry, _ = catalog.parse_feature(t.feature)
        features_by_entry[entry.name].add(t.feature)
    sections = {slug: SectionCoverage(sec) for slug, sec in catalog.SECTIONS.items()}
    for entry in catalog.entries().values():
        cov = sections[entry.section]
        cov.entries.append(entry.name)
        if features_by_entry.get(entry.name):
            cov.covered[entry.name] = len(features_by_entry[entry.name])
    proven_features: dict[str, set[str]] = {}
    stale: dict[str, list[str]] = {}
    if proofs is not None:
        proven_features, stale = match_proofs(proofs, {t.feature for t in tests})
        for feature, modules in proven_features.items():
            entry, _ = catalog.parse_feature(feature)
            cov = sections[entry.section]
            cov.proven[entry.name] = sorted(set(cov.proven.get(entry.name, ())) | modules)
    totals: dict[str, Any] = {
        "tests": len({t.test for t in tests}),
        "features": len({t.feature for t in tests}),
        "entries": len(catalog.entries()),
        "covered": sum(len(s.covered) for s in sections.values()),
        "de_facto_features": len({t.feature for t in tests if t.de_facto}),
        "misplaced": misplaced(tests),
    }
    if proofs is not None:
        totals.update({
            "proofs": len(proofs),
            "proven": sum(len(s.proven) for s in sections.values()),
            "proven_features": len(proven_features),
            "stale_proofs": stale,
        })
    return [s for s in sections.values() if s.entries], totals


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the coverage as JSON")
    parser.add_argument("--entries", action="store_true",
                        help="list every entry with its number of features")
    parser.add_argument("--proofs", metavar="DIR",
                        help="a directory of broken implementations (e.g. tests/broken): show "
                             "which entries one proves can fail, read from their CATCHES")


def execute(args: argparse.Namespace) -> int:
    proofs = args.proofs is not None
    try:
        sections, totals = compute(read_proofs(args.proofs) if proofs else None)
    except (CollectionError, catalog.UnknownFeature, ProofError) as exc:
        raise UsageError(str(exc)) from None
    missing = [e for s in sections for e in s.missing]
    unproven = [e for s in sections for e in s.unproven] if proofs else []
    failed = bool(missing or unproven or totals.get("stale_proofs") or totals["misplaced"])
    if args.json:
        rows = []
        for s in sections:
            row = {"section": s.section.slug, "title": s.section.title,
                   "entries": len(s.entries), "covered": len(s.covered),
                   "missing": s.missing, "features": s.covered}
            if proofs:
                row.update({"proven": s.proven, "unproven": s.unproven})
            rows.append(row)
        json.dump({"totals": totals, "sections": rows}, sys.stdout, indent=1)
        print()
        return 1 if failed else 0
    proven_head = f"{'proven':>10}" if proofs else ""
    print(f"{'section':<40}{'entries':>8}{'covered':>9}{'features':>10}{'coverage':>10}"
          + proven_head)
    for s in sections:
        proven_cell = f"{len(s.proven):>6}/{len(s.entries):<3}" if proofs else ""
        print(f"{s.section.title:<40}{len(s.entries):>8}{len(s.covered):>9}"
              f"{sum(s.covered.values()):>10}{s.percent:>9.0f}%" + proven_cell)
        if args.entries:
            for entry in s.entries:
                mark = ("  proven" if entry in s.proven else "  UNPROVEN") if proofs else ""
                print(f"    {entry:<50}{s.covered.get(entry, 0):>4}{mark}")
    pct = 100.0 * totals["covered"] / totals["entries"]
    total_proven = f"{totals['proven']:>6}/{totals['entries']:<3}" if proofs else ""
    print(f"{'total':<40}{totals['entries']:>8}{totals['covered']:>9}"
          f"{totals['features']:>10}{pct:>9.0f}%" + total_proven)
    print(f"{totals['tests']} test functions check {totals['features']} behaviours "
          f"({totals['de_facto_features']} de facto: the docs are silent, the newest stdlib "
          "is the reference)")
    if proofs:
        print(f"{totals['proofs']} broken implementations in {args.proofs} prove "
              f"{totals['proven_features']} behaviours of {totals['proven']} entries can fail")
    if totals["misplaced"]:
        print(f"\n{len(totals['misplaced'])} tests sit outside their entry's module "
              "(conformance/suite/<section>/test_<entry>.py):")
        for line in totals["misplaced"]:
            print(f"  {line}")
    if missing:
        print(f"\n{len(missing)} documented entries have no conformance test:")
        for entry in missing:
            print(f"  {entry}")
    if unproven:
        print(f"\n{len(unproven)} documented entries have no broken implementation proving "
              "their tests can fail:")
        for s in sections:
            for entry in s.unproven:
                print(f"  {s.section.title}: {entry}")
    for module, items in sorted(totals.get("stale_proofs", {}).items()):
        print(f"\n{module}: CATCHES names no feature of the suite: {', '.join(items)}")
    return 1 if failed else 0
