"""Family: SharedMemory contents.  An instance attached by name works on a
private copy of the block's bytes instead of the shared block."""

import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "shared_memory.SharedMemory::attach-by-name-shares-contents",
    "shared_memory.SharedMemory::child-attaches-by-name",
}


class SharedMemory(_sm.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **kwargs):
        super().__init__(name, create, size, **kwargs)
        self._shared_view = None
        if not create:
            self._shared_view = self._buf
            self._buf = memoryview(bytearray(self._shared_view))

    def close(self):
        if self._shared_view is not None:
            self._shared_view.release()
            self._shared_view = None
        super().close()


patch_submodule(globals(), "shared_memory", SharedMemory=SharedMemory)

install(globals(), BrokenContext)
