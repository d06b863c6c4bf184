"""Helpers shared by the tests of Process Pools."""

from __future__ import annotations

from conformance import harness
from conformance.targets import pool as t

TOKEN = "initargs-token"


def new_children(mp, before):
    """The live children of this process that were not in ``before``."""
    return [p for p in mp.active_children() if p not in before]


def dispose(pool, processes):
    """End a fixture's pool (harness.end_pool), then reap whatever is left of its
    worker processes."""
    harness.end_pool(pool)
    for process in processes:
        harness.reap(process)


SUBMISSIONS = {
    "apply": lambda pool: pool.apply(t.square, (2,)),
    "apply_async": lambda pool: pool.apply_async(t.square, (2,)),
    "map": lambda pool: pool.map(t.square, [1, 2]),
    "map_async": lambda pool: pool.map_async(t.square, [1, 2]),
    "imap": lambda pool: pool.imap(t.square, [1, 2]),
    "imap_unordered": lambda pool: pool.imap_unordered(t.square, [1, 2]),
    "starmap": lambda pool: pool.starmap(t.power, [(1, 2)]),
    "starmap_async": lambda pool: pool.starmap_async(t.power, [(1, 2)]),
}
