"""Family: BaseProxy._callmethod().  An exception raised by the referent's
method reaches a list proxy's caller as RemoteError, not as itself."""

import multiprocessing.managers as _std
import types

from broken._base import BrokenContext, install

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


class Context(BrokenContext):
    def Manager(self):
        manager = SyncManager(ctx=self._real.get_context())
        manager.start()
        return manager


managers = types.ModuleType(_std.__name__)
managers.__dict__.update({k: v for k, v in vars(_std).items() if not k.startswith("__")})
managers.SyncManager = SyncManager

install(globals(), Context)
