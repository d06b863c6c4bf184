"""``mp-conformance run``: the suite against one implementation, through pytest."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from . import impl as _impl
from . import options, results
from .cli import UsageError, check_output

SUITE_DIR = Path(__file__).with_name("suite")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tests", nargs="*", metavar="TEST",
                        help="run only these tests, as printed in results and reproduce "
                             "commands: 'process.test_process::test_name[spawn]', a module "
                             "'process.test_process_join' (or 'test_process_join'), or a "
                             "section 'process'; options may come before or after them")
    options.add_to_argparse(parser, conformance_json="where to write the results JSON "
                            "(default: reports/results/<impl>-<python>-<os>.json)")
    parser.add_argument("--html", metavar="PATH",
                        help="also render this run as an HTML report")
    parser.add_argument("--junit", metavar="PATH", help="also write JUnit XML for CI test views")
    parser.add_argument("-n", dest="numprocesses", default=None, metavar="N|auto",
                        help="parallel pytest-xdist workers (default: twice the CPUs, "
                             f"{default_workers()} here: the suite mostly waits on children; "
                             "auto: one per CPU; 0 runs serially)")
    parser.add_argument("-k", dest="keyword", metavar="EXPR",
                        help="only tests matching the pytest -k expression")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="pytest's full output: one line per test, tracebacks, warnings "
                             "(the summary stays last)")
    parser.add_argument("--tb", metavar="STYLE",
                        choices=("auto", "long", "short", "line", "native", "no"),
                        help="show tracebacks of deviations in this pytest style (default: "
                             "none in the terminal; they are always in the results file)")
    parser.add_argument("-x", "--exitfirst", action="store_true",
                        help="stop at the first deviation")
    parser.add_argument("--pytest-arg", action="append", default=[], metavar="ARG",
                        help="pass ARG on to pytest (repeatable)")


def default_workers() -> int:
    """Twice the CPUs: most of a test's time is spent waiting (on children starting,
    on timeouts expiring), so one worker per CPU leaves the CPUs idle."""
    return 2 * (os.cpu_count() or 1)


def _selection(tests: list[str]) -> list[str]:
    selected = []
    for test in tests:
        test = test.replace(".py::", "::")
        if test.endswith(".py"):
            test = test[:-3]
        module, sep, rest = test.partition("::")
        module = module.replace("/", ".")
        if not module.startswith("conformance.suite."):
            module = module.rpartition("suite.")[2]
            if "." not in module:  # a module named without its section: find the section
                found = sorted(SUITE_DIR.glob(f"*/{module}.py"))
                if len(found) == 1:
                    module = f"{found[0].parent.name}.{module}"
            module = "conformance.suite." + module
        selected.append(module + sep + rest)
    return selected


def _with_stray_output_aside(run: Callable[[], int], json_path: str,
                             show: Callable[[int], bool]) -> int:
    """Run with file descriptor 2 sent to a file beside the results: what processes
    print outside any test (an implementation's feeder thread on a broken pipe, a
    crashed worker's fault dump) stays out of the person's terminal, but is kept.
    pytest's own output goes to stdout; its errors are shown when ``show(code)``."""
    log_path = json_path + ".stderr.txt"
    Path(log_path).parent.mkdir(parents=True, exist_ok=True)  # the results' directory
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log_path, "w+b") as log:
        os.dup2(log.fileno(), 2)
        try:
            code = run()
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        log.seek(0)
        stray = log.read().decode("utf-8", "replace")
    if stray.strip() and not show(code):
        print(f"({len(stray.splitlines())} line(s) that processes wrote to stderr outside "
              f"the tests are in {log_path})")
    else:
        sys.stderr.write(stray)
        os.unlink(log_path)
    return code


def _verdict(json_path: str, code: int) -> int:
    """The exit status the results say: 1 for a deviation that is not known or a known
    one that now passes, else 0 (pytest's own status counts, e.g., a leftover child
    after a known deviation a second time)."""
    try:
        document = results.load(json_path)
    except results.ResultsError:
        return code
    records = document["results"]
    if any(results.status(r) in results.DEVIATIONS or results.unexpected_pass(r)
           for r in records):
        return 1
    return 0


def _quiet(args: argparse.Namespace) -> list[str]:
    """pytest's output for a person: the progress line, no per-test tracebacks, no
    warnings section, no short summary; -v or --tb bring them back."""
    passed = " ".join(args.pytest_arg)
    if args.verbose:
        return ["-" + "v" * args.verbose] + (["--tb", args.tb] if args.tb else [])
    out = ["-q", "--disable-warnings"]
    if not args.tb and "--tb" not in passed:
        out += ["--tb", "no"]
    elif args.tb:
        out += ["--tb", args.tb]
    if " -r" not in f" {passed}":
        out += ["-r", "N"]
    return out


def pytest_args(args: argparse.Namespace, json_path: str) -> list[str]:
    command = shlex.join(["mp-conformance", *sys.argv[1:]]) if sys.argv and sys.argv[0] \
        else "mp-conformance run"
    argv = ["-c", str(SUITE_DIR / "pytest.ini"), "--rootdir", str(SUITE_DIR),
            *options.to_pytest_args(argparse.Namespace(**dict(
                vars(args), conformance_json=json_path))),
            "--conformance-command", command]
    workers = default_workers() if args.numprocesses is None else args.numprocesses
    if str(workers) != "0":
        argv += ["-n", str(workers)]
    else:
        argv += ["-p", "no:xdist"]
    if args.keyword:
        argv += ["-k", args.keyword]
    if args.junit:
        argv += ["--junitxml", args.junit]
    argv += _quiet(args)
    if args.exitfirst:
        argv += ["-x"]
    argv += list(args.pytest_arg)
    argv += ["--pyargs", *(_selection(args.tests) or ["conformance.suite"])]
    return argv


def execute(args: argparse.Namespace) -> int:
    import pytest

    args.impl = args.impl or _impl.DEFAULT
    try:
        module = _impl.load(args.impl)
    except _impl.ImplementationError as exc:
        raise UsageError(str(exc)) from None
    workers = args.numprocesses
    if workers is not None and workers not in ("auto", "logical") and not workers.isdigit():
        raise UsageError(f"-n takes a number of workers or 'auto', not {workers!r}")
    if args.mp_expect:
        from . import expectations

        try:
            expectations.load(args.mp_expect)
        except expectations.ExpectationsError as exc:
            raise UsageError(str(exc)) from None
    json_path = args.conformance_json or results.default_path(module.__name__)
    for path, what in ((json_path, "results JSON"), (args.html, "the HTML report"),
                       (args.junit, "JUnit XML")):
        if path:
            check_output(path, what)
    argv = pytest_args(args, json_path)
    if args.verbose:
        code = int(pytest.main(argv))
    else:
        code = _with_stray_output_aside(lambda: int(pytest.main(argv)), json_path,
                                        show=lambda c: c not in (0, 1, 5))
    if code == 5:
        print("mp-conformance run: error: no conformance test matched the selection",
              file=sys.stderr)
        return 2
    if code not in (0, 1):
        return 2
    if not args.exitfirst:
        code = _verdict(json_path, code)
    if args.html:
        from .report import commands as report_commands

        report_commands.render_files([json_path], args.html, markdown=None, expect=None,
                                     checked=True)
    return code
