"""Family: locked() of manager lock proxies (3.14).  Lock and RLock proxies are
of a proxy type that forwards only acquire() and release() (as before 3.14)."""

import multiprocessing.managers as _std
import threading

from broken._base import ManagerContext, install, patch_submodule

MIN_PYTHON = (3, 14)
CATCHES = {
    "managers.SyncManager.Lock::locked-reflects-state",
    "managers.SyncManager.RLock::locked-reflects-state",
    "managers.SyncManager.Lock::locked-sees-child-holding",
    "managers.SyncManager.RLock::locked-sees-child-holding",
}


class AcquirerProxy(_std.BaseProxy):
    _exposed_ = ("acquire", "release")

    def acquire(self, blocking=True, timeout=None):
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod("acquire", args)

    def release(self):
        return self._callmethod("release")

    def __enter__(self):
        return self._callmethod("acquire")

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._callmethod("release")


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("Lock", threading.Lock, AcquirerProxy)
SyncManager.register("RLock", threading.RLock, AcquirerProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
