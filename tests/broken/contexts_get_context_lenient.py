"""Family: contexts.  get_context() with an unknown method name returns the
default context instead of raising ValueError."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"get_context::unknown-method-raises-valueerror"}


class Context(BrokenContext):
    pass


def get_context(method=None):
    if method not in (None, *_std.get_all_start_methods()):
        method = None
    return Context(_std.get_context(method))


install(globals(), Context, overrides={"get_context": get_context})
