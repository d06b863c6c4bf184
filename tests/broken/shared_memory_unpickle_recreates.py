"""Family: SharedMemory pickling.  Unpickling a block that was unlinked since
creates a new, empty block of that name instead of raising FileNotFoundError."""

import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"shared_memory.SharedMemory::unpickling-unlinked-block-raises-filenotfounderror"}


def rebuild(name, size):
    try:
        return SharedMemory(name)
    except FileNotFoundError:
        return SharedMemory(name, create=True, size=size)


class SharedMemory(_sm.SharedMemory):
    def __reduce__(self):
        return rebuild, (self.name, self.size)


patch_submodule(globals(), "shared_memory", SharedMemory=SharedMemory)

install(globals(), BrokenContext)
