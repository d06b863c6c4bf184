"""Family: the global start method.  set_start_method() always behaves as if
force=True: a second call silently replaces the method instead of raising."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"set_start_method::second-call-raises-runtimeerror"}


def set_start_method(method, force=False):
    _std.set_start_method(method, force=True)


class Context(BrokenContext):
    pass


install(globals(), Context, overrides={"set_start_method": set_start_method})
