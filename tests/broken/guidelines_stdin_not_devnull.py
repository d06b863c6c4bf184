"""Family: sys.stdin in children.  A child's sys.stdin is a file-like object with
data of its own instead of one reading os.devnull."""

import io
import sys

from broken._base import BrokenContext, install

CATCHES = {"guidelines.stdin-devnull::child-stdin-reads-devnull"}


def _broken(process_class):
    class Broken(process_class):
        def run(self):
            sys.stdin = io.StringIO("not from os.devnull")
            return super().run()

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
