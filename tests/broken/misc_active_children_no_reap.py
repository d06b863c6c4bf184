"""Family: active_children().  active_children() lists the live children without
joining the finished ones (they stay zombies)."""

import multiprocessing.process as _process
import os

from broken._base import BrokenContext, install

CATCHES = {"active_children::joins-finished-children"}
START_METHODS = ("fork", "spawn")


def active_children():
    live = []
    for child in list(_process._children):
        try:
            info = os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            continue
        if info is None:
            live.append(child)
    return live


class Context(BrokenContext):
    def active_children(self):
        return active_children()


install(globals(), Context, overrides={"active_children": active_children})
