"""Tests of connection.deliver_challenge.

Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.deliver_challenge
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.listeners._support import KEY, OTHER_KEY, challenge


@feature("connection.deliver_challenge::matching-reply-accepted")
def test_deliver_challenge_matching_reply_accepted(connection):
    """deliver_challenge() returns without error when the reply uses the same key."""
    a, b, deliverer, answerer = challenge(connection, KEY, KEY)
    with a, b:
        deliverer.result()
        answerer.result()
        a.send("after the challenge")
        assert harness.recv(b) == "after the challenge"


@feature("connection.deliver_challenge::wrong-reply-raises-authenticationerror")
def test_deliver_challenge_wrong_reply_raises_authenticationerror(mp, connection):
    """deliver_challenge() raises AuthenticationError when the reply uses another key."""
    a, b, deliverer, answerer = challenge(connection, KEY, OTHER_KEY)
    with a, b:
        with pytest.raises(mp.AuthenticationError):
            deliverer.result()
        answerer.finished(harness.WAIT)
