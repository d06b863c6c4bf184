"""Tests of pool.ThreadPool.

The multiprocessing.dummy module: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.pool.ThreadPool
"""

from __future__ import annotations

import os
import threading

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.targets import dummy as t

# --------------------------------------------------------------------------- ThreadPool


def default_pool_size():
    """The docs: processes=None means os.cpu_count(); os.process_cpu_count() from 3.13."""
    return (getattr(os, "process_cpu_count", None) or os.cpu_count)() or 1


@pytest.fixture(scope="module")
def thread_pool(mp):
    """One ThreadPool of two threads, for tests that only submit tasks."""
    pool = submodule("pool", mp).ThreadPool(2)
    try:
        yield pool
    finally:
        harness.end_pool(pool)


@pytest.fixture
def new_thread_pool(mp):
    """Make ThreadPools that are closed and joined at the end of the test."""
    made = []

    def make(*args, **kwargs):
        made.append(submodule("pool", mp).ThreadPool(*args, **kwargs))
        return made[-1]

    yield make
    for pool in made:
        pool.terminate()
        harness.call(pool.join)


@feature("pool.ThreadPool::is-a-pool-subclass")
def test_threadpool_is_a_pool_subclass(mp):
    """ThreadPool is a subclass of multiprocessing.pool.Pool."""
    pool_module = submodule("pool", mp)
    assert issubclass(pool_module.ThreadPool, pool_module.Pool)


@feature("pool.ThreadPool::workers-are-threads-of-the-caller")
def test_threadpool_workers_are_threads_of_the_caller(mp, thread_pool):
    """Tasks run in other threads of the calling process, and start no process."""
    before = set(mp.active_children())
    identities = harness.call(thread_pool.map, t.thread_identity, range(8))
    assert {pid for pid, _ in identities} == {os.getpid()}, "a task ran in another process"
    assert threading.get_ident() not in {ident for _, ident in identities}, (
        "a task ran in the calling thread")
    assert set(mp.active_children()) == before


@feature("pool.ThreadPool::processes-is-number-of-threads")
def test_threadpool_processes_is_number_of_threads(new_thread_pool):
    """ThreadPool(2) runs two tasks at once, in at most two threads."""
    pool = new_thread_pool(2)
    barrier = threading.Barrier(2, timeout=harness.WAIT)
    met = [pool.apply_async(barrier.wait) for _ in range(2)]
    assert sorted(r.get(timeout=harness.WAIT) for r in met) == [0, 1]
    idents = {ident for _, ident in harness.call(pool.map, t.thread_identity, range(16), 1)}
    assert len(idents) <= 2, f"ThreadPool(2) ran tasks in {len(idents)} threads"


@feature("pool.ThreadPool::processes-none-uses-cpu-count")
def test_threadpool_processes_none_uses_cpu_count(new_thread_pool):
    """ThreadPool() runs os.cpu_count() tasks at once (os.process_cpu_count() from 3.13 on)."""
    size = default_pool_size()
    pool = new_thread_pool()
    barrier = threading.Barrier(size, timeout=harness.WAIT)
    met = [pool.apply_async(barrier.wait) for _ in range(size)]
    assert sorted(r.get(timeout=harness.WAIT) for r in met) == list(range(size))
    idents = {ident for _, ident in harness.call(pool.map, t.thread_identity, range(4 * size), 1)}
    assert len(idents) <= size, f"ThreadPool() ran tasks in {len(idents)} threads"


@feature("pool.ThreadPool::initializer-runs-in-each-thread")
def test_threadpool_initializer_runs_in_each_thread(new_thread_pool):
    """initializer(*initargs) runs in each worker thread."""
    local = threading.local()

    def initializer(token):
        local.token = token

    barrier = threading.Barrier(2, timeout=harness.WAIT)

    def meet():
        barrier.wait()
        return threading.get_ident(), getattr(local, "token", None)

    pool = new_thread_pool(2, initializer, ("thread-token",))
    seen = [r.get(timeout=harness.WAIT) for r in [pool.apply_async(meet) for _ in range(2)]]
    assert len({ident for ident, _ in seen}) == 2
    assert [token for _, token in seen] == ["thread-token"] * 2, seen


