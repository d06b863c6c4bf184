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
"""

from __future__ import annotations

import os
import queue as _queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
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
# Children that wait to be told something wait at most this long, so that no
# child outlives a run even if the harness that should release it is gone.
CHILD_WAIT = 30.0


class HarnessTimeout(Exception):
    """Something that should have happened promptly did not: outcome ``timeout``."""


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
    """Join a started process; kill it and raise HarnessTimeout if it does not end."""
    process.join(timeout)
    if process.is_alive():
        reap(process)
        raise HarnessTimeout(
            f"process {process.name!r} did not finish within {timeout}s (it was killed)")
    return process


def reap(process: Any) -> None:
    """End a process by every means there is, bounded; never raises."""
    for method in ("terminate", "kill"):
        try:
            if not process.is_alive():
                break
            getattr(process, method)()
            process.join(WAIT / 2)
        except Exception:
            pass


def run(ctx: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
    """Start ``target(*args, **kwargs)`` in a child of ``ctx`` and join it, bounded."""
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
    """
    process = ctx.Process(target=target, args=args, kwargs=kwargs)
    process.start()
    try:
        yield process
    finally:
        try:
            for event in release_on_exit:
                event.set()
        finally:
            if process.is_alive():
                process.join(WAIT)
            reap(process)


def recv(conn: Any, timeout: float = WAIT) -> Any:
    """``conn.recv()`` bounded by ``timeout``."""
    if not conn.poll(timeout):
        raise HarnessTimeout(f"nothing arrived on the connection within {timeout}s")
    return conn.recv()


def get(q: Any, timeout: float = WAIT) -> Any:
    """``q.get()`` bounded by ``timeout``."""
    try:
        return q.get(timeout=timeout)
    except _queue.Empty:
        raise HarnessTimeout(f"nothing arrived on the queue within {timeout}s") from None


def wait(event: Any, timeout: float = WAIT) -> None:
    """``event.wait()`` bounded; HarnessTimeout if it is not set in time."""
    if not event.wait(timeout):
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
    exception raised again, or HarnessTimeout if it is still running."""
    return Background(fn, *args, **kwargs).result(timeout)


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
