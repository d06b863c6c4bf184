"""Family: logging.  The multiprocessing logger propagates to the root logger."""

import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"get_logger::does-not-propagate-by-default"}


def get_logger():
    logger = _std.get_logger()
    logger.propagate = True
    return logger


class Context(BrokenContext):
    def get_logger(self):
        return get_logger()


install(globals(), Context, overrides={"get_logger": get_logger})
