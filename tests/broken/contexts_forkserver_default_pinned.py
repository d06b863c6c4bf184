"""Family: the default start method without a writable temporary directory
(3.14.9, 3.15.1).  The implementation pins forkserver as the default on Linux
without checking for a temporary directory the fork server can use."""

import multiprocessing as _std

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 14, 9)
CATCHES = {"contexts.start-methods::default-is-spawn-without-writable-tempdir"}

_std.set_start_method("forkserver", force=True)

install(globals(), BrokenContext)
