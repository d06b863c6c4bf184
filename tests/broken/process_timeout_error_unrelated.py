"""Family: exceptions.  multiprocessing.TimeoutError is a class of its own, not a
ProcessError, and not what timed-out methods raise."""

from broken._base import BrokenContext, install

CATCHES = {
    "ProcessError::base-of-multiprocessing-exceptions",
    "TimeoutError::raised-when-timeout-expires",
}


class TimeoutError(Exception):  # noqa: A001 - the broken stand-in for mp.TimeoutError
    pass


class Context(BrokenContext):
    pass


install(globals(), Context, overrides={"TimeoutError": TimeoutError})
