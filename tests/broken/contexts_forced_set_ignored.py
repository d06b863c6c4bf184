"""Family: the global start method.  Once the start method is fixed,
set_start_method(..., force=True) is silently ignored."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"contexts.global-start-method::forced-set-after-use-works"}


def set_start_method(method, force=False):
    if _std.get_start_method(allow_none=True) is None:
        _std.set_start_method(method)
    elif not force:
        raise RuntimeError("context has already been set")


class Context(BrokenContext):
    def set_start_method(self, method, force=False):
        set_start_method(method, force)


install(globals(), Context, overrides={"set_start_method": set_start_method})
