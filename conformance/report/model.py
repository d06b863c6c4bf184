"""Results files merged into a compatibility table: rows are features (grouped by
documentation section and API entry), columns are environments (implementation
x Python x OS), and each column has a sub-cell per start method.

Everything here comes from the results JSON; the catalog is consulted only for
the order and titles of sections and entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import catalog, results
from ..vocabulary import DEVIATIONS, OUTCOMES, START_METHODS, rank, worst

NONCONFORMING = (*DEVIATIONS, "expected-fail")
REFERENCE_IMPL = "multiprocessing"


class MergeError(ValueError):
    pass


# --------------------------------------------------------------------------- sources

class Source:
    """One results file as read from disk, with the facts the table uses."""

    def __init__(self, path: str, document: dict[str, Any], order: int = 0):
        self.path = path
        self.order = order
        self.document = document

    @property
    def document(self) -> dict[str, Any]:
        return self._document

    @document.setter
    def document(self, document: dict[str, Any]) -> None:
        self._document = document
        env = self.env = document["environment"]
        impl, python, os_ = env["implementation"], env["python"], env["os"]
        self.impl = str(impl.get("name") or "?")
        self.impl_version = str(impl.get("version") or "")
        self.python = str(python.get("version") or "?")
        self.python_impl = str(python.get("implementation") or "CPython")
        self.python_impl_version = str(python.get("implementation_version") or "")
        self.os = str(os_.get("name") or os_.get("platform") or "?")
        self.machine = str(env.get("machine") or "")
        self.finished = str(env.get("finished") or env.get("started") or "")

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two runs 'the same environment'."""
        return (self.impl, self.impl_version, self.python_impl, self.python, self.os,
                self.machine)

    @property
    def python_label(self) -> str:
        """The Python implementation and version: "CPython 3.11.7", "PyPy 3.9.16 (7.3.11)"
        (PyPy's own version, which the Python version alone does not say)."""
        text = f"{self.python_impl} {self.python}"
        if self.python_impl != "CPython" and self.python_impl_version \
                and self.python_impl_version != self.python:
            text += f" ({self.python_impl_version})"
        return text

    @property
    def lineage(self) -> str:
        """The runs whose Python versions make one history ("first seen"): an
        implementation on one Python implementation.  The stdlib on CPython and on
        PyPy are two histories; the CPython one keeps the plain name."""
        if self.python_impl == "CPython":
            return self.impl
        return f"{self.impl} on {self.python_impl}"

    def describe(self) -> str:
        return (f"{self.impl} {self.impl_version}, {self.python_label}, "
                f"{self.os} {self.machine}").strip()


def load_sources(paths: Sequence[str]) -> list[Source]:
    """Read results files; ResultsError (naming the file) for the first bad one."""
    return [Source(str(p), results.load(p), i) for i, p in enumerate(paths)]


def dedupe(sources: Sequence[Source]) -> tuple[list[Source], list[str]]:
    """Keep the newest run of each environment; notes saying what was dropped."""
    best: dict[tuple[str, ...], Source] = {}
    notes = []
    for src in sources:
        old = best.get(src.key)
        if old is None:
            best[src.key] = src
            continue
        newer, older = (src, old) if (src.finished, src.order) >= (old.finished, old.order) \
            else (old, src)
        best[src.key] = newer
        notes.append(f"{older.path} and {newer.path} are runs of the same environment "
                     f"({newer.describe()}); kept {newer.path}, the newer (finished "
                     f"{newer.finished or 'unknown'}; the other {older.finished or 'unknown'})")
    return list(best.values()), notes


@cache
def version_key(version: str) -> tuple[int, ...]:
    parts = re.findall(r"\d+", version)
    return tuple(int(p) for p in parts[:3]) if parts else (0,)


def minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


# --------------------------------------------------------------------------- table parts

