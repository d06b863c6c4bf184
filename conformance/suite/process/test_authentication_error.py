"""Tests of AuthenticationError.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.AuthenticationError
"""

from __future__ import annotations

import threading

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature

# --------------------------------------------------------------------------- AuthenticationError


@feature("AuthenticationError::not-raised-when-keys-match",
         requires=("connection.deliver_challenge", "connection.answer_challenge"))
def test_authentication_error_not_raised_when_keys_match(mp):
    """deliver_challenge() and answer_challenge() with the same key succeed.

    The control for the mismatch test.
    """
    connection = submodule("connection")
    a, b = mp.Pipe()
    outcome: dict = {}

    def deliver() -> None:
        try:
            outcome["deliver"] = connection.deliver_challenge(a, b"the same key")
        except BaseException as exc:  # noqa: B036 - the test reports whatever was raised
            outcome["deliver"] = exc

    server = threading.Thread(target=deliver, daemon=True)
    server.start()
    try:
        connection.answer_challenge(b, b"the same key")
    finally:
        server.join(harness.WAIT)
        a.close()
        b.close()
    assert not server.is_alive(), "deliver_challenge() did not return"
    assert outcome.get("deliver") is None, f"deliver_challenge(): {outcome.get('deliver')!r}"


@feature("AuthenticationError::raised-on-authkey-mismatch",
         requires=("connection.deliver_challenge", "connection.answer_challenge"))
def test_authentication_error_raised_on_authkey_mismatch(mp):
    """deliver_challenge() and answer_challenge() with different keys raise AuthenticationError.

    Both sides raise.
    """
    connection = submodule("connection")
    a, b = mp.Pipe()
    outcome: dict = {}

    def deliver() -> None:
        try:
            connection.deliver_challenge(a, b"one key")
        except BaseException as exc:  # noqa: B036 - the test reports whatever was raised
            outcome["deliver"] = exc
        else:
            outcome["deliver"] = None

    server = threading.Thread(target=deliver, daemon=True)
    server.start()
    try:
        with pytest.raises(mp.AuthenticationError):
            connection.answer_challenge(b, b"another key")
    finally:
        server.join(harness.WAIT)
        a.close()
        b.close()
    assert not server.is_alive(), "deliver_challenge() did not return"
    assert isinstance(outcome.get("deliver"), mp.AuthenticationError), (
        f"deliver_challenge() with the wrong reply: {outcome.get('deliver')!r}")
