"""``mp-conformance run``: the suite against one implementation, through pytest."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from . import impl as _impl
from . import results
from .cli import UsageError
from .vocabulary import START_METHODS

SUITE_DIR = Path(__file__).with_name("suite")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tests", nargs="*", metavar="TEST",
                        help="run only these tests, as printed in results and reproduce "
                             "commands: 'test_process::test_name[spawn]' or a module "
                             "'test_process'")
    parser.add_argument("--impl", default=_impl.DEFAULT, metavar="MODULE",
                        help="the implementation to test: multiprocessing (default), "
                             "multiprocess, billiard, or any importable module with the API")
    parser.add_argument("--start-method", "-m", action="append", dest="start_methods",
                        metavar="METHOD", nargs="+",
                        help="fork, spawn and/or forkserver (default: all three; those the "
                             "platform lacks are reported n/a)")
    parser.add_argument("--json", metavar="PATH",
                        help="where to write the results JSON (default: "
                             "reports/results/<impl>-<python>-<os>.json)")
    parser.add_argument("--html", metavar="PATH",
                        help="also render this run as an HTML report")
    parser.add_argument("--junit", metavar="PATH", help="also write JUnit XML for CI test views")
    parser.add_argument("--expect", metavar="FILE",
                        help="TOML file of known deviations (see reports/README.md): they are "
                             "reported expected-fail, and the run exits 1 only on a new "
                             "deviation or an expected one that now passes")
    parser.add_argument("-n", dest="numprocesses", default="auto", metavar="N|auto",
                        help="parallel pytest-xdist workers (default: auto; 0 runs serially)")
    parser.add_argument("-k", dest="keyword", metavar="EXPR",
                        help="only tests matching the pytest -k expression")
    parser.add_argument("--feature", action="append", metavar="GLOB",
                        help="only tests whose feature id matches GLOB, e.g. 'Queue.*' "
                             "(repeatable)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="backstop per test; beyond it the test is 'timeout' (default 60)")
    parser.add_argument("--deadline", type=float, default=None, metavar="SECONDS",
                        help="run deadline: tests not started this long after the run began "
                             "are recorded 'timeout' (not run), so a hanging implementation "
                             "still ends (default 1800; 0 for none)")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="one line per test")
    parser.add_argument("-x", "--exitfirst", action="store_true",
                        help="stop at the first deviation")
    parser.add_argument("--pytest-arg", action="append", default=[], metavar="ARG",
                        help="pass ARG on to pytest (repeatable)")


def _start_methods(args: argparse.Namespace) -> list[str]:
    methods: list[str] = []
    for group in args.start_methods or []:
        for value in group:
            for method in value.split(","):
                if method.strip() and method.strip() not in methods:
                    methods.append(method.strip())
    unknown = [m for m in methods if m not in START_METHODS]
    if unknown:
        raise UsageError(f"unknown start method {', '.join(map(repr, unknown))}; "
                         f"valid start methods are {', '.join(START_METHODS)}")
    return methods or list(START_METHODS)


def _check_writable(path: str, what: str) -> None:
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{what} path {path!r} is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot create the directory for {what} {path!r}: {exc.strerror}") from None
    if not os.access(parent, os.W_OK):
        raise UsageError(f"cannot write {what} to {path!r}: the directory is not writable")


def _selection(tests: list[str]) -> list[str]:
    selected = []
    for test in tests:
        test = test.replace(".py::", "::")
        if test.endswith(".py"):
            test = test[:-3]
        module, sep, rest = test.partition("::")
        module = module.replace("/", ".")
        if not module.startswith("conformance.suite."):
            module = "conformance.suite." + module.rpartition("suite.")[2]
        selected.append(module + sep + rest)
    return selected


def pytest_args(args: argparse.Namespace, methods: list[str], json_path: str) -> list[str]:
    argv = ["-c", str(SUITE_DIR / "pytest.ini"), "--rootdir", str(SUITE_DIR),
            "--impl", args.impl, "--start-method", ",".join(methods),
            "--conformance-json", json_path, "--conformance-timeout", str(args.timeout),
            "--conformance-command", shlex.join(["mp-conformance", *sys.argv[1:]])
            if sys.argv and sys.argv[0] else "mp-conformance run"]
    if args.numprocesses not in ("0", 0, None):
        argv += ["-n", str(args.numprocesses)]
    else:
        argv += ["-p", "no:xdist"]
    if getattr(args, "deadline", None) is not None:
        argv += ["--conformance-deadline", str(args.deadline)]
    if args.keyword:
        argv += ["-k", args.keyword]
    for glob in args.feature or []:
        argv += ["--feature", glob]
    if args.junit:
        argv += ["--junitxml", args.junit]
    if getattr(args, "expect", None):
        argv += ["--expect", args.expect]
    if args.verbose:
        argv += ["-" + "v" * args.verbose]
    if args.exitfirst:
        argv += ["-x"]
    argv += list(args.pytest_arg)
    argv += ["--pyargs", *(_selection(args.tests) or ["conformance.suite"])]
    return argv


def execute(args: argparse.Namespace) -> int:
    import pytest

    methods = _start_methods(args)
    try:
        module = _impl.load(args.impl)
    except _impl.ImplementationError as exc:
        raise UsageError(str(exc)) from None
    if args.deadline is not None and args.deadline < 0:
        raise UsageError(
            f"--deadline takes a number of seconds (0 for none), not {args.deadline:g}")
    if args.numprocesses not in ("auto", "logical") and not str(args.numprocesses).isdigit():
        raise UsageError(f"-n takes a number of workers or 'auto', not {args.numprocesses!r}")
    if args.expect:
        from . import expectations

        try:
            expectations.load(args.expect)
        except expectations.ExpectationsError as exc:
            raise UsageError(str(exc)) from None
    json_path = args.json or results.default_path(module.__name__)
    _check_writable(json_path, "results JSON")
    for path, what in ((args.html, "the HTML report"), (args.junit, "JUnit XML")):
        if path:
            _check_writable(path, what)
    code = pytest.main(pytest_args(args, methods, json_path))
    code = int(code)
    if code == 5:
        print("mp-conformance run: error: no conformance test matched the selection",
              file=sys.stderr)
        return 2
    if code not in (0, 1):
        return 2
    if args.html:
        from .report import commands as report_commands

        report_commands.render_files([json_path], args.html, markdown=None, expect=None)
    return code
