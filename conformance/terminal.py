"""The summary a run prints last: what was tested, counts per start method, the
deviations grouped by cause (one reproduce command each), start-method
divergences, and where the results went.  Built from the results document, as
the report is; tracebacks stay in the results file."""

from __future__ import annotations

import shlex
from typing import Any

from . import results
from .vocabulary import DEVIATIONS, START_METHODS

GROUPS_SHOWN = 20
LINES_SHOWN = 10
WIDTH = 100
NO_PROCESS = "no process"  # the row of behaviours that run once, starting no process


def _clip(text: str, width: int = WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def title(document: dict[str, Any]) -> str:
    env = document["environment"]
    impl, python = env["implementation"], env["python"]
    return " ".join(f"{impl.get('name')} {impl.get('version') or ''} on "
                    f"{python.get('implementation')} {python.get('version')}, "
                    f"{env['os'].get('name')}".split())


def counts_table(records: list[dict[str, Any]]) -> list[str]:
    rows: dict[str, dict[str, int]] = {}
    for rec in records:
        row = rows.setdefault(rec.get("start_method") or NO_PROCESS,
                              {"pass": 0, "deviate": 0, "known": 0, "n/a": 0})
        status = results.status(rec)
        key = {"pass": "pass", "n/a": "n/a", results.KNOWN: "known"}.get(status, "deviate")
        row[key] += 1
    order = [*START_METHODS, NO_PROCESS]
    show_known = any(row["known"] for row in rows.values())
    head = f"{'start method':<14}{'pass':>7}{'deviate':>9}" + \
        (f"{'known':>7}" if show_known else "") + f"{'n/a':>6}"
    out = [head]
    for name in sorted(rows, key=lambda n: order.index(n) if n in order else len(order)):
        row = rows[name]
        out.append(f"{name:<14}{row['pass']:>7}{row['deviate']:>9}"
                   + (f"{row['known']:>7}" if show_known else "") + f"{row['n/a']:>6}")
    return out


def lines(document: dict[str, Any], *, json_path: str | None = None) -> list[str]:
    """The summary of one run, line by line."""
    from .report import markdown, model

    records = document["results"]
    report = model.build([model.Source(json_path or "", document)])
    out = counts_table(records)
    groups = markdown.deviation_groups(report)
    deviating = [r for r in records if results.status(r) in DEVIATIONS]
    if groups:
        out += ["", f"{len(deviating)} deviation(s), {len(groups)} group(s) by cause "
                    "(feature, outcome and message):"]
        for group in groups[:GROUPS_SHOWN]:
            methods = sorted({c.method for c in group["cells"] if c.method},
                             key=START_METHODS.index)
            where = f"  [{', '.join(methods)}]" if methods else ""
            out.append(f"  {group['outcome']:<8} "
                       f"{_clip(markdown.features_text(group['features'], 2), 80)}{where}")
            if group["message"]:
                out.append(f"           {_clip(group['message'], WIDTH - 11)}")
            out.append(f"           $ {_repro(group['cells'][0])}")
        if len(groups) > GROUPS_SHOWN:
            out.append(f"  ... and {len(groups) - GROUPS_SHOWN} more group(s): see the results "
                       "file or `mp-conformance report`")
    stale = [r for r in records if results.unexpected_pass(r)]
    if stale:
        out += ["", f"{len(stale)} listed as expected deviations now pass (update the "
                    "expectations file: mp-conformance expect --prune):"]
        for rec in stale[:LINES_SHOWN]:
            out.append(f"  {rec['test']}: {_clip(rec['expected'].get('reason', ''), 60)}")
        if len(stale) > LINES_SHOWN:
            out.append(f"  ... and {len(stale) - LINES_SHOWN} more")
    known = sum(1 for r in records if results.status(r) == results.KNOWN)
    if known:
        out += ["", f"{known} known deviation(s) matched the expectations file (not listed)."]
    divergences = report.divergences
    if divergences:
        out += ["", "Verdict differs between start methods:"]
        for d in divergences[:LINES_SHOWN]:
            pattern = ", ".join(f"{m} {o}" for m, o in d.outcomes.items())
            out.append(f"  {_clip(d.feature.id, 70)}: {pattern}")
        if len(divergences) > LINES_SHOWN:
            out.append(f"  ... and {len(divergences) - LINES_SHOWN} more")
    if json_path:
        out += ["", f"Results (every message and traceback): {json_path}",
                f"HTML report: mp-conformance report {shlex.quote(json_path)} -o report.html"]
    return out


def _repro(cell: Any) -> str:
    for rec in cell.records:
        if rec["outcome"] != "pass" and rec.get("repro"):
            return str(rec["repro"])
    return str(cell.records[0].get("repro", ""))
