"""Tests of Semaphore, Semaphore.locked and Semaphore.get_value.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Semaphore
"""

from __future__ import annotations

from conformance import harness
from conformance.marks import Narrowing, feature
from conformance.platform_facts import NO_SEM_GETVALUE_PLATFORMS
from conformance.suite.synchronization._support import (
    _acquire_gives_up,
    _acquire_succeeds_in_time,
    _count_shared_across_processes,
    _excludes_other_processes,
    _locked_sees_other_process_holding,
)
from conformance.targets import sync as t


@feature("Semaphore::acquire-timeout-gives-up-returning-false")
def test_semaphore_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on a Semaphore held by a child returns False after about T seconds."""
    _acquire_gives_up(ctx, "Semaphore")


@feature("Semaphore::acquire-timeout-succeeds-when-released-in-time")
def test_semaphore_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when the child holding the Semaphore releases it."""
    _acquire_succeeds_in_time(ctx, "Semaphore")


@feature("Semaphore::excludes-other-processes")
def test_semaphore_excludes_other_processes(ctx):
    """Held by a child, a Semaphore() cannot be acquired by the parent; once released, it can."""
    _excludes_other_processes(ctx, "Semaphore")


@feature("Semaphore.locked::sees-other-process-holding")
def test_semaphore_locked_sees_other_process_holding(ctx):
    """Semaphore().locked() is True in the parent while a child holds its one unit, False after."""
    _locked_sees_other_process_holding(ctx, "Semaphore")


@feature("Semaphore::release-beyond-initial-value-allowed")
def test_semaphore_release_beyond_initial_value(mp):
    """A Semaphore may be released more often than acquired; each release adds one."""
    sem = mp.Semaphore(1)
    sem.release()
    assert sem.acquire(False) is True
    assert sem.acquire(False) is True, "an extra release() did not raise the Semaphore's count"
    assert sem.acquire(False) is False


@feature("Semaphore::count-shared-across-processes")
def test_semaphore_count_shared_across_processes(ctx):
    """A child holding one unit of a Semaphore(2) leaves exactly one to the parent."""
    _count_shared_across_processes(ctx, "Semaphore")


GET_VALUE = Narrowing(not_platforms=NO_SEM_GETVALUE_PLATFORMS,
                      reason="get_value() may raise NotImplementedError where sem_getvalue() is "
                             "missing (macOS)")


@feature("Semaphore.get_value::returns-current-value", **GET_VALUE)
def test_semaphore_get_value_returns_current_value(mp):
    """get_value() of a Semaphore(3) is 3, 2 after one acquire(), 3 again after release()."""
    sem = mp.Semaphore(3)
    assert sem.get_value() == 3, f"get_value() of a new Semaphore(3) was {sem.get_value()!r}"
    sem.acquire()
    assert sem.get_value() == 2, f"get_value() after one acquire() was {sem.get_value()!r}"
    sem.release()
    assert sem.get_value() == 3, f"get_value() after the release() was {sem.get_value()!r}"


@feature("Semaphore.get_value::sees-other-process-acquire", **GET_VALUE)
def test_semaphore_get_value_sees_other_process_acquire(ctx):
    """While a child holds one unit of a Semaphore(2), get_value() in the parent is 1."""
    sem = ctx.Semaphore(2)
    held, release = ctx.Event(), ctx.Event()
    with harness.started(ctx, t.hold, sem, held, release,
                         release_on_exit=(release,)) as p:
        harness.wait(held)
        assert sem.get_value() == 1, (
            f"get_value() was {sem.get_value()!r} while a child held one of two units")
        release.set()
        harness.join(p)
    assert sem.get_value() == 2, f"get_value() was {sem.get_value()!r} after the child released"
