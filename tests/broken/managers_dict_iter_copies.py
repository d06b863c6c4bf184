"""Family: shared dict iteration.  iter() of a dict proxy iterates over a copy of the
dict fetched at once, instead of an iterator proxy of the dict in the server: a
change of size during the iteration goes unnoticed."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.SyncManager.dict::iterator-follows-the-shared-dict"}


class DictProxy(_std.DictProxy):
    def __iter__(self):
        return iter(self.copy())


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("dict", dict, DictProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
