"""Family: SyncManager locks.  manager.Lock() makes a re-entrant lock (an RLock)."""

import multiprocessing.managers as _std
import threading

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.SyncManager.Lock::not-reentrant"}


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("Lock", threading.RLock, _std.AcquirerProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
