"""Family: multiprocessing.dummy.  dummy.Queue hands out the newest item first
(a LIFO queue) instead of the oldest."""

import multiprocessing.dummy as _dummy
import queue
import types

from broken._base import BrokenContext, install

CATCHES = {"dummy::queue-passes-objects-between-threads"}

dummy = types.ModuleType(f"{__name__}.dummy")
dummy.__dict__.update({k: v for k, v in vars(_dummy).items() if not k.startswith("__")})
dummy.Queue = queue.LifoQueue

install(globals(), BrokenContext)
