"""Bounded waiting for conformance tests.

Every blocking call a test makes goes through one of these helpers (or passes
an explicit timeout of its own).  When something that should happen promptly
does not happen within ``WAIT`` seconds, the helper raises ``HarnessTimeout``
and the result is reported as ``timeout``.  No helper sleeps to synchronise.

The clock constants live here and nowhere else:

WAIT       upper bound for an event that should happen promptly (a child
           starting, finishing, answering).  Only a broken implementation
           ever waits this long.
SHORT      a timeout that a test expects to expire (``get(timeout=SHORT)``
           on an empty queue).  Each such check costs SHORT seconds.
EARLY      how much earlier than asked a timed wait may give up and still
           conform: clocks differ in resolution between the OS primitives.
LATE       how much later than asked a timed wait may give up, and how long a
           wait whose event has come may take to return (see PROMPT).
PROMPT     how long after its event was sent (the item put, the lock released,
           the Event set, the child ended) a waiter may take to return.
           Measured from the send, never from a child's start, so that it
           bounds the wake-up, not the start method.
IMMEDIATE  upper bound for what the docs promise happens "immediately"
           (Pool.terminate() "stops the worker processes immediately").
"""

from __future__ import annotations

import os
import queue as _queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from conformance import impl

WAIT = 10.0
SHORT = 0.2
EARLY = 0.05
# PROMPT and LATE bound a wake-up: the kernel waking a blocked thread, the
# thread getting the GIL, and for queues, pools and managers one or two hops
# through a helper thread and a pipe.  On the stdlib that takes about 1 ms
# idle.  Measured on a 2-core machine with two busy loops and five other test
# runs beside (load average 15 to 25), full runs on CPython 3.9, 3.13 and 3.15
# under the three start methods: the worst of 222 wake-ups took 0.13 s (imap
# next, a pool's result handler), the worst of 161 expired timed waits gave up
# 0.29 s late (Queue.put(timeout) on a full queue), most under 0.05 s.  0.5 s
# keeps those green and still tells apart a wait that re-checks only every
# second or slower: a waiter observably blocked when the event is sent
# (``blocked``) returns about a full re-check period late.  A timed wait of
# SHORT (0.2 s) may so take up to 0.7 s, 3.5x its timeout, where LATE = 2.0
# used to accept 11x.
PROMPT = 0.5
LATE = PROMPT
# Pool.terminate() (and so leaving a `with Pool()` block) with a worker busy on a task
# that never ends, from the call until every worker has exited, measured for the
# stdlib on this 2-core machine with ~12 runnable processes, with and without two more
# busy loops: at most 0.13 s (median 0.003-0.04 s) on CPython 3.9, 3.11, 3.13, 3.15 and
# PyPy 3.9 under fork, spawn and forkserver.  1.5 s is over ten times that, and tells
# it from a pool that waits for its workers (billiard 4.3: 7 s).
IMMEDIATE = 1.5
# Children that wait to be told something wait at most this long, so that no
# child outlives a run even if the harness that should release it is gone.
CHILD_WAIT = 30.0


# How long a call that has nothing left to wait for may take before the harness
# calls it hung (``join()`` of a child that has ended, ``Event.set()``), and how
# much longer than its own timeout a harness wait lets a timed call run.  A
# harness safety margin, not a conformance bound (that is PROMPT).
GRACE = 2.0
# How often a harness wait looks at the children of the test it tracks, and
# how often it looks for children it does not (a scan of /proc).
POLL = 0.05
SCAN_EVERY = 1.0
# Signals that mean a crash: nothing in the suite sends them to a child.
CRASH_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT",
                                       "SIGSYS", "SIGTRAP") if hasattr(signal, name))


class HarnessTimeout(Exception):
    """Something that should have happened promptly did not: outcome ``timeout``."""


class Crash(Exception):
    """A child of the test died of a signal nobody sent it: outcome ``crash``."""


