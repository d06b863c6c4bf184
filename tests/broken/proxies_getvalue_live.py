"""Family: BaseProxy._getvalue().  A list proxy's _getvalue() returns the proxy
itself, not a copy of the referent."""

import multiprocessing.managers as _std
import types

from broken._base import BrokenContext, install

CATCHES = {"managers.BaseProxy._getvalue::returns-a-copy"}


class ListProxy(_std.ListProxy):
    def _getvalue(self):
        return self


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("list", list, ListProxy)


class Context(BrokenContext):
    def Manager(self):
        manager = SyncManager(ctx=self._real.get_context())
        manager.start()
        return manager


managers = types.ModuleType(_std.__name__)
managers.__dict__.update({k: v for k, v in vars(_std).items() if not k.startswith("__")})
managers.SyncManager = SyncManager

install(globals(), Context)
