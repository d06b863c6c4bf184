"""Family: exit codes.  exitcode of a process ended by a signal is reported as
the positive signal number instead of its negative value."""

from broken._base import BrokenContext, install

CATCHES = {
    "Process.terminate::exitcode-is-minus-sigterm",
    "Process.kill::exitcode-is-minus-sigkill",
}


def _broken(process_class):
    class Broken(process_class):
        @property
        def exitcode(self):
            code = super().exitcode
            return abs(code) if code is not None else None

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
