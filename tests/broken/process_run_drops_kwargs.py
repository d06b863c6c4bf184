"""Family: run() and its arguments.  run() calls the target without its kwargs."""

from broken._base import BrokenContext, install

CATCHES = {
    "Process.run::calls-target-with-args-and-kwargs",
    "Process.start::child-runs-target-with-args-and-kwargs",
}


def _broken(process_class):
    class Broken(process_class):
        def run(self):
            if self._target:
                self._target(*self._args)

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
