"""Family: lifecycle.  A process that has ended can be started again: start()
refuses only while the first child still runs, and otherwise runs a new one."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.start::second-start-raises-assertionerror"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def start(self):
        if self._popen is not None and self._popen.poll() is not None:
            self._popen = None  # the previous run is over: let it run again
        return super().start()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
