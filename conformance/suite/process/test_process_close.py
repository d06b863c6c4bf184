"""Tests of Process.close.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.close
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t


@feature("Process.close::running-process-raises-valueerror")
def test_close_running_process_raises_valueerror(ctx):
    """close() of a process that is still running raises ValueError."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release, release_on_exit=(release,)) as p:
        with pytest.raises(ValueError):
            p.close()


CLOSED_REFUSALS = {
    "is_alive()": lambda p: p.is_alive(),
    "join()": lambda p: p.join(harness.SHORT),
    "terminate()": lambda p: p.terminate(),
    "kill()": lambda p: p.kill(),
    "start()": lambda p: p.start(),
    "exitcode": lambda p: p.exitcode,
    "sentinel": lambda p: p.sentinel,
}


@pytest.fixture(scope="module")
def closed_process(mp, start_method):
    """One finished, closed process per start method, shared by the refusal tests."""
    p = harness.run(mp.get_context(start_method), t.do_nothing)
    p.close()
    return p


@pytest.mark.parametrize("use", list(CLOSED_REFUSALS), ids=list(CLOSED_REFUSALS))
@feature("Process.close::closed-process-refuses-use")
def test_close_closed_process_refuses_use(closed_process, use):
    """After close(), most methods and attributes raise ValueError."""
    with pytest.raises(ValueError):
        CLOSED_REFUSALS[use](closed_process)


# --------------------------------------------------------------------------- close()


@feature("Process.close::finished-process-closes")
def test_close_finished_process_closes(ctx):
    """close() of a finished process returns None; the name stays readable."""
    p = ctx.Process(target=t.do_nothing, name="to-be-closed")
    p.start()
    harness.join(p)
    assert p.close() is None
    assert p.name == "to-be-closed"


@feature("Process.close::terminate-then-close")
def test_close_after_terminate(ctx):
    """A process ended by terminate() and joined can be closed."""
    release = ctx.Event()
    with harness.started(ctx, t.wait_for, release) as p:
        p.terminate()
        harness.join(p)
    p.close()
    with pytest.raises(ValueError):
        p.is_alive()
