"""Family: register().  The exposed argument is ignored: proxies offer every
public method of the referent."""

import multiprocessing.managers as _std

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "managers.BaseManager.register::exposed-limits-methods",
    "managers.BaseProxy._callmethod::unexposed-method-raises",
}


class BaseManager(_std.BaseManager):
    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None,
                 method_to_typeid=None, create_method=True):
        super().register(typeid, callable, proxytype, None, method_to_typeid, create_method)


patch_submodule(globals(), "managers", BaseManager=BaseManager)

install(globals(), BrokenContext)
