"""Family: SharedMemory lifetime.  unlink() does not remove the block's name:
the block can still be attached to.  (So that nothing leaks from the suite's
own runs, the main process really unlinks its blocks when it exits.)"""

import atexit
import multiprocessing as _mp
import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "shared_memory.SharedMemory.unlink::name-gone-after-unlink",
    "shared_memory.SharedMemory.unlink::unlinked-by-another-process",
}

_deferred = set()


def _unlink_deferred():
    for name in _deferred:
        try:
            _sm._posixshmem.shm_unlink(name)
        except OSError:
            pass


class SharedMemory(_sm.SharedMemory):
    def unlink(self):
        # Only the suite's own process unlinks, at its exit; a child never does (the
        # test that created a block asks for its unlinking too).
        if _mp.parent_process() is not None:
            return
        if not _deferred:
            atexit.register(_unlink_deferred)
        _deferred.add(self._name)


patch_submodule(globals(), "shared_memory", SharedMemory=SharedMemory)

install(globals(), BrokenContext)