@dataclass
class Score:
    counts: dict[str, int] = field(default_factory=lambda: {o: 0 for o in OUTCOMES})

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    @property
    def passed(self) -> int:
        return self.counts.get("pass", 0)

    @property
    def deviations(self) -> int:
        return sum(self.counts.get(o, 0) for o in DEVIATIONS)

    @property
    def expected(self) -> int:
        return self.counts.get("expected-fail", 0)

    @property
    def applicable(self) -> int:
        return self.passed + self.deviations + self.expected

    @property
    def percent(self) -> float | None:
        """Passing share of the applicable cells, rounded down (100 only when all pass)."""
        if not self.applicable:
            return None
        return int(1000 * self.passed / self.applicable) / 10

    @property
    def text(self) -> str:
        pct = self.percent
        if pct is None:
            return "–"
        return f"{pct:.0f}%" if pct in (0, 100) else f"{pct:.1f}%"

    @property
    def title(self) -> str:
        if not self.applicable:
            return "nothing applicable was run"
        parts = [f"{self.passed} of {self.applicable} applicable cells pass"]
        if self.deviations:
            parts.append(f"{self.deviations} deviate")
        if self.expected:
            parts.append(f"{self.expected} expected to deviate")
        if self.counts.get("n/a"):
            parts.append(f"{self.counts['n/a']} n/a")
        return "; ".join(parts)

    @property
    def level(self) -> str:
        pct = self.percent
        if pct is None:
            return "none"
        return "full" if pct == 100 else "high" if pct >= 90 else "mid" if pct >= 60 else "low"


@dataclass
class Column:
    index: int
    source: Source
    label: str = ""  # set once all columns are known
    score: Score = field(default_factory=Score)

    def __post_init__(self) -> None:
        self.impl = self.source.impl
        self.minor = minor(self.source.python)
        self.methods: list[str] = list(
            self.source.env.get("start_methods", {}).get("selected") or [])

    @property
    def id(self) -> str:
        return f"c{self.index}"


class Cell:
    """What one column says about one feature under one start method."""

    __slots__ = ("outcome", "records", "column", "method", "detail", "duration",
                 "nonconforming")

    def __init__(self, outcome: str, records: list[dict[str, Any]], column: Column,
                 method: str | None):
        self.outcome = outcome
        self.records = records
        self.column = column
        self.method = method
        self.detail: int | None = None  # index of the detail block (non-conforming cells)
        self.duration = sum(r.get("duration") or 0 for r in records)
        self.nonconforming = outcome in NONCONFORMING

    @property
    def observed(self) -> str:
        """The worst outcome observed, whatever an expectation said of it."""
        return worst([r["outcome"] for r in self.records])

    @property
    def first_message(self) -> str:
        for rec in sorted(self.records, key=lambda r: -rank(results.status(r))):
            if rec.get("message"):
                return rec["message"].strip().splitlines()[0]
        return ""


@dataclass
class Detail:
    """The details of a deviation, shared by the cells where it occurs identically
    (same feature, implementation, outcomes and messages, addresses aside)."""

    index: int
    feature: Feature
    cells: list[Cell]

    @property
    def cell(self) -> Cell:
        """The cell whose records are shown."""
        return self.cells[0]

    @property
    def outcome(self) -> str:
        return self.cells[0].outcome

    def where(self) -> list[tuple[Column, list[str | None]]]:
        """The columns where it occurs, each with its start methods."""
        out: dict[int, tuple[Column, list[str | None]]] = {}
        for cell in self.cells:
            out.setdefault(cell.column.index, (cell.column, []))[1].append(cell.method)
        return list(out.values())


_ADDRESS = re.compile(r"0x[0-9a-fA-F]+|(?<=Process-)\d+(?::\d+)*")


def _detail_key(feature: Feature, cell: Cell) -> tuple[Any, ...]:
    return (feature.id, cell.column.impl, cell.outcome, tuple(sorted({
        (results.status(r), r["outcome"], _ADDRESS.sub("#", r.get("message") or ""),
         (r.get("expected") or {}).get("reason"))
        for r in cell.records if r["outcome"] != "pass"})))


@dataclass
class FirstSeen:
    text: str
    kind: str  # "exact" (an older Python deviates), "floor" (passes on the oldest tested), "never"
    disagrees: bool
    title: str


