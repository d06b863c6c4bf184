"""Family: set_forkserver_preload().  The module list is ignored: the fork
server preloads nothing."""

from broken._base import BrokenContext, install

CATCHES = {"set_forkserver_preload::modules-imported-by-server"}


def set_forkserver_preload(module_names):
    return None


class Context(BrokenContext):
    def set_forkserver_preload(self, module_names):
        return None


install(globals(), Context, overrides={"set_forkserver_preload": set_forkserver_preload})
