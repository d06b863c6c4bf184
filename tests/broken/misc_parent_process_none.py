"""Family: parent_process().  parent_process() is None in children too."""

from broken._base import BrokenContext, install

CATCHES = {"parent_process::child-sees-parent"}


def parent_process():
    return None


class Context(BrokenContext):
    def parent_process(self):
        return None


install(globals(), Context, overrides={"parent_process": parent_process})
