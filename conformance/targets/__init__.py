"""Child-process targets: top-level functions that spawn and forkserver can import.

Targets reach the implementation under test through ``mp()``; its name is
inherited from the parent through the environment (see ``conformance.impl``).
One module per area of the suite.
"""

from typing import Any

from conformance.impl import load as mp  # noqa: F401


def told(go: Any) -> None:
    """Wait (at most CHILD_WAIT) to be told to go: ``go`` is an Event to be set,
    or the receiving end of a Pipe to be sent anything.  A test picks the one
    that is not what it tests, so that a broken primitive under test cannot
    also delay the moment it is sent its event."""
    from conformance.harness import CHILD_WAIT

    if hasattr(go, "wait"):
        go.wait(CHILD_WAIT)
    elif go.poll(CHILD_WAIT):
        go.recv()
