"""pytest plugin: options, fixtures, narrowing, outcome classification, results JSON.

Registered through the ``pytest11`` entry point, so plain ``pytest --impl
billiard --pyargs conformance.suite`` works.  It acts only on tests that
carry the ``conformance`` marker; any other test run is left alone.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shlex
import sys
from typing import Any

import pytest

from . import bounds, catalog, harness, options, platform_facts, results
from . import impl as _impl
from .marks import MARKER

OUTCOME_KEY = "mp_outcome"
MESSAGE_KEY = "mp_message"
META_KEY = "mp_meta"
SUITE_PACKAGE = "conformance.suite"
MESSAGE_LIMIT = 2000
TRACEBACK_LIMIT = 20000
DEFAULT_TIMEOUT = options.DEFAULT_TIMEOUT
# Hang detection, the run deadline and cleanup at the end of a session.
pytest_plugins = ["conformance.bounds"]


# --------------------------------------------------------------------------- options

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mp-conformance", "multiprocessing conformance suite")
    options.add_to_pytest(group)
    group.addoption("--conformance-command", default=None, help=argparse.SUPPRESS)


def selected_start_methods(config: pytest.Config) -> list[str]:
    return options.selected_start_methods(config.getoption("mp_start_methods"))


# --------------------------------------------------------------------------- configure

def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "conformance(feature_id, ...): a test of one documented multiprocessing behaviour "
        "(see conformance.marks.feature)")
    methods = selected_start_methods(config)
    impl_name = config.getoption("impl") or os.environ.get(_impl.ENV_VAR) or _impl.DEFAULT
    try:
        module = _impl.select(impl_name)
    except _impl.ImplementationError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[_STATE] = State(module, methods)
    config.stash[_EXPECT] = _load_expectations(config.getoption("mp_expect"))
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(Recorder(config), "mp-conformance-recorder")


class State:
    def __init__(self, module: Any, methods: list[str]):
        self.module = module
        self.methods = methods
        # Which start methods exist is a fact of the platform, never the implementation's
        # say: one that omits a method the platform has would otherwise turn that
        # method's cells into n/a and hide its deviation.  They run, and refused().
        self.available = list(platform_facts.START_METHODS_ON_PLATFORM)
        self._refusals: dict[str, str | None] = {}

    def refused(self, method: str) -> str | None:
        """Why the implementation does not offer ``method`` (its get_context(method)
        raises), or None when it does."""
        if method not in self._refusals:
            try:
                _impl.require(self.module, "get_context", self.module.__name__)(method)
                self._refusals[method] = None
            except Exception as exc:
                self._refusals[method] = (
                    f"{self.module.__name__} does not offer the {method!r} start method, "
                    f"which this platform has: get_context({method!r}) raised "
                    f"{type(exc).__name__}: {exc}")
        return self._refusals[method]


class StartMethodMissing(_impl.MissingAPI):
    """A start method the platform has that the implementation does not offer."""

    def __init__(self, method: str, impl: str, why: str):
        self.path, self.impl = f"start method {method!r}", impl
        Exception.__init__(self, why)


_STATE = pytest.StashKey[State]()
_EXPECT = pytest.StashKey[Any]()
_DEVIATION = pytest.StashKey[Any]()
_KNOWN = pytest.StashKey[bool]()


def _load_expectations(path: str | None) -> Any:
    if not path:
        return None
    from . import expectations

    try:
        return expectations.load(path)
    except expectations.ExpectationsError as exc:
        raise pytest.UsageError(str(exc)) from None


# --------------------------------------------------------------------------- collection

def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # "start_method" is a parameter of this plugin only (no fixture has the name), so
    # any test asking for it, directly or through ``ctx``, runs under each method; the
    # feature mark may sit on the function or on its pytest.param()s.
    if "start_method" in metafunc.fixturenames:
        methods = metafunc.config.stash[_STATE].methods
        metafunc.parametrize("start_method", methods, ids=methods, scope="module")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    errors = []
    patterns = config.getoption("mp_features")
    timeout = config.getoption("conformance_timeout")
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker(MARKER)
        if marker is None:
            if _in_suite(item):
                errors.append(f"{item.nodeid}: conformance test without a feature marker")
            keep.append(item)
            continue
        try:
            entry, _ = catalog.parse_feature(marker.args[0] if marker.args else "")
        except catalog.UnknownFeature as exc:
            errors.append(f"{item.nodeid}: {exc}")
            continue
        feature = marker.args[0]
        if patterns and not any(fnmatch.fnmatchcase(feature, p) for p in patterns):
            drop.append(item)
            continue
        keep.append(item)
        params = getattr(item, "callspec", None)
        method = params.params.get("start_method") if params else None
        meta = {
            "test": _test_id(item),
            "feature": feature,
            "entry": entry.name,
            "section": entry.section,
            "doc": entry.url,
            "added": entry.added,
            "de_facto": bool(marker.kwargs.get("de_facto")),
            "start_method": method,
            "summary": _first_line(getattr(item, "obj", None)),
            "repro": _repro(config, item),
        }
        expected = _expect(config, item, feature, method)
        if expected is not None:
            meta["expected"] = expected
        item.user_properties.append((META_KEY, meta))
        if timeout and not item.get_closest_marker("timeout") and not _global_timeout(config):
            item.add_marker(pytest.mark.timeout(timeout))
    if errors:
        raise pytest.UsageError("invalid conformance tests:\n  " + "\n  ".join(errors))
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _expect(config: pytest.Config, item: pytest.Item, feature: str,
            method: str | None) -> dict[str, Any] | None:
    """Stash the expected deviation (--expect) that covers this test, if any, and
    return what the results record says of it."""
    expected = config.stash[_EXPECT]
    if expected is None:
        return None
    from . import expectations

    deviation = expected.find(feature=feature, implementation=config.stash[_STATE].module.__name__,
                              start_method=method, python=sys.version_info[:3],
                              os=results.os_name(), test=_test_id(item))
    if deviation is None:
        return None
    item.stash[_DEVIATION] = deviation
    return expectations.expectation_info(deviation)


def _global_timeout(config: pytest.Config) -> bool:
    try:
        return bool(config.getoption("timeout"))
    except ValueError:
        return False


def _in_suite(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return bool(module and module.__name__.startswith(SUITE_PACKAGE + "."))


def _test_id(item: pytest.Item) -> str:
    module = getattr(item, "module", None)
    name = module.__name__ if module else item.path.stem
    if name.startswith(SUITE_PACKAGE + "."):
        name = name[len(SUITE_PACKAGE) + 1:]
    return f"{name}::{item.name}"


def _first_line(obj: Any) -> str:
    doc = getattr(obj, "__doc__", None) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _repro(config: pytest.Config, item: pytest.Item) -> str:
    impl_name = config.stash[_STATE].module.__name__
    return f"mp-conformance run --impl {shlex.quote(impl_name)} {shlex.quote(_test_id(item))}"


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def mp(pytestconfig: pytest.Config) -> Any:
    """The implementation module under test (``multiprocessing`` by default)."""
    return pytestconfig.stash[_STATE].module


@pytest.fixture
def ctx(mp: Any, start_method: str) -> Any:
    """The implementation's context for the start method of this test."""
    get_context = _impl.require(mp, "get_context", mp.__name__)
    return get_context(start_method)


