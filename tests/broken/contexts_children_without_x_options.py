"""Family: interpreter options of spawned children (3.14.4).  The command line
of spawn children and of the fork server leaves out the interpreter's options
(-X, -W, ...)."""

from multiprocessing import util as _util

from broken._base import BrokenContext, install

MIN_PYTHON = (3, 14, 4)
CATCHES = {"contexts.start-methods::children-get-the-x-options"}

_util._args_from_interpreter_flags = list

install(globals(), BrokenContext)
