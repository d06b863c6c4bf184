"""Family: lifecycle.  A second start() is silently ignored instead of refused."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.start::second-start-raises-assertionerror"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def start(self):
        if self._popen is not None:
            return None
        return super().start()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
