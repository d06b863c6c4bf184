"""``mp-conformance report``: results files merged into one HTML compatibility
table, and a Markdown summary for CI job pages."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__, results
from ..cli import UsageError, check_output
from ..vocabulary import METHOD_ABBR, NOT_RUN, OUTCOME, Outcome
from . import markdown as _markdown
from . import model

TEMPLATES = Path(__file__).with_name("templates")
DEFAULT_OUTPUT = os.path.join("reports", "index.html")
# Outcome name (None: not run) -> its symbol, CSS class and label, as the template reads them.
_ALL: dict[str | None, Outcome] = {name: o for name, o in OUTCOME.items()}
_ALL[None] = NOT_RUN
SYMBOL = {name: o.symbol for name, o in _ALL.items()}
CSS_CLASS = {name: o.css for name, o in _ALL.items()}
LABEL = {name: o.label for name, o in _ALL.items()}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="RESULTS",
                        help="results JSON files written by 'mp-conformance run', or "
                             "directories of them; runs of the same environment keep the newer")
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="PATH",
                        help=f"where to write the HTML report (default: {DEFAULT_OUTPUT})")
    parser.add_argument("--markdown", metavar="PATH",
                        help="also write a short Markdown summary (scores and deviations), e.g. "
                             "$GITHUB_STEP_SUMMARY; '-' prints it")
    parser.add_argument("--expect", metavar="FILE",
                        help="TOML file of known deviations to apply to the results (see "
                             "reports/README.md)")
    parser.add_argument("--title", default="multiprocessing conformance",
                        help="the report's title")


def execute(args: argparse.Namespace) -> int:
    paths = expand_inputs(args.inputs)
    report = render_files(paths, args.output, markdown=args.markdown, expect=args.expect,
                          title=args.title)
    print(f"report: {len(report.columns)} environment(s), "
          f"{sum(1 for _ in report.features)} feature(s) -> {args.output}", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    paths: list[str] = []
    for item in inputs:
        if os.path.isdir(item):
            found = sorted(str(p) for p in Path(item).glob("*.json"))
            if not found:
                raise UsageError(f"{item}: a directory without results files (*.json)")
            paths.extend(found)
        else:
            paths.append(item)
    return paths


def load(paths: Sequence[str], expect: str | None = None) -> model.Report:
    """Read, check and merge results files into the table; UsageError for bad input."""
    if not paths:
        raise UsageError("no results files given")
    try:
        sources = model.load_sources(paths)
    except results.ResultsError as exc:
        raise UsageError(str(exc)) from None
    if expect:
        from .. import expectations

        try:
            expected = expectations.load(expect)
        except expectations.ExpectationsError as exc:
            raise UsageError(str(exc)) from None
        for src in sources:
            src.document = expected.apply(src.document)
    kept, notes = model.dedupe(sources)
    return model.build(kept, notes)


def render_files(paths: Sequence[str], output: str, markdown: str | None = None,
                 expect: str | None = None, title: str = "multiprocessing conformance",
                 checked: bool = False) -> model.Report:
    """Merge results files and write the HTML report (and Markdown): all or nothing.
    ``checked``: the caller has already checked the output paths."""
    for path, what in ((output, "HTML report"), (markdown, "Markdown summary")):
        if path and path != "-" and not checked:
            check_output(path, what, paths)
    report = load(paths, expect)
    generated = results.now()
    html = render_html(report, title=title, generated=generated)
    md = _markdown.render(report, title=title, html_name=os.path.basename(output)) \
        if markdown else None
    write_text(output, html)
    if markdown and md is not None:
        if markdown == "-":
            sys.stdout.write(md)
        else:
            write_text(markdown, md)
    return report


def write_text(path: str, text: str) -> None:
    """Write so that the path holds either its old content or the whole new text."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------- HTML

def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["duration"] = format_duration
    env.filters["when"] = format_when
    return env


def format_duration(seconds: Any) -> str:
    if not isinstance(seconds, (int, float)):
        return ""
    if seconds < 0.001:
        return "<1 ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def format_when(stamp: str | None) -> str:
    if not stamp:
        return "unknown"
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def render_html(report: model.Report, *, title: str, generated: str) -> str:
    template = environment().get_template("report.html.j2")
    return template.render(view=View(report), r=report, title=title, generated=generated,
                           version=__version__)


