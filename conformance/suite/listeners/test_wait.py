"""Tests of connection.wait.

Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.wait
"""

from __future__ import annotations

import contextlib
import socket
import threading

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.targets import listeners as t

# --------------------------------------------------------------------------- wait()


@feature("connection.wait::returns-the-ready-connections")
def test_wait_returns_the_ready_connections(mp, connection):
    """wait() returns the connections of the list that have data, and only those."""
    r1, w1 = mp.Pipe(duplex=False)
    r2, w2 = mp.Pipe(duplex=False)
    with r1, w1, r2, w2:
        w2.send("data")
        assert connection.wait([r1, r2], timeout=harness.WAIT) == [r2]
        w1.send("more")
        assert set(map(id, connection.wait([r1, r2], harness.WAIT))) == {id(r1), id(r2)}


@feature("connection.wait::empty-list-after-timeout")
def test_wait_empty_list_after_timeout(mp, connection):
    """wait(objects, t) with nothing ready returns [] after about t seconds."""
    r, w = mp.Pipe(duplex=False)
    with r, w:
        with harness.stopwatch() as watch:
            ready = connection.wait([r], timeout=harness.SHORT)
    assert ready == []
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "wait(timeout)")


@feature("connection.wait::negative-timeout-is-zero")
def test_wait_negative_timeout_is_zero(mp, connection):
    """wait(objects, -1) returns [] at once, like a zero timeout."""
    r, w = mp.Pipe(duplex=False)
    rescue = threading.Event()
    with r, w:
        # Should wait() block, data comes after WAIT seconds and fails the test.
        rescuer = Background(lambda: rescue.wait(harness.WAIT) or w.send("rescue"))
        with harness.stopwatch() as watch:
            ready = connection.wait([r], timeout=-1)
        rescue.set()
        rescuer.finished(harness.WAIT)
    assert ready == [], "wait() with a negative timeout blocked until data came"
    harness.assert_gave_up_after(watch.elapsed, 0.0, "wait(timeout=-1)")


@feature("connection.wait::none-timeout-waits-until-ready")
def test_wait_none_timeout_waits_until_ready(mp, connection):
    """wait(objects) without a timeout waits until one is ready."""
    r, w = mp.Pipe(duplex=False)
    with r, w:
        waiter = Background(connection.wait, [r])
        assert not waiter.finished(harness.SHORT), "wait() returned with nothing ready"
        w.send("now")
        assert waiter.result() == [r]


@feature("connection.wait::closed-other-end-counts-as-ready")
def test_wait_closed_other_end_counts_as_ready(mp, connection):
    """A connection whose other end was closed is ready."""
    r, w = mp.Pipe(duplex=False)
    w.close()
    with r:
        assert connection.wait([r], timeout=harness.WAIT) == [r]


@feature("connection.wait::sockets-can-be-waited-on")
def test_wait_sockets_can_be_waited_on(connection):
    """A connected socket with data to read is ready; one without is not."""
    a, b = socket.socketpair()
    c, d = socket.socketpair()
    with a, b, c, d:
        a.sendall(b"x")
        assert connection.wait([b, d], timeout=harness.WAIT) == [b]
        c.close()
        assert set(map(id, connection.wait([b, d], harness.WAIT))) == {id(b), id(d)}


PRODUCERS, MESSAGES = 3, 20


@feature("connection.wait::many-producers-every-message-seen")
def test_wait_many_producers_every_message_seen(ctx, connection):
    """A consumer that recv()s whatever wait() reports ready gets every message of several
    producer processes, each producer's in order, while they are still running."""
    pipes = [ctx.Pipe(duplex=False) for _ in range(PRODUCERS)]
    release = ctx.Event()
    with contextlib.ExitStack() as stack:
        for n, (_, writer) in enumerate(pipes):
            stack.enter_context(harness.started(ctx, t.produce, writer, n, MESSAGES, release,
                                                release_on_exit=(release,)))
            writer.close()
        got = {n: [] for n in range(PRODUCERS)}
        readers = [reader for reader, _ in pipes]
        while sum(map(len, got.values())) < PRODUCERS * MESSAGES:
            ready = connection.wait(readers, timeout=harness.WAIT)
            assert ready, (
                f"wait() reported nothing ready for {harness.WAIT}s with "
                f"{PRODUCERS * MESSAGES - sum(map(len, got.values()))} message(s) still to come")
            for reader in ready:
                n, i = reader.recv()
                got[n].append(i)
        release.set()
    for reader, _ in pipes:
        reader.close()
    assert got == {n: list(range(MESSAGES)) for n in range(PRODUCERS)}


@feature("connection.wait::process-sentinels-can-be-waited-on")
def test_wait_process_sentinels_can_be_waited_on(ctx, connection):
    """A process sentinel is ready once the process ended, and not before."""
    reader, writer = ctx.Pipe(duplex=False)
    release = ctx.Event()
    with harness.started(ctx, t.send_then_wait, writer, release,
                         release_on_exit=(release,)) as p:
        writer.close()
        ready = connection.wait([reader, p.sentinel], timeout=harness.WAIT)
        assert ready == [reader], f"wait() returned {ready}, expected only the connection"
        assert reader.recv() == "sent before waiting"
        release.set()
        assert connection.wait([p.sentinel], timeout=harness.WAIT) == [p.sentinel]
    reader.close()
