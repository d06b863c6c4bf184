"""Helpers shared by the tests of Pipes and Queues."""

from __future__ import annotations

from conformance import harness
from conformance.targets import queues as t

BURST = 1000  # items in a burst from one producer
PER_PRODUCER = 300  # items from each of two producers


def take(q, n):
    """n items off a Queue or JoinableQueue, each get() bounded."""
    return [harness.get(q) for _ in range(n)]


# --------------------------------------------------------------------------- ordering


def check_fifo_from_one_producer(ctx, q, collect):
    p = ctx.Process(target=t.put_range, args=(q, BURST))
    p.start()
    try:
        got = collect(q, BURST)
    finally:
        harness.join(p)
    assert got == list(range(BURST)), (
        f"items from one producer came out of order; first difference at index "
        f"{next(i for i, (a, b) in enumerate(zip(got, range(BURST))) if a != b)}")


def check_order_per_producer(ctx, q, collect):
    producers = [ctx.Process(target=t.put_range, args=(q, PER_PRODUCER, tag))
                 for tag in ("A", "B")]
    for p in producers:
        p.start()
    try:
        got = collect(q, 2 * PER_PRODUCER)
    finally:
        for p in producers:
            harness.join(p)
    for tag in ("A", "B"):
        mine = [i for producer, i in got if producer == tag]
        assert mine == list(range(PER_PRODUCER)), (
            f"the items of producer {tag} did not keep their order "
            f"({len(mine)} items, first ones {mine[:10]})")