@dataclass
class Feature:
    id: str
    entry: str
    behaviour: str
    section: str
    doc: str
    added: str | None
    de_facto: bool
    summary: str
    per_method: bool = False
    cells: list[Cell | None] = field(default_factory=list)
    first_seen: list[FirstSeen | None] = field(default_factory=list)
    deviating_impls: list[str] = field(default_factory=list)


@dataclass
class EntryGroup:
    name: str
    doc: str
    added: str | None
    kind: str
    features: list[Feature] = field(default_factory=list)


@dataclass
class SectionGroup:
    slug: str
    title: str
    doc: str
    entries: list[EntryGroup] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)

    @property
    def features(self) -> Iterable[Feature]:
        for entry in self.entries:
            yield from entry.features


@dataclass
class Report:
    columns: list[Column]
    methods: list[str]
    sections: list[SectionGroup]
    notes: list[str]
    impls: list[str]  # in column order
    # The lineages (Source.lineage) with a "first seen" column: an implementation, or
    # an implementation on a Python other than CPython ("multiprocessing on PyPy").
    first_seen_impls: list[str]
    details: list[Detail]

    @property
    def features(self) -> Iterable[Feature]:
        for section in self.sections:
            yield from section.features

    def impl_span(self, impl: str) -> int:
        return sum(1 for c in self.columns if c.impl == impl)

    def impl_index(self, lineage: str) -> int:
        """The index in ``impls`` of a lineage's implementation (for its colour)."""
        impl = next(c.impl for c in self.columns if c.source.lineage == lineage)
        return self.impls.index(impl)

    @property
    def divergences(self) -> list[Divergence]:
        """Behaviours whose verdict differs between start methods (see below)."""
        return start_method_divergences(self)


# --------------------------------------------------------------------------- building

def impl_order(name: str) -> tuple[int, str]:
    return (0 if name == REFERENCE_IMPL else 1, name)


