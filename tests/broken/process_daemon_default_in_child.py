"""Family: daemon flags.  Outside the main process a new Process is daemonic by
default (as if children were always helpers), instead of inheriting the
creating process's flag (False for a non-daemonic child)."""

import multiprocessing as _mp

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.daemon::inherited-from-creating-process"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        if daemon is None and _mp.parent_process() is not None:
            daemon = True
        super().__init__(group, target, name, args, {} if kwargs is None else kwargs,
                         daemon=daemon)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