@pytest.fixture(autouse=True)
def _mp_reaper(request: pytest.FixtureRequest) -> Any:
    """Kill any process a conformance test left running, and say so.

    Read from the operating system (the PIDs under this process), not from the
    implementation's ``active_children()``: a broken implementation cannot
    hide a child, nor hang the check.
    """
    if request.node.get_closest_marker(MARKER) is None:
        yield
        return
    harness.begin_test()
    yield
    if sys.implementation.name != "cpython":
        # Without reference counting, what the test dropped is finalised at some later
        # collection, and a finaliser's complaint (an unraisable exception, a
        # ResourceWarning) would land in whichever test runs then: collect now, so that
        # it belongs to the test that caused it (pytest reports it after this teardown).
        import gc

        gc.collect()
    leftover = harness.end_test()
    if leftover:
        pids = ", ".join(map(str, leftover))
        pytest.fail(f"the test left {len(leftover)} child process(es) running: PID {pids} "
                    "(now killed)", pytrace=False)


# --------------------------------------------------------------------------- narrowing

@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker(MARKER)
    if marker is None:
        return
    state = item.config.stash[_STATE]
    entry, _ = catalog.parse_feature(marker.args[0])
    reason = _not_applicable(item, marker, entry, state)
    if reason:
        pytest.skip(reason)
    params = getattr(item, "callspec", None)
    method = params.params.get("start_method") if params else None
    refused = state.refused(method) if method else None
    if method and refused:
        raise StartMethodMissing(method, state.module.__name__, refused)
    if entry.lookup_path:
        _impl.resolve(entry.lookup_path, state.module)
    for path in marker.kwargs.get("requires") or ():
        _impl.resolve(path, state.module)


