"""Family: Namespace.  Attributes set on a Namespace proxy stay on the proxy
and never reach the shared namespace."""

import multiprocessing.managers as _std
import types

from broken._base import BrokenContext, install

CATCHES = {
    "managers.SyncManager.Namespace::attributes-set-in-child-seen-by-parent",
    "managers.Namespace::representation-shows-attributes",
}


class NamespaceProxy(_std.NamespaceProxy):
    def __setattr__(self, key, value):
        object.__setattr__(self, key, value)


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("Namespace", _std.Namespace, NamespaceProxy)


class Context(BrokenContext):
    def Manager(self):
        manager = SyncManager(ctx=self._real.get_context())
        manager.start()
        return manager


managers = types.ModuleType(_std.__name__)
managers.__dict__.update({k: v for k, v in vars(_std).items() if not k.startswith("__")})
managers.SyncManager = SyncManager

install(globals(), Context)
