"""Family: sentinel.  The sentinel is ready at once, not when the process ends."""

import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.sentinel::ready-when-process-ends"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    @property
    def sentinel(self):
        if getattr(self, "_ready_fd", None) is None:
            self._ready_fd, write_end = os.pipe()
            os.close(write_end)  # the read end is ready (EOF) from now on
        return self._ready_fd


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
