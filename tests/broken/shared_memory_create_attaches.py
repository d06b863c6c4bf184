"""Family: SharedMemory creation.  create=True with the name of an existing
block attaches to that block instead of raising FileExistsError."""

import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"shared_memory.SharedMemory::create-existing-name-raises-fileexistserror"}


class SharedMemory(_sm.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **kwargs):
        try:
            super().__init__(name, create, size, **kwargs)
        except FileExistsError:
            vars(self).pop("_flags", None)  # forget the create flags of the first try
            super().__init__(name, False, size, **kwargs)


patch_submodule(globals(), "shared_memory", SharedMemory=SharedMemory)

install(globals(), BrokenContext)
