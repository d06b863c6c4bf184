"""Keeping a run bounded: hang detection, the adaptive backstop, the run deadline,
and cleanup when the run ends or is interrupted.

PYTEST_DONT_REWRITE: the plugin imports this module before pytest can rewrite it.

A pytest plugin that ``conformance.plugin`` loads (``pytest_plugins``).  What it
promises, with the default settings (see the README, "The run contract"):

* A timed call the test makes directly (``q.get(timeout=SHORT)``,
  ``p.join(0.5)``) that is still running WAIT seconds after its own timeout is
  interrupted as hung (``timeout``, naming the call), by a watchdog thread that
  looks at the test's stack; the harness's own waits are bounded by themselves.
* A call the test makes directly while a child of the test has died of a
  crash signal (SIGSEGV, ...) is interrupted after CRASH_GRACE: ``crash``.
* The per-test backstop (pytest-timeout, ``--conformance-timeout``) catches the
  rest.  After HANGS_BEFORE_ADAPTING hangs in one process, the implementation
  is known to hang: the watchdog's margin drops to GRACE and the backstop to
  ADAPTED_BACKSTOP.
* A run-level deadline (``--conformance-deadline``, default DEFAULT_DEADLINE
  seconds from the start of the run): tests that have not started by then are
  recorded ``timeout`` with the reason "not run: ...", so the results file is
  complete and the run ends.
* When a session ends (normally, at the deadline or on Ctrl-C) every process it
  started is killed and collected, by PID (``harness.sweep``).
"""

from __future__ import annotations

import linecache
import os
import signal
import sys
import threading
import time
from typing import Any

import pytest

from . import harness
from .marks import MARKER
from .options import DEFAULT_DEADLINE

HANGS_BEFORE_ADAPTING = 2
ADAPTED_BACKSTOP = 2 * harness.WAIT + 2 * harness.GRACE
# How often the watchdog looks at the test's stack.
WATCH_EVERY = 0.25
# How long a call the test made may go on after a child of the test crashed
# (for what the child sent before) before the watchdog ends it as ``crash``.
CRASH_GRACE = 1.0
# The signal the watchdog interrupts a hung test with (delivered to the main thread).
HANG_SIGNAL = signal.SIGUSR2

_SUITE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "suite")
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class Hung(Exception):
    """A call the test made did not return: outcome ``timeout``."""


class DeadlineReached(Hung):
    """The run deadline had passed before the test started: ``timeout``, not run."""


class _Bounds:
    """The per-process state: when the run ends, how many hangs were seen."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline          # time.time() value, or None
        self.hangs = 0
        self.watchdog: Watchdog | None = None
        self.deadline_seconds: float | None = None


_KEY = pytest.StashKey[_Bounds]()


def pytest_configure(config: pytest.Config) -> None:
    workerinput = getattr(config, "workerinput", None)
    seconds = config.getoption("conformance_deadline", DEFAULT_DEADLINE) or 0.0
    if workerinput is not None and "mp_conformance_deadline" in workerinput:
        deadline = workerinput["mp_conformance_deadline"]
    else:
        deadline = time.time() + seconds if seconds > 0 else None
    state = _Bounds(deadline)
    state.deadline_seconds = seconds or None
    config.stash[_KEY] = state
    config.pluginmanager.register(_DeadlineGate(), "mp-conformance-deadline-gate")
    runs_suite = bool(config.getoption("conformance_json", None)
                      or config.getoption("conformance_command", None))
    if workerinput is None and getattr(config.option, "dist", "no") != "no" and runs_suite:
        # The xdist controller of a conformance run: orphans of killed workers and
        # of their children come to it, and its sweep at the end kills and
        # collects them.  (Not a serial run: a grandchild a test orphans on purpose
        # must not become the test's own child.  Nor another pytest session that
        # merely has the plugin loaded, such as the project's own tests: the
        # helpers of every run they make would wait there as zombies until the end.)
        harness.become_subreaper()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker keeps the controller's deadline, not one of its own."""
    node.workerinput["mp_conformance_deadline"] = node.config.stash[_KEY].deadline


