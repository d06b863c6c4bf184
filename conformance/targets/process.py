"""Child targets for the Process tests (test_process*)."""

from __future__ import annotations

import sys
from typing import Any

from conformance.harness import CHILD_WAIT
from conformance.targets import mp


def do_nothing() -> None:
    pass


def return_value() -> int:
    return 42


def exit_with(code: Any) -> None:
    sys.exit(code)


def exit_without_argument() -> None:
    sys.exit()


def raise_uncaught() -> None:
    raise RuntimeError("raised on purpose by a conformance test")


def wait_for(event: Any) -> None:
    """Stay alive until the event is set (bounded, so no child outlives a run)."""
    event.wait(CHILD_WAIT)


def send_own_name(conn: Any) -> None:
    conn.send(mp().current_process().name)
    conn.close()


def send_child_names(conn: Any, start_method: str) -> None:
    """Create two children of our own and report our name and theirs."""
    ctx = mp().get_context(start_method)
    first = ctx.Process(target=do_nothing)
    second = ctx.Process(target=do_nothing)
    conn.send((mp().current_process().name, first.name, second.name))
    conn.close()


def send_default_daemon_of_new_process(conn: Any, start_method: str) -> None:
    """Report the daemon flag a Process created here starts with."""
    conn.send(mp().get_context(start_method).Process(target=do_nothing).daemon)
    conn.close()


def try_to_start_child(conn: Any, start_method: str) -> None:
    """Try to start a child of our own; report the exception type, or None."""
    child = mp().get_context(start_method).Process(target=do_nothing)
    try:
        child.start()
    except BaseException as exc:  # noqa: B036 - report whatever was raised
        conn.send(type(exc).__name__)
    else:
        child.join(CHILD_WAIT)
        conn.send(None)
    conn.close()


def start_daemon_grandchild(writer: Any, start_method: str) -> None:
    """Start a daemonic child that holds ``writer`` open and waits, then return.

    When this process exits, the daemonic child must be terminated, which
    closes the last copy of ``writer`` and the parent sees EOF."""
    ctx = mp().get_context(start_method)
    never = ctx.Event()
    grandchild = ctx.Process(target=hold_open, args=(writer, never), daemon=True)
    grandchild.start()
    writer.send(grandchild.pid)
    writer.close()


def say_then_wait_for(conn: Any, event: Any) -> None:
    """Send "waiting", then stay alive until the event is set (bounded)."""
    conn.send("waiting")
    event.wait(CHILD_WAIT)


def hold_open(writer: Any, event: Any) -> None:
    event.wait(CHILD_WAIT)
    writer.close()


# --------------------------------------------------------------------------- Process API


def send_args(conn: Any, *args: object, **kwargs: object) -> None:
    """Report the positional and keyword arguments run() passed to the target."""
    conn.send((list(args), dict(kwargs)))
    conn.close()


def send_identity(conn: Any) -> None:
    """Report what the child knows about itself: os pid, current_process() pid and ident."""
    import os

    me = mp().current_process()
    conn.send({"getpid": os.getpid(), "pid": me.pid, "ident": me.ident,
               "name": me.name, "daemon": me.daemon})
    conn.close()


def send_authkey(conn: Any) -> None:
    # An AuthenticationString refuses to be pickled: send its bytes.
    conn.send(bytes(mp().current_process().authkey))
    conn.close()


def send_parent(conn: Any) -> None:
    """Report parent_process() as seen by the child: None, or its pid, name and liveness."""
    parent = mp().parent_process()
    conn.send(None if parent is None else
              {"pid": parent.pid, "name": parent.name, "alive": parent.is_alive()})
    conn.close()


def finally_reporter(conn: Any, event: Any) -> None:
    """Say 'ready', then wait; report 'finally' if the finally clause ever runs."""
    try:
        conn.send("ready")
        event.wait(CHILD_WAIT)
    finally:
        conn.send("finally")
        conn.close()


def report_sigterm(conn: Any, event: Any) -> None:
    """Handle SIGTERM by reporting it and exiting with code 0."""
    import signal

    def on_sigterm(signum: int, frame: object) -> None:
        conn.send(signal.Signals(signum).name)
        conn.close()
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_sigterm)
    conn.send("ready")
    event.wait(CHILD_WAIT)


