"""Family: the default start method.  The implementation makes spawn the
default everywhere, so on Linux before 3.14 a process of the default context
must be picklable."""

import multiprocessing as _std

from broken._base import BrokenContext, install

BEFORE_PYTHON = (3, 14)  # the default became forkserver on Linux in 3.14
CATCHES = {"contexts.start-methods::default-method-runs-unpicklable-target"}

_std.set_start_method("spawn", force=True)

install(globals(), BrokenContext)