def _state(config: pytest.Config) -> _Bounds:
    return config.stash[_KEY]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any) -> Any:
    """Shorten the backstop after repeated hangs or near the deadline (before
    pytest-timeout reads it), and watch the test for hung calls."""
    if item.get_closest_marker(MARKER) is None:
        yield
        return
    state = _state(item.config)
    backstop = _current_backstop(item)
    limit = backstop
    if state.hangs >= HANGS_BEFORE_ADAPTING:
        limit = min(limit or ADAPTED_BACKSTOP, ADAPTED_BACKSTOP)
    if state.deadline is not None:
        remaining = state.deadline - time.time()
        if remaining > 0:
            limit = min(limit or remaining, max(remaining, harness.GRACE) + harness.GRACE)
    if limit and limit != backstop:
        item.add_marker(pytest.mark.timeout(limit), append=False)
    margin = harness.GRACE if state.hangs >= HANGS_BEFORE_ADAPTING else harness.WAIT
    watchdog = Watchdog(str(item.path), margin)
    state.watchdog = watchdog
    watchdog.start()
    try:
        yield
    finally:
        watchdog.stop()
        state.watchdog = None


def _current_backstop(item: pytest.Item) -> float | None:
    marker = item.get_closest_marker("timeout")
    if marker is None or not marker.args:
        return None
    try:
        return float(marker.args[0]) or None
    except (TypeError, ValueError):
        return None


class _DeadlineGate:
    """Past the deadline, a test is recorded without being run at all: no setup,
    no traceback, a few milliseconds each."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: Any) -> Any:
        state = _state(item.config)
        if (item.get_closest_marker(MARKER) is None or state.deadline is None
                or time.time() < state.deadline):
            return None
        from .plugin import MESSAGE_KEY, OUTCOME_KEY

        message = _not_run(state)
        props = [*item.user_properties, (OUTCOME_KEY, "timeout"), (MESSAGE_KEY, message)]
        ihook = item.ihook
        ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        report = pytest.TestReport(item.nodeid, item.location, dict.fromkeys(item.keywords, 1),
                                   "failed", message, "setup", user_properties=props)
        ihook.pytest_runtest_logreport(report=report)
        ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True


def _not_run(state: _Bounds) -> str:
    return (f"not run: the run deadline ({state.deadline_seconds:g} s after the run began, "
            "--conformance-deadline) was reached before this test started")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker(MARKER) is None:
        return
    state = _state(item.config)
    if state.deadline is not None and time.time() >= state.deadline:
        raise DeadlineReached(_not_run(state))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    if item.get_closest_marker(MARKER) is None or call.excinfo is None:
        return
    exc = call.excinfo.value
    if isinstance(exc, DeadlineReached):
        return
    if isinstance(exc, Hung) or (isinstance(exc, pytest.fail.Exception)
                                 and str(exc).startswith("Timeout")):
        _state(item.config).hangs += 1
    del outcome


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Kill and collect whatever this process started that is still there."""
    from . import plugin

    try:
        module = session.config.stash[plugin._STATE].module
    except KeyError:
        module = None
    harness.sweep(module)


def where(excinfo: Any, test_file: str) -> str:
    """'; it was at FILE:LINE: SOURCE' for the innermost frame of the test's own
    code in a traceback, or ''."""
    tb = excinfo.tb
    found = None
    while tb is not None:
        if _is_test_code(tb.tb_frame.f_code.co_filename, test_file):
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return ""
    filename, line = found
    source = linecache.getline(filename, line).strip()
    return f"; it was at {os.path.basename(filename)}:{line}: {source}"


def _is_test_code(filename: str, test_file: str) -> bool:
    path = os.path.normcase(os.path.abspath(filename))
    return (path == os.path.normcase(os.path.abspath(test_file))
            or path.startswith(os.path.normcase(_SUITE_DIR) + os.sep))


def _raise_hung(signum: int, frame: Any) -> None:
    state = _CURRENT.get("watchdog")
    if state is None or not state.fired:
        return  # late: the test it was meant for has ended
    message, state.fired = state.fired, None
    if state.crash:
        raise harness.Crash(message)
    raise Hung(message)


