"""Tests of pool.Pool, pool.Pool.apply, pool.Pool.apply_async, pool.Pool.map, pool.Pool.map_async,
pool.Pool.imap, pool.Pool.imap_unordered, pool.Pool.starmap, pool.Pool.starmap_async,
pool.Pool.close, pool.Pool.terminate and pool.Pool.join.

Process Pools: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.pool.Pool
"""

from __future__ import annotations

import functools
import os
import pickle
import threading
from contextlib import contextmanager

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import Narrowing, feature
from conformance.suite.pool._support import SUBMISSIONS, TOKEN, dispose, new_children
from conformance.targets import pool as t
from conformance.targets.pool import PoolTaskError

SQUARES = [x * x for x in range(23)]


def assert_stops_immediately(mp, before, stop, what):
    """Call ``stop()`` (in the background) and check that, within harness.IMMEDIATE of
    the call, it has returned and every worker started since ``before`` has exited."""
    stopping = harness.Background(stop)
    try:
        harness.until(lambda: stopping.finished() and not new_children(mp, before),
                      timeout=harness.IMMEDIATE, what=what)
    except harness.HarnessTimeout:
        alive = [p.pid for p in new_children(mp, before)]
        state = ([] if stopping.finished() else ["it had not returned"]) + (
            [f"worker process(es) {alive} were alive"] if alive else [])
        state_text = " and ".join(state) or "it had only just ended"
        pytest.fail(f"{what}: {harness.IMMEDIATE}s after the call {state_text}: "
                    "the workers were not stopped immediately", pytrace=False)
    stopping.result(0)


@contextmanager
def own_pool(ctx, *args, gate=None, **kwargs):
    """``ctx.Pool(*args, **kwargs)`` for one test, terminated and joined (bounded)
    when the block ends, whatever happens; ``gate``, a Semaphore its tasks may be
    held on, is released first."""
    pool = ctx.Pool(*args, **kwargs)
    failed = False
    try:
        yield pool
    except BaseException:
        failed = True
        raise
    finally:
        if gate is not None:
            gate.release()
        try:
            harness.call(pool.terminate)  # bounded: a broken pool may never stop
            harness.call(pool.join)
        except harness.HarnessTimeout:
            if not failed:  # else the test's own failure says more (the plugin reaps)
                raise


class IterableError(Exception):
    """Raised on purpose by the iterable given to map() and co."""


def failing_iterable(count, fail_at):
    """0, 1, ... up to ``fail_at``, where it raises IterableError (consumed in the parent)."""
    for i in range(count):
        if i == fail_at:
            raise IterableError(f"the iterable failed at item {i}")
        yield i


class Recorder:
    """A callback for apply_async & co: records what it got, where, and signals."""

    def __init__(self):
        self.calls = []
        self.called = threading.Event()

    def __call__(self, value):
        self.calls.append((value, os.getpid()))
        self.called.set()

    def wait(self):
        harness.wait(self.called)
        return self.calls


# --------------------------------------------------------------------------- Pool


@feature("pool.Pool::processes-is-number-of-workers")
def test_pool_processes_is_number_of_workers(shared):
    """Pool(2) starts two worker processes, and runs every task in one of them."""
    assert len(shared.workers) == 2, (
        f"Pool(2) started {len(shared.workers)} worker process(es)")
    pids = set(harness.call(shared.pool.map, t.worker_pid, range(16), 1))
    assert pids <= shared.workers, f"tasks ran in {pids}, the pool's workers are {shared.workers}"


def default_pool_size():
    """The docs: processes=None means os.cpu_count(); os.process_cpu_count() from 3.13."""
    return (getattr(os, "process_cpu_count", None) or os.cpu_count)() or 1


@feature("pool.Pool::processes-none-uses-cpu-count")
def test_pool_processes_none_uses_cpu_count(mp, ctx):
    """Pool() starts os.cpu_count() workers (os.process_cpu_count() from 3.13 on)."""
    before = set(mp.active_children())
    pool = ctx.Pool()
    try:
        started = len(new_children(mp, before))
    finally:
        pool.close()
        harness.call(pool.join)
    assert started == default_pool_size(), (
        f"Pool() started {started} workers, expected {default_pool_size()}")


