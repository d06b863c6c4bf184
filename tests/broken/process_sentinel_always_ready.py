"""Family: sentinel.  The sentinel is ready at once, not when the process ends."""

import os

from broken._base import BrokenContext, install

CATCHES = {"Process.sentinel::ready-when-process-ends"}


def _broken(process_class):
    class Broken(process_class):
        @property
        def sentinel(self):
            if getattr(self, "_ready_fd", None) is None:
                self._ready_fd, write_end = os.pipe()
                os.close(write_end)  # the read end is ready (EOF) from now on
            return self._ready_fd

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
