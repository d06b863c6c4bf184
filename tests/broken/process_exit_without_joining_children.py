"""Family: daemon flags.  A process leaving run() terminates its daemonic
children but does not wait for its non-daemonic ones: it exits at once and
leaves them orphaned."""

import atexit
from multiprocessing import process as _process
from multiprocessing import util as _util

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.daemon::non-daemonic-children-joined-at-exit"}


def _exit_without_joining(*args, **kwargs):
    # The stdlib's util._exit_function, without the join of the remaining children.
    _util._run_finalizers(0)
    for p in _process.active_children():
        if p.daemon:
            p._popen.terminate()
    _util._run_finalizers()


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def _bootstrap(self, *args, **kwargs):
        # In the child, both at the end of _bootstrap and at interpreter exit.
        atexit.unregister(_util._exit_function)
        _util._exit_function = _exit_without_joining
        return super()._bootstrap(*args, **kwargs)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
