"""The specificity check: a broken implementation deviates where it says, and nowhere else.

tests/test_broken.py runs only the features a broken module's ``CATCHES``
names, so it proves the suite notices the one bug; this check runs the WHOLE
suite against each broken implementation and fails on any other feature that
deviates: either the bug leaks into tests that should not depend on it (the
module is not "one plausible bug"), or a test reports the wrong thing.  A
feature that deviates on the stdlib too (one stdlib run made first, on this
Python) is not the broken module's fault and is left out.  An extra deviation
is confirmed by a second run of those features alone; one that does not
reproduce is printed as not reproduced (timing under load), not counted.

    python -m tests.specificity                # a sample of 5, rotating by the day
    python -m tests.specificity --sample 10 --seed "$GITHUB_SHA"
    python -m tests.specificity --all          # every module (about an hour on 2 CPUs)
    python -m tests.specificity 'queue_*' pool_map_drops_last_chunk

It is the nox session ``specificity`` (``nox -s specificity -- --all``), not
part of ``nox -s tests``.  Exit 0 when every module chosen is specific, 1 when
one is not (each extra deviation named: module, feature, start method,
outcome), 2 for bad arguments or a run that could not be made.
"""

from __future__ import annotations

import argparse
import datetime
import fnmatch
import random
import sys
import time
from pathlib import Path

from conformance.coverage import Proof, ProofError, read_proofs
from conformance.results import DEVIATIONS

from .conftest import TESTS_DIR, Run, cli

BROKEN_DIR = TESTS_DIR / "broken"
DEFAULT_SAMPLE = 5

Key = tuple[str, "str | None"]  # (feature, start method)


