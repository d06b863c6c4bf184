"""Family: Namespace.  Attributes set on a Namespace proxy stay on the proxy
and never reach the shared namespace."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

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


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
