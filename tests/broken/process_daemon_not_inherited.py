"""Family: daemon flags.  A new Process is never daemonic by default, even when
created inside a daemonic process."""

from broken._base import BrokenContext, install

CATCHES = {"Process.daemon::inherited-from-creating-process"}


def _broken(process_class):
    class Broken(process_class):
        def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *,
                     daemon=None):
            super().__init__(group, target, name, args, kwargs,
                             daemon=False if daemon is None else daemon)

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
