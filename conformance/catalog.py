"""The catalog of documented behaviour: API entries, doc sections and anchors.

Feature ids have the form ``<entry>::<behaviour>``.  ``<entry>`` is either a
documented API entry (``Process.exitcode``, ``connection.Listener.accept``,
``shared_memory.SharedMemory``), listed in ``data/api.tsv``, or a promise
the documentation makes in running text (``guidelines.safe-main-import``),
listed in ``data/prose.tsv``.  The report, the coverage audit and the
version gating all read this module; nothing else hard-codes an anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

DOCS_BASE = "https://docs.python.org/3/library/"
DATA = Path(__file__).with_name("data")
FEATURE_RE = re.compile(r"^(?P<entry>[A-Za-z_][\w.-]*)::(?P<behaviour>[a-z0-9][a-z0-9-]*)$")


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    page: str  # documentation page (without .html)
    anchor: str

    @property
    def url(self) -> str:
        return f"{DOCS_BASE}{self.page}.html#{self.anchor}"


# In the order of the documentation.
SECTIONS = {
    s.slug: s
    for s in (
        Section("process", "Process and exceptions", "multiprocessing", "process-and-exceptions"),
        Section("contexts", "Contexts and start methods", "multiprocessing",
                "contexts-and-start-methods"),
        Section("exchanging", "Exchanging objects between processes", "multiprocessing",
                "exchanging-objects-between-processes"),
        Section("pipes-and-queues", "Pipes and Queues", "multiprocessing", "pipes-and-queues"),
        Section("miscellaneous", "Miscellaneous", "multiprocessing", "miscellaneous"),
        Section("connection", "Connection Objects", "multiprocessing", "connection-objects"),
        Section("synchronization", "Synchronization primitives", "multiprocessing",
                "synchronization-primitives"),
        Section("sharedctypes", "Shared ctypes Objects", "multiprocessing",
                "shared-ctypes-objects"),
        Section("managers", "Managers", "multiprocessing", "managers"),
        Section("proxies", "Proxy Objects", "multiprocessing", "proxy-objects"),
        Section("pool", "Process Pools", "multiprocessing", "module-multiprocessing.pool"),
        Section("listeners", "Listeners and Clients", "multiprocessing",
                "module-multiprocessing.connection"),
        Section("logging", "Logging", "multiprocessing", "logging"),
        Section("dummy", "The multiprocessing.dummy module", "multiprocessing",
                "module-multiprocessing.dummy"),
        Section("guidelines", "Programming guidelines", "multiprocessing",
                "programming-guidelines"),
        Section("shared-memory", "multiprocessing.shared_memory", "multiprocessing.shared_memory",
                "module-multiprocessing.shared_memory"),
    )
}


@dataclass(frozen=True)
class Entry:
    name: str  # without the "multiprocessing." prefix
    kind: str  # class, method, function, attribute, exception, module, prose
    added: str | None  # "3.8", or None when the docs give no version
    section: str  # a key of SECTIONS
    anchor: str
    summary: str = ""
    lookup: str | None = None  # see data/api.tsv: a dotted path, or "instance"

    @property
    def qualified(self) -> str:
        return "multiprocessing" if self.kind == "prose" else f"multiprocessing.{self.name}"

    @property
    def page(self) -> str:
        return SECTIONS[self.section].page

    @property
    def url(self) -> str:
        return f"{DOCS_BASE}{self.page}.html#{self.anchor}"

    @property
    def added_tuple(self) -> tuple[int, ...] | None:
        return tuple(int(p) for p in self.added.split(".")) if self.added else None

    @property
    def is_api(self) -> bool:
        return self.kind != "prose"

    @property
    def lookup_path(self) -> str | None:
        """Where an implementation has this entry (its name, or the ``lookup`` of
        data/api.tsv when it lives elsewhere), or None when only an instance
        can tell (an attribute the reference sets in ``__init__``)."""
        return _lookup_path(self, entries())


def _lookup_path(entry: Entry, known: dict[str, Entry]) -> str | None:
    if entry.lookup == "instance" or not entry.is_api:
        return None
    if entry.lookup:
        return entry.lookup
    parent, _, last = entry.name.rpartition(".")
    if parent in known:
        parent_path = _lookup_path(known[parent], known)
        return None if parent_path is None else f"{parent_path}.{last}"
    return entry.name


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


@cache
def entries() -> dict[str, Entry]:
    """Every catalog entry by name, API entries first, in documentation order."""
    result: dict[str, Entry] = {}
    for row in _read_tsv(DATA / "api.tsv"):
        name, lookup = row["entry"], row.get("lookup") or None
        prefix = "module-multiprocessing" if row["kind"] == "module" else "multiprocessing"
        result[name] = Entry(name=name, kind=row["kind"], added=row["added"] or None,
                             section=row["section"], anchor=f"{prefix}.{name}", lookup=lookup)
    for name, entry in list(result.items()):
        # The docs anchor an entry where it lives: an entry with a dotted lookup
        # is anchored there.
        path = _lookup_path(entry, result)
        if path and path != name:
            result[name] = replace(entry, anchor=f"multiprocessing.{path}")
    for row in _read_tsv(DATA / "prose.tsv"):
        result[row["entry"]] = Entry(name=row["entry"], kind="prose", added=None,
                                     section=row["section"], anchor=row["anchor"],
                                     summary=row["summary"])
    return result


# Where a test lives: the path answers it.  A test of an entry sits in the package
# of the entry's doc section (conformance/suite/<section>/), in the module named
# for the entry's class or function (test_process.py for Process.join), or, for a
# large class split by member, in the module named for the member
# (test_process_exitcode.py).  Names drop the submodule they live in
# (connection.Listener -> listener) and the prefix of a prose promise
# (guidelines.safe-main-import -> safe_main_import).
_DROPPED_PREFIXES = ("connection.", "managers.", "pool.", "shared_memory.", "sharedctypes.",
                     "guidelines.", "tutorial.", "contexts.", "exchanging.")


def _snake(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip("_"))
    return name.replace("-", "_").lower()


def section_package(section: str) -> str:
    """The suite's package for a doc section: ``shared-memory`` -> ``shared_memory``."""
    return section.replace("-", "_")


def test_modules(entry: Entry) -> tuple[str, ...]:
    """The modules (``<package>.test_<name>``, relative to conformance.suite) where
    tests of ``entry`` may live: its class's module, and its member's module."""
    name = entry.name
    for prefix in _DROPPED_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    parts = name.split(".")
    package = section_package(entry.section)
    modules = [f"{package}.test_{_snake(parts[0])}"]
    if len(parts) > 1:
        modules.append(f"{package}.test_{_snake(parts[0])}_{_snake(parts[1])}")
    return tuple(modules)


class UnknownFeature(ValueError):
    pass


def parse_feature(feature: str) -> tuple[Entry, str]:
    """Split a feature id into its catalog entry and behaviour; UnknownFeature if invalid."""
    match = FEATURE_RE.match(feature)
    if not match:
        raise UnknownFeature(
            f"feature id {feature!r} is not of the form '<entry>::<behaviour>' "
            "(behaviour in lower-case words joined by '-')")
    entry = entries().get(match["entry"])
    if entry is None:
        raise UnknownFeature(f"feature id {feature!r} names {match['entry']!r}, "
                             "which is not in the catalog (conformance/data/*.tsv)")
    return entry, match["behaviour"]
