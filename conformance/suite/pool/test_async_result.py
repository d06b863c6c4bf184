"""Tests of pool.AsyncResult, pool.AsyncResult.get, pool.AsyncResult.wait, pool.AsyncResult.ready
and pool.AsyncResult.successful.

Process Pools: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.pool.AsyncResult
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.suite.pool._support import SUBMISSIONS
from conformance.targets import pool as t
from conformance.targets.pool import PoolTaskError


@pytest.fixture
def gated(shared):
    """A task of the shared pool that stays busy until ``release()``; released at the end
    whatever happens, and waited for, so that the pool is idle for the next test."""
    result = shared.pool.apply_async(t.gated, ("done",))
    # Every worker has started and waits (for a task, or at the gate): a test that
    # times the task's release then times the pool, not how long workers take to start.
    for pid in shared.workers:
        harness.blocked(pid, what=f"the pool's worker {pid}")
    released = []

    def release():
        if not released:
            released.append(True)
            shared.gate.release()

    yield SimpleNamespace(result=result, release=release)
    release()
    result.wait(harness.WAIT)


# --------------------------------------------------------------------------- AsyncResult


@pytest.mark.parametrize("method", ["apply_async", "map_async"])
@feature("pool.AsyncResult::returned-by-apply-async-and-map-async")
def test_asyncresult_returned_by_apply_async_and_map_async(mp, shared, method):
    """apply_async() and map_async() return multiprocessing.pool.AsyncResult instances."""
    async_result = submodule("pool", mp).AsyncResult
    result = SUBMISSIONS[method](shared.pool)
    result.wait(harness.WAIT)
    assert isinstance(result, async_result), f"{method}() returned {type(result)!r}"


@feature("pool.AsyncResult.get::returns-result")
def test_asyncresult_get_returns_result(shared):
    """get() returns the result, with or without a timeout."""
    result = shared.pool.apply_async(t.square, (12,))
    assert harness.call(result.get) == 144
    assert result.get(timeout=harness.WAIT) == 144


@feature("pool.AsyncResult.get::repeatable", de_facto=True)
def test_asyncresult_get_repeatable(shared):
    """get() can be called again: the same result (or the same exception) each time."""
    result = shared.pool.apply_async(t.square, (5,))
    assert [result.get(timeout=harness.WAIT) for _ in range(3)] == [25, 25, 25]
    failed = shared.pool.apply_async(t.fail, ("every time",))
    for _ in range(2):
        with pytest.raises(PoolTaskError, match="^every time$"):
            failed.get(timeout=harness.WAIT)


@feature("pool.AsyncResult.get::timeout-raises-timeouterror")
def test_asyncresult_get_timeout_raises_timeouterror(mp, gated):
    """get(timeout) raises multiprocessing.TimeoutError after about timeout when not ready."""
    # The task goes on, and a later get() returns its result.
    with harness.stopwatch() as watch, pytest.raises(mp.TimeoutError):
        gated.result.get(timeout=harness.SHORT)
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "AsyncResult.get(timeout)")
    gated.release()
    assert gated.result.get(timeout=harness.WAIT) == "done"


@feature("pool.AsyncResult.get::returns-result-arriving-within-timeout")
def test_asyncresult_get_returns_result_arriving_within_timeout(gated):
    """get(timeout) returns the result as soon as it arrives, before the timeout."""
    # get() is observably blocked before the task is let go.
    value = harness.woken(lambda: gated.result.get(timeout=harness.WAIT), gated.release,
                          "AsyncResult.get(timeout)")
    assert value == "done"


@feature("pool.AsyncResult.get::reraises-remote-exception")
def test_asyncresult_get_reraises_remote_exception(shared):
    """If the task raised, get() raises that exception: same type, same message."""
    result = shared.pool.apply_async(t.fail, ("raised remotely",))
    with pytest.raises(PoolTaskError, match="^raised remotely$"):
        result.get(timeout=harness.WAIT)


@feature("pool.AsyncResult.wait::timeout-expires-when-not-ready")
def test_asyncresult_wait_timeout_expires_when_not_ready(gated):
    """wait(timeout) returns after about timeout seconds when the result has not arrived."""
    with harness.stopwatch() as watch:
        gated.result.wait(harness.SHORT)
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "AsyncResult.wait(timeout)")
    assert not gated.result.ready()


@feature("pool.AsyncResult.wait::returns-once-ready")
def test_asyncresult_wait_returns_once_ready(gated):
    """wait(timeout) returns as soon as the result is available, before the timeout."""
    harness.woken(lambda: gated.result.wait(harness.WAIT), gated.release,
                  "AsyncResult.wait(timeout)")
    assert gated.result.ready()


@feature("pool.AsyncResult.ready::false-until-completed")
def test_asyncresult_ready_false_until_completed(gated):
    """ready() is False while the call runs and True once it has completed."""
    assert gated.result.ready() is False
    gated.release()
    gated.result.wait(harness.WAIT)
    assert gated.result.ready() is True


@feature("pool.AsyncResult.ready::true-after-failed-call")
def test_asyncresult_ready_true_after_failed_call(shared):
    """A call that raised has completed too: ready() is True."""
    result = shared.pool.apply_async(t.fail, ("failed",))
    result.wait(harness.WAIT)
    assert result.ready() is True


@feature("pool.AsyncResult.successful::true-after-success")
def test_asyncresult_successful_true_after_success(shared):
    """successful() is True for a call that returned."""
    result = shared.pool.apply_async(t.square, (2,))
    result.wait(harness.WAIT)
    assert result.successful() is True


@feature("pool.AsyncResult.successful::false-after-exception")
def test_asyncresult_successful_false_after_exception(shared):
    """successful() is False for a call that raised."""
    result = shared.pool.apply_async(t.fail, ("failed",))
    result.wait(harness.WAIT)
    assert result.successful() is False


@feature("pool.AsyncResult.successful::not-ready-raises-valueerror")
def test_asyncresult_successful_not_ready_raises_valueerror(gated):
    """successful() raises ValueError while the result is not ready (3.7+)."""
    try:
        value = gated.result.successful()
    except Exception as exc:  # the wrong type is a verdict, not an error
        assert isinstance(exc, ValueError), (
            f"successful() before the result was ready raised {type(exc).__name__}"
            f"({exc}), not ValueError")
    else:
        pytest.fail(f"successful() before the result was ready returned {value!r} "
                    "instead of raising ValueError")
