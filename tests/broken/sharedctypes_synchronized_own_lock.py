"""Family: shared ctypes.  sharedctypes.synchronized(obj, lock) ignores the lock
it is given and creates its own."""

import multiprocessing.sharedctypes as _sct

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"sharedctypes.synchronized::uses-given-lock"}


def synchronized(obj, lock=None, ctx=None):
    return _sct.synchronized(obj, None, ctx)


patch_submodule(globals(), "sharedctypes", synchronized=synchronized)

install(globals(), BrokenContext)
