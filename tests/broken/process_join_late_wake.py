"""Family: late wake-ups.  Process.join(timeout) polls: it looks with join(0)
once a second, so it returns up to a second after the child ended (while the
child runs it still gives up on time)."""

import time

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.join::timeout-waits-for-child-ending-in-time"}

RECHECK = 1.0


class LateJoinProcess:
    """Mixed into the Process class of every start method."""

    def join(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            super().join(0)
            if self.exitcode is not None:
                return
            pause = RECHECK
            if deadline is not None:
                pause = min(pause, deadline - time.monotonic())
                if pause <= 0:
                    return
            time.sleep(pause)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), LateJoinProcess)


install(globals(), Context)
