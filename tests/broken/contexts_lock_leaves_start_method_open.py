"""Family: the global start method.  A Lock is made with the platform's default
context without fixing the global start method, which stays unset."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"contexts.global-start-method::lock-sets-global"}

class Context(BrokenContext):
    def Lock(self):
        # The platform's default context itself, not the global one that Lock() fixes.
        return _std.context._default_context._default_context.Lock()


install(globals(), Context)
