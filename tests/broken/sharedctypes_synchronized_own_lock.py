"""Family: shared ctypes.  sharedctypes.synchronized(obj, lock) ignores the lock
it is given and creates its own."""

import multiprocessing.sharedctypes as _sct
import types

from broken._base import BrokenContext, install

CATCHES = {"sharedctypes.synchronized::uses-given-lock"}


def synchronized(obj, lock=None, ctx=None):
    return _sct.synchronized(obj, None, ctx)


sharedctypes = types.ModuleType(f"{__name__}.sharedctypes", _sct.__doc__)
sharedctypes.__dict__.update({k: v for k, v in vars(_sct).items() if not k.startswith("__")})
sharedctypes.synchronized = synchronized

install(globals(), BrokenContext, overrides={"sharedctypes": sharedctypes})
