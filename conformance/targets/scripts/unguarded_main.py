"""A main module that starts a process at import time, without the
``if __name__ == '__main__'`` guard (the programming guidelines' counter-example).

Run as ``python unguarded_main.py`` with the start method in
MP_CONFORMANCE_START_METHOD (not in sys.argv: a fork server importing this
module may not have the program's arguments).  Under spawn and forkserver the
child imports this module again, and its attempt to start a process there must
fail with RuntimeError.  An implementation that let it through would recurse:
the depth kept in the environment stops that at the second level.
"""

import os

from conformance.harness import CHILD_WAIT
from conformance.impl import load

DEPTH = "MP_CONFORMANCE_UNGUARDED_DEPTH"
METHOD = "MP_CONFORMANCE_START_METHOD"
mp = load()


def hello():
    print("hello from the child", flush=True)


depth = int(os.environ.get(DEPTH, "0"))
if depth < 2:  # not a guard against import: a bound on a runaway recursion
    os.environ[DEPTH] = str(depth + 1)
    p = mp.get_context(os.environ[METHOD]).Process(target=hello)
    p.start()
    p.join(CHILD_WAIT)
    print(f"depth {depth}: child exitcode {p.exitcode}", flush=True)
