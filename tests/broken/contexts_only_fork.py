"""Family: start methods.  The implementation offers only fork: get_all_start_methods()
lists only 'fork' and get_context('spawn') / get_context('forkserver') raise
ValueError, on a platform that has all three.  Its spawn and forkserver cells must
run and report that, not turn n/a because the implementation says so."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"Process.exitcode::normal-return-is-zero",
           "get_all_start_methods::methods-of-the-platform"}
START_METHODS = ("spawn", "forkserver")


class Context(BrokenContext):
    pass


def get_all_start_methods():
    return ["fork"]


def get_context(method=None):
    if method not in (None, "fork"):
        raise ValueError(f"cannot find context for {method!r}")
    return Context(_std.get_context("fork"))


install(globals(), Context, overrides={"get_all_start_methods": get_all_start_methods,
                                       "get_context": get_context})
