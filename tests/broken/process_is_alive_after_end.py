"""Family: is_alive().  A started process stays "alive" after it has ended."""

from broken._base import BrokenContext, install

CATCHES = {"Process.is_alive::true-while-running-false-after-end"}


def _broken(process_class):
    class Broken(process_class):
        def is_alive(self):
            return self._popen is not None or super().is_alive()

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
