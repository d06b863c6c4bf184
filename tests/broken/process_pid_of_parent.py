"""Family: pid.  A started Process reports the pid of the process that created it."""

import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.pid::child-process-id",
    "Process.start::runs-in-separate-process",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    @property
    def pid(self):
        return None if self._popen is None else os.getpid()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
