"""Family: picklability.  start() launches the child before it pickles the
process object for it; when pickling fails it closes the pipe but never reaps
the child, which is left behind (a zombie) although start() raised."""

import subprocess
import sys

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "guidelines.picklability::unpicklable-target-fails-at-start",
    "guidelines.picklability::unpicklable-argument-fails-at-start",
}
START_METHODS = ("spawn", "forkserver")

_LAUNCHED = []  # keeps the Popen objects, so that nothing reaps them behind our back


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def start(self):
        # The child to be: it reads what it is sent (it ends when the pipe closes).
        child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.buffer.read()"],
                                 stdin=subprocess.PIPE)
        _LAUNCHED.append(child)
        try:
            super().start()
        finally:
            child.stdin.close()
        child.wait()  # started well: the stand-in has served its purpose


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)


install(globals(), Context)
