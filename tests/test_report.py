"""``mp-conformance report``: merging results files into the HTML table and the
Markdown summary, from results documents shaped like the plugin's."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conformance import cli
from conformance.report import commands, markdown, model
from tests.factories import make_document, make_record

F_EXIT = "Process.exitcode::normal-return-is-zero"
F_KILL = "Process.kill::exitcode-is-minus-sigkill"  # added in 3.7
F_NAME = "current_process::main-process-name"
NASTY = "AssertionError: assert <Foo & 'bar'> == \"</script><script>alert(1)</script>\" | `x`"


def write(path: Path, document: dict) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def per_method(feature: str, outcomes: dict[str, str], impl: str = "multiprocessing",
               message: str = "AssertionError: assert 1 == 0") -> list[dict]:
    name = "test_" + feature.split("::")[1].replace("-", "_")
    return [make_record(feature, f"test_process::{name}[{m}]", o,
                        "" if o == "pass" else message, m, impl=impl)
            for m, o in outcomes.items()]


ALL_PASS = {"fork": "pass", "spawn": "pass", "forkserver": "pass"}


def stdlib_doc(python: str = "3.11.7", os_name: str = "linux", **kw) -> dict:
    recs = (per_method(F_EXIT, ALL_PASS) + per_method(F_KILL, ALL_PASS)
            + [make_record(F_NAME, "test_process::test_current_process_main_process_name")])
    return make_document("multiprocessing", f"stdlib {python}", python, os_name, recs, **kw)


def other_doc(python: str = "3.11.7", os_name: str = "linux", impl: str = "billiard",
              exit_outcomes: dict | None = None, kill: str = "missing", message: str = NASTY,
              **kw) -> dict:
    recs = (per_method(F_EXIT, exit_outcomes or {"fork": "fail", "spawn": "pass",
                                                  "forkserver": "error"}, impl, message)
            + per_method(F_KILL, dict.fromkeys(ALL_PASS, kill), impl,
                         f"{impl} has no Process.kill")
            + [make_record(F_NAME, "test_process::test_current_process_main_process_name",
                           impl=impl)])
    return make_document(impl, "4.3.2", python, os_name, recs, **kw)


def report_for(tmp_path: Path, *docs: dict) -> model.Report:
    paths = [write(tmp_path / f"r{i}.json", d) for i, d in enumerate(docs)]
    return commands.load(paths)


class Cells(HTMLParser):
    """The table's feature rows: row id -> list of (class, text, href) per result cell."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, list[list]] = {}
        self.ids: set[str] = set()
        self._row = None
        self._cell = None
        self._cells_seen = 0
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "tr" and "fr" in (a.get("class") or "").split():
            self._row = self.rows.setdefault(a["id"], [])
            self._cells_seen = 0
        elif tag == "td" and self._row is not None:
            self._cells_seen += 1
            self._cell = [a.get("class"), "", None, a.get("colspan"), a.get("title")]
            self._row.append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell[2] = a.get("href")
            self._cell[4] = self._cell[4] or a.get("title")
        elif tag == "script":
            self.scripts.append(a)

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
            self._cell = None
        elif tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data