def _not_applicable(item: pytest.Item, marker: Any, entry: catalog.Entry,
                    state: State) -> str | None:
    kw = marker.kwargs
    why = kw.get("reason")
    if entry.added_tuple and sys.version_info[:len(entry.added_tuple)] < entry.added_tuple:
        return f"added in Python {entry.added}"
    min_python = kw.get("min_python")
    if min_python and not _python_at_least(min_python, tuple(sys.version_info[:3])):
        versions = min_python if isinstance(min_python[0], tuple) else (min_python,)
        return why or "behaviour of Python {} and later".format(
            ", ".join(_dotted(v) for v in versions))
    before = kw.get("before_python")
    if before and sys.version_info[:len(before)] >= tuple(before):
        return why or f"behaviour before Python {_dotted(before)}"
    for low, high in kw.get("not_python") or ():
        if sys.version_info[:len(low)] >= low and sys.version_info[:len(high)] < high:
            return why or f"not in Python {_dotted(low)} to {_dotted(high)} (excluded)"
    if kw.get("posix") and os.name != "posix":
        return why or "POSIX only"
    platforms = kw.get("platforms")
    if platforms and not any(sys.platform.startswith(p) for p in platforms):
        return why or f"only on {', '.join(platforms)}"
    excluded = kw.get("not_platforms")
    if excluded and any(sys.platform.startswith(p) for p in excluded):
        return why or f"not on {sys.platform}"
    params = getattr(item, "callspec", None)
    method = params.params.get("start_method") if params else None
    allowed = kw.get("start_methods")
    if method and allowed and method not in allowed:
        return why or f"behaviour of the {' and '.join(allowed)} start method(s) only"
    if method and method not in state.available:
        return f"start method {method!r} is not available on this platform"
    return None


def _dotted(version: Any) -> str:
    return ".".join(map(str, version))


def _python_at_least(spec: Any, here: tuple[int, ...]) -> bool:
    """Whether Python ``here`` has a behaviour first released in ``spec``: a version
    ((3, 12) or (3, 11, 7)), or one version per maintenance branch where a fix was
    backported (((3, 10, 13), (3, 11, 7), (3, 12))): a release of a listed branch needs
    that branch's patch level, any other release the newest listed."""
    versions = [tuple(v) for v in spec] if isinstance(spec[0], tuple) else [tuple(spec)]
    for version in versions:
        if here[:2] == version[:2]:
            return here >= version
    return here >= max(versions)


