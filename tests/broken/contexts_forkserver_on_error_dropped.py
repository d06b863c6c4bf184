"""Family: set_forkserver_preload(on_error=...) (3.15).  on_error is accepted,
also by position, and dropped: import errors while preloading are always
ignored."""

import multiprocessing as _std

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 15)
CATCHES = {
    "set_forkserver_preload::on-error-warn-emits-importwarning",
    "set_forkserver_preload::on-error-fail-breaks-process-creation",
    "set_forkserver_preload::on-error-is-keyword-only",
}


def set_forkserver_preload(module_names, on_error="ignore"):
    _std.set_forkserver_preload(module_names)


class Context(BrokenContext):
    def set_forkserver_preload(self, module_names, on_error="ignore"):
        set_forkserver_preload(module_names, on_error)


install(globals(), Context, overrides={"set_forkserver_preload": set_forkserver_preload})
