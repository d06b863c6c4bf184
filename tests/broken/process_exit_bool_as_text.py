"""Family: exit codes.  sys.exit(False) is handled as an object to print, not
as the integer 0: "False" goes to stderr and the exit code is 1."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.exitcode::sys-exit-bool-is-its-integer"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        try:
            super().run()
        except SystemExit as exc:
            if isinstance(exc.code, bool):
                raise SystemExit(str(exc.code)) from None
            raise


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
