"""A main module that starts its process under the ``if __name__ == '__main__'``
guard, with freeze_support(), as the programming guidelines recommend.

Run as ``python guarded_main.py`` with the start method in
MP_CONFORMANCE_START_METHOD: prints the child's greeting and its
exit code.
"""

import os

from conformance.harness import CHILD_WAIT
from conformance.impl import load

METHOD = "MP_CONFORMANCE_START_METHOD"
mp = load()


def hello():
    print("hello from the child", flush=True)


if __name__ == "__main__":
    mp.freeze_support()
    p = mp.get_context(os.environ[METHOD]).Process(target=hello)
    p.start()
    p.join(CHILD_WAIT)
    print(f"child exitcode {p.exitcode}", flush=True)
