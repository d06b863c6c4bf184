"""Family: names.  Default names do not count: every unnamed process is '...Process-1'."""

import re

from broken._base import BrokenContext, install

CATCHES = {
    "Process.name::default-pattern-with-counter",
    "Process.name::nested-children-n1-n2",
}


def _broken(process_class):
    class Broken(process_class):
        def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *,
                     daemon=None):
            super().__init__(group, target, name, args, kwargs, daemon=daemon)
            if name is None:
                self.name = re.sub(r"\d+$", "1", self.name)

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
