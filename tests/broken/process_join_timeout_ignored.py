"""Family: join timeouts.  join(timeout) ignores its timeout: it waits until the
child ends, however long that is (otherwise the stdlib).

Also one of the run-time bounds (tests/test_bounds.py): a whole run of it ends
within three minutes.
"""

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.join::timeout-gives-up-while-child-runs",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def join(self, timeout=None):
        return super().join()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