def run(impl: str, out: Path, features: tuple[str, ...] = (), workers: str | None = None) -> Run:
    """One `mp-conformance run` of the implementation (every feature unless given)."""
    args = ["run", "--impl", impl, "--json", str(out)]
    if workers:
        args += ["-n", workers]
    for feature in features:
        args += ["--feature", feature]
    proc = cli(*args, timeout=1800)
    result = Run(proc.returncode, proc.stdout, proc.stderr, out)
    if proc.returncode not in (0, 1) or not out.is_file():
        raise RunFailed(f"`mp-conformance {' '.join(args)}` exited {proc.returncode} "
                        f"without results:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return result


class RunFailed(Exception):
    pass


def deviations(result: Run) -> dict[Key, str]:
    return {key: outcome for key, outcome in result.outcomes().items() if outcome in DEVIATIONS}


def declared(proof: Proof, key: Key) -> bool:
    """Whether a deviating (feature, method) is one the module says it causes.  A
    declared feature deviating under a start method outside START_METHODS is
    still the declared bug."""
    return any(fnmatch.fnmatchcase(key[0], item) for item in proof.catches)


def choose(proofs: list[Proof], args: argparse.Namespace) -> list[Proof]:
    if args.names:
        return [p for p in proofs if any(fnmatch.fnmatchcase(p.module, n) for n in args.names)]
    if args.all:
        return proofs
    # A sample that rotates: the same on one day (or for one seed, e.g. a commit), another
    # the next, so that successive CI runs cover the whole set.
    seed = args.seed or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    sample = random.Random(seed).sample(proofs, min(args.sample, len(proofs)))
    print(f"sample of {len(sample)} of {len(proofs)} (seed {seed!r}; --all for every one)")
    return sorted(sample, key=lambda p: p.module)


def check(proof: Proof, baseline: dict[Key, str], tmp: Path,
          workers: str | None) -> tuple[list[str], list[str]]:
    """(failures, notes) of one broken implementation."""
    impl = f"broken.{proof.module}"
    result = run(impl, tmp / f"{proof.module}.json", workers=workers)
    seen = deviations(result)
    extra = {k: v for k, v in seen.items() if not declared(proof, k) and k not in baseline}
    failures, notes = [], []
    if extra:  # confirmed by a second run of those features alone
        again = deviations(run(impl, tmp / f"{proof.module}-again.json",
                               features=tuple(sorted({f for f, _ in extra})), workers=workers))
        for key in sorted(extra, key=str):
            feature, method = key
            where = f"{feature} under {method or 'any method'}"
            if key in again:
                failures.append(f"{proof.module}: {where} is {extra[key]} "
                                f"(then {again[key]}), not in its CATCHES")
            else:
                notes.append(f"{proof.module}: {where} was {extra[key]} once, "
                             "not reproduced alone")
    methods = proof.start_methods
    outcomes = result.outcomes()
    for item in proof.catches:
        hits = {k for k in outcomes if fnmatch.fnmatchcase(k[0], item)
                and (methods is None or k[1] is None or k[1] in methods)}
        if not hits:
            failures.append(f"{proof.module}: CATCHES names {item}, which no test ran")
        elif not any(k in seen for k in hits):
            failures.append(f"{proof.module}: {item} did not deviate: the bug went unnoticed "
                            "in the full run")
    return failures, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.specificity", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="broken implementations to check (module names or globs)")
    parser.add_argument("--all", action="store_true", help="check every broken implementation")
    parser.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, metavar="N",
                        help=f"check N of them, chosen by --seed (default {DEFAULT_SAMPLE})")
    parser.add_argument("--seed", help="what chooses the sample (default: today's UTC date)")
    parser.add_argument("-n", "--workers", metavar="N",
                        help="`mp-conformance run -n` (default: run's own)")
    parser.add_argument("--proofs", default=str(BROKEN_DIR), help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help="where the results files go (default: a "
                        "temporary directory, removed at the end)")
    args = parser.parse_args(argv)
    if args.sample < 1:
        parser.error(f"--sample must be at least 1, not {args.sample}")
    try:
        proofs = read_proofs(args.proofs)
    except ProofError as exc:
        parser.error(str(exc))
    unknown = [n for n in args.names if not any(fnmatch.fnmatchcase(p.module, n) for p in proofs)]
    if unknown:
        parser.error(f"no broken implementation in {args.proofs} named {', '.join(unknown)}")
    version = sys.version_info[:3]
    chosen = choose(proofs, args)
    skipped = [p.module for p in chosen if not p.applies_to(version)]
    chosen = [p for p in chosen if p.applies_to(version)]
    if skipped:
        print(f"not on Python {'.'.join(map(str, version))} "
              f"(MIN_PYTHON/BEFORE_PYTHON): {', '.join(skipped)}")
    if args.tmp:
        args.tmp.mkdir(parents=True, exist_ok=True)
        return _check_all(chosen, args.tmp, args.workers)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="specificity-") as tmp:
        return _check_all(chosen, Path(tmp), args.workers)


def _check_all(chosen: list[Proof], tmp: Path, workers: str | None) -> int:
    started = time.perf_counter()
    try:
        baseline = deviations(run("multiprocessing", tmp / "stdlib.json", workers=workers))
    except RunFailed as exc:
        print(f"specificity: error: the stdlib run: {exc}", file=sys.stderr)
        return 2
    print(f"stdlib: {len(baseline)} deviating (feature, method) cells "
          f"({time.perf_counter() - started:.0f} s)"
          + "".join(f"\n  {f} under {m or 'any method'}: {o}" for (f, m), o in baseline.items()),
          flush=True)
    failures: list[str] = []
    notes: list[str] = []
    for proof in chosen:
        t0 = time.perf_counter()
        try:
            bad, note = check(proof, baseline, tmp, workers)
        except RunFailed as exc:
            bad, note = [f"{proof.module}: {exc}"], []
        failures += bad
        notes += note
        print(f"{proof.module}: {'NOT SPECIFIC' if bad else 'ok'} "
              f"({time.perf_counter() - t0:.0f} s)"
              + "".join(f"\n  {line}" for line in bad + note), flush=True)
    print(f"\n{len(chosen)} broken implementations checked in "
          f"{time.perf_counter() - started:.0f} s: {len(failures)} failures, "
          f"{len(notes)} deviations not reproduced")
    for line in failures:
        print(f"  FAIL {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
