"""Family: crashes.  Every child dies of SIGSEGV before running its target, as
an unfinished port whose children crash on start would.

Also one of the run-time bounds (tests/test_bounds.py): a whole run of it ends
within two minutes, its crashes reported ``crash`` with the signal named.
"""

import os
import signal

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.exitcode::normal-return-is-zero",
    "Queue.get::timeout-returns-an-item-arriving-in-time",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def run(self):
        signal.signal(signal.SIGSEGV, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGSEGV)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
