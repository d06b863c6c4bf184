"""Family: nested proxies.  A queue proxy stored inside a shared container does not
keep its queue alive in the server (the server's own copy of the proxy takes no
reference, as before Python 3.7): once the proxy that created the queue is gone,
the queue is deleted and the container holds a dangling proxy."""

import multiprocessing.managers as _std
import queue

from broken._base import ManagerContext, install, patch_submodule

CATCHES = {"managers.BaseProxy::nested-queue-in-dict-and-list"}


def rebuild_unowned(func, token, serializer, kwds):
    server = getattr(_std.process.current_process(), "_manager_server", None)
    if server and server.address == token.address:
        kwds["manager_owned"] = True  # ... but nothing keeps the referent alive
    incref = (kwds.pop("incref", True)
              and not getattr(_std.process.current_process(), "_inheriting", False))
    return func(token, serializer, incref=incref, **kwds)


QueueProxyBase = _std.MakeProxyType("QueueProxyBase", (
    "empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize", "task_done"))


class QueueProxy(QueueProxyBase):
    def __reduce__(self):
        kwds = {}
        if _std.get_spawning_popen() is not None:
            kwds["authkey"] = self._authkey
        return rebuild_unowned, (type(self), self._token, self._serializer, kwds)


class SyncManager(_std.SyncManager):
    pass


SyncManager.register("Queue", queue.Queue, QueueProxy)


class Context(ManagerContext):
    _manager_class = SyncManager


patch_submodule(globals(), "managers", SyncManager=SyncManager)

install(globals(), Context)
