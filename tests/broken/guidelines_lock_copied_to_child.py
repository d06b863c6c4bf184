"""Family: explicitly passed resources.  A Lock passed to a spawn or forkserver
child arrives as a new, independent lock instead of the parent's."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"guidelines.explicit-resources::lock-passed-as-argument-is-shared"}
START_METHODS = ("spawn", "forkserver")


def _new_lock(method):
    return CopiedLock(_std.get_context(method).Lock(), method)


class CopiedLock:
    """Delegates to a real lock, but pickles as a brand-new lock."""

    def __init__(self, real, method):
        self._real, self._method = real, method

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self._real.__enter__()

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)

    def __reduce__(self):
        return _new_lock, (self._method,)


class Context(BrokenContext):
    def Lock(self):
        return CopiedLock(self._real.Lock(), self._real.get_start_method())


install(globals(), Context)