@feature("pool.Pool::initializer-runs-in-each-worker")
def test_pool_initializer_runs_in_each_worker(shared):
    """initializer(*initargs) has run in every worker before it takes tasks."""
    # Each task waits at a two-party barrier (given by the initializer), so the two
    # run in the two workers at once.  A worker where the initializer did not run
    # answers at once: then the barrier is aborted to free the other worker.
    results = [shared.pool.apply_async(t.meet) for _ in range(2)]
    try:
        harness.until(lambda: any(r.ready() for r in results), what="an answer from a worker")
        for pid, token, init_pid in [r.get(timeout=0) for r in results if r.ready()]:
            assert token == TOKEN, (
                f"worker {pid} saw token {token!r}: initializer(*initargs) did not run there")
            assert init_pid == pid, f"worker {pid}: the initializer ran in process {init_pid}"
        seen = [r.get(timeout=harness.WAIT) for r in results]
    except BaseException:
        shared.barrier.abort()
        for r in results:
            r.wait(harness.WAIT)
        raise
    pids = {pid for pid, _, _ in seen}
    assert pids == shared.workers, f"the two tasks ran in {pids}, workers are {shared.workers}"
    for pid, token, init_pid in seen:
        assert token == TOKEN, f"worker {pid} saw token {token!r}: initializer(*initargs) not run"
        assert init_pid == pid, f"worker {pid}: the initializer ran in process {init_pid}"


@feature("pool.Pool::maxtasksperchild-replaces-worker")
def test_pool_maxtasksperchild_replaces_worker(ctx):
    """With maxtasksperchild=1 a worker exits after one task and a fresh one takes the next."""
    pool = ctx.Pool(1, maxtasksperchild=1)
    try:
        first = harness.call(pool.apply, t.worker_pid)
        second = harness.call(pool.apply, t.worker_pid)
    finally:
        pool.close()
        harness.call(pool.join)
    assert first != second, f"both tasks ran in worker {first}"


@feature("pool.Pool::context-manager-enter-returns-pool")
def test_pool_context_manager_enter_returns_pool(ctx):
    """`with pool as p` binds p to the pool itself, which is usable inside the block."""
    with own_pool(ctx, 1) as pool:
        with pool as entered:
            assert entered is pool
            assert harness.call(entered.apply, t.square, (3,)) == 9


def leave_with_block(pool):
    """Enter and leave a `with pool` block."""
    with pool:
        pass


@feature("pool.Pool::context-manager-exit-terminates")
def test_pool_context_manager_exit_terminates(mp, ctx):
    """Leaving the with block calls terminate(): workers stop at once, their work unfinished."""
    gate = ctx.Semaphore(0)
    before = set(mp.active_children())
    with own_pool(ctx, 1, initializer=t.init_worker, initargs=(gate,), gate=gate) as pool:
        pool.apply_async(t.worker_pid).get(timeout=harness.WAIT)  # the worker is up
        pool.apply_async(t.gated)  # never released: only terminate() can end it
        assert_stops_immediately(mp, before, functools.partial(leave_with_block, pool),
                                 "leaving the with block")


# What a worker started with each start method sees of a module global that the
# parent set at run time: a forked worker inherits it, the others import afresh.
SEES_PARENT_STATE = {"fork": True, "spawn": False, "forkserver": False}


@feature("pool.Pool::context-selects-start-method")
def test_pool_context_selects_start_method(mp, ctx, start_method):
    """Pool(context=ctx) starts its workers with the start method of ctx."""
    token = f"set-at-run-time-{os.getpid()}"
    t.parent_marker["value"] = token
    try:
        pool = submodule("pool", mp).Pool(1, context=ctx)
    finally:
        t.parent_marker.clear()
    try:
        seen = harness.call(pool.apply, t.read_parent_marker)
    finally:
        pool.close()
        harness.call(pool.join)
    inherited = seen == token
    assert inherited == SEES_PARENT_STATE[start_method], (
        f"a worker of Pool(context={start_method!r} context) "
        f"{'inherited' if inherited else 'did not inherit'} the parent's run-time state")


@feature("pool.Pool::cannot-be-pickled", de_facto=True)
def test_pool_cannot_be_pickled(shared):
    """A pool cannot be pickled, being the creating process's own: NotImplementedError."""
    with pytest.raises(NotImplementedError):
        pickle.dumps(shared.pool)


@feature("pool.Pool::processes-below-one-raises-valueerror", de_facto=True)
def test_pool_processes_below_one_raises_valueerror(mp):
    """Pool(0) raises ValueError and starts nothing."""
    before = set(mp.active_children())
    with pytest.raises(ValueError):
        mp.Pool(0)
    assert not new_children(mp, before)