class Stopwatch:
    """Measures one interval with the monotonic clock."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.elapsed: float | None = None

    def stop(self) -> float:
        self.elapsed = time.monotonic() - self.start
        return self.elapsed


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    watch = Stopwatch()
    try:
        yield watch
    finally:
        watch.stop()


def assert_gave_up_after(elapsed: float, timeout: float, what: str) -> None:
    """A timed wait that expired took about ``timeout`` seconds: not less, not much more."""
    assert elapsed >= timeout - EARLY, (
        f"{what} gave up after {elapsed:.3f}s, before its timeout of {timeout}s")
    assert elapsed <= timeout + LATE, (
        f"{what} took {elapsed:.3f}s to give up, far beyond its timeout of {timeout}s")


def assert_did_not_wait_out(elapsed: float, timeout: float, what: str) -> None:
    """A timed wait whose event came in time returned before its timeout, and promptly.

    ``elapsed`` runs from the moment the event was sent (or from the call, when
    the event was there before it): a wait that re-checks only now and then
    returns in time but late, and is caught by the PROMPT bound.
    """
    assert elapsed < timeout, (
        f"{what} returned after {elapsed:.3f}s, as late as its timeout of {timeout}s, "
        "although the event it waited for had come")
    assert_prompt(elapsed, what)


def assert_prompt(latency: float, what: str) -> None:
    """A waiter returned within PROMPT seconds of the moment its event was sent."""
    assert latency <= PROMPT, (
        f"{what} returned {latency:.3f}s after the event it waited for was sent, "
        f"later than the {PROMPT}s a wake-up may take: does it only re-check now and then?")


def _thread_state(pid: int, tid: int | None) -> str | None:
    """The state letter of a thread (``/proc/<pid>/task/<tid>/stat``), or of a
    process's main thread; None where /proc cannot tell (not Linux, or gone)."""
    path = f"/proc/{pid}/task/{tid}/stat" if tid else f"/proc/{pid}/stat"
    try:
        with open(path, "rb") as f:
            stat = f.read()
    except OSError:
        return None
    # "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ")".
    return stat[stat.rfind(b")") + 2:][:1].decode()


def blocked(waiter: Any, timeout: float = WAIT, what: str = "the waiter") -> None:
    """Return once ``waiter`` is observably blocked in its wait: a ``Background``
    call (which does nothing but the wait), or a child process (its main
    thread; a Process, or a pid) whose message "about to wait", sent just
    before the call, the caller has received.

    On Linux the thread's state in /proc must read "S" (sleeping) twice with a
    pause between, which rules out a thread only waiting for the GIL that the
    caller held.  Where /proc cannot tell, only the order of the calls is
    relied on.  A test then sends the event knowing the wait has begun, so an
    implementation whose wait misses it, or notices it late, is caught.
    AssertionError if the waiter returns before it is sent anything,
    HarnessTimeout if it is not blocked within ``timeout``.
    """
    gone: Callable[[], bool]
    if isinstance(waiter, Background):
        # Without the thread's kernel id (no Thread.native_id) /proc cannot tell.
        pid, tid = (os.getpid(), waiter.native_id) if waiter.native_id else (-1, None)
        gone = waiter.finished
    elif isinstance(waiter, int):  # a process that is not our child (a pool's worker)
        pid, tid = waiter, None
        gone = lambda: False  # noqa: E731
    else:
        pid, tid = waiter.pid, None
        gone = lambda: not waiter.is_alive()  # noqa: E731
    seen = []

    def asleep() -> bool:
        if gone():
            raise AssertionError(f"{what} returned before it was sent what it waits for")
        state = _thread_state(pid, tid)
        if state is None:
            return True
        seen.append(state == "S")
        return seen[-2:] == [True, True]

    until(asleep, timeout, f"{what} blocking")


def ended(pid: int, timeout: float = WAIT) -> float:
    """Wait until process ``pid`` has ended (a zombie, or gone) and return the
    ``time.monotonic()`` it was first seen so, within about 20 ms.  For timing a
    waiter from a process's end rather than from what made it end (its
    interpreter's teardown is not the waiter's to answer for).  Where /proc
    cannot tell, the moment of the call."""
    until(lambda: _thread_state(pid, None) in (None, "Z", "X"), timeout, f"process {pid} ending")
    return time.monotonic()


