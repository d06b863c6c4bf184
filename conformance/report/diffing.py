"""``mp-conformance diff A.json B.json``: the features whose verdict differs
between two runs (an implementation against the stdlib, one Python against
another, before and after a change), with both messages side by side.

Exit status 1 when a verdict differs, 0 when none does, 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import Any, Optional

from .. import results
from ..cli import UsageError
from ..vocabulary import START_METHODS, rank
from .model import Source

FORMATS = ("text", "markdown", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A.json", help="the first results file (e.g. the stdlib)")
    parser.add_argument("b", metavar="B.json", help="the second results file")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default, two columns), markdown, or json")
    parser.add_argument("--width", type=int, default=0, metavar="COLUMNS",
                        help="text width (default: the terminal's)")


@dataclass
class Verdict:
    outcome: str
    message: str
    tests: list[str]


@dataclass
class Difference:
    feature: str
    start_method: str | None
    a: Verdict | None
    b: Verdict | None

    def as_dict(self) -> dict[str, Any]:
        def side(v: Verdict | None) -> dict[str, Any] | None:
            return None if v is None else {"outcome": v.outcome, "message": v.message,
                                           "tests": v.tests}

        return {"feature": self.feature, "start_method": self.start_method,
                "a": side(self.a), "b": side(self.b)}


def verdicts(document: dict[str, Any]) -> dict[tuple[str, str | None], Verdict]:
    """(feature, start method) -> the worst outcome among its tests, and its message."""
    grouped: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for rec in document["results"]:
        grouped.setdefault((rec["feature"], rec.get("start_method")), []).append(rec)
    out = {}
    for key, recs in grouped.items():
        worst = max(recs, key=lambda r: rank(r["outcome"]))
        messages = [f"{r['test']}: {r['message']}" if len(recs) > 1 else r["message"]
                    for r in recs if r["outcome"] == worst["outcome"] and r.get("message")]
        out[key] = Verdict(worst["outcome"], "\n".join(messages),
                           sorted(r["test"] for r in recs))
    return out


Pair = tuple[str, Optional[str]]  # (feature, start method)


def compare(a: dict[str, Any], b: dict[str, Any]
            ) -> tuple[list[Difference], list[Pair], list[Pair]]:
    """Differences in verdict, and the (feature, method) pairs found in only one run."""
    va, vb = verdicts(a), verdicts(b)
    diffs = [Difference(k[0], k[1], va[k], vb[k]) for k in va.keys() & vb.keys()
             if va[k].outcome != vb[k].outcome]
    order = {m: i for i, m in enumerate(START_METHODS)}
    diffs.sort(key=lambda d: (d.feature, order.get(d.start_method or "", -1)))
    only_a = sorted(va.keys() - vb.keys(), key=lambda k: (k[0], k[1] or ""))
    only_b = sorted(vb.keys() - va.keys(), key=lambda k: (k[0], k[1] or ""))
    return diffs, only_a, only_b


def execute(args: argparse.Namespace) -> int:
    sources = []
    for path in (args.a, args.b):
        try:
            sources.append(Source(path, results.load(path)))
        except results.ResultsError as exc:
            raise UsageError(str(exc)) from None
    a, b = sources
    diffs, only_a, only_b = compare(a.document, b.document)
    if args.format == "json":
        json.dump({"a": {"path": a.path, "environment": a.describe()},
                   "b": {"path": b.path, "environment": b.describe()},
                   "differences": [d.as_dict() for d in diffs],
                   "only_in_a": [list(k) for k in only_a], "only_in_b": [list(k) for k in only_b]},
                  sys.stdout, indent=1)
        sys.stdout.write("\n")
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(a, b, diffs, only_a, only_b))
    else:
        width = args.width or shutil.get_terminal_size((120, 24)).columns
        sys.stdout.write(render_text(a, b, diffs, only_a, only_b, max(60, width)))
    return 1 if diffs else 0


def _method(m: str | None) -> str:
    return m or "any"


def render_text(a: Source, b: Source, diffs: list[Difference], only_a: list, only_b: list,
                width: int) -> str:
    lines = [f"A: {a.path} ({a.describe()})", f"B: {b.path} ({b.describe()})", ""]
    if not diffs:
        lines.append(f"No verdict differs ({_common(a, b)} feature/start-method pairs compared).")
    else:
        lines.append(f"{len(diffs)} verdict(s) differ:")
        half = (width - 3) // 2
        for d in diffs:
            lines.append("")
            lines.append(f"{d.feature} [{_method(d.start_method)}]")
            left = _side("A", d.a, half)
            right = _side("B", d.b, half)
            for i in range(max(len(left), len(right))):
                la = left[i] if i < len(left) else ""
                rb = right[i] if i < len(right) else ""
                lines.append(f"{la:<{half}} │ {rb}".rstrip())
    for label, only in (("A", only_a), ("B", only_b)):
        if only:
            shown = ", ".join(f"{f} [{_method(m)}]" for f, m in only[:5])
            more = f" and {len(only) - 5} more" if len(only) > 5 else ""
            lines.append("")
            lines.append(f"Only in {label} (not compared): {len(only)}: {shown}{more}")
    return "\n".join(lines) + "\n"


def _common(a: Source, b: Source) -> int:
    return len(verdicts(a.document).keys() & verdicts(b.document).keys())


def _side(label: str, v: Verdict | None, width: int, max_lines: int = 12) -> list[str]:
    if v is None:
        return [f"{label}: not run"]
    out = [f"{label}: {v.outcome}"]
    for paragraph in (v.message or "").splitlines():
        out.extend(textwrap.wrap(paragraph, width, replace_whitespace=False,
                                 drop_whitespace=True) or [""])
    if len(out) > max_lines:
        out = out[:max_lines - 1] + ["[...]"]
    return out


def render_markdown(a: Source, b: Source, diffs: list[Difference], only_a: list,
                    only_b: list) -> str:
    from .markdown import escape

    lines = [f"**A**: {escape(a.describe())} ({escape(a.path)})  ",
             f"**B**: {escape(b.describe())} ({escape(b.path)})", ""]
    if not diffs:
        lines.append("No verdict differs.")
    else:
        lines += [f"{len(diffs)} verdict(s) differ:", "",
                  "| feature | start method | A | B | A message | B message |",
                  "|---|---|---|---|---|---|"]
        for d in diffs:
            cells = [d.feature, _method(d.start_method),
                     d.a.outcome if d.a else "not run", d.b.outcome if d.b else "not run",
                     _first(d.a), _first(d.b)]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    if only_a or only_b:
        lines += ["", f"Not compared: {len(only_a)} only in A, {len(only_b)} only in B."]
    return "\n".join(lines) + "\n"


def _first(v: Verdict | None) -> str:
    if v is None or not v.message:
        return ""
    first = v.message.strip().splitlines()[0]
    return first if len(first) <= 120 else first[:119] + "…"
