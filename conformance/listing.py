"""``mp-conformance list``: the conformance tests with their feature ids and doc anchors."""

from __future__ import annotations

import argparse
import fnmatch

from . import catalog
from .cli import UsageError
from .collect import CollectionError, collect


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--feature", action="append", metavar="GLOB",
                        help="only features matching GLOB (repeatable)")
    parser.add_argument("--docs", action="store_true", help="show each feature's doc anchor")


def execute(args: argparse.Namespace) -> int:
    try:
        tests = collect()
    except CollectionError as exc:
        raise UsageError(str(exc)) from None
    shown = 0
    for t in tests:
        if args.feature and not any(fnmatch.fnmatchcase(t.feature, g) for g in args.feature):
            continue
        flag = " (de facto)" if t.de_facto else ""
        line = f"{t.feature:<70} {t.test}{flag}"
        if args.docs:
            line += f"\n    {catalog.parse_feature(t.feature)[0].url}"
        print(line)
        shown += 1
    if args.feature and not shown:
        raise UsageError(f"no feature matches {', '.join(args.feature)}")
    return 0
