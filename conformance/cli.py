"""``mp-conformance`` (and ``python -m conformance``): the command line.

Exit codes, for every subcommand:
  0  everything conforms (run), or nothing differs (diff), or the work was done
  1  deviations were found (run), or the runs differ (diff)
  2  a usage or environment error: bad arguments, an implementation that cannot
     be imported, an unreadable results file; nothing half-written is left
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Callable

# name -> (module, help).  Each module offers add_arguments(parser) and
# execute(args) -> int; it raises UsageError for bad input.
SUBCOMMANDS = {
    "run": ("conformance.runner", "run the conformance suite against an implementation"),
    "report": ("conformance.report.commands",
               "merge results files into an HTML compatibility table (and Markdown)"),
    "diff": ("conformance.report.diffing",
             "show the features whose verdict differs between two runs"),
    "expect": ("conformance.expect",
               "write or update an expectations file (known deviations) from results files"),
    "coverage": ("conformance.coverage", "show which documented entries have conformance tests"),
    "list": ("conformance.listing", "list the conformance tests with their feature ids"),
}


class UsageError(Exception):
    """Bad input: printed as one line, exit status 2."""


def check_output(path: str, what: str, inputs: Sequence[str] = ()) -> None:
    """UsageError unless ``path`` can be written as a file that is none of ``inputs``:
    checked before any work, so that nothing is half-written.  Writers make the
    missing directories."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path}: is a directory; give the {what} a file name")
    if any(os.path.abspath(path) == os.path.abspath(p) for p in inputs):
        raise UsageError(f"{path}: is one of the input files; the {what} would overwrite it")
    parent = target.parent if str(target.parent) else Path(".")
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise UsageError(f"{path}: {parent} is not a directory")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"{path}: cannot write the {what}: {parent} is not writable")


def _load(module_name: str) -> ModuleType | None:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise


Handler = Callable[[argparse.Namespace], int]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    parser = argparse.ArgumentParser(
        prog="mp-conformance",
        description="Conformance suite for Python's multiprocessing API.",
        epilog="Exit status: 0 conforms / no difference, 1 deviations / differences, "
               "2 usage or environment error.")
    from . import __version__

    parser.add_argument("--version", action="version", version=f"mp-conformance {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers = {}
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = _load(module_name)
        if module is None:
            continue
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub_parser)
        handlers[name] = module.execute
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        print(f"mp-conformance {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mp-conformance: interrupted", file=sys.stderr)
        return 2
