"""Family: output at exit.  A child that returns from run() leaves at once, without
flushing sys.stdout and sys.stderr (exit code still 0)."""

import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {"tutorial.child-output-flushed::std-streams-flushed-at-normal-exit"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        super().run()
        os._exit(0)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
