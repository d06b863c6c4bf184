"""Family: run() and its arguments.  run() calls the target without its kwargs."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.run::calls-target-with-args-and-kwargs",
    "Process.start::child-runs-target-with-args-and-kwargs",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        if self._target:
            self._target(*self._args)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
