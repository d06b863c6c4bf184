"""Family: SharedMemory names.  SharedMemory() with create=False and no name creates
a new block (with a generated name) instead of raising ValueError."""

import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"shared_memory.SharedMemory::attach-without-name-raises-valueerror"}


class SharedMemory(_sm.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **kwargs):
        super().__init__(name, create or name is None, size, **kwargs)


patch_submodule(globals(), "shared_memory", SharedMemory=SharedMemory)

install(globals(), BrokenContext)