# --------------------------------------------------------------------------- outcomes

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = (yield).get_result()
    if item.get_closest_marker(MARKER) is None:
        return
    outcome, message = classify(report, call, str(item.path), backstop=_backstop(item))
    if outcome in _CRASH_SHOWS_AS and report.when == "call":
        outcome, message = _as_crash(outcome, message)
    deviation = item.stash.get(_DEVIATION, None)
    if deviation is not None and outcome is not None:
        _as_expected(report, outcome, deviation)
        if report.outcome == "skipped" and hasattr(report, "wasxfail"):
            item.stash[_KNOWN] = True
        elif report.when == "teardown" and report.failed and item.stash.get(_KNOWN, False):
            # The record keeps the known deviation (the first verdict decides); a
            # child it left behind is part of it, not a second failure.
            report.outcome = "skipped"
            report.wasxfail = f"after a known deviation: {message}"
    if outcome is not None:
        report.user_properties.append((OUTCOME_KEY, outcome))
        report.user_properties.append((MESSAGE_KEY, message))


# Outcomes that a child's crash explains: the test failed because its child died.
_CRASH_SHOWS_AS = ("fail", "error", "timeout")


def _as_crash(outcome: str, message: str) -> tuple[str, str]:
    """``crash`` if a child of the test died of a crash signal (SIGSEGV, ...)."""
    crashes = harness.crashes()
    if not crashes:
        return outcome, message
    return "crash", _clip(f"{'; '.join(crashes)}; the test then reported {outcome}: {message}")


def _backstop(item: pytest.Item) -> float | None:
    """The per-test backstop (pytest-timeout) that applies to ``item``, in seconds."""
    marker = item.get_closest_marker("timeout")
    if marker is not None:
        value = marker.args[0] if marker.args else marker.kwargs.get("timeout")
    else:
        try:
            value = item.config.getoption("timeout")
        except ValueError:
            value = None
    try:
        return float(value) if value else None
    except (TypeError, ValueError):
        return None


def _as_expected(report: pytest.TestReport, outcome: str, deviation: Any) -> None:
    """pytest's view of a result an expectation covers (the record keeps the observed
    outcome): a listed deviation reads as xfail, a pass the entry does not list fails,
    and a deviation it does not list says what was expected."""
    from . import expectations

    status, text = expectations.expected_outcome(outcome, "", deviation)
    if status == "expected-fail":
        report.outcome = "skipped"
        report.wasxfail = f"{outcome}: {text}"
    elif outcome == "pass" and status == "fail":
        report.outcome = "failed"
        report.longrepr = text
    elif outcome != status or text:
        report.sections.append(("expected", text.strip()))


def classify(report: pytest.TestReport, call: pytest.CallInfo[None],
             test_file: str = "", backstop: float | None = None) -> tuple[str | None, str]:
    """The conformance outcome of one phase of a test, and a short message."""
    if report.passed:
        return ("pass" if report.when == "call" else None), ""
    if report.skipped:
        if hasattr(report, "wasxfail"):
            return "expected-fail", str(report.wasxfail)
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        return "n/a", reason.replace("Skipped: ", "", 1)
    excinfo = call.excinfo
    if excinfo is None:
        return "error", _clip(str(report.longrepr))
    exc = excinfo.value
    text = _clip(excinfo.exconly())
    if isinstance(exc, _impl.MissingAPI):
        return "missing", str(exc)
    if isinstance(exc, AttributeError) and _raised_in_test_code(excinfo, test_file):
        # The test itself touched an attribute the implementation lacks.
        return "missing", f"{_impl.name()}: {exc}"
    if isinstance(exc, harness.Crash):
        return "crash", str(exc)
    if isinstance(exc, harness.HarnessTimeout):
        return "timeout", str(exc)
    if isinstance(exc, bounds.Hung):
        return "timeout", str(exc)
    if isinstance(exc, pytest.fail.Exception) and str(exc).startswith("Timeout"):
        limit = f"{backstop:.3g} s " if backstop else ""
        where = bounds.where(excinfo, test_file)
        return "timeout", (f"the test did not finish within its {limit}backstop "
                           f"(pytest-timeout){where}")
    if report.when == "teardown":
        return "error", "teardown: " + text
    if isinstance(exc, AssertionError) and not _raised_in_test_code(excinfo, test_file):
        return "fail", f"the implementation raised {text}"
    if isinstance(exc, (AssertionError, pytest.fail.Exception)):
        return "fail", text
    if report.when == "setup":
        return "error", "setup: " + text
    return "error", f"unexpected exception: {text}"