@pytest.mark.parametrize("bad", [0, -1, 1.5])
@feature("pool.Pool::maxtasksperchild-not-positive-int-raises-valueerror", de_facto=True,
         min_python=((3, 10, 13), (3, 11, 7), (3, 12)),
         reason="checked from 3.10.13, 3.11.7 and 3.12 (gh-83658); 3.9 and the earlier "
                "3.10/3.11 releases accept any value")
def test_pool_maxtasksperchild_not_positive_int_raises_valueerror(mp, bad):
    """Pool(maxtasksperchild=0, -1 or 1.5) raises ValueError and starts nothing."""
    before = set(mp.active_children())
    with pytest.raises(ValueError):
        mp.Pool(1, maxtasksperchild=bad)
    assert not new_children(mp, before)


# --------------------------------------------------------------------------- apply


@feature("pool.Pool.apply::returns-result")
def test_apply_returns_result(shared):
    """apply(func, args, kwds) returns func(*args, **kwds)."""
    assert harness.call(shared.pool.apply, t.power, (2, 5)) == 32
    assert harness.call(shared.pool.apply, t.power, (3,), {"exponent": 3}) == 27


@feature("pool.Pool.apply::runs-in-a-worker")
def test_apply_runs_in_a_worker(shared):
    """func runs in one of the pool's worker processes, not in the caller."""
    pid = harness.call(shared.pool.apply, t.worker_pid)
    assert pid != os.getpid(), "apply() ran the function in the calling process"
    assert pid in shared.workers, f"apply() ran in {pid}, workers are {shared.workers}"


@feature("pool.Pool.apply::worker-exception-reraised")
def test_apply_worker_exception_reraised(shared):
    """An exception raised by func in the worker is raised by apply(), same type and message."""
    with pytest.raises(PoolTaskError, match="^raised in the worker$"):
        harness.call(shared.pool.apply, t.fail, ("raised in the worker",))


# --------------------------------------------------------------------------- apply_async


@feature("pool.Pool.apply_async::get-returns-result")
def test_apply_async_get_returns_result(shared):
    """apply_async(func, args, kwds) returns a result whose get() is func(*args, **kwds)."""
    assert shared.pool.apply_async(t.power, (2, 5)).get(timeout=harness.WAIT) == 32
    result = shared.pool.apply_async(t.power, (3,), {"exponent": 3})
    assert result.get(timeout=harness.WAIT) == 27


@feature("pool.Pool.apply_async::callback-gets-result-in-parent")
def test_apply_async_callback_gets_result_in_parent(shared):
    """callback is applied to the result, in the process that submitted the task."""
    callback = Recorder()
    shared.pool.apply_async(t.square, (7,), callback=callback).get(timeout=harness.WAIT)
    assert callback.wait() == [(49, os.getpid())]


@feature("pool.Pool.apply_async::error-callback-gets-exception")
def test_apply_async_error_callback_gets_exception(shared):
    """If func fails, error_callback gets the exception instance and callback is not called."""
    callback, error_callback = Recorder(), Recorder()
    result = shared.pool.apply_async(t.fail, ("for error_callback",), callback=callback,
                                     error_callback=error_callback)
    [(exc, pid)] = error_callback.wait()
    assert isinstance(exc, PoolTaskError) and str(exc) == "for error_callback", repr(exc)
    assert pid == os.getpid(), "error_callback ran outside the submitting process"
    assert result.ready()
    assert callback.calls == [], "callback was called although the task failed"


@feature("pool.Pool.apply_async::unpicklable-argument-fails-the-task", de_facto=True)
def test_apply_async_unpicklable_argument_fails_the_task(shared):
    """A task whose argument cannot be pickled fails with the pickling error instead of
    hanging, and the pool takes the next task."""
    result = shared.pool.apply_async(t.square, (t.Unpicklable(),))
    harness.until(result.ready, what="the result of a task whose argument cannot be pickled")
    with pytest.raises(TypeError, match="refuses to be pickled"):
        result.get(timeout=0)
    assert harness.call(shared.pool.apply, t.square, (3,)) == 9


