"""Family: multiprocessing.dummy.  dummy.Queue hands out the newest item first
(a LIFO queue) instead of the oldest."""

import queue

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"dummy::queue-passes-objects-between-threads"}

patch_submodule(globals(), "dummy", Queue=queue.LifoQueue)

install(globals(), BrokenContext)
