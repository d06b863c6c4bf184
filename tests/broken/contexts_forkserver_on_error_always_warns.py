"""Family: set_forkserver_preload(on_error=...) (3.15).  Every import error while
preloading is reported as a warning, whatever on_error says: 'ignore' is not
silent and 'fail' does not stop the fork server."""

import multiprocessing as _std

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 15)
CATCHES = {
    "set_forkserver_preload::on-error-ignore-is-silent",
    "set_forkserver_preload::on-error-fail-breaks-process-creation",
}


def set_forkserver_preload(module_names, *, on_error="ignore"):
    _std.set_forkserver_preload(module_names, on_error="warn")


class Context(BrokenContext):
    def set_forkserver_preload(self, module_names, *, on_error="ignore"):
        set_forkserver_preload(module_names, on_error=on_error)


install(globals(), Context, overrides={"set_forkserver_preload": set_forkserver_preload})