@feature("pool.Pool.apply_async::unpicklable-result-fails-the-task", de_facto=True)
def test_apply_async_unpicklable_result_fails_the_task(shared):
    """A task whose result cannot be pickled fails with an error naming the pickling
    error instead of hanging, and the pool takes the next task."""
    result = shared.pool.apply_async(t.unpicklable_result)
    harness.until(result.ready, what="the result of a task whose result cannot be pickled")
    with pytest.raises(Exception, match="refuses to be pickled"):
        result.get(timeout=0)
    assert harness.call(shared.pool.apply, t.square, (3,)) == 9


# --------------------------------------------------------------------------- map


@feature("pool.Pool.map::results-in-order")
def test_map_results_in_order(shared):
    """map(func, iterable) returns [func(x) for x in iterable], in order."""
    assert harness.call(shared.pool.map, t.square, range(23)) == SQUARES


@feature("pool.Pool.map::empty-iterable-gives-empty-list")
def test_map_empty_iterable_gives_empty_list(shared):
    """map() over an empty iterable returns an empty list, as the built-in map does."""
    assert harness.call(shared.pool.map, t.square, []) == []


@feature("pool.Pool.map::iterable-exception-propagates", de_facto=True)
def test_map_iterable_exception_propagates(ctx):
    """An exception raised by the iterable is raised by map(); the pool stays usable."""
    with own_pool(ctx, 1) as pool:
        with pytest.raises(IterableError, match="^the iterable failed at item 3$"):
            harness.call(pool.map, t.square, failing_iterable(10, 3))
        assert harness.call(pool.map, t.square, range(5)) == SQUARES[:5]


@pytest.mark.parametrize("chunksize", [2, 7, 50])
@feature("pool.Pool.map::chunksize-keeps-order")
def test_map_chunksize_keeps_order(shared, chunksize):
    """With a chunksize the results are the same, in the same order."""
    assert harness.call(shared.pool.map, t.square, range(23), chunksize) == SQUARES


@feature("pool.Pool.map::worker-exception-reraised")
def test_map_worker_exception_reraised(shared):
    """An exception raised for one item is raised by map(), same type and message."""
    func = functools.partial(t.square_unless, bad=5)
    with pytest.raises(PoolTaskError, match="^item 5 failed on purpose$"):
        harness.call(shared.pool.map, func, range(10))


# --------------------------------------------------------------------------- map_async


@pytest.mark.parametrize("chunksize", [None, 4])
@feature("pool.Pool.map_async::get-returns-ordered-results")
def test_map_async_get_returns_ordered_results(shared, chunksize):
    """map_async(func, iterable).get() is the list map() would return."""
    result = shared.pool.map_async(t.square, range(23), chunksize)
    assert result.get(timeout=harness.WAIT) == SQUARES


@feature("pool.Pool.map_async::callback-gets-result-list")
def test_map_async_callback_gets_result_list(shared):
    """callback is applied once, to the whole list of results, in the submitting process."""
    callback = Recorder()
    shared.pool.map_async(t.square, range(5), callback=callback).get(timeout=harness.WAIT)
    assert callback.wait() == [([0, 1, 4, 9, 16], os.getpid())]


@feature("pool.Pool.map_async::error-callback-gets-exception")
def test_map_async_error_callback_gets_exception(shared):
    """If func fails for an item, error_callback gets the exception, callback is not called."""
    callback, error_callback = Recorder(), Recorder()
    func = functools.partial(t.square_unless, bad=3)
    shared.pool.map_async(func, range(6), callback=callback, error_callback=error_callback)
    [(exc, pid)] = error_callback.wait()
    assert isinstance(exc, PoolTaskError) and str(exc) == "item 3 failed on purpose", repr(exc)
    assert pid == os.getpid()
    assert callback.calls == [], "callback was called although an item failed"


# --------------------------------------------------------------------------- imap


@pytest.mark.parametrize("chunksize", [1, 3])
@feature("pool.Pool.imap::yields-results-in-order")
def test_imap_yields_results_in_order(shared, chunksize):
    """imap() returns an iterator over func(x) for each x, in order, with any chunksize."""
    iterator = shared.pool.imap(t.square, range(23), chunksize)
    assert harness.call(list, iterator) == SQUARES


