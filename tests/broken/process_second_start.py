"""Family: lifecycle.  A second start() is silently ignored instead of refused."""

from broken._base import BrokenContext, install

CATCHES = {"Process.start::second-start-raises-assertionerror"}


def _broken(process_class):
    class Broken(process_class):
        def start(self):
            if self._popen is not None:
                return None
            return super().start()

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
