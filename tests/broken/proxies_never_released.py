"""Family: proxy cleanup.  Automatically made proxies never tell the manager
they are gone, so their shared objects are never deleted."""

import multiprocessing.managers as _std

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"managers.BaseProxy::shared-object-deleted-without-proxies"}


def LeakyAutoProxy(token, serializer, manager=None, authkey=None, exposed=None,
                   incref=True, manager_owned=False):
    proxy = _std.AutoProxy(token, serializer, manager=manager, authkey=authkey,
                           exposed=exposed, incref=incref, manager_owned=manager_owned)
    close = getattr(proxy, "_close", None)
    if close is not None:
        close.cancel()  # no decref when the proxy goes
    return proxy


class BaseManager(_std.BaseManager):
    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None,
                 method_to_typeid=None, create_method=True):
        super().register(typeid, callable, proxytype or LeakyAutoProxy, exposed,
                         method_to_typeid, create_method)


patch_submodule(globals(), "managers", BaseManager=BaseManager)

install(globals(), BrokenContext)
