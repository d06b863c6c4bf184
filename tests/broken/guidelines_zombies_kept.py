"""Family: joining zombie processes.  Neither starting a process nor is_alive()
joins finished children: they stay zombies until join()."""

import os

import multiprocessing.process as _process

from broken._base import BrokenContext, install

CATCHES = {
    "guidelines.joining-zombies::start-joins-finished-children",
    "guidelines.joining-zombies::is-alive-joins-finished-process",
}
START_METHODS = ("fork", "spawn")


def _broken(process_class):
    class Broken(process_class):
        def start(self):
            saved, _process._cleanup = _process._cleanup, lambda: None
            try:
                return super().start()
            finally:
                _process._cleanup = saved

        def is_alive(self):
            if self._popen is None or self._popen.returncode is not None:
                return super().is_alive()
            try:
                info = os.waitid(os.P_PID, self.pid,
                                 os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:
                return super().is_alive()
            return info is None

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
