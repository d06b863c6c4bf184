"""Family: daemon flags.  A new Process is never daemonic by default, even when
created inside a daemonic process."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.daemon::inherited-from-creating-process"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        super().__init__(group, target, name, args, {} if kwargs is None else kwargs,
                         daemon=False if daemon is None else daemon)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