def ignore_sigterm(conn: Any, event: Any) -> None:
    """Ignore SIGTERM, say 'ready', then wait."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    conn.send("ready")
    event.wait(CHILD_WAIT)


def report_keyboard_interrupt(conn: Any, event: Any) -> None:
    """Say 'ready' and wait; report a KeyboardInterrupt and let it propagate."""
    import signal

    # Python's own SIGINT handler, whatever the parent had (a fork child inherits it).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        conn.send("ready")
        event.wait(CHILD_WAIT)
    except KeyboardInterrupt:
        conn.send("KeyboardInterrupt")
        raise
    conn.send("not interrupted")


def exit_on_keyboard_interrupt(conn: Any, event: Any, code: int) -> None:
    """Say 'ready' and wait; on KeyboardInterrupt, exit with ``code``."""
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        conn.send("ready")
        event.wait(CHILD_WAIT)
    except KeyboardInterrupt:
        sys.exit(code)


def start_orphan_grandchild(conn: Any, release: Any, never: Any,
                            start_method: str) -> None:
    """Start a non-daemonic child that holds ``conn`` open until ``release``; report its pid;
    then wait (on ``never``, an event of our own: a process terminated inside
    Event.wait() leaves that event unusable) to be terminated."""
    ctx = mp().get_context(start_method)
    grandchild = ctx.Process(target=hold_open, args=(conn, release))
    grandchild.start()
    conn.send(grandchild.pid)
    never.wait(CHILD_WAIT)


class _Recorder:
    """A Process subclass body: run() overridden; an attribute and a Value set in __init__.

    run() reports its arguments on ``conn``, changes the plain attribute (which
    stays in the child) and the Value (which is shared)."""

    METHOD = "fork"

    def __init__(self, conn: Any, *args: object, **kwargs: object) -> None:
        super().__init__()
        self.conn = conn
        self.payload = (args, kwargs)
        self.attribute = "set in __init__"
        self.shared = mp().get_context(self.METHOD).Value("i", 1)

    def run(self) -> None:
        self.attribute = "set in run"
        with self.shared.get_lock():
            self.shared.value = 2
        self.conn.send(("run overridden", self.payload, type(self).__name__))
        self.conn.close()


def _context_process(method: str) -> Any:
    """The implementation's Process class for ``method`` (the module's on platforms
    without that method, where the tests using it are n/a)."""
    try:
        return mp().get_context(method).Process
    except Exception:  # unavailable here, or an implementation without get_context
        return getattr(mp(), "Process", object)


_ForkProcess: Any = _context_process("fork")


class ForkRecorder(_Recorder, _ForkProcess):
    METHOD = "fork"


_SpawnProcess: Any = _context_process("spawn")


class SpawnRecorder(_Recorder, _SpawnProcess):
    METHOD = "spawn"


_ForkServerProcess: Any = _context_process("forkserver")


class ForkServerRecorder(_Recorder, _ForkServerProcess):
    METHOD = "forkserver"


RECORDERS = {"fork": ForkRecorder, "spawn": SpawnRecorder, "forkserver": ForkServerRecorder}


def signal_self(signum: int) -> None:
    """Send ourselves ``signum`` (whose default action ends the process)."""
    import os
    import signal

    signal.signal(signum, signal.SIG_DFL)  # its default action, whatever the parent had
    os.kill(os.getpid(), signum)
    mp().Event().wait(CHILD_WAIT)  # not reached: the signal ends the process


# --------------------------------------------------------------------------- pool workers

_stored_event: Any = None  # the implementation's Event, once the initializer ran


def store_event(event: Any) -> None:
    """Pool initializer: keep ``event`` for wait_stored_event()."""
    global _stored_event
    _stored_event = event


def wait_stored_event() -> bool:
    """Pool task: wait (bounded) until the event given to the initializer is set."""
    return _stored_event.wait(CHILD_WAIT)


def wait_stored_event_for(item: Any) -> object:
    """Pool task for map-like calls: wait for the initializer's event, return ``item``."""
    _stored_event.wait(CHILD_WAIT)
    return item


def send_at_exit(conn: Any) -> None:
    """Register an atexit handler that sends "atexit ran", then return normally."""
    import atexit

    atexit.register(conn.send, "atexit ran")


# --------------------------------------------------------------------------- issue 13 additions


def exit_with_stderr_to(path: str, code: Any) -> None:
    """Send this process's sys.stderr to the file ``path``, then sys.exit(code)."""
    sys.stderr = open(path, "w", encoding="utf-8")  # noqa: SIM115 - flushed at exit
    sys.exit(code)


def send_default_name_and_daemon(conn: Any, start_method: str) -> None:
    """Report our own name, and the default daemon flag of a Process created here."""
    child = mp().get_context(start_method).Process(target=do_nothing)
    conn.send((mp().current_process().name, child.daemon))
    conn.close()


def start_child_then_return(conn: Any, release: Any, start_method: str) -> None:
    """Start a non-daemonic child that waits for ``release``; say "returning" and
    return from run() while it still runs."""
    child = mp().get_context(start_method).Process(target=wait_for, args=(release,))
    child.start()
    conn.send(("returning", child.pid))
    conn.close()
