"""Family: is_alive().  A started process stays "alive" after it has ended."""

from broken._base import ProcessContext, install, process_classes

CATCHES = {"Process.is_alive::true-while-running-false-after-end"}


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def is_alive(self):
        return self._popen is not None or super().is_alive()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
