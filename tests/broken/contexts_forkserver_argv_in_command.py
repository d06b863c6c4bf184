"""Family: forkserver with a large sys.argv (the 3.14.3 regression, gh-144503).
The fork server's -c command carries the program's sys.argv inside it, one
argument that Linux limits to 128 kB, so a program with a large sys.argv cannot
start the fork server."""

import sys
from multiprocessing import util as _util

from broken._base import BrokenContext, install

CATCHES = {"contexts.start-methods::forkserver-works-with-large-argv"}
_real_spawnv_passfds = _util.spawnv_passfds


def spawnv_passfds(path, args, passfds):
    if "-c" in args:
        at = args.index("-c") + 1
        if "forkserver" in args[at]:
            code = f"import sys; sys.argv[1:] = {sys.argv[1:]!r}; {args[at]}"
            args = [*args[:at], code, *args[at + 1:]]
    return _real_spawnv_passfds(path, args, passfds)


_util.spawnv_passfds = spawnv_passfds

install(globals(), BrokenContext)
