"""Tests of TimeoutError.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.TimeoutError
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t

# --------------------------------------------------------------------------- TimeoutError


@contextmanager
def _pool_with_held_tasks(mp):
    """A one-worker pool whose tasks (t.wait_stored_event, t.wait_stored_event_for)
    wait on an event; the event is set and the pool closed and joined (bounded) when
    the block ends."""
    release = mp.Event()
    pool = mp.Pool(1, initializer=t.store_event, initargs=(release,))
    try:
        yield pool
    finally:
        release.set()
        pool.close()
        harness.call(pool.join)


@feature("TimeoutError::raised-when-timeout-expires", requires=("Pool",))
def test_timeout_error_raised_when_timeout_expires(mp):
    """AsyncResult.get(timeout) raises multiprocessing.TimeoutError when the timeout expires.

    The pool task is still running: a method with a timeout whose timeout expired.
    """
    with _pool_with_held_tasks(mp) as pool:
        result = pool.apply_async(t.wait_stored_event)
        with harness.stopwatch() as watch:
            with pytest.raises(mp.TimeoutError):
                result.get(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "AsyncResult.get(timeout)")


@feature("TimeoutError::raised-by-imap-next-timeout", requires=("Pool",))
def test_timeout_error_raised_by_imap_next_timeout(mp):
    """imap() iterator's next(timeout) raises multiprocessing.TimeoutError when it expires."""
    with _pool_with_held_tasks(mp) as pool:
        results = pool.imap(t.wait_stored_event_for, [0])
        with harness.stopwatch() as watch:
            with pytest.raises(mp.TimeoutError):
                results.next(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "next(timeout)")