def _raised_in_test_code(excinfo: Any, test_file: str) -> bool:
    """Whether the innermost frame of the traceback is the test's own code (its
    module, or any module of the suite), rather than the implementation's."""
    tb = excinfo.tb
    while tb.tb_next is not None:
        tb = tb.tb_next
    filename = os.path.normcase(os.path.abspath(tb.tb_frame.f_code.co_filename))
    return filename == os.path.normcase(os.path.abspath(test_file)) or (
        f"{os.sep}conformance{os.sep}suite{os.sep}" in filename)


def _clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " [...]"


# --------------------------------------------------------------------------- recording

class Recorder:
    """Collects one record per conformance test (on the controller under xdist),
    prints the summary and writes the results JSON."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.records: dict[str, dict[str, Any]] = {}
        self.started = results.now()

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props: dict[str, Any] = dict(report.user_properties)
        meta = props.get(META_KEY)
        if meta is None:
            return
        outcome = props.get(OUTCOME_KEY)
        message = props.get(MESSAGE_KEY, "")
        if outcome is None and report.failed:  # e.g. an xdist worker that crashed
            outcome, message = "error", "crash: " + _clip(str(report.longrepr))
        rec = self.records.get(report.nodeid)
        if rec is None:
            rec = self.records[report.nodeid] = dict(meta, outcome=None, message="",
                                                     duration=0.0)
            rec["repro"] = meta["repro"]
        rec["duration"] = round(rec["duration"] + (report.duration or 0.0), 4)
        if outcome is None:
            return
        # The first phase with an outcome decides (setup: n/a, missing; call: the
        # verdict); a teardown problem after a pass (a leaked child) still counts.
        if rec["outcome"] is None or (rec["outcome"] == "pass" and outcome != "pass"):
            rec["outcome"], rec["message"] = outcome, message
            if report.longrepr is not None and outcome not in ("pass", "n/a"):
                rec["traceback"] = _clip(report.longreprtext, TRACEBACK_LIMIT)

    def finished_records(self) -> list[dict[str, Any]]:
        out = []
        for rec in self.records.values():
            rec = dict(rec)
            if rec["outcome"] is None:
                rec["outcome"], rec["message"] = "error", "the test did not report an outcome"
            elif rec["outcome"] == results.KNOWN:  # a pytest xfail mark: a known failure
                rec["outcome"], rec["expected"] = "fail", {"outcomes": ["fail"],
                                                           "reason": rec["message"]}
            out.append(rec)
        out.sort(key=lambda r: (r["test"]))
        return out

    def document(self) -> dict[str, Any]:
        state = self.config.stash[_STATE]
        command = self.config.getoption("conformance_command") or shlex.join(
            ["pytest", *self.config.invocation_params.args])
        env = results.environment(state.module, state.methods, command)
        env["started"] = self.started
        env["finished"] = results.now()
        records = self.finished_records()
        return {
            "schema_version": results.SCHEMA_VERSION,
            "environment": env,
            "summary": results.summarise(records),
            "results": records,
        }

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        path = self.config.getoption("conformance_json")
        if path and self.records:
            document = self.document()
            if exitstatus == pytest.ExitCode.INTERRUPTED:
                document["partial"] = ("interrupted (Ctrl-C): the tests that had not "
                                       "finished are missing")
            results.write_atomic(path, document)

    @pytest.hookimpl(trylast=True)
    def pytest_unconfigure(self, config: pytest.Config) -> None:
        """The summary, last: after pytest's own statistics line."""
        tr = config.pluginmanager.get_plugin("terminalreporter")
        if not self.records or tr is None:
            return
        from . import terminal

        document = self.document()
        tr.write_line("")
        tr.write_sep("=", terminal.title(document), bold=True)
        for line in terminal.lines(document, json_path=self.config.getoption("conformance_json")):
            tr.write_line(line)
