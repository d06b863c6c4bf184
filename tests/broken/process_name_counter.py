"""Family: names.  Default names do not count: every unnamed process is '...Process-1'."""

import re

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.name::default-pattern-with-counter",
    "Process.name::nested-children-n1-n2",
}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        super().__init__(group, target, name, args, {} if kwargs is None else kwargs,
                         daemon=daemon)
        if name is None:
            self.name = re.sub(r"\d+$", "1", self.name)


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
