"""Family: contexts.  Context objects lack part of the module's API (Barrier)."""

from broken._base import BrokenContext, install

CATCHES = {"get_context::context-has-module-api"}


class Context(BrokenContext):
    def __getattr__(self, name):
        if name == "Barrier":
            raise AttributeError(name)
        return super().__getattr__(name)


install(globals(), Context)
