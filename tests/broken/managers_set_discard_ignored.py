"""Family: SyncManager.set (3.14).  The set proxy's discard() does nothing: the
element stays in the shared set."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

MIN_PYTHON = (3, 14)
CATCHES = {"managers.SyncManager.set::add-discard-contains-len"}


class SetProxy(getattr(_std, "SetProxy", _std.BaseProxy)):  # SetProxy is new in 3.14
    def discard(self, value):
        return None


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("set", set, SetProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
