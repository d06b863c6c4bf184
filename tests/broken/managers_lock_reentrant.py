"""Family: SyncManager locks.  manager.Lock() makes a re-entrant lock (an RLock)."""

import multiprocessing.managers as _std
import threading
import types

from broken._base import BrokenContext, install

CATCHES = {"managers.SyncManager.Lock::not-reentrant"}


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("Lock", threading.RLock, _std.AcquirerProxy)


class Context(BrokenContext):
    def Manager(self):
        manager = SyncManager(ctx=self._real.get_context())
        manager.start()
        return manager


managers = types.ModuleType(_std.__name__)
managers.__dict__.update({k: v for k, v in vars(_std).items() if not k.startswith("__")})
managers.SyncManager = SyncManager

install(globals(), Context)