_CURRENT: dict[str, Watchdog | None] = {"watchdog": None}


class Watchdog:
    """Watches the main thread while one test runs: a call the test made with a
    ``timeout`` argument that is still running ``margin`` seconds after that
    timeout is interrupted (HANG_SIGNAL; the handler raises Hung)."""

    def __init__(self, test_file: str, margin: float) -> None:
        self.test_file = test_file
        self.margin = margin
        self.fired: str | None = None
        self.crash = False
        main = threading.main_thread().ident
        assert main is not None  # the main thread is running, so it has an ident
        self._main = main
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        try:
            signal.signal(HANG_SIGNAL, _raise_hung)
        except (ValueError, OSError):
            return
        _CURRENT["watchdog"] = self
        self._thread = threading.Thread(target=self._watch, name="conformance-watchdog",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is None:
            return
        self._thread.join(harness.GRACE)
        # The handler stays: a signal that comes late finds no watchdog and is ignored.
        _CURRENT["watchdog"] = None

    def _watch(self) -> None:
        # What was seen last: (id, code) of the call's frame, never the frame itself:
        # a frame kept alive keeps its locals alive (a manager the test then drops
        # would never be finalised).
        self._seen: tuple[int, Any] | None = None
        self._since = 0.0
        self._limit: float | None = None
        self._crashed_at: float | None = None
        while not self._stop.wait(WATCH_EVERY):
            if self._look():
                return

    def _look(self) -> bool:
        """One look at the main thread; whether the watchdog fired.  Frames are
        only held for the duration of the look."""
        frame = sys._current_frames().get(self._main)
        call = self._api_call(frame) if frame is not None else None
        del frame
        if call is None:
            self._seen = None
            return False
        key = (id(call), call.f_code)
        if key != self._seen:
            self._seen, self._since, self._limit = key, time.monotonic(), self._timeout_of(call)
            self._crashed_at = None
            return False
        crash = harness.crashed()
        if crash is not None:
            self._crashed_at = self._crashed_at or time.monotonic()
            if time.monotonic() - self._crashed_at >= CRASH_GRACE:
                name = getattr(call.f_code, "co_qualname", call.f_code.co_name)
                self.crash = True
                self.fired = (f"{crash} while the test waited in {name}()"
                              f"{self._location(call)}")
                self._interrupt()
                return True
        if self._limit is None:
            return False
        elapsed = time.monotonic() - self._since
        if elapsed > self._limit + self.margin:
            name = getattr(call.f_code, "co_qualname", call.f_code.co_name)
            self.fired = (f"{name}(timeout={self._limit:g}) was still running {elapsed:.1f}s "
                          f"after it was called: it hangs, ignoring its timeout"
                          f"{self._location(call)}")
            self._interrupt()
            return True
        return False

    def _interrupt(self) -> None:
        try:
            signal.pthread_kill(self._main, HANG_SIGNAL)
        except (OSError, ValueError):
            pass

    def _api_call(self, frame: Any) -> Any:
        """The frame of the call the test's own code is in, if it is the
        implementation's (not the harness's: its waits bound themselves)."""
        inner = None
        while frame is not None:
            if _is_test_code(frame.f_code.co_filename, self.test_file):
                if inner is None:
                    return None
                path = os.path.abspath(inner.f_code.co_filename)
                return None if path.startswith(_PACKAGE_DIR + os.sep) else inner
            inner = frame
            frame = frame.f_back
        return None

    @staticmethod
    def _timeout_of(frame: Any) -> float | None:
        try:
            value = frame.f_locals.get("timeout")
        except Exception:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            return None
        return float(value)

    @staticmethod
    def _location(frame: Any) -> str:
        caller = frame.f_back
        if caller is None:
            return ""
        line = caller.f_lineno
        source = linecache.getline(caller.f_code.co_filename, line).strip()
        return f" (at {os.path.basename(caller.f_code.co_filename)}:{line}: {source})"