def parse(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


# --------------------------------------------------------------------------- model


def test_columns_are_sorted_reference_first_then_python_versions(tmp_path):
    report = report_for(tmp_path, other_doc("3.12.1"), stdlib_doc("3.12.1"), other_doc("3.9.18"),
                        stdlib_doc("3.9.18"))
    assert [(c.impl, c.source.python) for c in report.columns] == [
        ("multiprocessing", "3.9.18"), ("multiprocessing", "3.12.1"),
        ("billiard", "3.9.18"), ("billiard", "3.12.1")]
    assert report.methods == ["fork", "spawn", "forkserver"]
    assert [c.label for c in report.columns] == ["3.9.18 linux", "3.12.1 linux"] * 2


def test_os_shows_in_labels_only_when_it_varies(tmp_path):
    report = report_for(tmp_path, stdlib_doc("3.11.7", "linux"), stdlib_doc("3.11.7", "macos"))
    assert [c.label for c in report.columns] == ["3.11.7 linux", "3.11.7 macos"]


def test_same_environment_twice_keeps_the_newer_and_says_so(tmp_path, capsys):
    old = other_doc(finished="2026-01-01T10:00:00+00:00",
                    exit_outcomes={"fork": "fail", "spawn": "fail", "forkserver": "fail"})
    new = other_doc(finished="2026-02-01T10:00:00+00:00", exit_outcomes=ALL_PASS)
    # The newer file comes first on the command line: order must not matter.
    paths = [write(tmp_path / "new.json", new), write(tmp_path / "old.json", old)]
    out = tmp_path / "index.html"
    assert cli.main(["report", *paths, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "same environment" in err and "kept" in err and str(tmp_path / "new.json") in err
    report = commands.load(paths)
    assert len(report.columns) == 1 and report.columns[0].source.path.endswith("new.json")
    exit_row = next(f for f in report.features if f.id == F_EXIT)
    assert [c.outcome for c in exit_row.cells] == ["pass"] * 3
    assert "same environment" in out.read_text()


def test_worst_outcome_of_a_cells_tests_shows(tmp_path):
    recs = [make_record(F_EXIT, "test_process::t[fork-1]", "pass", "", "fork"),
            make_record(F_EXIT, "test_process::t[fork-2]", "fail", "boom", "fork"),
            make_record(F_EXIT, "test_process::t[spawn-1]", "pass", "", "spawn"),
            make_record(F_EXIT, "test_process::t[spawn-2]", "n/a", "POSIX only", "spawn"),
            make_record(F_EXIT, "test_process::t[forkserver-1]", "n/a", "why", "forkserver")]
    report = report_for(tmp_path, make_document("billiard", "1", "3.11.7", "linux", recs))
    (row,) = list(report.features)
    assert [c.outcome for c in row.cells] == ["fail", "pass", "n/a"]
    assert len(row.cells[0].records) == 2
    assert row.cells[0].first_message == "boom"
    assert row.deviating_impls == ["billiard"]


def test_method_independent_feature_is_one_wide_cell_per_column(tmp_path):
    report = report_for(tmp_path, stdlib_doc(), other_doc())
    row = next(f for f in report.features if f.id == F_NAME)
    assert not row.per_method
    assert len(row.cells) == 2
    html = commands.render_html(report, title="t", generated="now")
    cells = parse(html).rows[F_NAME]
    assert [(c[0], c[3]) for c in cells[-2:]] == [("op", "3"), ("op", "3")]


def test_a_start_method_not_run_is_not_run_not_na(tmp_path):
    doc = stdlib_doc(methods=["spawn"])
    doc["results"] = [r for r in doc["results"] if r["start_method"] in (None, "spawn")]
    report = report_for(tmp_path, doc, other_doc())
    row = next(f for f in report.features if f.id == F_EXIT)
    assert [c and c.outcome for c in row.cells[:3]] == [None, "pass", None]
    cells = parse(commands.render_html(report, title="t", generated="now")).rows[F_EXIT]
    assert [c[0] for c in cells[-6:-3]] == ["o_", "op", "o_"]


def test_scores_per_column_and_per_section(tmp_path):
    report = report_for(tmp_path, stdlib_doc(), other_doc())
    std, other = report.columns
    assert std.score.percent == 100 and std.score.text == "100%"
    # billiard: exit fork fail, spawn pass, forkserver error; kill missing x3; name pass.
    assert (other.score.passed, other.score.deviations, other.score.applicable) == (2, 5, 7)
    assert other.score.percent == 28.5  # rounded down: never shows more than is true
    process, misc = report.sections  # current_process is documented under Miscellaneous
    assert (process.slug, misc.slug) == ("process", "miscellaneous")
    assert [s.percent for s in process.scores] == [100, 16.6]
    assert [s.percent for s in misc.scores] == [100, 100]
    assert "2 of 7 applicable cells pass" in other.score.title


def _expect_kill(doc: dict, outcomes: list[str]) -> dict:
    for rec in doc["results"]:
        if rec["feature"] == F_KILL:
            rec["expected"] = {"outcomes": outcomes, "reason": "no kill() in billiard"}
    return doc


def test_expected_fail_counts_as_not_passing_but_not_as_deviation(tmp_path):
    doc = _expect_kill(other_doc(), ["missing"])
    report = report_for(tmp_path, doc)
    score = report.columns[0].score
    assert score.expected == 3 and score.deviations == 2 and score.percent == 28.5
    # The observed outcome stays visible beside the expectation.
    html = commands.render_html(report, title="t", generated="now")
    assert 'class="badge om">missing</span>' in html and "no kill() in billiard" in html


def test_an_outcome_the_expectation_does_not_list_is_a_deviation(tmp_path):
    doc = _expect_kill(other_doc(), ["timeout"])
    score = report_for(tmp_path, doc).columns[0].score
    assert score.expected == 0 and score.deviations == 5


V1_EXPECTED = {"reason": "no kill() in billiard"}


def _v1(doc: dict) -> dict:
    """A document as schema version 1 wrote it: expected deviations folded into the
    outcome 'expected-fail' and the message."""
    doc = json.loads(json.dumps(doc))
    doc["schema_version"] = 1
    for rec in doc["results"]:
        if rec["feature"] == F_KILL:
            rec["message"] = f"no kill() in billiard [{rec['outcome']}: {rec['message']}]"
            rec["outcome"], rec["expected"] = "expected-fail", dict(V1_EXPECTED)
        elif rec["feature"] == F_NAME:
            rec["outcome"] = "fail"
            rec["message"] = "expected to deviate (thought broken) but passed"
            rec["expected"] = {"reason": "thought broken"}
    return doc


def test_a_version_1_file_reads_renders_and_diffs(tmp_path, capsys):
    from conformance import results

    old = write(tmp_path / "v1.json", _v1(other_doc()))
    doc = results.load(old)
    assert doc["schema_version"] == results.SCHEMA_VERSION and doc["upgraded_from"] == 1
    kill = [r for r in doc["results"] if r["feature"] == F_KILL]
    assert {r["outcome"] for r in kill} == {"missing"}
    assert {r["message"] for r in kill} == {"billiard has no Process.kill"}
    assert all(results.status(r) == "expected-fail" for r in kill)
    (name,) = [r for r in doc["results"] if r["feature"] == F_NAME]
    assert name["outcome"] == "pass" and results.unexpected_pass(name)
    score = report_for(tmp_path, _v1(other_doc())).columns[0].score
    assert score.expected == 3 and score.deviations == 2
    out = tmp_path / "i.html"
    assert cli.main(["report", old, "-o", str(out), "--markdown", str(tmp_path / "m.md")]) == 0
    assert "no kill() in billiard" in out.read_text()
    new = write(tmp_path / "v2.json", _expect_kill(other_doc(), ["missing"]))
    capsys.readouterr()
    assert cli.main(["diff", old, new]) == 0, capsys.readouterr().out


def test_start_method_divergences_are_listed(tmp_path):
    docs = [other_doc(exit_outcomes={"fork": "pass", "spawn": "pass", "forkserver": "fail"}),
            other_doc(python="3.12.1",
                      exit_outcomes={"fork": "pass", "spawn": "pass", "forkserver": "fail"})]
    report = report_for(tmp_path, *docs)
    (divergence,) = report.divergences  # kill is missing everywhere: not a divergence
    assert divergence.feature.id == F_EXIT
    assert divergence.outcomes == {"fork": "pass", "spawn": "pass", "forkserver": "fail"}
    assert divergence.where == "billiard 3.11.7 linux, 3.12.1 linux"
    md = markdown.render(report, title="t")
    assert "### Start-method divergences" in md
    assert f"| {F_EXIT} | billiard 3.11.7 linux, 3.12.1 linux | pass | pass | fail |" in md
    html = commands.render_html(report, title="t", generated="now")
    assert 'id="divergences"' in html


def test_first_seen_oldest_passing_python_and_disagreement_with_docs(tmp_path):
    # billiard: kill (added 3.7) missing on 3.9, passes from 3.11: a disagreement.
    report = report_for(tmp_path, other_doc("3.9.18"), other_doc("3.11.7", kill="pass"),
                        other_doc("3.13.0", kill="pass"), stdlib_doc("3.9.18"),
                        stdlib_doc("3.13.0"))
    assert report.first_seen_impls == ["multiprocessing", "billiard"]
    kill = next(f for f in report.features if f.id == F_KILL)
    std, bil = kill.first_seen
    assert (std.text, std.kind, std.disagrees) == ("3.9", "floor", False)
    assert (bil.text, bil.kind, bil.disagrees) == ("3.11", "exact", True)
    assert "3.9" in bil.title and "3.7" in bil.title
    exit_row = next(f for f in report.features if f.id == F_EXIT)
    # Some start method deviates on every Python: never passes.
    assert exit_row.first_seen[1].kind == "never"
    disagreements = model.first_seen_disagreements(report)
    assert [(f.id, impl) for f, impl, _ in disagreements] == [(F_KILL, "billiard")]
    html = commands.render_html(report, title="t", generated="now")
    cells = parse(html).rows[F_KILL]
    first_seen = [c for c in cells if c[0] and c[0].startswith("fs")]
    assert "fsx" in first_seen[1][0] and first_seen[1][1].startswith("3.11")


def test_first_seen_is_not_a_disagreement_when_older_pythons_predate_the_entry(tmp_path):
    # Deviating only on a Python older than "added in" (the plugin reports n/a there,
    # but a hand-made file might not): not the docs' fault.
    recs_old = per_method(F_KILL, dict.fromkeys(ALL_PASS, "missing"), "billiard")
    recs_new = per_method(F_KILL, ALL_PASS, "billiard")
    report = report_for(tmp_path, make_document("billiard", "1", "3.6.15", "linux", recs_old),
                        make_document("billiard", "1", "3.8.10", "linux", recs_new))
    (row,) = list(report.features)
    (seen,) = row.first_seen
    assert (seen.text, seen.kind, seen.disagrees) == ("3.8", "exact", False)


def test_first_seen_hidden_without_several_pythons(tmp_path):
    report = report_for(tmp_path, stdlib_doc(), other_doc())
    assert report.first_seen_impls == []
    assert all(f.first_seen == [] for f in report.features)


def pypy_doc(python: str = "3.9.16", kill: str = "fail", **kw) -> dict:
    """The stdlib run on PyPy 7.3.11: Process.kill deviates under fork unless told not to."""
    recs = (per_method(F_EXIT, ALL_PASS)
            + per_method(F_KILL, {**ALL_PASS, "fork": kill}, message="PyPy says no")
            + [make_record(F_NAME, "test_process::test_current_process_main_process_name")])
    return make_document("multiprocessing", f"stdlib {python}", python, "linux", recs,
                         python_impl="PyPy", python_impl_version="7.3.11", **kw)


def test_cpython_and_pypy_of_one_version_are_distinct_columns(tmp_path):
    report = report_for(tmp_path, pypy_doc(), stdlib_doc("3.11.7"), stdlib_doc("3.9.18"))
    assert report.notes == []  # not taken for two runs of one environment
    assert [c.source.python_label for c in report.columns] == [
        "CPython 3.9.18", "CPython 3.11.7", "PyPy 3.9.16 (7.3.11)"]
    assert [c.label for c in report.columns] == [
        "CPython 3.9.18", "CPython 3.11.7", "PyPy 3.9.16 (7.3.11)"]
    kill = next(f for f in report.features if f.id == F_KILL)
    assert [c.outcome for c in kill.cells] == ["pass"] * 6 + ["fail", "pass", "pass"]
    html = commands.render_html(report, title="t", generated="now")
    assert re.search(r'<th colspan="3" id="c2"[^>]*>PyPy 3\.9\.16 \(7\.3\.11\)</th>', html)
    assert '"python":"3.9.16 (PyPy 7.3.11)"' in html  # the cell details' "Python ..."
    (detail,) = [d for d in report.details if d.feature.id == F_KILL]
    assert "multiprocessing stdlib 3.9.16 on PyPy 3.9.16 (7.3.11) linux (fork)" in html
    assert [c.source.python_impl for c, _ in detail.where()] == ["PyPy"]
    summary = markdown.render(report, title="t")
    assert "| PyPy 3.9.16 (7.3.11) |" in summary and "| 3.9.18 |" in summary


def test_a_report_of_pypy_runs_alone_still_names_pypy(tmp_path):
    report = report_for(tmp_path, pypy_doc(), pypy_doc("3.10.14", kill="pass"))
    assert [c.label for c in report.columns] == ["PyPy 3.9.16 (7.3.11)", "PyPy 3.10.14 (7.3.11)"]


def test_first_seen_keeps_cpython_and_pypy_apart(tmp_path):
    # Process.kill deviates on PyPy 3.9 only: CPython's history starts at 3.9 regardless.
    report = report_for(tmp_path, stdlib_doc("3.9.18"), stdlib_doc("3.11.7"), pypy_doc())
    assert report.first_seen_impls == ["multiprocessing"]  # one PyPy version: no history
    kill = next(f for f in report.features if f.id == F_KILL)
    (std,) = kill.first_seen
    assert (std.text, std.kind, std.disagrees) == ("3.9", "floor", False)
    assert model.first_seen_disagreements(report) == []

    report = report_for(tmp_path, stdlib_doc("3.9.18"), stdlib_doc("3.11.7"), pypy_doc(),
                        pypy_doc("3.10.14", kill="pass"))
    assert report.first_seen_impls == ["multiprocessing", "multiprocessing on PyPy"]
    kill = next(f for f in report.features if f.id == F_KILL)
    std, pypy = kill.first_seen
    assert (std.text, std.kind) == ("3.9", "floor")
    assert (pypy.text, pypy.kind, pypy.disagrees) == ("3.10", "exact", True)
    assert "multiprocessing on PyPy deviates on Python 3.9" in pypy.title
    html = commands.render_html(report, title="t", generated="now")
    assert "First seen<br>multiprocessing on PyPy" in html
    cells = parse(html).rows[F_KILL]
    assert [c[1] for c in cells if c[0] and c[0].startswith("fs")] == ["3.9", "3.10 ≠"]


def test_results_file_name_keeps_python_implementations_apart():
    from conformance import results

    assert results.python_tag("cpython", (3, 9, 18)) == "3.9"
    assert results.python_tag("pypy", (3, 9, 16)) == "pypy3.9"
    assert results.python_tag("graalpy", (3, 11, 7)) == "graalpy3.11"
    assert results.default_path("multiprocessing", "out").startswith(
        f"out/multiprocessing-{results.python_tag()}-")
    env = results.environment(__import__("multiprocessing"), ["spawn"], "cmd")
    assert env["python"]["implementation_version"]


# --------------------------------------------------------------------------- HTML


@pytest.fixture
def rendered(tmp_path):
    paths = [write(tmp_path / "std-3.9.json", stdlib_doc("3.9.18")),
             write(tmp_path / "std-3.11.json", stdlib_doc("3.11.7")),
             write(tmp_path / "bil-3.9.json", other_doc("3.9.18")),
             write(tmp_path / "bil-3.11.json", other_doc("3.11.7", kill="pass"))]
    out = tmp_path / "site" / "index.html"
    md = tmp_path / "summary.md"
    assert cli.main(["report", *paths, "-o", str(out), "--markdown", str(md)]) == 0
    return out.read_text(encoding="utf-8"), md.read_text(encoding="utf-8")


def test_html_is_self_contained(rendered):
    html, _ = rendered
    assert "<link" not in html.lower()
    assert not re.search(r"<script[^>]*\ssrc=", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "@import" not in html
    scripts = parse(html).scripts
    assert scripts and all("src" not in s for s in scripts)


def test_html_escapes_exception_text_everywhere(rendered):
    html, _ = rendered
    assert "<script>alert(1)" not in html
    assert "<Foo" not in html
    assert "&lt;Foo &amp; &#39;bar&#39;&gt;" in html  # in the details and the cell titles
    # The data blob cannot be closed by text inside it.
    blob = html[html.index('id="data">'):]
    blob = blob[:blob.index("</script>")]
    assert "<" not in blob[len('id="data">'):]


def test_every_deviation_cell_links_to_its_details(rendered):
    html, _ = rendered
    doc = parse(html)
    row = doc.rows[F_EXIT]
    linked = [c for c in row if c[2]]
    assert {c[0] for c in linked} == {"of", "oe"}
    for _cls, text, href, _, title in linked:
        assert href.startswith("#d") and href[1:] in doc.ids
        assert text in ("✗", "!") and title
    # The details name the test, keep the message and say how to reproduce it.
    detail = html[html.index(f'id="{linked[0][2][1:]}"'):]
    detail = detail[:detail.index("</div>\n</div>")]
    assert "test_process::test_normal_return_is_zero[fork]" in detail
    assert "mp-conformance run --impl billiard" in detail
    assert "&lt;Foo &amp;" in detail


def test_each_state_has_its_own_class_and_symbol(rendered):
    html, _ = rendered
    states = {(c[0], c[1]) for row in parse(html).rows.values() for c in row
              if c[0] and c[0].startswith("o")}
    # A pass cell's check mark is drawn by CSS (no text node per cell: lighter pages).
    assert ("op", "") in states and ("of", "✗") in states
    assert re.search(r"#t td\.op\{background:var\(--pb\) url\(\"data:image/svg\+xml,", html)
    assert ("oe", "!") in states and ("om", "∅") in states
    for outcome in ("pass", "fail", "error", "missing", "timeout", "n/a", "expected deviation",
                    "not run"):
        assert f"<b>{outcome}</b>" in html  # the legend names every state


def test_header_says_what_was_run(rendered):
    html, _ = rendered
    assert "4 run(s): multiprocessing, billiard on Python 3.9–3.11, linux" in html
    assert "billiard 4.3.2" in html and "CPython 3.11.7" in html
    assert html.count('<tr id="run-') == 4


def test_rows_link_to_the_docs_and_show_added_in(rendered):
    html, _ = rendered
    docs = "https://docs.python.org/3/library/multiprocessing.html"
    assert f'href="{docs}#multiprocessing.Process.kill"' in html
    assert "added in 3.7" in html
    kill_row = html[html.index(f'id="{F_KILL}"'):]
    kill_row = kill_row[:kill_row.index("</tr>")]
    assert '<td class="ad">3.7</td>' in kill_row


def test_markdown_summary_scores_and_deviations(rendered):
    _, md = rendered
    assert md.startswith("## multiprocessing conformance")
    assert "| billiard 4.3.2 | 3.9.18 | linux x86\\_64 | **28.5%** |" in md
    assert "Process.exitcode::normal-return-is-zero" in md
    # Escaped: no raw HTML, no table-breaking pipe, no code span.
    assert "<Foo" not in md and "&lt;Foo &amp;" in md and "\\|" in md and "\\`x\\`" in md
    assert "First seen vs documented" in md and "Process.kill::exitcode-is-minus-sigkill" in md
    assert len(md.splitlines()) < 40


def test_markdown_groups_the_same_deviation_across_columns(tmp_path):
    report = report_for(tmp_path, other_doc("3.9.18"), other_doc("3.11.7"), other_doc("3.13.0"))
    groups = markdown.deviation_groups(report)
    kill = [g for g in groups if g["feature"].id == F_KILL]
    assert len(kill) == 1
    assert kill[0]["where"] == ("billiard 3.9.18 linux, 3.11.7 linux, 3.13.0 linux "
                                "(fork, spawn, forkserver)")
    assert len(kill[0]["cells"]) == 9


def test_markdown_puts_one_cause_of_many_features_on_one_line(tmp_path):
    features = [f"shared_memory.SharedMemory::behaviour-{i}" for i in range(5)]
    recs = [make_record(f, f"test_shared_memory::t{i}", "missing",
                        "billiard has no shared_memory", impl="billiard")
            for i, f in enumerate(features)]
    report = report_for(tmp_path, make_document("billiard", "1", "3.11.7", "linux", recs))
    (group,) = markdown.deviation_groups(report)
    assert [f.id for f in group["features"]] == features
    md = markdown.render(report, title="t")
    line = next(ln for ln in md.splitlines() if "has no shared" in ln)
    assert "shared\\_memory.SharedMemory::behaviour-2 and 2 more" in line


def test_markdown_to_stdout(tmp_path, capsys):
    path = write(tmp_path / "r.json", other_doc())
    assert cli.main(["report", path, "-o", str(tmp_path / "i.html"), "--markdown", "-"]) == 0
    out = capsys.readouterr().out
    assert "### Deviations" in out and "missing" in out


def test_shared_details_name_each_version_when_versions_differ(tmp_path):
    old = other_doc("3.9.18")
    old["environment"]["implementation"]["version"] = "4.2.4"
    html = commands.render_html(report_for(tmp_path, old, other_doc("3.11.7")), title="t",
                                generated="now")
    assert ("billiard on 4.2.4 with CPython 3.9.18 linux (fork, spawn, forkserver); "
            "4.3.2 with CPython 3.11.7 linux (fork, spawn, forkserver)") in html


def test_identical_deviations_share_one_detail_block(tmp_path):
    report = report_for(tmp_path, other_doc("3.9.18"), other_doc("3.11.7"))
    kill = [d for d in report.details if d.feature.id == F_KILL]
    assert len(kill) == 1 and len(kill[0].cells) == 6
    assert [(c.source.python, ms) for c, ms in kill[0].where()] == [
        ("3.9.18", ["fork", "spawn", "forkserver"]), ("3.11.7", ["fork", "spawn", "forkserver"])]


def test_directory_inputs_are_expanded(tmp_path):
    write(tmp_path / "in" / "a.json", stdlib_doc())
    write(tmp_path / "in" / "b.json", other_doc())
    out = tmp_path / "index.html"
    assert cli.main(["report", str(tmp_path / "in"), "-o", str(out)]) == 0
    assert "2 run(s)" in out.read_text()


def test_report_expect_marks_known_deviations(tmp_path):
    expect = tmp_path / "billiard.toml"
    expect.write_text('implementation = "billiard"\n[[deviation]]\n'
                      'feature = "Process.kill::*"\nreason = "no kill() in billiard"\n'
                      'link = "https://example.org/kill"\n')
    path = write(tmp_path / "r.json", other_doc())
    out = tmp_path / "index.html"
    assert cli.main(["report", path, "-o", str(out), "--expect", str(expect)]) == 0
    html = out.read_text()
    cells = parse(html).rows[F_KILL]
    assert [c[0] for c in cells if c[0].startswith("o")] == ["ox"] * 3
    assert "no kill() in billiard" in html and 'href="https://example.org/kill"' in html


def test_minimal_records_still_render(tmp_path):
    """A hand-made file with only what results.check requires is still a report."""
    doc = {"schema_version": 1,
           "environment": {"implementation": {"name": "mine"}, "python": {}, "os": {}},
           "results": [{"test": "t1", "feature": F_EXIT, "outcome": "fail"},
                       {"test": "t2", "feature": "Custom.thing::works", "outcome": "pass",
                        "start_method": "spawn"}]}
    path = write(tmp_path / "min.json", doc)
    out = tmp_path / "i.html"
    assert cli.main(["report", path, "-o", str(out), "--markdown", str(tmp_path / "m.md")]) == 0
    rows = parse(out.read_text()).rows
    assert set(rows) == {F_EXIT, "Custom.thing::works"}


# --------------------------------------------------------------------------- bad input


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"schema_version": 1, "results": [')
    shape = tmp_path / "shape.json"
    shape.write_text(json.dumps({"schema_version": 1, "environment": {}, "results": {}}))
    version = tmp_path / "future.json"
    future = stdlib_doc()
    future["schema_version"] = 99
    version.write_text(json.dumps(future))
    listing = tmp_path / "list.json"
    listing.write_text("[1, 2, 3]")
    return {
        "corrupt": (corrupt, "not valid JSON"),
        "shape": (shape, "environment.implementation"),
        "version": (version, "schema_version 99"),
        "list": (listing, "not a results file"),
        "absent": (tmp_path / "absent.json", "no such file"),
    }


@pytest.mark.parametrize("case", ["corrupt", "shape", "version", "list", "absent"])
def test_bad_input_exits_2_naming_the_file_and_leaves_output_alone(tmp_path, capsys, case):
    bad, problem = _bad_inputs(tmp_path)[case]
    good = write(tmp_path / "good.json", stdlib_doc())
    out = tmp_path / "index.html"
    out.write_text("previous report")
    md = tmp_path / "summary.md"
    code = cli.main(["report", good, str(bad), "-o", str(out), "--markdown", str(md)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}: " in err and problem in err
    assert "Traceback" not in err
    assert out.read_text() == "previous report"
    assert not md.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_output_that_is_a_directory_exits_2(tmp_path, capsys):
    good = write(tmp_path / "good.json", stdlib_doc())
    assert cli.main(["report", good, "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_output_that_would_overwrite_an_input_exits_2(tmp_path, capsys):
    good = write(tmp_path / "good.json", stdlib_doc())
    assert cli.main(["report", good, "-o", good]) == 2
    assert "would overwrite" in capsys.readouterr().err
    assert json.loads(Path(good).read_text())["schema_version"] == 2


def test_bad_expectations_file_exits_2(tmp_path, capsys):
    good = write(tmp_path / "good.json", stdlib_doc())
    expect = tmp_path / "e.toml"
    expect.write_text("[[deviation]]\nfeature = 'Process.kill::*'\n")
    code = cli.main(["report", good, "-o", str(tmp_path / "i.html"), "--expect", str(expect)])
    assert code == 2
    err = capsys.readouterr().err
    assert str(expect) in err and "reason" in err
    assert not (tmp_path / "i.html").exists()


def test_empty_directory_input_exits_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert cli.main(["report", str(tmp_path / "empty"), "-o", str(tmp_path / "i.html")]) == 2
    assert "without results files" in capsys.readouterr().err


# --------------------------------------------------------------------------- a real run


def test_report_of_real_runs_shows_the_broken_implementation(tmp_path, run_suite):
    features = ["Process.terminate::exitcode-is-minus-sigterm"]
    std = run_suite("multiprocessing", features=features, methods=["spawn"])
    broken = run_suite("broken.exitcode_abs", features=features, methods=["spawn"])
    assert std.returncode == 0 and broken.returncode == 1, broken.stdout[-2000:]
    out = tmp_path / "index.html"
    assert cli.main(["report", str(std.json_path), str(broken.json_path), "-o", str(out)]) == 0
    html = out.read_text()
    row = parse(html).rows["Process.terminate::exitcode-is-minus-sigterm"]
    outcomes = [c[0] for c in row if c[0] in ("op", "of", "o_")]
    # Only spawn was run: one sub-column per environment, stdlib first.
    assert outcomes == ["op", "of"]
    assert "mp-conformance run --impl broken.exitcode_abs" in html


def test_run_html_renders_the_report_of_that_run(tmp_path):
    from .conftest import cli as run_cli

    html = tmp_path / "site" / "index.html"
    proc = run_cli("run", "-n", "0", "--json", str(tmp_path / "r.json"), "--html", str(html),
                   "--feature", F_EXIT, "--start-method", "spawn")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    row = parse(html.read_text()).rows[F_EXIT]
    assert [c[0] for c in row if c[0] == "op"] == ["op"]
