"""set_forkserver_preload(..., on_error=MODE) with a module that cannot be
imported, then one forkserver child.

Run as ``python forkserver_on_error.py MODE`` (ignore, warn, fail, or
``positional``: on_error passed by position) with the implementation named in
MP_CONFORMANCE_IMPL.  Prints one JSON object: what set_forkserver_preload()
raised (or null), and the child's outcome (its message, or the exception that
starting it raised).  The fork server writes to this program's stderr.
"""

import json
import sys
from typing import Any

from conformance.harness import CHILD_WAIT
from conformance.impl import load
from conformance.targets.scripts import raised

mp = load()
NO_SUCH_MODULE = "conformance_no_such_module_to_preload"


def say_hello(conn):
    conn.send("hello from the child")
    conn.close()


def main(mode):
    facts: dict[str, Any] = {"preload": None}
    try:
        if mode == "positional":
            mp.set_forkserver_preload([NO_SUCH_MODULE], "warn")
        else:
            mp.set_forkserver_preload([NO_SUCH_MODULE], on_error=mode)
    except BaseException as exc:  # noqa: B036 - recorded for the test to judge
        facts["preload"] = raised(exc)
    ctx = mp.get_context("forkserver")
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=say_hello, args=(sender,))
    try:
        p.start()
    except BaseException as exc:  # noqa: B036 - recorded for the test to judge
        facts["child"] = raised(exc)
    else:
        sender.close()
        facts["child"] = (receiver.recv() if receiver.poll(CHILD_WAIT)
                          else {"raised": "timeout", "message": "the child sent nothing"})
        p.join(CHILD_WAIT)
        if p.is_alive():
            p.kill()
            p.join(CHILD_WAIT)
    print(json.dumps(facts), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
