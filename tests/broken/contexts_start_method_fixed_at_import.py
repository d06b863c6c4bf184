"""Family: the global start method (3.14.3, 3.14.4).  The implementation fixes
the global start method when it is imported (it asks the default context for
its start method), so starting a spawn-context process finds it set, and a
later unforced set_start_method() after freeze_support() raises RuntimeError."""

import multiprocessing as _std

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 14, 3)  # the first of the two promises dates from 3.14.3
CATCHES = {
    "contexts.global-start-method::context-process-leaves-global-unset",
    "freeze_support::leaves-start-method-unset",
}

_std.get_start_method()

install(globals(), BrokenContext)
