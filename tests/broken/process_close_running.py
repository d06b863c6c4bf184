"""Family: lifecycle.  close() of a running process returns quietly (and does
nothing) instead of raising ValueError."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.close::running-process-raises-valueerror"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def close(self):
        if self._popen is not None and self._popen.poll() is None:
            return None
        return super().close()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