@feature("pool.Pool.imap::next-timeout-raises-timeouterror")
def test_imap_next_timeout_raises_timeouterror(mp, shared):
    """imap's next(timeout) raises multiprocessing.TimeoutError in time, else returns the result."""
    iterator = shared.pool.imap(t.gated, ["late"])
    for pid in shared.workers:  # started, as in the gated fixture
        harness.blocked(pid, what=f"the pool's worker {pid}")
    released: list = []

    def release():
        released.append(True)
        shared.gate.release()

    try:
        with harness.stopwatch() as watch, pytest.raises(mp.TimeoutError):
            iterator.next(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "imap iterator next(timeout)")
        # next() is observably blocked before the task is let go.
        value = harness.woken(lambda: iterator.next(timeout=harness.WAIT), release,
                              "imap iterator next(timeout)")
    finally:
        if not released:
            shared.gate.release()
    assert value == "late"


@feature("pool.Pool.imap::empty-iterable-yields-nothing")
def test_imap_empty_iterable_yields_nothing(shared):
    """imap() over an empty iterable gives an iterator that ends at once."""
    assert harness.call(list, shared.pool.imap(t.square, [])) == []


@feature("pool.Pool.imap::iterable-exception-raised-at-its-position", de_facto=True)
def test_imap_iterable_exception_raised_at_its_position(ctx):
    """When the iterable raises, next() yields the results before that point, then raises
    the exception; the pool stays usable."""
    with own_pool(ctx, 1) as pool:
        iterator = pool.imap(t.square, failing_iterable(10, 3))
        assert [harness.call(next, iterator) for _ in range(3)] == [0, 1, 4]
        with pytest.raises(IterableError, match="^the iterable failed at item 3$"):
            harness.call(next, iterator)
        assert harness.call(list, pool.imap(t.square, range(5))) == SQUARES[:5]


@feature("pool.Pool.imap::worker-exception-raised-at-its-position", de_facto=True)
def test_imap_worker_exception_raised_at_its_position(shared):
    """The results before a failing item are yielded, then next() raises its exception."""
    iterator = shared.pool.imap(functools.partial(t.square_unless, bad=2), range(4))
    assert iterator.next(timeout=harness.WAIT) == 0
    assert iterator.next(timeout=harness.WAIT) == 1
    with pytest.raises(PoolTaskError, match="^item 2 failed on purpose$"):
        iterator.next(timeout=harness.WAIT)


BUFFERSIZE = Narrowing(min_python=(3, 16),
                       reason="buffersize is new in Python 3.16 (gh-64192)")


class CountingInput:
    """An endless input iterable that counts the items taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def __iter__(self):
        while True:
            self.taken += 1
            yield self.taken - 1


def _buffersize_bounds_input(ctx, method):
    """``pool.<method>(square, endless input, buffersize=2)``: five results come,
    the input is consumed at most about two items ahead of them, and close() and
    join() return with the iterator half consumed (gh-155477)."""
    source = CountingInput()
    pool = ctx.Pool(2)
    try:
        iterator = getattr(pool, method)(t.square, source, buffersize=2)
        results = [iterator.next(timeout=harness.WAIT) for _ in range(5)]
        taken = source.taken
        if method == "imap":
            assert results == [0, 1, 4, 9, 16], f"imap(buffersize=2) yielded {results}"
        assert len(set(results)) == 5, results
        assert taken <= 5 + 2 + 1, (
            f"{taken} input items taken after 5 results with buffersize=2")
        pool.close()
        harness.call(pool.join)
    finally:
        pool.terminate()
        harness.call(pool.join)


@feature("pool.Pool.imap::buffersize-bounds-input-consumption", **BUFFERSIZE)
def test_imap_buffersize_bounds_input_consumption(ctx):
    """imap(buffersize=2) takes an endless input, in order, only a few items ahead (3.16).

    close() and join() then return with the iterator half consumed.
    """
    _buffersize_bounds_input(ctx, "imap")


# --------------------------------------------------------------------------- imap_unordered


@pytest.mark.parametrize("chunksize", [1, 3])
@feature("pool.Pool.imap_unordered::yields-every-result")
def test_imap_unordered_yields_every_result(shared, chunksize):
    """imap_unordered() yields func(x) for every x, each exactly once, in any order."""
    iterator = shared.pool.imap_unordered(t.square, range(23), chunksize)
    assert sorted(harness.call(list, iterator)) == SQUARES


@feature("pool.Pool.imap_unordered::empty-iterable-yields-nothing")
def test_imap_unordered_empty_iterable_yields_nothing(shared):
    """imap_unordered() over an empty iterable gives an iterator that ends at once."""
    assert harness.call(list, shared.pool.imap_unordered(t.square, [])) == []


@feature("pool.Pool.imap_unordered::iterable-exception-propagates", de_facto=True)
def test_imap_unordered_iterable_exception_propagates(ctx):
    """When the iterable raises, iterating imap_unordered() raises the exception, having
    yielded only results of items before it; the pool stays usable."""
    with own_pool(ctx, 1) as pool:
        iterator = pool.imap_unordered(t.square, failing_iterable(10, 3))
        seen = []
        with pytest.raises(IterableError, match="^the iterable failed at item 3$"):
            for _ in range(4):  # the three results and the exception, in any order
                seen.append(harness.call(next, iterator))
        assert set(seen) <= {0, 1, 4}, f"results {seen} for items the iterable never gave"
        assert sorted(harness.call(list, pool.imap_unordered(t.square, range(5)))) == [
            0, 1, 4, 9, 16]


@feature("pool.Pool.imap_unordered::single-worker-keeps-order")
def test_imap_unordered_single_worker_keeps_order(ctx):
    """With a single worker process, imap_unordered() yields the results in order."""
    pool = ctx.Pool(1)
    try:
        assert harness.call(list, pool.imap_unordered(t.square, range(23))) == SQUARES
    finally:
        pool.close()
        harness.call(pool.join)


@feature("pool.Pool.imap_unordered::next-timeout-raises-timeouterror")
def test_imap_unordered_next_timeout_raises_timeouterror(mp, shared):
    """next(timeout) of imap_unordered's iterator raises multiprocessing.TimeoutError in time."""
    iterator = shared.pool.imap_unordered(t.gated, ["late"])
    try:
        with harness.stopwatch() as watch, pytest.raises(mp.TimeoutError):
            iterator.next(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT,
                                     "imap_unordered iterator next(timeout)")
    finally:
        shared.gate.release()
    assert iterator.next(timeout=harness.WAIT) == "late"


