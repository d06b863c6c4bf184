"""The Markdown summary for a CI job page ($GITHUB_STEP_SUMMARY): a score per
column and the deviations, grouped so that the list stays short."""

from __future__ import annotations

import re
from typing import Any

from . import model

DEVIATION_LINES = 30
MESSAGE_WIDTH = 120
_HEX = re.compile(r"0x[0-9a-fA-F]+|(?<=Process-)\d+(?::\d+)*")
_PROCESS_CLASS = re.compile(r"\b(?:Fork|Spawn|ForkServer)Process\b")
_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]|~#"})


def escape(text: Any) -> str:
    """Text safe in a Markdown table cell: no markup, no HTML, one line."""
    text = " ".join(str(text).split())
    text = text.translate(_ESCAPE)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, width: int = MESSAGE_WIDTH) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def render(report: model.Report, *, title: str, html_name: str = "") -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_templates())),
                             autoescape=False, finalize=_finalize, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    groups = deviation_groups(report)
    template = env.get_template("summary.md.j2")
    return template.render(r=report, title=title, html_name=html_name,
                           groups=groups[:DEVIATION_LINES],
                           more=max(0, len(groups) - DEVIATION_LINES),
                           deviating_cells=sum(len(g["cells"]) for g in groups),
                           features_text=features_text,
                           disagreements=model.first_seen_disagreements(report)[:10],
                           divergences=report.divergences[:DEVIATION_LINES],
                           Raw=Raw)


class Raw(str):
    """Markdown written by the template itself, not escaped by finalize."""


def _finalize(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return ""
    return escape(value)


def _templates():
    from .commands import TEMPLATES

    return TEMPLATES


def deviation_groups(report: model.Report) -> list[dict[str, Any]]:
    """Unexpected deviations, one group per feature, outcome and message (addresses
    ignored), listing where they occur: the same deviation on three Pythons is one line."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for detail in report.details:
        for cell in detail.cells:
            _add(groups, detail.feature, cell)
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for group in groups.values():
        group["where"] = _where(group["cells"])
        # The same message in the same places for several features (a missing
        # module, say) is one line too.
        key = (group["outcome"], group["key_message"], group["where"])
        if key in merged:
            merged[key]["features"].append(group["feature"])
            merged[key]["cells"].extend(group["cells"])
        else:
            merged[key] = dict(group, features=[group["feature"]])
    return list(merged.values())


def features_text(features: list[model.Feature], shown: int = 3) -> str:
    names = [f.id for f in features[:shown]]
    more = len(features) - shown
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _add(groups: dict[tuple[str, str, str], dict[str, Any]], feature: model.Feature,
         cell: model.Cell) -> None:
    if cell.outcome == "expected-fail":
        return
    message = _HEX.sub("…", cell.first_message)
    key_message = _PROCESS_CLASS.sub("Process", message)
    key = (feature.id, cell.outcome, key_message)
    group = groups.setdefault(key, {"feature": feature, "outcome": cell.outcome,
                                    "message": _clip(message), "key_message": key_message,
                                    "cells": []})
    group["cells"].append(cell)


def _where(cells: list[model.Cell]) -> str:
    """'billiard 3.11 linux, 3.13 linux (fork, spawn)': columns, then start methods."""
    by_impl: dict[str, list[str]] = {}
    methods: list[str] = []
    for cell in cells:
        labels = by_impl.setdefault(cell.column.impl, [])
        if cell.column.label not in labels:
            labels.append(cell.column.label)
        if cell.method and cell.method not in methods:
            methods.append(cell.method)
    text = "; ".join(f"{impl} {', '.join(labels)}" for impl, labels in by_impl.items())
    return text + (f" ({', '.join(methods)})" if methods else "")
