"""Helpers shared by the tests of multiprocessing.shared_memory."""

from __future__ import annotations


class Blocks:
    """Creates blocks and lists for one test; closes every handle and unlinks every
    block it created when the test ends."""

    def __init__(self, sm):
        self.sm = sm
        self.handles = []
        self.created = []

    def create(self, size=64, name=None, **kwargs):
        shm = self.sm.SharedMemory(name, create=True, size=size, **kwargs)
        self.handles.append(shm)
        self.created.append(shm)
        return shm

    def attach(self, name, **kwargs):
        shm = self.sm.SharedMemory(name, **kwargs)
        self.handles.append(shm)
        return shm

    def shareable(self, sequence=None, name=None):
        sl = self.sm.ShareableList(sequence, name=name)
        self.handles.append(sl.shm)
        if sequence is not None:
            self.created.append(sl.shm)
        return sl

    def hold(self, shm):
        """Close ``shm`` at the end (a block somebody else unlinks)."""
        self.handles.append(shm)
        return shm

    def cleanup(self):
        for shm in self.handles:
            try:
                shm.close()
            except Exception:
                pass
        for shm in self.created:
            try:
                shm.unlink()
            except Exception:
                pass


def peek(shm, n: int) -> bytes:
    """The first ``n`` bytes of a block, copied (an assertion holding a slice of
    ``buf`` would keep the block from closing)."""
    return bytes(shm.buf[:n])


def exists(sm, name) -> bool:
    """Whether a block ``name`` can be attached to (the handle is closed again)."""
    try:
        sm.SharedMemory(name).close()
    except FileNotFoundError:
        return False
    return True
