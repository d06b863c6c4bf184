"""Family: exit codes.  exitcode of a process ended by a signal is reported as
the positive signal number instead of its negative value."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.terminate::exitcode-is-minus-sigterm",
    "Process.kill::exitcode-is-minus-sigkill",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    @property
    def exitcode(self):
        code = super().exitcode
        return abs(code) if code is not None else None


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
