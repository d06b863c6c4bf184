"""Family: the list and dict proxies of 3.13/3.14.  They are bare proxy types
made by MakeProxyType from the stdlib's method lists: not registered as
MutableSequence/MutableMapping, not subscriptable, and a dict proxy's
``d |= m`` rebinds ``d`` to the plain dict the manager sends back."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

MIN_PYTHON = (3, 14)
CATCHES = {
    "managers.SyncManager.dict::fromkeys-reversed-and-union",
    "managers.SyncManager.dict::proxy-is-a-mutablemapping",
    "managers.SyncManager.list::proxy-is-a-mutablesequence",
    "managers.SyncManager.dict::proxy-type-is-generic",
    "managers.SyncManager.list::proxy-type-is-generic",
}

BareListProxy = _std.MakeProxyType("BareListProxy", _std.ListProxy._exposed_)
BareDictProxy = _std.MakeProxyType("BareDictProxy", _std.DictProxy._exposed_)
BareDictProxy._method_to_typeid_ = {"__iter__": "Iterator"}


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("list", list, BareListProxy)
SyncManager.register("dict", dict, BareDictProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
