"""Results records and documents shaped like the plugin's, for the project's tests
and the synthetic report benchmark (tests/report_bench.py)."""

from __future__ import annotations

from typing import Any

from conformance import catalog, results
from conformance.vocabulary import START_METHODS

OSES = (("linux", "linux", "Linux"), ("macos", "darwin", "Darwin"),
        ("windows", "win32", "Windows"), ("freebsd", "freebsd14", "FreeBSD"))
OS_FACTS = {name: (platform, system) for name, platform, system in OSES}


def make_record(feature: str, test: str, outcome: str = "pass", message: str = "",
                start_method: str | None = None, *, impl: str = "multiprocessing",
                duration: float = 0.01, **extra: Any) -> dict[str, Any]:
    """A results record as the plugin writes it (entry facts from the catalog)."""
    entry_name = feature.split("::")[0]
    entry = catalog.entries().get(entry_name)
    rec = {"test": test, "feature": feature, "entry": entry_name,
           "section": entry.section if entry else "process",
           "doc": entry.url if entry else "", "added": entry.added if entry else None,
           "de_facto": False, "start_method": start_method,
           "summary": f"The documented behaviour {feature.split('::')[-1]}.",
           "repro": f"mp-conformance run --impl {impl} '{test}'",
           "outcome": outcome, "message": message, "duration": duration}
    rec.update(extra)
    return rec


def make_document(impl: str, version: str, python: str, os_name: str,
                  records: list[dict[str, Any]], *, methods: list[str] | None = None,
                  finished: str | None = None, python_impl: str = "CPython",
                  python_impl_version: str | None = None,
                  machine: str = "x86_64") -> dict[str, Any]:
    """A results document around records, with an environment like a real run's."""
    platform, system = OS_FACTS.get(os_name, (os_name, os_name))
    methods = list(START_METHODS) if methods is None else methods
    stamp = finished or results.now()
    env = {
        "implementation": {"name": impl, "version": version, "file": None},
        "python": {"version": python, "implementation": python_impl,
                   "implementation_version": python_impl_version or python,
                   "executable": "python"},
        "os": {"name": os_name, "platform": platform, "system": system, "release": "1"},
        "machine": machine, "cpu_count": 2,
        "start_methods": {"available": methods, "selected": methods,
                          "default": methods[0] if methods else None},
        "suite_version": "synthetic", "command": "synthetic",
        "started": stamp, "finished": stamp,
    }
    return {"schema_version": results.SCHEMA_VERSION, "environment": env,
            "summary": results.summarise(records), "results": records}
