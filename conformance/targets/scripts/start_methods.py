"""Fresh-interpreter facts: the global start method and its setters, the default
start method, set_forkserver_preload(), cpu_count() and the logger's initial state.

Run as ``python start_methods.py`` with the implementation named in
MP_CONFORMANCE_IMPL; prints one JSON object.  Each probe records its value, or
the exception it raised as {"raised": name, "message": text}, so that one
deviation does not hide the others.  Nothing here may start a process at import
time: spawn children import this module as their main module.
"""

import io
import json
import logging
import os
import sys
from typing import Any

from conformance.impl import load
from conformance.targets.scripts import ask_child, raised

mp = load()
STATE = "as imported"
NO_SUCH_MODULE = "conformance_no_such_module_to_preload"


def report_state(conn):
    conn.send(STATE)
    conn.close()


def report_preloaded(conn):
    import conformance.targets.preload_probe as probe

    conn.send({"imported_in": probe.IMPORTED_IN, "child": os.getpid()})
    conn.close()


def probe(facts, key, fn):
    try:
        facts[key] = fn()
    except BaseException as exc:  # noqa: B036 - recorded for the test to judge
        facts[key] = raised(exc)


def logger_state():
    logger = mp.get_logger()
    return {"level": logger.level, "handlers": len(logger.handlers),
            "propagate": bool(logger.propagate)}


def set_and_get(method, force=False):
    mp.set_start_method(method, force=force)
    return mp.get_start_method(allow_none=True)


def second_call(method):
    mp.set_start_method(method)
    return "no exception"


def get_context_then_method():
    mp.get_context()
    return mp.get_start_method(allow_none=True)


def default_then_method():
    method = mp.get_start_method()
    return [method, mp.get_start_method(allow_none=True)]


def log_to_stderr_facts():
    captured = io.StringIO()
    real_stderr, sys.stderr = sys.stderr, captured
    try:
        logger = mp.log_to_stderr(logging.INFO)
        logger.warning("doomed")
        logger.info("informative")
        logger.debug("too detailed")
    finally:
        sys.stderr = real_stderr
    return {"same_logger": logger is mp.get_logger(), "level": logger.level,
            "output": captured.getvalue().splitlines()}


def main():
    facts: dict[str, Any] = {}
    probe(facts, "logger_initial", logger_state)
    probe(facts, "initial_allow_none", lambda: mp.get_start_method(allow_none=True))
    probe(facts, "all_start_methods", mp.get_all_start_methods)
    probe(facts, "get_start_method_sets_default", default_then_method)
    probe(facts, "reset_with_none_forced", lambda: set_and_get(None, force=True))
    probe(facts, "get_context_sets_default", get_context_then_method)
    mp.set_start_method(None, force=True)
    probe(facts, "set_none_sets_default", lambda: set_and_get(None))
    mp.set_start_method(None, force=True)
    probe(facts, "set_spawn", lambda: set_and_get("spawn"))
    probe(facts, "second_call_same_method", lambda: second_call("spawn"))
    probe(facts, "second_call_other_method", lambda: second_call("fork"))
    probe(facts, "forced_after_set", lambda: set_and_get("fork", force=True))
    probe(facts, "unknown_method_forced", lambda: set_and_get("no-such-method", force=True))
    probe(facts, "unknown_context", lambda: mp.get_context("no-such-method"))
    probe(facts, "cpu_count", mp.cpu_count)

    # A process started through the module after set_start_method("spawn") is a
    # spawned one: it sees this module as imported, not as changed here.
    global STATE
    STATE = "changed by the parent"
    mp.set_start_method("spawn", force=True)
    probe(facts, "module_process_after_set_spawn", lambda: ask_child(mp, report_state))

    # Before anything launches the fork server.
    probe(facts, "forkserver_preload", lambda: (
        mp.set_forkserver_preload(["conformance.targets.preload_probe", NO_SUCH_MODULE]),
        ask_child(mp.get_context("forkserver"), report_preloaded))[1])

    # Last: log_to_stderr() would make every later child log too.
    probe(facts, "log_to_stderr", log_to_stderr_facts)
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
