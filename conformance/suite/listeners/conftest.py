"""Fixtures shared by the tests of Listeners and Clients."""

from __future__ import annotations

import pytest

from conformance import impl


@pytest.fixture(scope="module")
def connection(mp):
    """The implementation's multiprocessing.connection."""
    return impl.submodule("connection", mp)


@pytest.fixture
def listen(connection):
    """listen(family, **kwargs) -> a Listener on a fresh address, closed after the test.

    family "inet": loopback TCP on port 0; "unix": AF_UNIX at the default address."""
    made = []

    def make(family="inet", **kwargs):
        if family == "inet":
            listener = connection.Listener(("127.0.0.1", 0), **kwargs)
        else:
            listener = connection.Listener(family="AF_UNIX", **kwargs)
        made.append(listener)
        return listener

    yield make
    for listener in made:
        listener.close()
