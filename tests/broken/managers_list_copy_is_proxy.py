"""Family: the list proxy's copy() (3.14).  copy() returns a proxy to the same
shared list instead of a plain list of its items, so clearing the shared list
empties the "copy" too."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

MIN_PYTHON = (3, 14)
CATCHES = {"managers.SyncManager.list::clear-and-copy"}


class ListProxy(_std.ListProxy):
    def copy(self):
        return self


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("list", list, ListProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
