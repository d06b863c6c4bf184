"""Imported by a forkserver child to tell whether the fork server preloaded it:
IMPORTED_IN is the pid of the process that executed this module."""

import os

IMPORTED_IN = os.getpid()
