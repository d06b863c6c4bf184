"""Family: join timeouts.  join(timeout) returns at once, without waiting."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.join::timeout-gives-up-while-child-runs",
    "Process.join::timeout-waits-for-child-ending-in-time",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def join(self, timeout=None):
        return super().join(0 if timeout is not None else None)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