@feature("pool.Pool.imap_unordered::buffersize-bounds-input-consumption", **BUFFERSIZE)
def test_imap_unordered_buffersize_bounds_input_consumption(ctx):
    """imap_unordered(buffersize=2) takes an endless input only a few items ahead (3.16).

    close() and join() then return with the iterator half consumed.
    """
    _buffersize_bounds_input(ctx, "imap_unordered")


# --------------------------------------------------------------------------- starmap

POWERS = [(2, 3), (3, 2), (5, 0), (7, 1), (2, 10)]
POWERS_RESULT = [8, 9, 1, 7, 1024]


@pytest.mark.parametrize("chunksize", [None, 2])
@feature("pool.Pool.starmap::unpacks-argument-tuples")
def test_starmap_unpacks_argument_tuples(shared, chunksize):
    """starmap(func, [(1, 2), (3, 4)]) returns [func(1, 2), func(3, 4)], in order."""
    assert harness.call(shared.pool.starmap, t.power, POWERS, chunksize) == POWERS_RESULT


@feature("pool.Pool.starmap::worker-exception-reraised")
def test_starmap_worker_exception_reraised(shared):
    """An exception raised for one item is raised by starmap(), same type and message."""
    with pytest.raises(PoolTaskError, match="^item 4 failed on purpose$"):
        harness.call(shared.pool.starmap, t.square_unless, [(1, 4), (4, 4)])


# --------------------------------------------------------------------------- starmap_async


@feature("pool.Pool.starmap_async::get-returns-results")
def test_starmap_async_get_returns_results(shared):
    """starmap_async(func, iterable).get() is the list starmap() would return."""
    result = shared.pool.starmap_async(t.power, POWERS)
    assert result.get(timeout=harness.WAIT) == POWERS_RESULT


@feature("pool.Pool.starmap_async::callback-gets-result-list")
def test_starmap_async_callback_gets_result_list(shared):
    """callback is applied to the list of results, in the submitting process."""
    callback = Recorder()
    shared.pool.starmap_async(t.power, POWERS, callback=callback).get(timeout=harness.WAIT)
    assert callback.wait() == [(POWERS_RESULT, os.getpid())]


@feature("pool.Pool.starmap_async::error-callback-gets-exception")
def test_starmap_async_error_callback_gets_exception(shared):
    """If func fails for an item, error_callback gets the exception instance."""
    callback, error_callback = Recorder(), Recorder()
    shared.pool.starmap_async(t.square_unless, [(1, 2), (2, 2)], callback=callback,
                              error_callback=error_callback)
    [(exc, pid)] = error_callback.wait()
    assert isinstance(exc, PoolTaskError) and str(exc) == "item 2 failed on purpose", repr(exc)
    assert pid == os.getpid()
    assert callback.calls == []


