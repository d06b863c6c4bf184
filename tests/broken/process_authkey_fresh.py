"""Family: authkey.  Every new Process gets a fresh random key instead of its creator's."""

import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.authkey::inherited-from-parent"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.authkey = os.urandom(32)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
