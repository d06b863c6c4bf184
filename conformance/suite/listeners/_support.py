"""Helpers shared by the tests of Listeners and Clients."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from conformance import impl
from conformance.harness import Background
from conformance.marks import feature

KEY = b"conformance suite key"
OTHER_KEY = b"some other key"
NO_UNIX = "AF_UNIX listeners are POSIX only"


@contextmanager
def client(connection, address, **kwargs):
    """Client(address, ...) bounded, closed after the block."""
    conn = Background(connection.Client, address, **kwargs).result()
    try:
        yield conn
    finally:
        conn.close()


def families(feature_id, **kwargs):
    """Parametrize over a TCP and an AF_UNIX listener, each param carrying the feature."""
    return pytest.mark.parametrize("family", [
        pytest.param("inet", marks=feature(feature_id, **kwargs), id="inet"),
        pytest.param("unix", marks=feature(feature_id, posix=True, reason=NO_UNIX, **kwargs),
                     id="unix"),
    ])


FAMILY_NAMES = {"inet": "AF_INET", "unix": "AF_UNIX"}


def challenge(connection, deliver_key, answer_key):
    """deliver_challenge and answer_challenge at the two ends of a Pipe, bounded."""
    a, b = impl.load().Pipe()
    deliverer = Background(connection.deliver_challenge, a, deliver_key)
    answerer = Background(connection.answer_challenge, b, answer_key)
    return a, b, deliverer, answerer