def build(sources: Sequence[Source], notes: Sequence[str] = ()) -> Report:
    """The table for already de-duplicated sources."""
    # An implementation's CPython columns first, then those of each other Python.
    ordered = sorted(sources, key=lambda s: (impl_order(s.impl), s.python_impl != "CPython",
                                             s.python_impl, version_key(s.impl_version),
                                             version_key(s.python), s.os, s.machine))
    columns = [Column(i, src) for i, src in enumerate(ordered)]
    _label(columns)
    methods = _methods(columns)
    impls = list(dict.fromkeys(c.impl for c in columns))

    # feature -> column index -> records
    by_feature: dict[str, dict[int, list[dict[str, Any]]]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for col in columns:
        for rec in col.source.document["results"]:
            fid = rec["feature"]
            by_feature.setdefault(fid, {}).setdefault(col.index, []).append(rec)
            if fid not in meta or (not meta[fid].get("summary") and rec.get("summary")):
                meta[fid] = rec

    features = []
    for fid, per_col in by_feature.items():
        features.append(_feature(fid, meta[fid], per_col, columns, methods))

    lineages = list(dict.fromkeys(c.source.lineage for c in columns))
    first_seen_impls = [
        lineage for lineage in lineages
        if len({minor(c.source.python) for c in columns if c.source.lineage == lineage}) > 1]
    sections = _group(features, columns)
    details: list[Detail] = []
    shared: dict[tuple[Any, ...], Detail] = {}
    column_counts = [col.score.counts for col in columns]
    for section in sections:
        section_counts = [score.counts for score in section.scores]
        for feature in section.features:
            for cell in feature.cells:
                if cell is None:
                    continue
                column_counts[cell.column.index][cell.outcome] += 1
                section_counts[cell.column.index][cell.outcome] += 1
                if cell.nonconforming:
                    key = _detail_key(feature, cell)
                    detail = shared.get(key)
                    if detail is None:
                        detail = shared[key] = Detail(len(details), feature, [])
                        details.append(detail)
                    detail.cells.append(cell)
                    cell.detail = detail.index
            if first_seen_impls:
                feature.first_seen = _first_seen(feature, first_seen_impls)
    return Report(columns=columns, methods=methods, sections=sections, notes=list(notes),
                  impls=impls, first_seen_impls=first_seen_impls, details=details)


def _label(columns: list[Column]) -> None:
    """Short column labels: only what varies between columns beyond the implementation."""
    if not columns:
        return
    vary_os = len({c.source.os for c in columns}) > 1
    vary_machine = len({c.source.machine for c in columns}) > 1
    vary_pyimpl = len({c.source.python_impl for c in columns}) > 1
    only_cpython = not vary_pyimpl and columns[0].source.python_impl == "CPython"
    versions: dict[str, set[str]] = {}
    for col in columns:
        versions.setdefault(col.impl, set()).add(col.source.impl_version)
    for col in columns:
        src = col.source
        parts = [src.python if only_cpython else src.python_label]
        if len(versions[col.impl]) > 1 and col.impl != REFERENCE_IMPL:
            parts.insert(0, src.impl_version)
        if vary_os or not (vary_machine or not only_cpython):
            parts.append(src.os)
        if vary_machine:
            parts.append(src.machine)
        col.label = " ".join(parts)


def _methods(columns: list[Column]) -> list[str]:
    seen: set[str] = set()
    for col in columns:
        seen.update(col.methods)
        seen.update(r["start_method"] for r in col.source.document["results"]
                    if r.get("start_method"))
    return [m for m in START_METHODS if m in seen] + sorted(seen - set(START_METHODS))


def _worst(records: list[dict[str, Any]]) -> str:
    return worst([results.status(r) for r in records])


def _feature(fid: str, rec: dict[str, Any], per_col: dict[int, list[dict[str, Any]]],
             columns: list[Column], methods: list[str]) -> Feature:
    entry_name, _, behaviour = fid.partition("::")
    entry_name = rec.get("entry") or entry_name
    known = catalog.entries().get(entry_name)
    feature = Feature(
        id=fid, entry=entry_name, behaviour=behaviour,
        section=rec.get("section") or (known.section if known else "other"),
        doc=rec.get("doc") or (known.url if known else ""),
        added=rec.get("added", known.added if known else None),
        de_facto=bool(rec.get("de_facto")), summary=rec.get("summary") or "",
        per_method=any(r.get("start_method") for recs in per_col.values() for r in recs),
    )
    deviating = set()
    for col in columns:
        recs = per_col.get(col.index, ())
        if not feature.per_method:
            groups: list[tuple[str | None, list[dict[str, Any]]]] = [(None, list(recs))]
        else:
            by_method: dict[str | None, list[dict[str, Any]]] = {}
            for r in recs:
                by_method.setdefault(r.get("start_method"), []).append(r)
            shared = by_method.get(None, [])
            groups = [(m, by_method.get(m, []) + shared
                       if m in by_method or (shared and m in col.methods) else [])
                      for m in methods]
        for method, rs in groups:
            if not rs:
                feature.cells.append(None)
                continue
            worst = results.status(rs[0]) if len(rs) == 1 else _worst(rs)
            cell = Cell(worst, rs, col, method)
            feature.cells.append(cell)
            if cell.nonconforming:
                deviating.add(col.impl)
    feature.deviating_impls = sorted(deviating)
    return feature


def _group(features: list[Feature], columns: list[Column]) -> list[SectionGroup]:
    entry_index = {name: i for i, name in enumerate(catalog.entries())}
    section_index = {slug: i for i, slug in enumerate(catalog.SECTIONS)}
    features.sort(key=lambda f: (section_index.get(f.section, len(section_index)), f.section,
                                 entry_index.get(f.entry, len(entry_index)), f.entry,
                                 f.behaviour))
    sections: list[SectionGroup] = []
    for feature in features:
        if not sections or sections[-1].slug != feature.section:
            known = catalog.SECTIONS.get(feature.section)
            sections.append(SectionGroup(
                slug=feature.section, title=known.title if known else feature.section,
                doc=known.url if known else "", scores=[Score() for _ in columns]))
        section = sections[-1]
        if not section.entries or section.entries[-1].name != feature.entry:
            known_entry = catalog.entries().get(feature.entry)
            section.entries.append(EntryGroup(
                name=feature.entry, doc=feature.doc, added=feature.added,
                kind=known_entry.kind if known_entry else ""))
        section.entries[-1].features.append(feature)
    return sections


def _first_seen(feature: Feature, impls: list[str]) -> list[FirstSeen | None]:
    """Per lineage (an implementation on one Python implementation), the oldest
    Python where the feature passes, beside the docs."""
    status: dict[str, dict[str, str]] = {impl: {} for impl in impls}
    for cell in feature.cells:
        if cell is None or cell.outcome == "n/a":
            continue
        per_impl = status.get(cell.column.source.lineage)
        if per_impl is None:
            continue
        if cell.nonconforming:
            per_impl[cell.column.minor] = "dev"
        else:
            per_impl.setdefault(cell.column.minor, "pass")
    return [_first_seen_one(feature, impl, status[impl]) for impl in impls]


def _first_seen_one(feature: Feature, impl: str, status: dict[str, str]) -> FirstSeen | None:
    if not status:
        return None
    versions = sorted(status, key=version_key)
    passing = [v for v in versions if status[v] == "pass"]
    added = feature.added
    tested = ", ".join(versions)
    if not passing:
        return FirstSeen("none", "never", False,
                         f"{impl} does not pass this on any Python tested ({tested})")
    first = passing[0]
    older_deviating = [v for v in versions if version_key(v) < version_key(first)
                       and status[v] == "dev"]
    if not older_deviating:
        before_docs = added is not None and version_key(first) < version_key(added)
        title = f"{impl} passes this on the oldest Python tested ({first})"
        if before_docs:
            title += f", older than the documented 'added in {added}'"
        return FirstSeen(first, "floor", before_docs, title)
    if added is None:
        disagrees, why = True, "the docs give no 'added in' version"
    else:
        disagrees = any(version_key(v) >= version_key(added) for v in older_deviating)
        why = f"documented since {added}"
    title = (f"{impl} deviates on Python {', '.join(older_deviating)} and passes from {first}; "
             f"{why}")
    return FirstSeen(first, "exact", disagrees, title)


def first_seen_disagreements(report: Report) -> list[tuple[Feature, str, FirstSeen]]:
    out = []
    for feature in report.features:
        for impl, seen in zip(report.first_seen_impls, feature.first_seen):
            if seen is not None and seen.disagrees:
                out.append((feature, impl, seen))
    return out


@dataclass
class Divergence:
    """A behaviour whose observed outcome differs between start methods within one
    implementation and environment (n/a aside): it passes under one and deviates under
    another, or deviates differently."""

    feature: Feature
    outcomes: dict[str, str]  # start method -> observed outcome
    columns: list[Column]

    @property
    def where(self) -> str:
        return f"{self.columns[0].impl} {', '.join(c.label for c in self.columns)}"


def start_method_divergences(report: Report) -> list[Divergence]:
    """Features whose verdict differs between start methods, one entry per feature and
    pattern of outcomes, listing the environments where the pattern shows."""
    found: dict[tuple[Any, ...], Divergence] = {}
    for feature in report.features:
        if not feature.per_method:
            continue
        per_column: dict[int, dict[str, str]] = {}
        for cell in feature.cells:
            if cell is None or cell.method is None:
                continue
            observed = cell.observed
            if observed != "n/a":
                per_column.setdefault(cell.column.index, {})[cell.method] = observed
        for index, outcomes in per_column.items():
            if len(set(outcomes.values())) < 2:
                continue
            column = report.columns[index]
            key = (feature.id, column.impl, tuple(sorted(outcomes.items())))
            if key in found:
                found[key].columns.append(column)
            else:
                found[key] = Divergence(feature, outcomes, [column])
    return list(found.values())

