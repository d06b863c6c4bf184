"""Tests of exchanging.queues-and-pipes.

Exchanging objects between processes: https://docs.python.org/3/library/multiprocessing.html#exchanging-objects-between-processes
"""

from __future__ import annotations

import collections
import fractions

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.targets import connection as tc
from conformance.targets import queues as tq

# Objects of the standard library, so the child can unpickle them whatever it imported.
CARGO = [
    None, True, 2 ** 80, -1.5, 3 + 4j, "text ✓", b"\x00bytes", bytearray(b"ba"),
    [1, [2, [3]]], (1, "two"), {"k": [1, 2]}, {1, 2}, frozenset({"f"}),
    fractions.Fraction(1, 3), collections.OrderedDict(a=1), range(3, 9, 2), float,
]


@feature("exchanging.queues-and-pipes::queue-carries-an-object-from-a-child")
def test_queue_carries_an_object_from_a_child(ctx):
    """The documentation's example: a child puts [42, None, 'hello'], the parent gets it."""
    q = ctx.Queue()
    with harness.started(ctx, tq.put_doc_example, q) as p:
        assert harness.get(q) == [42, None, "hello"]
        harness.join(p)


@feature("exchanging.queues-and-pipes::pipe-carries-an-object-from-a-child")
def test_pipe_carries_an_object_from_a_child(ctx):
    """The documentation's example: a child sends [42, None, 'hello'] through a Pipe."""
    parent_conn, child_conn = ctx.Pipe()
    with harness.started(ctx, tc.send_doc_example, child_conn) as p:
        assert harness.recv(parent_conn) == [42, None, "hello"]
        harness.join(p)
    parent_conn.close()
    child_conn.close()


@feature("exchanging.queues-and-pipes::picklable-objects-round-trip-through-a-child")
def test_picklable_objects_round_trip_through_a_child(ctx):
    """Picklable objects of many types sent to a child and echoed back arrive equal."""
    mine, theirs = ctx.Pipe()
    with harness.started(ctx, tc.echo, theirs, len(CARGO)) as p:
        for obj in CARGO:
            mine.send(obj)
        back = [harness.recv(mine) for _ in CARGO]
        harness.join(p)
    mine.close()
    theirs.close()
    for sent, got in zip(CARGO, back):
        assert got == sent and type(got) is type(sent), f"sent {sent!r}, got back {got!r}"


@feature("exchanging.queues-and-pipes::queue-items-are-copies")
def test_queue_items_are_copies(mp):
    """An object put on a queue is serialized: what comes out is an equal copy."""
    q = mp.Queue()
    original = {"list": [1, 2, 3]}
    q.put(original)
    got = harness.get(q)
    assert got == original
    assert got is not original


@feature("exchanging.queues-and-pipes::queue-is-thread-safe")
def test_queue_is_thread_safe(mp):
    """Several threads putting at once: every item arrives exactly once."""
    q = mp.Queue()
    workers = [Background(lambda n=n: [q.put((n, i)) for i in range(50)]) for n in range(4)]
    for w in workers:
        w.result()
    got = [harness.get(q) for _ in range(200)]
    assert sorted(got) == [(n, i) for n in range(4) for i in range(50)]


@feature("exchanging.queues-and-pipes::queue-serves-several-consumers")
def test_queue_serves_several_consumers(ctx):
    """With two consumer children, each item is taken by exactly one of them."""
    q = ctx.Queue()
    pipes = [ctx.Pipe(duplex=False) for _ in range(2)]  # one report pipe per consumer
    consumers = [ctx.Process(target=tq.consume_until, args=(q, "stop", reporter))
                 for _, reporter in pipes]
    for p in consumers:
        p.start()
    try:
        for i in range(200):
            q.put(i)
        q.put("stop")
        q.put("stop")
        taken = [item for receiver, _ in pipes for item in harness.recv(receiver)]
    finally:
        for p in consumers:
            harness.join(p)
    assert sorted(taken) == list(range(200)), (
        f"{len(taken)} items taken for 200 put; duplicates or losses")


@feature("exchanging.queues-and-pipes::pipe-ends-used-at-once-by-two-processes")
def test_pipe_ends_used_at_once_by_two_processes(ctx):
    """Parent and child each send on their own end at the same time; nothing is mixed up."""
    mine, theirs = ctx.Pipe()
    ready = ctx.Event()
    n = 100
    with harness.started(ctx, tc.exchange_at_once, theirs, n, ready) as p:
        ready.set()
        for i in range(n):
            mine.send(("parent", i))
        got = [harness.recv(mine) for _ in range(n)]
        echoed = harness.recv(mine)
        harness.join(p)
    mine.close()
    theirs.close()
    assert got == [("child", i) for i in range(n)]
    assert echoed == [("parent", i) for i in range(n)]