class View:
    """What the template needs beyond the model: layout numbers, labels, the data blob."""

    def __init__(self, report: model.Report):
        self.r = report
        self.nm = max(1, len(report.methods))
        self.nfs = len(report.first_seen_impls)
        self.lead = 2 + self.nfs  # cells before the first column in a feature row
        self.symbol = SYMBOL
        self.css = CSS_CLASS
        self.label = LABEL
        self.legend = [(name, o.symbol, o.css, o.label, o.legend)
                       for name, o in (*OUTCOME.items(), (None, NOT_RUN))]
        self.method_abbr = METHOD_ABBR
        self.total_columns = self.lead + len(report.columns) * self.nm
        self.feature_count = sum(1 for _ in report.features)

    # Column widths in pixels (table-layout: fixed; the CSS col.* rules say the same).
    FEATURE_WIDTH, ADDED_WIDTH, FIRST_SEEN_WIDTH, CELL_WIDTH = 400, 44, 92, 24

    @property
    def width(self) -> int:
        return (self.FEATURE_WIDTH + self.ADDED_WIDTH + self.FIRST_SEEN_WIDTH * self.nfs
                + sum(self.cell_width(c) * self.nm for c in self.r.columns))

    def cell_width(self, column: model.Column) -> int:
        """A sub-cell's width: CELL_WIDTH, or wider where an implementation has too
        few columns for its name (and version) to fit above them."""
        return self._cell_widths()[column.impl]

    def _cell_widths(self) -> dict[str, int]:
        if not hasattr(self, "_widths"):
            self._widths = {}
            for group in self.impl_groups():
                # Rough text widths: 12px bold for the name, 11px for the version.
                needed = max(len(group["impl"]) * 8, len(group["version"]) * 7) + 14
                per_cell = -(-needed // (group["count"] * self.nm))
                self._widths[group["impl"]] = max(self.CELL_WIDTH, per_cell)
        return self._widths

    BLOCK_ROWS = 24

    def blocks(self, section: model.SectionGroup) -> list[list[model.EntryGroup]]:
        """A section's entries cut into blocks of about BLOCK_ROWS features, each
        its own table that the browser lays out only when it is near the screen
        (content-visibility: auto): a full matrix has ~100,000 cells."""
        blocks: list[list[model.EntryGroup]] = [[]]
        rows = 0
        for entry in section.entries:
            if rows >= self.BLOCK_ROWS:
                blocks.append([])
                rows = 0
            blocks[-1].append(entry)
            rows += len(entry.features)
        return blocks

    @staticmethod
    def block_height(entries: list[model.EntryGroup], first: bool) -> int:
        """An estimate of a block's height, so that the scroll bar is right
        before the browser has laid it out."""
        return (30 if first else 0) + sum(24 + 20 * len(e.features) for e in entries)

    def impl_groups(self) -> list[dict[str, Any]]:
        groups = []
        for impl in self.r.impls:
            cols = [c for c in self.r.columns if c.impl == impl]
            versions = sorted({c.source.impl_version for c in cols}, key=model.version_key)
            groups.append({"impl": impl, "span": len(cols) * self.nm, "count": len(cols),
                           "version": versions[0] if len(versions) == 1 else "",
                           "first": cols[0].index, "last": cols[-1].index})
        return groups

    def impl_boundaries(self) -> list[int]:
        """Column indexes that start a new implementation (for the thicker rules)."""
        return [g["first"] for g in self.impl_groups()][1:]

    def runs_summary(self) -> str:
        cols = self.r.columns
        pythons = sorted({model.minor(c.source.python) for c in cols}, key=model.version_key)
        oses = sorted({c.source.os for c in cols})
        py = pythons[0] if len(pythons) == 1 else f"{pythons[0]}–{pythons[-1]}" if pythons else ""
        return (f"{len(cols)} run(s): {', '.join(self.r.impls)} on Python {py}, "
                f"{', '.join(oses)}")

    def cells_html(self, feature: model.Feature) -> Any:
        """A feature row's result cells.  Built here rather than in a template loop
        because a full matrix has ~100,000 of them; every text goes through
        Markup.format, which escapes it."""
        from markupsafe import Markup

        # Short forms (unquoted class, no </td>: valid HTML) for the common cells.  A
        # pass cell's check mark is its CSS background, not text: ~100,000 text nodes
        # would double the time a browser takes to open a full matrix.
        span = "" if feature.per_method else f" colspan={self.nm}"
        plain = {"pass": f"<td class=op{span}>", None: f"<td class=o_{span}>"}
        linked = Markup('<td class="{}"' + span + '><a href="#d{}" title="{}">{}</a></td>')
        na = Markup('<td class="on"' + span + ' title="{}">–</td>')
        out = []
        for cell in feature.cells:
            if cell is None:
                out.append(plain[None])
            elif cell.detail is not None:
                out.append(linked.format(CSS_CLASS[cell.outcome], cell.detail,
                                         self.cell_title(cell), SYMBOL[cell.outcome]))
            elif cell.outcome == "n/a":
                out.append(na.format(self.cell_title(cell)))
            else:
                out.append(plain["pass"])
        return Markup("".join(out))

    def cell_title(self, cell: model.Cell) -> str:
        text = f"{LABEL[cell.outcome]}: {cell.first_message}" if cell.first_message \
            else LABEL[cell.outcome]
        return text if len(text) <= 200 else text[:199] + "…"

    def data(self) -> str:
        """The data blob for the script: column facts and per-cell durations (ms)."""
        columns = [{"impl": c.impl, "label": c.label, "python": _python_text(c.source),
                    "os": c.source.os, "version": c.source.impl_version} for c in self.r.columns]
        durations = []
        for feature in self.r.features:
            durations.append([None if c is None else int(c.duration * 1000 + 0.5)
                              for c in feature.cells])
        blob = {"columns": columns, "methods": self.r.methods, "lead": self.lead,
                "nfs": self.nfs, "durations": durations}
        # Safe inside <script type="application/json">: no "<" can close the element.
        return (json.dumps(blob, separators=(",", ":"))
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _python_text(source: model.Source) -> str:
    """The Python as the cell details say it: "3.11.7", "3.9.16 (PyPy 7.3.11)"."""
    if source.python_impl == "CPython":
        return source.python
    own = source.python_impl
    if source.python_impl_version and source.python_impl_version != source.python:
        own += " " + source.python_impl_version
    return f"{source.python} ({own})"
