"""Family: set_executable().  The interpreter set is ignored: children are
always started with sys.executable."""

from broken._base import BrokenContext, install

CATCHES = {"set_executable::used-to-start-children"}
START_METHODS = ("spawn",)


def set_executable(executable):
    return None


class Context(BrokenContext):
    def set_executable(self, executable):
        return None


install(globals(), Context, overrides={"set_executable": set_executable})
