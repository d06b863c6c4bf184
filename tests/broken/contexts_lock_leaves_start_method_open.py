"""Family: the global start method.  A Lock is made with the platform's default
context without fixing the global start method, which stays unset."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"contexts.global-start-method::lock-sets-global"}

class Context(BrokenContext):
    def Lock(self):
        return self._real.Lock()


install(globals(), Context)
# install() resolved the default context; leave the global start method unset.
_std.set_start_method(None, force=True)
