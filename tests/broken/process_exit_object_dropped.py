"""Family: exit codes.  sys.exit(obj) with anything but an int proper (a bool,
a text, a list) is taken as a clean exit: exit code 0 and nothing printed."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.exitcode::sys-exit-bool-is-its-integer",
    "Process.exitcode::sys-exit-other-object-is-one",
    "Process.exitcode::sys-exit-object-printed-to-stderr",
    "Process.exitcode::sys-exit-text-is-one",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        try:
            super().run()
        except SystemExit as exc:
            if exc.code is None or type(exc.code) is int:
                raise
            raise SystemExit(0) from None


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
