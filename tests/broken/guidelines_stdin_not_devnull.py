"""Family: sys.stdin in children.  A child's sys.stdin is a file-like object with
data of its own instead of one reading os.devnull."""

import io
import sys

from broken._base import ProcessContext, install, process_classes

CATCHES = {"guidelines.stdin-devnull::child-stdin-reads-devnull"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        sys.stdin = io.StringIO("not from os.devnull")
        return super().run()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
