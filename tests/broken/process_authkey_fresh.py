"""Family: authkey.  Every new Process gets a fresh random key instead of its creator's."""

import os

from broken._base import BrokenContext, install

CATCHES = {"Process.authkey::inherited-from-parent"}


def _broken(process_class):
    class Broken(process_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.authkey = os.urandom(32)

    Broken.__name__ = Broken.__qualname__ = process_class.__name__
    return Broken


import multiprocessing.context as _c  # noqa: E402

ForkProcess = _broken(_c.ForkProcess)
SpawnProcess = _broken(_c.SpawnProcess)
ForkServerProcess = _broken(_c.ForkServerProcess)
_BY_METHOD = {"fork": ForkProcess, "spawn": SpawnProcess, "forkserver": ForkServerProcess}


class Context(BrokenContext):
    @property
    def Process(self):
        return _BY_METHOD[self._real.get_start_method()]


install(globals(), Context)
