"""Family: the default start method.  Starting a process with the default start
method warns that the default will change (DeprecationWarning), as a 3.12
alpha did."""

import warnings

from broken._base import ProcessContext, install, process_classes

CATCHES = {"contexts.start-methods::default-method-emits-no-deprecationwarning"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def start(self):
        warnings.warn("the default start method will change; choose one explicitly",
                      DeprecationWarning, stacklevel=2)
        super().start()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
