"""Facts of a whole program for the behaviours that changed in 3.14/3.15 patch
releases: one probe per run, named in MP_CONFORMANCE_PROBE, the implementation
in MP_CONFORMANCE_IMPL.  Prints one JSON object (its last line): the probe's
value, or {"raised": name, "message": text}.

Run as ``python [-X ...] program_facts.py [ARG ...]``: the arguments are only
there to be seen (``sys.argv``).  Nothing here starts a process at import time:
spawn children and the fork server import this module as their main module.
"""

import json
import os
import sys

from conformance.harness import CHILD_WAIT
from conformance.impl import load
from conformance.targets.scripts import ask_child

mp = load()
ARGV_AT_IMPORT = list(sys.argv)


def send_argv_at_import(conn):
    conn.send(ARGV_AT_IMPORT)
    conn.close()


def send_flags(conn):
    conn.send({"int_max_str_digits": sys.flags.int_max_str_digits,
               "xoptions": {k: str(v) for k, v in sys._xoptions.items()}})
    conn.close()


def send_hello(conn):
    conn.send("hello from the child")
    conn.close()


def spawn_context_start():
    """A spawn-context child, then the global start method (None: still unset)."""
    child = ask_child(mp.get_context("spawn"), send_hello)
    return {"child": child, "global": mp.get_start_method(allow_none=True)}


def freeze_support_then_set():
    mp.freeze_support()
    mp.set_start_method("spawn")
    return mp.get_start_method(allow_none=True)


def lock_then_set():
    """A Lock, the global start method then, and a forced set_start_method()."""
    mp.Lock()
    after_lock = mp.get_start_method(allow_none=True)
    mp.set_start_method("spawn", force=True)
    return {"after_lock": after_lock, "forced": mp.get_start_method(allow_none=True)}


def default_start_method():
    """The default start method, and whether a process of it runs."""
    method = mp.get_start_method()
    return {"method": method, "child": ask_child(mp, send_hello)}


def default_unpicklable_target():
    """A process of the default context with a lambda as its target: its exit code."""
    p = mp.Process(target=lambda: None)
    p.start()
    p.join(CHILD_WAIT)
    return p.exitcode


PROBES = {
    "default-unpicklable-target": default_unpicklable_target,
    "spawn-context-start": spawn_context_start,
    "freeze-support-then-set": freeze_support_then_set,
    "lock-then-set": lock_then_set,
    "default-start-method": default_start_method,
    "forkserver-argv-at-import": lambda: ask_child(mp.get_context("forkserver"),
                                                   send_argv_at_import),
    "forkserver-child": lambda: ask_child(mp.get_context("forkserver"), send_hello),
    "spawn-flags": lambda: ask_child(mp.get_context("spawn"), send_flags),
    "forkserver-flags": lambda: ask_child(mp.get_context("forkserver"), send_flags),
}


def main():
    try:
        value = PROBES[os.environ["MP_CONFORMANCE_PROBE"]]()
    except BaseException as exc:  # noqa: B036 - recorded for the test to judge
        value = {"raised": type(exc).__name__, "message": str(exc)}
    print(json.dumps(value), flush=True)


if __name__ == "__main__":
    main()
