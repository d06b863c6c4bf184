"""Family: a child's exit.  After run() returns, the child leaves with
os._exit(0): its atexit handlers never run."""

import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process::atexit-handlers-run-at-normal-child-exit"}
START_METHODS = ("spawn",)  # fork and forkserver skip atexit handlers before 3.13 anyway


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        super().run()
        os._exit(0)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
