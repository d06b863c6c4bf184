"""Family: logging.  log_to_stderr() writes messages without the documented
'[LEVEL/processName]' prefix."""

import logging
import multiprocessing as _std

from broken._base import BrokenContext, install

CATCHES = {"log_to_stderr::writes-to-stderr-in-documented-format"}


def log_to_stderr(level=None):
    logger = _std.get_logger()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.addHandler(handler)
    if level:
        logger.setLevel(level)
    return logger


class Context(BrokenContext):
    def log_to_stderr(self, level=None):
        return log_to_stderr(level)


install(globals(), Context, overrides={"log_to_stderr": log_to_stderr})
