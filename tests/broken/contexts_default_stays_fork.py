"""Family: the default start method (3.14).  On Linux the implementation keeps
fork as the default start method, so a process of the default context need
not be picklable."""

import multiprocessing as _std

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 14)
CATCHES = {"contexts.start-methods::default-method-pickles-the-process"}

_std.set_start_method("fork", force=True)

install(globals(), BrokenContext)
