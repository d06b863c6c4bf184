"""Family: BaseManager.start().  The initializer is never called."""

import multiprocessing.managers as _std
import types

from broken._base import BrokenContext, install

CATCHES = {"managers.BaseManager.start::initializer-runs-in-server-process"}


class BaseManager(_std.BaseManager):
    def start(self, initializer=None, initargs=()):
        super().start()


managers = types.ModuleType(_std.__name__)
managers.__dict__.update({k: v for k, v in vars(_std).items() if not k.startswith("__")})
managers.BaseManager = BaseManager

install(globals(), BrokenContext)
