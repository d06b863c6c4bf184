"""Helpers shared by the tests of Process and exceptions."""

from __future__ import annotations

from contextlib import contextmanager

from conformance import harness

# --------------------------------------------------------------------------- constructor, run()


class Calls:
    """A target for run() called in this process (never started, so it need not pickle)."""

    def __init__(self) -> None:
        self.calls: list = []

    def __call__(self, *args: object, **kwargs: object) -> str:
        self.calls.append((list(args), kwargs))
        return "ignored"


# --------------------------------------------------------------------------- terminate(), kill()


@contextmanager
def _ready_child(ctx, target, *args, close_sender=False):
    """A child running ``target(sender, never, *args)`` that has said "ready" on the
    receiver; yields (process, receiver).  With ``close_sender`` the parent's copy of
    the sender is closed first, so that the receiver sees EOF once the child is gone.

    ``never`` is an Event the child waits on while the test ends it by a signal: it
    must never be set (setting an Event a terminated child waited on can block).
    """
    receiver, sender = ctx.Pipe(duplex=False)
    never = ctx.Event()
    with harness.started(ctx, target, sender, never, *args) as p:
        if close_sender:
            sender.close()
        assert harness.recv(receiver) == "ready"
        yield p, receiver