def _square(x):
    return x * x


def _power(base, exponent):
    return base ** exponent


CALLS = {
    "apply": (lambda p: p.apply(_square, (3,)), 9),
    "apply_async": (lambda p: p.apply_async(_square, (3,)).get(harness.WAIT), 9),
    "map": (lambda p: p.map(_square, range(5)), [0, 1, 4, 9, 16]),
    "map_async": (lambda p: p.map_async(_square, range(5)).get(harness.WAIT), [0, 1, 4, 9, 16]),
    "imap": (lambda p: list(p.imap(_square, range(5))), [0, 1, 4, 9, 16]),
    "imap_unordered": (lambda p: sorted(p.imap_unordered(_square, range(5))), [0, 1, 4, 9, 16]),
    "starmap": (lambda p: p.starmap(_power, [(2, 3), (3, 2)]), [8, 9]),
    "starmap_async": (lambda p: p.starmap_async(_power, [(2, 3)]).get(harness.WAIT), [8]),
}


@pytest.mark.parametrize("method", list(CALLS))
@feature("pool.ThreadPool::supports-every-pool-method")
def test_threadpool_supports_every_pool_method(thread_pool, method):
    """ThreadPool offers each method of Pool, with the same results."""
    call, expected = CALLS[method]
    assert harness.call(call, thread_pool) == expected


@feature("pool.ThreadPool::worker-exception-reraised")
def test_threadpool_worker_exception_reraised(thread_pool):
    """An exception raised by a task is raised by apply() and get(), same type and message."""
    def fail():
        raise KeyError("raised in a worker thread")

    with pytest.raises(KeyError, match="raised in a worker thread"):
        harness.call(thread_pool.apply, fail)
    with pytest.raises(KeyError, match="raised in a worker thread"):
        thread_pool.apply_async(fail).get(timeout=harness.WAIT)


@feature("pool.ThreadPool::get-timeout-raises-timeouterror")
def test_threadpool_get_timeout_raises_timeouterror(mp, thread_pool):
    """A ThreadPool's get(timeout) raises multiprocessing.TimeoutError in time, else returns."""
    release = threading.Event()
    result = thread_pool.apply_async(release.wait, (harness.CHILD_WAIT,))
    try:
        with harness.stopwatch() as watch, pytest.raises(mp.TimeoutError):
            result.get(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "AsyncResult.get(timeout)")
        # get() is observably blocked before the task is let go.
        value = harness.woken(lambda: result.get(timeout=harness.WAIT), release.set,
                              "AsyncResult.get(timeout)")
    finally:
        release.set()
    assert value is True


# The stdlib's Pool.__del__ trips over the half-built pool that the TypeError leaves.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("argument", ["maxtasksperchild", "context"])
@feature("pool.ThreadPool::maxtasksperchild-and-context-not-accepted")
def test_threadpool_maxtasksperchild_and_context_not_accepted(mp, argument):
    """Unlike Pool, ThreadPool takes no maxtasksperchild or context argument (TypeError)."""
    value = {"maxtasksperchild": 1, "context": mp.get_context()}[argument]
    with pytest.raises(TypeError):
        pool = submodule("pool", mp).ThreadPool(1, **{argument: value})
        pool.terminate()  # only reached when the argument was wrongly accepted
        harness.call(pool.join)


@feature("pool.ThreadPool::context-manager-enter-returns-pool")
def test_threadpool_context_manager_enter_returns_pool(new_thread_pool):
    """`with ThreadPool() as p` binds p to the pool itself, usable inside the block."""
    pool = new_thread_pool(1)
    with pool as entered:
        assert entered is pool
        assert harness.call(entered.apply, _square, (4,)) == 16
