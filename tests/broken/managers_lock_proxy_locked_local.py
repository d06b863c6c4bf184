"""Family: locked() of manager lock proxies (3.14).  The proxy answers locked()
from its own count of acquisitions instead of asking the manager, so a lock a
child holds looks free in the parent."""

import multiprocessing.managers as _std
import threading

from broken._base import ManagerContext, install, patch_submodule

MIN_PYTHON = (3, 14)
CATCHES = {
    "managers.SyncManager.Lock::locked-sees-child-holding",
    "managers.SyncManager.RLock::locked-sees-child-holding",
}


class AcquirerProxy(_std.AcquirerProxy):
    _held = 0

    def acquire(self, blocking=True, timeout=None):
        acquired = super().acquire(blocking, timeout)
        if acquired:
            self._held += 1
        return acquired

    def release(self):
        super().release()
        self._held -= 1

    def locked(self):
        return self._held > 0


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("Lock", threading.Lock, AcquirerProxy)
SyncManager.register("RLock", threading.RLock, AcquirerProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
