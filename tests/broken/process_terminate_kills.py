"""Family: terminate().  terminate() sends SIGKILL instead of SIGTERM."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.terminate::sends-sigterm",
    "Process.terminate::exitcode-is-minus-sigterm",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def terminate(self):
        self.kill()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
