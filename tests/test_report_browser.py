"""The report as a person sees it: a real headless Chromium (Debian's ``chromium``)
opens a merged report, and we click, filter, search and read it.

Skipped when Chromium is absent, except in CI (env CI set), where that fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conformance import cli
from tests.browser import Browser, find_chromium
from tests.factories import make_document, make_record

NASTY = "AssertionError: assert <Foo & 'bar'> == \"</script><script>window.pwned=1</script>\""
F_EXIT = "Process.exitcode::normal-return-is-zero"
F_KILL = "Process.kill::exitcode-is-minus-sigkill"
F_NAME = "current_process::main-process-name"
F_QUEUE = "Queue.get::timeout-raises-empty"
METHODS = ("fork", "spawn", "forkserver")


@pytest.fixture(scope="module")
def chromium():
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: apt-get install chromium fonts-dejavu-core")
        pytest.skip("Chromium is not installed (apt-get install chromium); "
                    "the browser tests need it")
    return path


def records(impl: str, outcomes: dict[str, object]) -> list[dict]:
    out = []
    for feature, outcome in outcomes.items():
        name = "test_" + feature.split("::")[1].replace("-", "_")
        if feature == F_NAME:
            out.append(make_record(feature, f"test_misc::{name}", outcome, "", impl=impl))
            continue
        per_method = outcome if isinstance(outcome, dict) else dict.fromkeys(METHODS, outcome)
        for method, o in per_method.items():
            message = {"pass": "", "n/a": "start method not available",
                       "missing": f"{impl} has no Process.kill"}.get(o, NASTY)
            extra = {}
            if o == "expected-fail":  # known: the observed outcome, and what was expected
                o, extra = "fail", {"expected": {"outcomes": ["fail"], "reason": "known since 2019",
                                                 "link": "https://example.org/x"}}
            out.append(make_record(feature, f"test_x::{name}[{method}]", o, message, method,
                                   impl=impl, duration=0.25, **extra))
    return out


@pytest.fixture(scope="module")
def report_path(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    docs = []
    for python in ("3.9.18", "3.12.1"):
        docs.append(make_document("multiprocessing", f"stdlib {python}", python, "linux", records(
            "multiprocessing", {F_EXIT: "pass", F_KILL: "pass", F_NAME: "pass",
                                F_QUEUE: "pass"})))
        docs.append(make_document("billiard", "4.3.2", python, "linux", records("billiard", {
            F_EXIT: {"fork": "fail", "spawn": "error", "forkserver": "timeout"},
            F_KILL: "missing" if python == "3.9.18" else "pass",
            F_NAME: "pass",
            F_QUEUE: {"fork": "expected-fail", "spawn": "n/a", "forkserver": "pass"}})))
        docs.append(make_document("multiprocess", "0.70.19", python, "linux", records(
            "multiprocess", {F_EXIT: "pass", F_KILL: "pass", F_NAME: "pass", F_QUEUE: "pass"})))
    paths = []
    for i, doc in enumerate(docs):
        path = tmp / f"r{i}.json"
        path.write_text(json.dumps(doc))
        paths.append(str(path))
    out = tmp / "index.html"
    assert cli.main(["report", *paths, "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as b:
        yield b


@pytest.fixture
def page(browser, report_path):
    page = browser.open(report_path.resolve().as_uri(), width=1400, height=900)
    yield page
    errors = page.errors()
    page.close()
    assert errors == [], "script errors on the page"


def visible_rows(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('#t tr.fr'))"
                         ".filter(r => r.offsetParent !== null).map(r => r.id)")


def test_the_table_is_there(page):
    assert page.evaluate("document.documentElement.dataset.ready") == "1"
    ids = page.evaluate("Array.from(document.querySelectorAll('#t tr.fr')).map(r => r.id)")
    assert sorted(ids) == sorted([F_EXIT, F_KILL, F_NAME, F_QUEUE])
    heads = page.evaluate("Array.from(document.querySelectorAll('th.ig')).map(t => t.innerText)")
    assert [h.split()[0] for h in heads] == ["multiprocessing", "billiard", "multiprocess"]
    assert not page.evaluate("document.getElementById('filters').hidden")
    assert page.evaluate("document.getElementById('f-count').textContent") == "4 behaviours"
    # Nothing injected by the exception text ran or became an element.
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("document.scripts.length") == 2
    # The cells are laid out as a grid: every sub-cell of a row shares its column's x.
    xs = page.evaluate(f"""Array.from(document.getElementById({json.dumps(F_EXIT)}).cells)
        .slice(-3).map(c => Math.round(c.getBoundingClientRect().left))""")
    head_xs = page.evaluate("""Array.from(document.querySelectorAll('#t tr.hm th'))
        .slice(-3).map(c => Math.round(c.getBoundingClientRect().left))""")
    assert xs == head_xs


def test_a_deviation_cell_shows_its_detail(page):
    page.click(f"[id='{F_EXIT}'] td.of a")
    assert not page.evaluate("document.querySelector('.pop').hidden")
    text = page.evaluate("document.querySelector('.pop').textContent")
    assert "fail" in text and F_EXIT in text
    assert "test_x::test_normal_return_is_zero[fork]" in text
    assert "<Foo & 'bar'>" in text  # the exception text, as text
    assert "mp-conformance run --impl billiard" in text
    assert "billiard 4.3.2 on CPython 3.9.18 linux (fork); CPython 3.12.1 linux (fork)" in text
    assert "This cell: billiard 4.3.2 · Python 3.9.18 · linux · start method fork · 250 ms" \
        in text
    page.key("Escape")
    assert page.evaluate("document.querySelector('.pop').hidden")


def test_a_pass_cell_shows_duration_and_how_to_reproduce(page):
    page.click(f"[id='{F_KILL}'] td.op")
    text = page.evaluate("document.querySelector('.pop').textContent")
    assert "pass" in text and "duration 250 ms" in text
    assert f"mp-conformance run --impl multiprocessing --feature '{F_KILL}' --start-method fork" \
        in text


def test_hover_titles_carry_the_message_without_script(page):
    title = page.evaluate(f"document.querySelector(\"[id='{F_EXIT}'] td.ot a\").title")
    assert title.startswith("timeout: AssertionError: assert <Foo & 'bar'>")


def test_only_deviations_filter(page):
    page.click("#f-dev")
    assert sorted(visible_rows(page)) == sorted([F_EXIT, F_KILL, F_QUEUE])
    assert page.evaluate("document.getElementById('f-count').textContent") == \
        "3 of 4 behaviours shown"
    # With one implementation chosen, only its deviations count.
    page.evaluate("(() => { const s = document.getElementById('f-impl'); s.value = 'multiprocess';"
                  " s.dispatchEvent(new Event('change')); })()")
    assert visible_rows(page) == []
    page.evaluate("(() => { const s = document.getElementById('f-impl'); s.value = 'billiard';"
                  " s.dispatchEvent(new Event('change')); })()")
    assert sorted(visible_rows(page)) == sorted([F_EXIT, F_KILL, F_QUEUE])


def test_one_implementation_filter_collapses_the_other_columns(page):
    width = page.evaluate("document.querySelector('table.hd').getBoundingClientRect().width")
    page.evaluate("(() => { const s = document.getElementById('f-impl'); s.value = 'billiard';"
                  " s.dispatchEvent(new Event('change')); })()")
    narrow = page.evaluate("document.querySelector('table.hd').getBoundingClientRect().width")
    assert narrow < width - 2 * 6 * 24  # two implementations x 2 columns x 3 methods gone
    shown = page.evaluate("Array.from(document.querySelectorAll('th.ig'))"
                          ".filter(t => t.getBoundingClientRect().width > 0)"
                          ".map(t => t.innerText)")
    assert [s.split()[0] for s in shown] == ["billiard"]
    # Billiard's cells are still under billiard's headers.
    cell = page.evaluate(f"Math.round(document.querySelector(\"[id='{F_EXIT}'] td.of\")"
                         ".getBoundingClientRect().left)")
    head = page.evaluate("Math.round(Array.from(document.querySelectorAll('#t tr.he th'))"
                         ".find(t => t.getBoundingClientRect().width > 0)"
                         ".getBoundingClientRect().left)")
    assert cell == head


def test_one_section_filter(page):
    page.evaluate("(() => { const s = document.getElementById('f-sec'); s.value = 'miscellaneous';"
                  " s.dispatchEvent(new Event('change')); })()")
    assert visible_rows(page) == [F_NAME]
    assert page.evaluate("document.getElementById('s-process').hidden")


def test_search_box(page):
    page.type_text("#f-q", "sigkill")
    assert visible_rows(page) == [F_KILL]
    page.evaluate("(() => { const q = document.getElementById('f-q'); q.value = '';"
                  " q.dispatchEvent(new Event('input')); })()")
    assert len(visible_rows(page)) == 4


def test_first_seen_disagreement_is_highlighted(page):
    cell = page.evaluate(f"""(() => {{ const c = document.querySelector("[id='{F_KILL}'] td.fsx");
        return c && [c.textContent, c.title, getComputedStyle(c).backgroundColor]; }})()""")
    assert cell is not None
    text, title, background = cell
    assert text.startswith("3.12") and "3.7" in title
    assert background != "rgba(0, 0, 0, 0)"


def test_readable_without_script(browser, report_path):
    page = browser.open("about:blank")
    page.call("Emulation.setScriptExecutionDisabled", {"value": True})
    page.navigate(report_path.resolve().as_uri(), painted=False)
    assert page.evaluate("document.getElementById('filters').hidden") is True
    assert page.evaluate("document.querySelectorAll('#t tr.fr').length") == 4
    page.click(f"[id='{F_EXIT}'] td.of a", settle=False)
    target = page.evaluate("location.hash")
    assert target.startswith("#d")
    detail = page.evaluate(f"document.getElementById({json.dumps(target[1:])}).textContent")
    assert "<Foo & 'bar'>" in detail and "Reproduce" in detail
    # The browser scrolled the detail into view.
    top = page.evaluate(f"document.getElementById({json.dumps(target[1:])})"
                        ".getBoundingClientRect().top")
    assert 0 <= top < 900
    page.close()


def test_screenshot_of_the_table(page, tmp_path):
    shot = tmp_path / "report.png"
    page.screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_print_keeps_states_readable(page, report_path):
    # Deviations carry a text symbol; a pass cell's check mark is a background image,
    # which print keeps (print-color-adjust: exact).
    symbols = page.evaluate(f"Array.from(document.getElementById({json.dumps(F_EXIT)}).cells)"
                            ".slice(-18).map(c => c.textContent)")
    assert symbols[6:9] == ["✗", "!", "◷"]
    check = page.evaluate(f"(() => {{ const r = document.getElementById({json.dumps(F_EXIT)});"
                          " return getComputedStyle(r.cells[r.cells.length - 18])"
                          ".backgroundImage; })()")
    assert check.startswith('url("data:image/svg+xml')
    assert page.evaluate("getComputedStyle(document.documentElement).printColorAdjust") == "exact"
    pdf = page.call("Page.printToPDF", {"printBackground": True}, timeout=60)["data"]
    assert len(pdf) > 1000
    assert Path(report_path).exists()
