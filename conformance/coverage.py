"""``mp-conformance coverage``: which documented entries have conformance tests.

Every entry of the catalog (``data/api.tsv``, ``data/prose.tsv``) must be
named by at least one test's feature id.  Exit 0 when all are, 1 when some
are not (they are listed), 2 when the suite cannot be collected.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from . import catalog
from .cli import UsageError
from .collect import CollectionError, collect


@dataclass
class SectionCoverage:
    section: catalog.Section
    entries: list[str] = field(default_factory=list)
    covered: dict[str, int] = field(default_factory=dict)  # entry -> number of features

    @property
    def missing(self) -> list[str]:
        return [e for e in self.entries if e not in self.covered]

    @property
    def percent(self) -> float:
        return 100.0 * len(self.covered) / len(self.entries) if self.entries else 100.0


def compute() -> tuple[list[SectionCoverage], dict[str, int]]:
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
    totals = {
        "tests": len({t.test for t in tests}),
        "features": len({t.feature for t in tests}),
        "entries": len(catalog.entries()),
        "covered": sum(len(s.covered) for s in sections.values()),
        "de_facto_features": len({t.feature for t in tests if t.de_facto}),
    }
    return [s for s in sections.values() if s.entries], totals


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the coverage as JSON")
    parser.add_argument("--entries", action="store_true",
                        help="list every entry with its number of features")


def execute(args: argparse.Namespace) -> int:
    try:
        sections, totals = compute()
    except (CollectionError, catalog.UnknownFeature) as exc:
        raise UsageError(str(exc)) from None
    missing = [e for s in sections for e in s.missing]
    if args.json:
        json.dump({
            "totals": totals,
            "sections": [{"section": s.section.slug, "title": s.section.title,
                          "entries": len(s.entries), "covered": len(s.covered),
                          "missing": s.missing, "features": s.covered} for s in sections],
        }, sys.stdout, indent=1)
        print()
        return 1 if missing else 0
    print(f"{'section':<40}{'entries':>8}{'covered':>9}{'features':>10}{'coverage':>10}")
    for s in sections:
        print(f"{s.section.title:<40}{len(s.entries):>8}{len(s.covered):>9}"
              f"{sum(s.covered.values()):>10}{s.percent:>9.0f}%")
        if args.entries:
            for entry in s.entries:
                print(f"    {entry:<50}{s.covered.get(entry, 0):>4}")
    pct = 100.0 * totals["covered"] / totals["entries"]
    print(f"{'total':<40}{totals['entries']:>8}{totals['covered']:>9}"
          f"{totals['features']:>10}{pct:>9.0f}%")
    print(f"{totals['tests']} test functions check {totals['features']} behaviours "
          f"({totals['de_facto_features']} de facto: the docs are silent, the newest stdlib "
          "is the reference)")
    if missing:
        print(f"\n{len(missing)} documented entries have no conformance test:")
        for entry in missing:
            print(f"  {entry}")
        return 1
    return 0