def sender_ready(child: Any, receiver: Any, go: Any) -> Callable[[], Any]:
    """For a child that says "ready" on ``receiver`` and then waits for ``go`` before
    sending the event under test (and reporting when it sent): wait for "ready" and
    until the child is observably blocked, then return the ``release`` for
    ``woken``: tell the child to go, and read the moment it sent."""
    assert recv(receiver) == "ready", "the child did not say it was ready"
    blocked(child, what="the child")  # waiting to be told, before the waiter starts

    def release() -> Any:
        go.set()
        return recv(receiver)

    return release


def woken(blocking: Any, release: Any, what: str) -> Any:
    """``blocking()`` in a ``Background`` thread; once it is ``blocked``, ``release()``
    sends its event.  Returns ``blocking()``'s value, or raises its exception,
    after checking that it returned within PROMPT of the send (bounded by WAIT).

    When another process sends the event (``release()`` tells it to), ``release``
    returns the ``time.monotonic()`` of the send as that process took it (one
    clock for the whole machine), or as ``ended`` saw it; otherwise the send is
    when ``release()`` is called.
    """
    def timed() -> tuple[Any, float]:
        value = blocking()
        return value, time.monotonic()

    waiter = Background(timed)
    blocked(waiter, what=what)
    sent = time.monotonic()
    sent = release() or sent
    value, returned = waiter.result()
    assert_prompt(returned - sent, what)
    return value


def join(process: Any, timeout: float = WAIT) -> Any:
    """Join a started process, bounded: kill it and raise HarnessTimeout if it does
    not end within ``timeout``; raise Crash if it died of a signal nobody sent it.

    Whether the child has ended is read from the operating system (its PID), not
    from the implementation; its own ``join()`` is then called, bounded by
    GRACE, and a ``join()`` that does not return is reported as the hang.
    """
    track(process)
    if not _ended(process, timeout):
        _kill(process)
        raise HarnessTimeout(
            f"process {_name(process)!r} did not finish within {timeout}s (it was killed)")
    crash = _crash_of(process)
    if not _join_ended(process):
        raise HarnessTimeout(
            f"{type(process).__name__}.join() did not return within {GRACE}s "
            "although the child had ended")
    crash = crash or _crash_of(process)
    if crash:
        raise Crash(crash)
    return process


def reap(process: Any) -> None:
    """End a process, bounded, by the operating system (SIGKILL to its PID), then
    give the implementation a bounded ``join()`` to do its bookkeeping, and
    collect the zombie if it did not; never raises."""
    try:
        track(process)
        if not _ended(process, 0):
            _kill(process)
        _join_ended(process)
        _collect(process)
    except Exception:
        pass


