"""Family: nested proxies.  A proxy stored in a shared list or dict is stored
as a copy of its referent, so the nesting is lost (as before Python 3.6)."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {
    "managers.BaseProxy::nested-list-in-list",
    "managers.BaseProxy::nested-dicts-in-list",
    "managers.BaseProxy::nested-list-in-dict",
    "managers.BaseProxy::nested-proxy-modified-in-child",
}


def _by_value(obj):
    if isinstance(obj, _std.BaseProxy):
        return obj._getvalue()
    if isinstance(obj, (list, tuple)):
        return type(obj)(_by_value(item) for item in obj)
    return obj


class ListProxy(_std.ListProxy):
    def append(self, obj):
        return self._callmethod("append", (_by_value(obj),))

    def __setitem__(self, index, obj):
        return self._callmethod("__setitem__", (index, _by_value(obj)))


class DictProxy(_std.DictProxy):
    def __setitem__(self, key, obj):
        return self._callmethod("__setitem__", (key, _by_value(obj)))


class SyncManager(_std.SyncManager):
    def _create(self, typeid, /, *args, **kwds):
        return super()._create(typeid, *_by_value(args), **kwds)


SyncManager.register("list", list, ListProxy)
SyncManager.register("dict", dict, DictProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
