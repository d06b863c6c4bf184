"""Family: cpu_count().  cpu_count() returns one CPU more than the system has."""

import os

from broken._base import BrokenContext, install

CATCHES = {"cpu_count::number-of-cpus-in-the-system"}


def cpu_count():
    return os.cpu_count() + 1


class Context(BrokenContext):
    def cpu_count(self):
        return cpu_count()


install(globals(), Context, overrides={"cpu_count": cpu_count})
