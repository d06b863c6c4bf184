"""Family: BaseProxy._getvalue().  A list proxy's _getvalue() returns the proxy
itself, not a copy of the referent."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.BaseProxy._getvalue::returns-a-copy"}


class ListProxy(_std.ListProxy):
    def _getvalue(self):
        return self


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("list", list, ListProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
