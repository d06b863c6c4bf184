"""Tests of connection.answer_challenge.

Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.answer_challenge
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.listeners._support import KEY, OTHER_KEY, challenge


@feature("connection.answer_challenge::welcomed-with-matching-key")
def test_answer_challenge_welcomed_with_matching_key(connection):
    """answer_challenge() returns without error when the challenger uses the same key."""
    a, b, deliverer, answerer = challenge(connection, KEY, KEY)
    with a, b:
        answerer.result()
        deliverer.result()
        b.send("after the challenge")
        assert harness.recv(a) == "after the challenge"


@feature("connection.answer_challenge::not-welcomed-raises-authenticationerror")
def test_answer_challenge_not_welcomed_raises_authenticationerror(mp, connection):
    """answer_challenge() raises AuthenticationError when no welcome comes (other key)."""
    a, b, deliverer, answerer = challenge(connection, KEY, OTHER_KEY)
    with a, b:
        with pytest.raises(mp.AuthenticationError):
            answerer.result()
        deliverer.finished(harness.WAIT)
