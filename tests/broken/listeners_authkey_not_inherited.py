"""Family: authentication keys.  A child starts with a fresh random authkey of
its own instead of inheriting its parent's."""

import os

from broken._base import BrokenContext, install

CATCHES = {
    "authentication-keys::child-inherits-the-parent-s-authkey",
    "authentication-keys::inherited-key-authenticates-a-child-client",
    "authentication-keys::inherited-key-answers-the-parent-s-challenge",
}


def _broken(process_class):
    class Broken(process_class):
        def run(self):
            # In the child, the Process object is current_process().
            self.authkey = os.urandom(32)
            super().run()

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
