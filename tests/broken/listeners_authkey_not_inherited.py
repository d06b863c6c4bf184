"""Family: authentication keys.  A child starts with a fresh random authkey of
its own instead of inheriting its parent's."""

import os

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "authentication-keys::child-inherits-the-parent-s-authkey",
    "authentication-keys::inherited-key-authenticates-a-child-client",
    "authentication-keys::inherited-key-answers-the-parent-s-challenge",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        # In the child, the Process object is current_process().
        self.authkey = os.urandom(32)
        super().run()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
