"""Building blocks for broken implementations: the stdlib, re-exported, with a
context wrapper whose methods a broken module overrides.

    from broken._base import BrokenContext, install

    class Context(BrokenContext):
        def Queue(self, maxsize=0):
            ...

    install(globals(), Context)

``install`` fills the module's namespace with the stdlib's API, the
submodules as attributes (``connection``, ``pool``, ...), ``get_context``
returning wrapped contexts, and the module-level factories (``Queue``,
``Lock``, ...) bound to the wrapped default context.  Classes a broken module
defines must be top-level, so that spawn and forkserver children can unpickle
them; children find this module again through the implementation name that
the suite passes on.
"""

from __future__ import annotations

import importlib
import multiprocessing as _std

SUBMODULES = ("connection", "context", "dummy", "managers", "pool", "process", "queues",
              "reduction", "shared_memory", "sharedctypes", "synchronize", "util")


class BrokenContext:
    """Delegates everything to a real stdlib context; subclasses override."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def get_context(self, method=None):
        return type(self)(self._real.get_context(method))


def install(namespace: dict, context_class: type, overrides: dict | None = None) -> None:
    for name in _std.__all__:
        namespace.setdefault(name, getattr(_std, name))
    for sub in SUBMODULES:
        namespace.setdefault(sub, importlib.import_module(f"multiprocessing.{sub}"))

    def get_context(method=None):
        return context_class(_std.get_context(method))

    default = context_class(_std.get_context())
    namespace["get_context"] = get_context
    for name in vars(context_class):
        if not name.startswith("_") and name != "get_context":
            namespace[name] = getattr(default, name)
    namespace.update(overrides or {})
