"""Family: join timeouts.  join(timeout) returns at once, without waiting."""

from broken._base import BrokenContext, install

CATCHES = {
    "Process.join::timeout-gives-up-while-child-runs",
    "Process.join::timeout-waits-for-child-ending-in-time",
}


def _broken(process_class):
    class Broken(process_class):
        def join(self, timeout=None):
            return super().join(0 if timeout is not None else None)

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
