"""Tests of dummy.

The multiprocessing.dummy module: https://docs.python.org/3/library/multiprocessing.html#module-multiprocessing.dummy
"""

from __future__ import annotations

import os
import threading

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.targets import dummy as t

# --------------------------------------------------------------------------- dummy


@pytest.fixture(scope="module")
def dummy(mp):
    return submodule("dummy", mp)


@pytest.fixture
def threads():
    """Start dummy processes (threads) that are joined, bounded, at the end of the test."""
    started = []

    def start(process):
        process.start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.join(harness.WAIT)
    assert not [p for p in started if p.is_alive()], "a dummy process did not finish"


# The names multiprocessing.dummy offers in the newest stdlib (its __all__).
DUMMY_NAMES = ["Process", "current_process", "active_children", "freeze_support", "Lock",
               "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier",
               "Queue", "Manager", "Pipe", "Pool", "JoinableQueue"]


@pytest.mark.parametrize("name", DUMMY_NAMES)
@feature("dummy::replicates-the-api", de_facto=True)
def test_dummy_replicates_the_api(dummy, name):
    """multiprocessing.dummy offers the multiprocessing names that make sense for threads."""
    assert callable(getattr(dummy, name))


@feature("dummy::process-runs-target-in-a-thread")
def test_dummy_process_runs_target_in_a_thread(dummy, threads):
    """dummy.Process runs its target with its args in another thread of this process."""
    out = []
    p = threads(dummy.Process(target=t.report_identity, args=(out, dummy)))
    p.join(harness.WAIT)
    [(pid, ident, _)] = out
    assert pid == os.getpid(), "the target ran in another process"
    assert ident != threading.get_ident(), "the target ran in the calling thread"


@feature("dummy::current-process-is-the-running-process")
def test_dummy_current_process_is_the_running_process(dummy, threads):
    """Inside a dummy.Process, current_process() is that process object, with its name."""
    out = []
    p = threads(dummy.Process(target=t.report_identity, args=(out, dummy), name="thread-7"))
    p.join(harness.WAIT)
    [(_, _, current)] = out
    assert current is p
    assert current.name == "thread-7"


@feature("dummy::process-is-alive-while-running")
def test_dummy_process_is_alive_while_running(dummy, threads):
    """is_alive() is True while the target runs and False once join() returned."""
    release = dummy.Event()
    p = threads(dummy.Process(target=t.wait_for, args=(release,)))
    assert p.is_alive()
    assert p in dummy.active_children()
    release.set()
    p.join(harness.WAIT)
    assert not p.is_alive()
    assert p not in dummy.active_children()


@feature("dummy::process-join-timeout")
def test_dummy_process_join_timeout(dummy, threads):
    """join(timeout) of a running dummy.Process returns after about timeout seconds."""
    release = dummy.Event()
    p = threads(dummy.Process(target=t.wait_for, args=(release,)))
    try:
        with harness.stopwatch() as watch:
            p.join(harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "dummy Process.join(timeout)")
        assert p.is_alive()
    finally:
        release.set()


@feature("dummy::pool-is-a-threadpool")
def test_dummy_pool_is_a_threadpool(mp, dummy):
    """dummy.Pool() returns a multiprocessing.pool.ThreadPool, running tasks in threads."""
    pool = dummy.Pool(2)
    try:
        assert isinstance(pool, submodule("pool", mp).ThreadPool), type(pool)
        pid, ident = harness.call(pool.apply, t.thread_identity)
        assert pid == os.getpid() and ident != threading.get_ident()
    finally:
        pool.close()
        harness.call(pool.join)


@feature("dummy::queue-passes-objects-between-threads")
def test_dummy_queue_passes_objects_between_threads(dummy, threads):
    """A dummy.Queue carries objects from one thread to another, in order."""
    q = dummy.Queue()
    threads(dummy.Process(target=t.put_items, args=(q, ["a", {"b": 2}, None])))
    assert [harness.get(q) for _ in range(3)] == ["a", {"b": 2}, None]


@feature("dummy::joinable-queue-join-waits-for-task-done")
def test_dummy_joinable_queue_join_waits_for_task_done(dummy):
    """JoinableQueue.join() returns once task_done() was called for every item."""
    q = dummy.JoinableQueue()
    q.put(1)
    q.put(2)
    harness.get(q)
    q.task_done()
    harness.get(q)
    q.task_done()
    harness.call(q.join)


@feature("dummy::lock-excludes-other-threads")
def test_dummy_lock_excludes_other_threads(dummy, threads):
    """A dummy.Lock held by one thread cannot be taken by another until released."""
    lock, out = dummy.Lock(), []
    with lock:
        threads(dummy.Process(target=t.try_lock, args=(lock, out))).join(harness.WAIT)
    threads(dummy.Process(target=t.try_lock, args=(lock, out))).join(harness.WAIT)
    assert out == [False, True]


@feature("dummy::event-wakes-waiting-thread")
def test_dummy_event_wakes_waiting_thread(dummy, threads):
    """set() on a dummy.Event wakes a thread waiting on it."""
    event, out = dummy.Event(), []
    p = threads(dummy.Process(target=t.wait_and_report, args=(event, out)))
    event.set()
    p.join(harness.WAIT)
    assert out == [True]


@feature("dummy::pipe-connects-threads")
def test_dummy_pipe_connects_threads(dummy, threads):
    """dummy.Pipe() gives two connected ends: what one thread sends, the other receives."""
    left, right = dummy.Pipe()
    threads(dummy.Process(target=t.send_over, args=(left, ("x", 1))))
    assert harness.recv(right) == ("x", 1)
    right.send("back")
    assert harness.recv(left) == "back"


@feature("dummy::manager-gives-shared-containers", de_facto=True)
def test_dummy_manager_gives_shared_containers(dummy, threads):
    """dummy.Manager() offers dict() and Namespace(), shared between threads."""
    manager = dummy.Manager()
    store, namespace = manager.dict(), manager.Namespace()
    threads(dummy.Process(target=t.fill_shared, args=(store, namespace, "k", 5))).join(
        harness.WAIT)
    assert store == {"k": 5}
    assert namespace.seen == 5
