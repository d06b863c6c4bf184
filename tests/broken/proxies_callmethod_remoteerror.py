"""Family: BaseProxy._callmethod().  An exception raised by the referent's
method reaches a list proxy's caller as RemoteError, not as itself."""

import multiprocessing.managers as _std

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.BaseProxy._callmethod::referent-exception-reraised"}


class ListProxy(_std.ListProxy):
    def _callmethod(self, methodname, args=(), kwds={}):  # noqa: B006 - the stdlib signature
        try:
            return super()._callmethod(methodname, args, kwds)
        except _std.RemoteError:
            raise
        except Exception as exc:
            raise _std.RemoteError(repr(exc)) from None


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("list", list, ListProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
