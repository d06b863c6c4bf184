"""Family: names.  A child renumbers itself: every unnamed child believes it is
'...Process-1' (its name and identity restart at 1 in the child), while the
parent names them correctly.  Its own children are then '...Process-1:N2'."""

import re

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.name::seen-by-child-as-current-process-name",
    "Process.name::nested-children-n1-n2",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        super().__init__(group, target, name, args, {} if kwargs is None else kwargs,
                         daemon=daemon)
        self._default_named = name is None

    def _bootstrap(self, *args, **kwargs):
        if self._default_named:  # in the child
            self._identity = self._identity[:-1] + (1,)
            self._name = re.sub(r"\d+$", "1", self._name)
        return super()._bootstrap(*args, **kwargs)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
