"""Child targets for the multiprocessing.shared_memory tests (test_shared_memory).

A child never unlinks a block unless the test asks it to: the test that
created a block unlinks it.
"""

from __future__ import annotations

from typing import Any

from conformance.impl import submodule
from conformance.targets import mp


def _shared_memory():
    return submodule("shared_memory", mp())


def write_by_name(name: str, data: bytes) -> None:
    """Attach to the block ``name``, write ``data`` at its start, close."""
    shm = _shared_memory().SharedMemory(name)
    try:
        shm.buf[:len(data)] = data
    finally:
        shm.close()


def write_through(shm: Any, data: bytes) -> None:
    """Write ``data`` at the start of a SharedMemory received as an argument, close it."""
    try:
        shm.buf[:len(data)] = data
    finally:
        shm.close()


def unlink_by_name(name: str) -> None:
    """Attach to the block ``name``, close and unlink it."""
    shm = _shared_memory().SharedMemory(name)
    shm.close()
    shm.unlink()


def set_items(shareable_list: Any, items: dict) -> None:
    """Set ``shareable_list[i] = v`` for each item of a ShareableList received as argument."""
    try:
        for index, value in items.items():
            shareable_list[index] = value
    finally:
        shareable_list.shm.close()


def set_items_by_name(name: str, items: dict) -> None:
    """Attach to the ShareableList ``name`` and set ``[i] = v`` for each item."""
    shareable_list = _shared_memory().ShareableList(name=name)
    set_items(shareable_list, items)


# Run with ``python -c`` as an independent program (not a multiprocessing
# child): create a block with the given ``track``, write, print its name, exit
# without unlinking.
INDEPENDENT_CREATOR = """
import sys
from conformance.impl import load, submodule
shm = submodule("shared_memory", load()).SharedMemory(create=True, size=16,
                                                      track=sys.argv[1] == "True")
shm.buf[:5] = b"alive"
print(shm.name, flush=True)
shm.close()
"""
