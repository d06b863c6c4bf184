"""Family: SyncManager shared types.  Items a child stores in a shared dict are
dropped: the dict proxy ignores __setitem__ outside the process that made it."""

import multiprocessing.managers as _std
from multiprocessing import parent_process

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.SyncManager.dict::updates-from-child-seen-by-parent"}


class DictProxy(_std.DictProxy):
    def __setitem__(self, key, value):
        if parent_process() is not None:  # in a child: the update is lost
            return None
        return self._callmethod("__setitem__", (key, value))


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("dict", dict, DictProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
