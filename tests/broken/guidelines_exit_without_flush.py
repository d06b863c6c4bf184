"""Family: output at exit.  A child that returns from run() leaves at once, without
flushing sys.stdout and sys.stderr (exit code still 0)."""

import os

from broken._base import BrokenContext, install

CATCHES = {"tutorial.child-output-flushed::std-streams-flushed-at-normal-exit"}


def _broken(process_class):
    class Broken(process_class):
        def run(self):
            super().run()
            os._exit(0)

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
