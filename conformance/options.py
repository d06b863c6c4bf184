"""The run's options, defined once: ``mp-conformance run`` (argparse) and the pytest
plugin (``pytest --impl ...``) both add them from here, check them with the same
functions, and the runner hands them on to pytest through ``to_pytest_args``.

Each option takes one value per flag (repeat the flag for more), so that options
and tests can come in any order: ``run --start-method spawn test_process``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .vocabulary import START_METHODS

DEFAULT_TIMEOUT = 60.0
# The run deadline: tests not started this long after the run began are recorded
# "timeout" (not run), so that an implementation that hangs everywhere still ends.
DEFAULT_DEADLINE = 1800.0


def start_methods(value: str) -> list[str]:
    """One --start-method value: a name or a comma-separated list of names."""
    methods = [m.strip() for m in value.split(",") if m.strip()]
    unknown = [m for m in methods if m not in START_METHODS]
    if unknown or not methods:
        raise argparse.ArgumentTypeError(
            f"unknown start method {', '.join(map(repr, unknown or [value]))}; "
            f"valid start methods are {', '.join(START_METHODS)}")
    return methods


def selected_start_methods(groups: Iterable[list[str]] | None) -> list[str]:
    """The start methods of repeated --start-method values, in order, once each
    (all of them when none was given)."""
    methods: list[str] = []
    for group in groups or ():
        methods += [m for m in group if m not in methods]
    return methods or list(START_METHODS)


def seconds(value: str) -> float:
    """A number of seconds, 0 or more (0: none)."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"takes a number of seconds (0 for none), not {value!r}")
    return number


@dataclass(frozen=True)
class Option:
    dest: str                   # the attribute in both namespaces (getoption(dest))
    cli: tuple[str, ...]        # flags of `mp-conformance run`
    pytest: str                 # the flag of the pytest plugin
    help: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    def pytest_args(self, value: Any) -> list[str]:
        """The plugin's command-line arguments that give it ``value``."""
        if value is None:
            return []
        if self.kwargs.get("action") == "append":
            return [arg for item in value
                    for arg in (self.pytest, ",".join(item) if isinstance(item, list) else item)]
        return [self.pytest, str(value)]


OPTIONS = (
    Option("impl", ("--impl",), "--impl",
           "the implementation to test: multiprocessing (default), multiprocess, billiard, "
           "or any importable module with the API", {"metavar": "MODULE"}),
    Option("mp_start_methods", ("--start-method", "-m"), "--start-method",
           "fork, spawn or forkserver; repeat it or separate names by commas (default: all "
           "three; those the platform lacks are reported n/a)",
           {"action": "append", "type": start_methods, "metavar": "METHOD"}),
    Option("conformance_json", ("--json",), "--conformance-json",
           "where to write the results JSON", {"metavar": "PATH"}),
    Option("mp_features", ("--feature",), "--feature",
           "only tests whose feature id matches GLOB, e.g. 'Queue.*' (repeatable)",
           {"action": "append", "metavar": "GLOB"}),
    Option("conformance_timeout", ("--timeout",), "--conformance-timeout",
           f"backstop per test: a test running longer is recorded as 'timeout' and the run "
           f"goes on (default {DEFAULT_TIMEOUT:g})",
           {"type": float, "metavar": "SECONDS"}),
    Option("conformance_deadline", ("--deadline",), "--conformance-deadline",
           f"run deadline: tests not started this long after the run began are recorded "
           f"'timeout' (not run), so a hanging implementation still ends (default "
           f"{DEFAULT_DEADLINE:g}; 0 for none)", {"type": seconds, "metavar": "SECONDS"}),
    Option("mp_expect", ("--expect",), "--expect",
           "a TOML file of known deviations (see reports/README.md): a result it lists is "
           "known, and the run exits 1 only on a new deviation or a listed one that now "
           "passes", {"metavar": "FILE"}),
)


def add_to_argparse(parser: argparse.ArgumentParser, **overrides: str) -> None:
    """Add the run's options to ``mp-conformance run``; ``overrides``: help texts."""
    for option in OPTIONS:
        parser.add_argument(*option.cli, dest=option.dest,
                            help=overrides.get(option.dest, option.help), **option.kwargs)


def add_to_pytest(group: Any) -> None:
    """Add the run's options to the plugin's option group."""
    for option in OPTIONS:
        kwargs = dict(option.kwargs)
        if option.dest == "conformance_timeout":
            kwargs["default"] = DEFAULT_TIMEOUT
        if option.dest == "conformance_deadline":
            kwargs["default"] = DEFAULT_DEADLINE
        group.addoption(option.pytest, dest=option.dest, help=option.help, **kwargs)


def to_pytest_args(namespace: argparse.Namespace) -> list[str]:
    """The plugin's arguments for the options set in an ``mp-conformance run`` namespace."""
    args: list[str] = []
    for option in OPTIONS:
        args += option.pytest_args(getattr(namespace, option.dest, None))
    return args
