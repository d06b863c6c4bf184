"""Family: pid.  A started Process reports the pid of the process that created it."""

import os

from broken._base import BrokenContext, install

CATCHES = {
    "Process.pid::child-process-id",
    "Process.start::runs-in-separate-process",
}


def _broken(process_class):
    class Broken(process_class):
        @property
        def pid(self):
            return None if self._popen is None else os.getpid()

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