# --------------------------------------------------------------------------- close, terminate, join


@pytest.fixture(scope="module")
def stopped_pools(mp, start_method):
    """A closed and a terminated pool per start method."""
    ctx = mp.get_context(start_method)
    before = set(mp.active_children())
    closed, terminated = ctx.Pool(1), ctx.Pool(1)
    processes = new_children(mp, before)
    closed.close()
    terminated.terminate()
    try:
        yield {"close": closed, "terminate": terminated}
    finally:
        dispose(closed, processes)
        dispose(terminated, processes)


@pytest.mark.parametrize("method", list(SUBMISSIONS))
@feature("pool.Pool.close::refuses-new-tasks", de_facto=True)
def test_close_refuses_new_tasks(stopped_pools, method):
    """After close(), submitting a task raises ValueError ("Pool not running")."""
    with pytest.raises(ValueError):
        harness.call(SUBMISSIONS[method], stopped_pools["close"])


@pytest.mark.parametrize("method", list(SUBMISSIONS))
@feature("pool.Pool.terminate::refuses-new-tasks", de_facto=True)
def test_terminate_refuses_new_tasks(stopped_pools, method):
    """After terminate(), submitting a task raises ValueError ("Pool not running")."""
    with pytest.raises(ValueError):
        harness.call(SUBMISSIONS[method], stopped_pools["terminate"])


@pytest.mark.parametrize("how", ["close", "terminate"])
@feature("pool.Pool::context-manager-enter-stopped-pool-raises-valueerror", de_facto=True)
def test_pool_context_manager_enter_stopped_pool_raises_valueerror(stopped_pools, how):
    """Entering a `with` block on a closed or terminated pool raises ValueError."""
    with pytest.raises(ValueError):
        with stopped_pools[how]:
            pass


@feature("pool.Pool.close::outstanding-tasks-complete")
def test_close_outstanding_tasks_complete(ctx):
    """Tasks submitted before close() still run to completion; join() then returns."""
    gate = ctx.Semaphore(0)
    with own_pool(ctx, 1, initializer=t.init_worker, initargs=(gate,)) as pool:
        result = pool.apply_async(t.gated, ("completed",))
        pool.close()
        gate.release()
        harness.call(pool.join)
        assert result.ready(), "join() returned before the outstanding task completed"
        assert result.get(timeout=0) == "completed"


@feature("pool.Pool.terminate::stops-workers-without-completing-work")
def test_terminate_stops_workers_without_completing_work(mp, ctx):
    """terminate() stops the workers at once, even one busy with a task that would never end."""
    gate = ctx.Semaphore(0)
    before = set(mp.active_children())
    with own_pool(ctx, 1, initializer=t.init_worker, initargs=(gate,), gate=gate) as pool:
        started = pool.apply_async(t.worker_pid).get(timeout=harness.WAIT)
        pool.apply_async(t.gated)  # never released
        assert_stops_immediately(mp, before, pool.terminate, "terminate()")
        harness.call(pool.join)
        assert started not in {p.pid for p in mp.active_children()}


@feature("pool.Pool.join::waits-for-workers-to-exit")
def test_join_waits_for_workers_to_exit(mp, ctx):
    """After close(), join() returns once every worker process has exited."""
    before = set(mp.active_children())
    with own_pool(ctx, 2) as pool:
        workers = new_children(mp, before)
        assert harness.call(pool.map, t.square, range(4)) == [0, 1, 4, 9]
        pool.close()
        harness.call(pool.join)
        alive = [p.pid for p in workers if p.is_alive()]
        assert not alive, f"workers {alive} were still alive when join() returned"


@feature("pool.Pool.join::after-terminate-returns")
def test_join_after_terminate_returns(mp, ctx):
    """join() after terminate() returns, the workers having exited."""
    before = set(mp.active_children())
    pool = ctx.Pool(1)
    workers = new_children(mp, before)
    pool.terminate()
    harness.call(pool.join)
    assert not [p for p in workers if p.is_alive()]


@feature("pool.Pool.join::before-close-raises-valueerror", de_facto=True)
def test_join_before_close_raises_valueerror(shared):
    """join() on a pool neither closed nor terminated raises ValueError."""
    with pytest.raises(ValueError):
        harness.call(shared.pool.join)
