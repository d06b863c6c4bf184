"""Family: start methods.  get_all_start_methods() does not list the default first."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"get_all_start_methods::default-first"}


def get_all_start_methods():
    methods = _std.get_all_start_methods()
    return methods[1:] + methods[:1]


class Context(BrokenContext):
    pass


install(globals(), Context, overrides={"get_all_start_methods": get_all_start_methods})
