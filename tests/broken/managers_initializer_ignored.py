"""Family: BaseManager.start().  The initializer is never called."""

import multiprocessing.managers as _std

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"managers.BaseManager.start::initializer-runs-in-server-process"}


class BaseManager(_std.BaseManager):
    def start(self, initializer=None, initargs=()):
        super().start()


patch_submodule(globals(), "managers", BaseManager=BaseManager)

install(globals(), BrokenContext)
