"""Family: late wake-ups.  Process.join(timeout) polls: it looks with join(0)
once a second, so it returns up to a second after the child ended (while the
child runs it still gives up on time)."""


from broken._base import ProcessContext, install, process_classes, recheck

CATCHES = {"Process.join::timeout-waits-for-child-ending-in-time"}


class LateJoinProcess:
    """Mixed into the Process class of every start method."""

    def join(self, timeout=None):
        def ended():
            super(LateJoinProcess, self).join(0)
            return self.exitcode is not None

        recheck(ended, timeout)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), LateJoinProcess)


install(globals(), Context)
