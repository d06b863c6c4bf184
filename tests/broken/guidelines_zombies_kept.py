"""Family: joining zombie processes.  Neither starting a process nor is_alive()
joins finished children: they stay zombies until join()."""

import multiprocessing.process as _process
import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "guidelines.joining-zombies::start-joins-finished-children",
    "guidelines.joining-zombies::is-alive-joins-finished-process",
}
START_METHODS = ("fork", "spawn")


class BrokenProcess:
    """Mixed into the Process class of every start method."""

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


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