def run(ctx: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
    """Start ``target(*args, **kwargs)`` in a child of ``ctx`` and join it, bounded
    (see ``join``: Crash if the child died of a signal nobody sent it)."""
    process = ctx.Process(target=target, args=args, kwargs=kwargs)
    process.start()
    return join(process)


@contextmanager
def started(ctx: Any, target: Any, *args: Any, release_on_exit: Iterable[Any] = (),
            **kwargs: Any) -> Iterator[Any]:
    """A running child for the duration of the block; reaped afterwards, whatever happens.

    ``target(*args, **kwargs)`` runs in a child of ``ctx``.  The events in
    ``release_on_exit`` (what the child, or a child of its own, waits on) are
    set when the block is left, also when it fails, before the child is
    joined: a test that fails before releasing its child does not wait WAIT
    seconds for it.  Never list an event that a child terminated in the block
    waits on: setting it can block (see the suite's README, Rules).

    The harness's waits (``recv``, ``get``, ``wait``, ``call``) end at once,
    with Crash, when this child dies of a signal nobody sent it.
    """
    process = ctx.Process(target=target, args=args, kwargs=kwargs)
    process.start()
    track(process)
    failed = False
    try:
        yield process
    except BaseException:
        failed = True
        raise
    finally:
        try:
            for event in release_on_exit:
                call(event.set, timeout=GRACE)
        except Exception:
            if not failed:
                raise
        finally:
            # After a failure the child may be stuck on what it was never given:
            # it gets GRACE to end, not WAIT.
            _ended(process, GRACE if failed else WAIT)
            if not _ended(process, 0):
                _kill(process)
            joined = _join_ended(process)
            _collect(process)
            if not failed and not joined:
                raise HarnessTimeout(  # noqa: B012 - only when nothing else is raised
                    f"{type(process).__name__}.join() did not return within {GRACE}s "
                    "although the child had ended")


def recv(conn: Any, timeout: float = WAIT) -> Any:
    """``conn.recv()`` bounded by ``timeout``; Crash if a child of the test dies first."""
    def poll_recv() -> tuple[bool, Any]:
        return (True, conn.recv()) if conn.poll(timeout) else (False, None)

    arrived, value = _await(poll_recv, timeout, f"{type(conn).__name__}.poll({timeout})",
                            grace=GRACE)
    if not arrived:
        raise HarnessTimeout(f"nothing arrived on the connection within {timeout}s")
    return value


def get(q: Any, timeout: float = WAIT) -> Any:
    """``q.get()`` bounded by ``timeout``; Crash if a child of the test dies first."""
    try:
        return _await(lambda: q.get(timeout=timeout), timeout,
                      f"{type(q).__name__}.get(timeout={timeout})", grace=GRACE)
    except _queue.Empty:
        raise HarnessTimeout(f"nothing arrived on the queue within {timeout}s") from None


def wait(event: Any, timeout: float = WAIT) -> None:
    """``event.wait()`` bounded; HarnessTimeout if it is not set in time, Crash if a
    child of the test dies first."""
    if not _await(lambda: event.wait(timeout), timeout,
                  f"{type(event).__name__}.wait({timeout})", grace=GRACE):
        raise HarnessTimeout(f"the event was not set within {timeout}s")


def until(predicate: Any, timeout: float = WAIT, what: str = "the condition") -> None:
    """Wait until ``predicate()`` is true, re-checking with a growing pause.

    For state that no primitive signals (``Barrier.n_waiting`` reaching 2): the
    verdict depends only on the state being reached, never on how long the
    pauses are.  HarnessTimeout if it is not reached within ``timeout``.
    """
    deadline = time.monotonic() + timeout
    pause = 0.0005
    while not predicate():
        if time.monotonic() > deadline:
            raise HarnessTimeout(f"{what} did not hold within {timeout}s")
        if time.monotonic() - _state.scanned >= SCAN_EVERY:
            crash = crashed()
            if crash is not None:
                raise Crash(f"{crash} before {what} held")
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


class Background:
    """``fn(*args, **kwargs)`` running in a daemon thread of the calling process.

    For calls the API gives no timeout (``JoinableQueue.join()``,
    ``Listener.accept()``, ``SimpleQueue.get()``, ``deliver_challenge()``):
    the test waits for them with ``result()``, which is bounded.  Only a
    broken implementation leaves such a thread blocked, and a daemon thread
    does not keep the process alive.
    """

    def __init__(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        self.what = getattr(fn, "__qualname__", repr(fn))
        self._thread = threading.Thread(target=self._run, args=(fn, args, kwargs),
                                        name=f"conformance-{self.what}", daemon=True)
        self._thread.start()
        # The kernel's id of the thread, for ``blocked``; None where unknown.
        self.native_id = getattr(self._thread, "native_id", None)

    def _run(self, fn: Any, args: Any, kwargs: Any) -> None:
        try:
            self._value = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: B036 - handed to result()
            self._error = exc
        finally:
            self._done.set()

    def finished(self, timeout: float = 0.0) -> bool:
        """Whether the call has returned or raised (waiting at most ``timeout``)."""
        return self._done.wait(timeout)

    def result(self, timeout: float = WAIT) -> Any:
        """The call's return value, or its exception re-raised; bounded by ``timeout``."""
        if not self._done.wait(timeout):
            raise HarnessTimeout(f"{self.what}() did not return within {timeout}s")
        if self._error is not None:
            raise self._error
        return self._value

    def value_if_done(self) -> Any:
        """The return value if the call has returned, else None (for cleanup)."""
        return self._value if self._done.is_set() else None


def call(fn: Any, *args: Any, timeout: float = WAIT, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` bounded by ``timeout``, for APIs that take no timeout
    (``Pool.map``, ``Pool.join``, ``JoinableQueue.join``): its value, or its
    exception raised again, or HarnessTimeout if it is still running; Crash if a
    child of the test dies of a signal first."""
    what = getattr(fn, "__qualname__", repr(fn))
    return _await(lambda: fn(*args, **kwargs), timeout, f"{what}()", grace=0.0)


def end_pool(pool: Any) -> None:
    """End a pool that several tests shared, without charging the test that ran last:
    close() and join() (bounded), else terminate() and join(); never raises.

    How close(), terminate() and join() behave is checked by tests of their own.
    """
    for stop in (pool.close, pool.terminate):
        try:
            stop()
            call(pool.join)
            break
        except Exception:
            pass


def fresh_interpreter(*args: str, env: dict | None = None,
                      timeout: float = 2 * WAIT) -> subprocess.CompletedProcess:
    """``python ARGS`` (a script and its arguments, or ``-c CODE ...``) in a fresh
    interpreter with the implementation under test, its output captured as text.

    For behaviours of a whole program (the global start method, the main
    module's import, what happens once the program has ended).  The
    implementation's name reaches the program through ``impl.ENV_VAR``;
    ``env`` adds variables.  Killed and HarnessTimeout beyond ``timeout``.
    """
    environ = dict(os.environ)
    environ[impl.ENV_VAR] = impl.name()
    environ.update(env or {})
    what = "python -c" if args[:1] == ("-c",) else os.path.basename(args[0])
    try:
        return subprocess.run([sys.executable, *args], env=environ,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise HarnessTimeout(f"{what} did not finish within {timeout}s (it was killed)") from None


# --------------------------------------------------------------------------- children
#
# The harness's own safety does not rest on the implementation under test:
# whether a child has ended, and of what, is read from the operating system
# (``os.waitid`` with WNOWAIT for this process's children, /proc for the
# others, such as a forkserver's), and a child is ended with ``os.kill``.  The
# implementation's ``join()`` is called only once the child has ended, bounded.


class _Child:
    """A child process of the test, known by PID (and start time, against PID reuse)."""

    def __init__(self, pid: int, process: Any = None) -> None:
        self.pid = pid
        self.process = process
        self.start = _start_time(pid)
        self.code: int | None = None     # its exit code once known (negative: signal)
        self.killed = False              # the harness killed it
        self.asked = False               # its exit code was asked of the implementation


class _TestState:
    def __init__(self) -> None:
        self.baseline: set[int] = set()
        self.children: dict[int, _Child] = {}
        self.crashes: list[str] = []
        self.scanned = 0.0


_state = _TestState()


def _proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat from the state on (state, ppid, ...), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("ascii", "replace")
    except OSError:
        return None
    return data[data.rfind(")") + 2:].split()


def _start_time(pid: int) -> str | None:
    fields = _proc_stat(pid)
    return fields[19] if fields and len(fields) > 19 else None


def descendants(root: int | None = None) -> dict[int, str]:
    """PID -> state letter of every descendant of ``root`` (this process), from /proc."""
    root = os.getpid() if root is None else root
    parents: dict[int, list[int]] = {}
    states: dict[int, str] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return {}
    for entry in entries:
        if not entry.isdigit():
            continue
        try:  # os.read rather than open(): this runs twice per test over every process
            fd = os.open(f"/proc/{entry}/stat", os.O_RDONLY)
            try:
                data = os.read(fd, 512)
            finally:
                os.close(fd)
        except OSError:
            continue
        fields = data[data.rfind(b")") + 2:].split(None, 2)
        if len(fields) < 2:
            continue
        pid = int(entry)
        states[pid] = fields[0].decode("ascii", "replace")
        parents.setdefault(int(fields[1]), []).append(pid)
    found: dict[int, str] = {}
    todo = [root]
    while todo:
        for pid in parents.get(todo.pop(), ()):
            if pid not in found:
                found[pid] = states[pid]
                todo.append(pid)
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def is_helper(pid: int) -> bool:
    """Whether ``pid`` is one of an implementation's long-lived helpers (the
    forkserver, the resource tracker), which outlive the test that started them."""
    cmdline = _cmdline(pid)
    return any(f"{name} import main" in cmdline
               for name in ("forkserver", "resource_tracker", "semaphore_tracker"))


def _pid(process: Any) -> int | None:
    try:
        pid = process.pid
    except Exception:
        return None
    return pid if isinstance(pid, int) and pid > 0 else None


def _name(process: Any) -> str:
    try:
        return str(process.name)
    except Exception:
        return repr(process)


def _is_descendant(pid: int) -> bool:
    """Whether ``pid`` is a process below this one: the harness only ever watches or
    kills those, whatever PID an implementation reports (a broken ``pid`` could
    name this process or its parent).  From /proc where there is one."""
    me = os.getpid()
    if pid in (me, os.getppid()):
        return False
    if not os.path.isdir("/proc/self"):
        return True
    for _ in range(16):  # parent links up to this process, a few levels at most
        fields = _proc_stat(pid)
        if fields is None or len(fields) < 2:
            return False
        pid = int(fields[1])
        if pid == me:
            return True
        if pid <= 1:
            return False
    return False


def track(process: Any) -> None:
    """Watch a started child for the rest of the test (the waits end when it crashes)."""
    pid = _pid(process)
    if pid is not None and pid not in _state.children and _is_descendant(pid):
        _state.children[pid] = _Child(pid, process)


def _status(child: _Child) -> tuple[bool, int | None]:
    """(whether the child has ended, its exit code if the OS says), without
    reaping it: the implementation still collects it."""
    if child.code is not None:
        return True, child.code
    if _WAITID is None:  # PyPy has no os.waitid: a zombie's /proc entry holds its status
        return _status_from_proc(child)
    try:
        res = _WAITID(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:  # not this process's child (a forkserver's), or collected
        return _status_from_proc(child)
    except OSError:
        return False, None
    if res is None or res.si_pid == 0:
        return False, None
    child.code = res.si_status if res.si_code == os.CLD_EXITED else -res.si_status
    return True, child.code


_WAITID = getattr(os, "waitid", None)


def _status_from_proc(child: _Child) -> tuple[bool, int | None]:
    """(ended, exit code) read from /proc/PID/stat: a zombie's 52nd field is its
    wait status (Linux 3.5+); a PID gone or reused means the child ended."""
    fields = _proc_stat(child.pid)
    if fields is None or child.start is None or fields[0] == "X" or fields[19] != child.start:
        return True, None
    if fields[0] != "Z":
        return False, None
    if len(fields) > 49 and fields[49].isdigit() and child.process is not None \
            and _is_own_child(child.pid):
        status = int(fields[49])
        child.code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return True, child.code


def _is_own_child(pid: int) -> bool:
    fields = _proc_stat(pid)
    return bool(fields and len(fields) > 1 and fields[1] == str(os.getpid()))


def _child(process: Any) -> _Child | None:
    track(process)
    pid = _pid(process)
    return _state.children.get(pid) if pid is not None else None


def _ended(process: Any, timeout: float) -> bool:
    """Wait up to ``timeout`` for the child to end, watching its PID; whether it has."""
    child = _child(process)
    if child is None:
        return True  # never started
    deadline = time.monotonic() + timeout
    pause = 0.001
    while not _status(child)[0]:
        if time.monotonic() >= deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, POLL)
    return True


def _kill(process: Any) -> None:
    """SIGKILL the child (by PID, if it is still the same process) and wait for it, bounded."""
    child = _child(process)
    if child is None or _status(child)[0]:
        return
    child.killed = True
    try:
        os.kill(child.pid, signal.SIGKILL)
    except OSError:
        return
    _ended(process, WAIT)


# Process classes whose join() did not return for an ended child in this process:
# not waited for again (each wait would cost GRACE and say nothing new).
_JOIN_HANGS: set[type] = set()


def _join_ended(process: Any) -> bool:
    """The implementation's ``join()`` of an ended child, bounded by GRACE;
    whether it returned."""
    if type(process) in _JOIN_HANGS:
        return False
    background = Background(process.join)
    if not background.finished(GRACE):
        _JOIN_HANGS.add(type(process))
        return False
    return True


def _collect(process: Any) -> None:
    """Collect the child if it is a zombie of this process the implementation left."""
    child = _child(process)
    if child is not None and _status(child)[0]:
        try:
            os.waitpid(child.pid, os.WNOHANG)
        except OSError:
            pass


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _crash_of(process: Any) -> str | None:
    """How the child crashed (died of a crash signal the harness did not send), or None."""
    child = _child(process)
    if child is None:
        return None
    return _describe_crash(child)


def _describe_crash(child: _Child) -> str | None:
    ended, code = _status(child)
    if ended and code is None and child.process is not None and not child.asked:
        child.asked = True
        # Not this process's child (a forkserver's): its exit code, as reported.
        value = Background(lambda: child.process.exitcode)
        if value.finished(GRACE):
            got = value.value_if_done()
            if isinstance(got, int):
                child.code = code = got
    if child.killed or code is None or code >= 0 or -code not in CRASH_SIGNALS:
        return None
    what = (f"child {_name(child.process)!r}" if child.process is not None
            else f"child process {child.pid}")
    text = f"{what} died of {_signal_name(-code)} (exit code {code})"
    if text not in _state.crashes:
        _state.crashes.append(text)
    return text


def _scan_new_children() -> None:
    """Watch the children of this process the test started without the harness."""
    now = time.monotonic()
    if now - _state.scanned < SCAN_EVERY:
        return
    _state.scanned = now
    for pid in descendants():
        if pid not in _state.baseline and pid not in _state.children:
            _state.children[pid] = _Child(pid)


def crashed() -> str | None:
    """A child of the test that has died of a crash signal, described; else None."""
    _scan_new_children()
    for child in list(_state.children.values()):
        text = _describe_crash(child)
        if text:
            return text
    return None


def _await(fn: Any, timeout: float, what: str, grace: float) -> Any:
    """``fn()`` (a call with its own ``timeout``) in a background thread, watched:
    its value or exception; Crash as soon as a child of the test crashes (after
    a last SHORT look for what it sent); HarnessTimeout if ``fn`` is still
    running ``grace`` seconds after ``timeout``."""
    background = Background(fn)
    background.what = what
    deadline = time.monotonic() + timeout + grace
    while not background.finished(POLL):
        crash = crashed()
        if crash is not None:
            if background.finished(SHORT):
                break
            raise Crash(f"{crash} before answering")
        if time.monotonic() >= deadline:
            beyond = f" (its timeout was {timeout}s)" if grace else ""
            raise HarnessTimeout(f"{what} did not return within {timeout + grace:g}s{beyond}")
    return background.result(0)


def begin_test() -> None:
    """Start watching the children of a new test (called by the plugin)."""
    global _state
    _state = _TestState()
    _state.baseline = set(descendants())


def crashes() -> list[str]:
    """The crashes seen in this test, looking once more at its children."""
    crashed()
    for child in list(_state.children.values()):
        _describe_crash(child)
    return list(_state.crashes)


def end_test() -> list[int]:
    """End the test's watch: kill (SIGKILL, bounded) every process the test started
    that is still running, helpers of the implementation (forkserver, resource
    tracker) aside.  Returns the PIDs that were still running."""
    def running() -> dict[int, str]:
        return {pid: state for pid, state in descendants().items()
                if pid not in _state.baseline and state not in "ZX" and not is_helper(pid)}

    # What is ending on its own (a grandchild released at the end of the test)
    # gets a moment to do so; only a moment, so that a child that is still
    # starting is seen running, as it would be a moment earlier.
    deadline = time.monotonic() + 2 * POLL
    while running() and time.monotonic() < deadline:
        time.sleep(POLL)
    leftover = []
    for pid in running():
        child = _state.children.get(pid) or _Child(pid)
        if _start_time(pid) != child.start:
            continue
        leftover.append(pid)
        child.killed = True
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    if leftover:
        _state.children.update({pid: _state.children.get(pid) or _Child(pid)
                                for pid in leftover})
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and any(
                (_proc_stat(pid) or ["X"])[0] not in "ZX" for pid in leftover):
            time.sleep(POLL)
    return leftover


def become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux), so that
    what a killed worker or child leaves behind stays findable for ``sweep``."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def sweep(module: Any = None) -> None:
    """At the end of a session: kill whatever this process started that still runs
    (helpers aside), let the implementation collect its children (bounded) and
    collect the zombies it left."""
    for pid, state in descendants().items():
        if state not in "ZX" and not is_helper(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    if module is not None:
        try:
            Background(module.active_children).finished(GRACE)
        except Exception:
            pass
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if not any(s not in "ZX" and not is_helper(p) for p, s in descendants().items()):
                return
            time.sleep(POLL)
