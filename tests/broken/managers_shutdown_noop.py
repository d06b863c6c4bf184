"""Family: BaseManager.shutdown().  shutdown() (and so leaving a with block)
does nothing: the server runs on until the manager is garbage collected."""

import multiprocessing.managers as _std

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {
    "managers.BaseManager.shutdown::ends-server-process",
    "managers.BaseManager.shutdown::proxies-fail-afterwards",
    "managers.BaseManager::context-exit-shuts-down",
}


def _do_nothing():
    pass


class BaseManager(_std.BaseManager):
    def start(self, initializer=None, initargs=()):
        super().start(initializer, initargs)
        # The real finalizer stays registered (garbage collection and exit still
        # end the server); only the shutdown() the user calls is lost.
        self._finalizer = self.shutdown
        self.shutdown = _do_nothing


patch_submodule(globals(), "managers", BaseManager=BaseManager)

install(globals(), BrokenContext)
