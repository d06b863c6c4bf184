"""Family: shared list operators.  The list proxy has no in-place operators of its
own: ``handle *= 2`` and ``handle += [...]`` rebind the handle to a plain copy of the
list (what the server returns), so what is done through it later is not shared."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.SyncManager.list::operators-and-iteration"}


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("list", list, _std.BaseListProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
