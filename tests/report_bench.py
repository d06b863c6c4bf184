"""Benchmark of the report at the scale of a full matrix.

    python -m tests.report_bench [--files 60] [--features 600] [--keep DIR]

Writes synthetic results files shaped like the suite's (features taken from
the catalog, several tests per feature, three start methods, deviations at
the rates real implementations show, messages of realistic length), one per
implementation x Python x OS, then times ``render_files`` on all of them and,
when Chromium is installed, how long the browser takes to open the page
(navigation to the load event plus two frames).  Goals: render under 2 s,
open under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from conformance import catalog, results
from conformance.vocabulary import START_METHODS

from .factories import OSES, make_document, make_record

IMPLS = (("multiprocessing", 0.005), ("multiprocess", 0.02), ("billiard", 0.12))
PYTHONS = ("3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0")
METHODS = START_METHODS

MESSAGES = (
    "AssertionError: assert 1 == 0\n"
    " +  where 1 = <SpawnProcess(SpawnProcess-14, stopped[1])>.exitcode",
    "AssertionError: expected ValueError from a closed process, got <class 'AssertionError'> & "
    "nothing else <None>",
    "unexpected exception: TypeError: argument must be an int, or have a fileno() method.",
    "the test did not finish within its 60.0 s backstop",
    "AssertionError: the queue returned items out of order\nassert [1, 3, 2] == [1, 2, 3]\n"
    "  At index 1 diff: 3 != 2\n  Full diff:\n  - [1, 2, 3]\n  + [1, 3, 2]\n" + "  ..." * 40,
)


def features(count: int) -> list[tuple[catalog.Entry, str]]:
    entries = list(catalog.entries().values())
    out = []
    i = 0
    while len(out) < count:
        entry = entries[i % len(entries)]
        out.append((entry, f"behaviour-{i // len(entries) + 1}"))
        i += 1
    return out


def synthesize(directory: Path, files: int, feature_count: int, seed: int = 4) -> list[str]:
    """Deviations as real ones are: systematic (the same feature deviates the same
    way on most Pythons and OSes of an implementation), plus rare one-off noise."""
    rng = random.Random(seed)
    feats = features(feature_count)
    deviating = {impl: {i: (rng.choice(("fail", "fail", "fail", "missing", "error", "timeout")),
                            rng.choice(MESSAGES), rng.random() < 0.3)
                        for i in range(len(feats)) if rng.random() < rate}
                 for impl, rate in IMPLS}
    combos = [(impl, py, os_) for impl, _ in IMPLS for py in PYTHONS for os_ in OSES]
    paths = []
    for n in range(files):
        impl, python, (os_name, platform, system) = combos[n % len(combos)]
        methods = ["spawn"] if os_name == "windows" else list(METHODS)
        recs = []
        for i, (entry, behaviour) in enumerate(feats):
            fid = f"{entry.name}::{behaviour}"
            per_method = i % 7 != 0
            params = (1, 1, 2, 1, 3)[i % 5]
            known = deviating[impl].get(i)
            here = known is not None and rng.random() < 0.85
            for method in (methods if per_method else [None]):
                for p in range(params):
                    outcome, message = "pass", ""
                    if here and (not known[2] or method == "fork") and p == 0:
                        outcome, message = known[0], known[1]
                    elif rng.random() < 0.001:
                        outcome, message = "timeout", MESSAGES[3]
                    elif i % 50 == 3:
                        outcome, message = "n/a", "POSIX only"
                    test = f"test_{entry.section}::test_{behaviour.replace('-', '_')}"
                    suffix = "-".join(x for x in (method, str(p) if params > 1 else "") if x)
                    test += f"[{suffix}]" if suffix else ""
                    recs.append(make_record(fid, test, outcome, message, method, impl=impl,
                                            duration=round(rng.random() * 0.3, 4)))
        finished = results.now()
        if n >= len(combos):  # more files than environments: re-runs of the same ones
            finished = f"2030-01-01T00:00:{n % 60:02d}+00:00"
        doc = make_document(impl, "1.0", python, os_name, recs, methods=methods,
                            finished=finished)
        path = directory / f"{impl}-{python}-{os_name}-{n}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(str(path))
    return paths


def time_browser(html: str) -> float | None:
    from .browser import Browser, find_chromium

    if not find_chromium():
        return None
    with Browser() as browser:
        page = browser.open("about:blank")
        seconds = page.navigate(Path(html).resolve().as_uri())
        errors = page.errors()
        if errors:
            raise SystemExit(f"script errors in the benchmark report: {errors}")
        return seconds


def _figures(times: list[float]) -> str:
    best = min(times)
    if len(times) == 1:
        return f"{best:.2f} s"
    return f"{best:.2f} s best, {statistics.median(times):.2f} s median of {len(times)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.report_bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--features", type=int, default=600)
    parser.add_argument("--keep", metavar="DIR",
                        help="write the files and report here and keep them")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time each step this many times; the best and the median are "
                             "shown (a shared machine is noisy)")
    args = parser.parse_args(argv)
    from conformance.report.commands import render_files

    directory = Path(args.keep or tempfile.mkdtemp(prefix="mp-conformance-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        paths = synthesize(directory, args.files, args.features)
        size = sum(os.path.getsize(p) for p in paths)
        html = str(directory / "index.html")
        renders, cpu = [], []
        for _ in range(max(1, args.repeat)):
            start, start_cpu = time.perf_counter(), time.process_time()
            report = render_files(paths, html, markdown=str(directory / "summary.md"))
            renders.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        cells = sum(1 for f in report.features for c in f.cells if c is not None)
        print(f"inputs: {len(paths)} files, {size / 1e6:.1f} MB, {len(report.columns)} columns, "
              f"{sum(1 for _ in report.features)} features, {cells} cells, "
              f"{len(report.details)} deviation details")
        print(f"render: {_figures(renders)} (goal < 2 s); CPU {min(cpu):.2f} s; "
              f"HTML {os.path.getsize(html) / 1e6:.1f} MB")
        if not args.no_browser:
            opened = [time_browser(html) for _ in range(max(1, args.repeat))]
            if opened[0] is None:
                print("browser: skipped (no chromium)")
            else:
                print(f"browser open: {_figures(opened)} (goal < 1 s)")
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
