"""Family: Namespace.  Attributes set on a Namespace proxy stay on the proxy
and never reach the shared namespace."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {
    "managers.SyncManager.Namespace::attributes-set-in-child-seen-by-parent",
    "managers.Namespace::representation-shows-attributes",
    # The same bug seen by the tests of the shared attributes and of '_' names (whose
    # public attribute never reaches the referent either).  The first reports an error
    # (AttributeError reading the attribute back), not a fail.
    "managers.SyncManager.Namespace::attributes-shared-between-proxies",
    "managers.Namespace::underscore-attributes-belong-to-proxy",
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
