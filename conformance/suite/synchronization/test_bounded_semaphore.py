"""Tests of BoundedSemaphore and BoundedSemaphore.locked.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.BoundedSemaphore
"""

from __future__ import annotations

from conformance.marks import feature
from conformance.platform_facts import NO_SEM_GETVALUE_PLATFORMS
from conformance.suite.synchronization._support import (
    _acquire_gives_up,
    _acquire_succeeds_in_time,
    _count_shared_across_processes,
    _excludes_other_processes,
    _locked_sees_other_process_holding,
    _raised,
)


@feature("BoundedSemaphore::acquire-timeout-gives-up-returning-false")
def test_bounded_semaphore_acquire_timeout_gives_up(ctx):
    """acquire(timeout=T) on a BoundedSemaphore held by a child returns False after about T s."""
    _acquire_gives_up(ctx, "BoundedSemaphore")


@feature("BoundedSemaphore::acquire-timeout-succeeds-when-released-in-time")
def test_bounded_semaphore_acquire_timeout_succeeds_in_time(ctx):
    """acquire(timeout=T) returns True before T when a child releases the BoundedSemaphore."""
    _acquire_succeeds_in_time(ctx, "BoundedSemaphore")


@feature("BoundedSemaphore::excludes-other-processes")
def test_bounded_semaphore_excludes_other_processes(ctx):
    """Held by a child, a BoundedSemaphore() cannot be taken by the parent; released, it can."""
    _excludes_other_processes(ctx, "BoundedSemaphore")


@feature("BoundedSemaphore.locked::sees-other-process-holding")
def test_bounded_semaphore_locked_sees_other_process_holding(ctx):
    """BoundedSemaphore().locked() is True in the parent while a child holds its unit, False
    after."""
    _locked_sees_other_process_holding(ctx, "BoundedSemaphore")


@feature("BoundedSemaphore::release-beyond-initial-value-raises-valueerror",
         not_platforms=NO_SEM_GETVALUE_PLATFORMS,
         reason="on macOS a BoundedSemaphore is indistinguishable from a Semaphore")
def test_bounded_semaphore_release_too_often_raises(mp):
    """Releasing a BoundedSemaphore above its initial value raises ValueError."""
    sem = mp.BoundedSemaphore(2)
    raised = _raised(sem.release)
    assert isinstance(raised, ValueError), (
        f"release() of a full BoundedSemaphore(2) raised {raised!r}, not ValueError")
    sem.acquire()
    sem.release()
    raised = _raised(sem.release)
    assert isinstance(raised, ValueError), (
        f"a release() beyond the initial value raised {raised!r}, not ValueError")


@feature("BoundedSemaphore::count-shared-across-processes")
def test_bounded_semaphore_count_shared_across_processes(ctx):
    """A child holding one unit of a BoundedSemaphore(2) leaves exactly one to the parent."""
    _count_shared_across_processes(ctx, "BoundedSemaphore")
