"""Main modules run in a fresh interpreter (``python PATH``) by the tests whose
subject is the state of a whole program: the global start method, the main
module's import, what the resource tracker does once the program has ended."""

from pathlib import Path
from typing import Any

from conformance.harness import CHILD_WAIT


def path(name: str) -> str:
    """The path of scripts/<name>, to run with ``harness.fresh_interpreter``."""
    return str(Path(__file__).with_name(name))


def raised(exc: BaseException) -> dict[str, str]:
    """What a probe records when it raised: {"raised": name, "message": text}."""
    return {"raised": type(exc).__name__, "message": str(exc)}


def ask_child(ctx: Any, target: Any) -> Any:
    """Start ``target(conn)`` in a child of ``ctx``; return what it sends (bounded).
    For scripts, which have no harness around them."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=target, args=(sender,))
    p.start()
    sender.close()
    try:
        if not receiver.poll(CHILD_WAIT):
            return {"raised": "timeout", "message": "the child sent nothing"}
        return receiver.recv()
    finally:
        p.join(CHILD_WAIT)
        if p.is_alive():
            p.kill()
            p.join(CHILD_WAIT)
