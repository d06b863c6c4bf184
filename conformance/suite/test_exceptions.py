"""Process and exceptions: ProcessError, BufferTooShort, AuthenticationError, TimeoutError.

https://docs.python.org/3/library/multiprocessing.html#multiprocessing.ProcessError
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest

from conformance import harness
from conformance.impl import submodule
from conformance.marks import feature
from conformance.targets import process as t

SUBCLASSES = ("BufferTooShort", "AuthenticationError", "TimeoutError")


@feature("ProcessError::subclass-of-exception")
def test_process_error_subclass_of_exception(mp):
    """ProcessError is an Exception class."""
    assert isinstance(mp.ProcessError, type) and issubclass(mp.ProcessError, Exception)


@pytest.mark.parametrize("name", SUBCLASSES)
@feature("ProcessError::base-of-multiprocessing-exceptions")
def test_process_error_base_of_multiprocessing_exceptions(mp, name):
    """ProcessError is the base class of the other multiprocessing exceptions."""
    exc = getattr(mp, name)
    assert isinstance(exc, type) and issubclass(exc, mp.ProcessError), (
        f"{name} {exc!r} is not a subclass of ProcessError; its bases: "
        f"{getattr(exc, '__mro__', None)}")


# --------------------------------------------------------------------------- BufferTooShort


@pytest.mark.parametrize("offset", [0, 4])
@feature("BufferTooShort::raised-by-recv-bytes-into-with-message",
         requires=("connection.Connection.recv_bytes_into",))
def test_buffer_too_short_carries_message(mp, offset):
    """BufferTooShort from recv_bytes_into() carries the complete message in args[0].

    Raised when the buffer (from offset) is too small; args[0] is bytes.
    """
    message = b"a message longer than the buffer it is read into"
    a, b = mp.Pipe()
    try:
        a.send_bytes(message)
        buffer = bytearray(len(message) - 1 + offset)
        with pytest.raises(mp.BufferTooShort) as info:
            b.recv_bytes_into(buffer, offset)
        assert info.value.args[0] == message, info.value.args
        assert isinstance(info.value.args[0], bytes), type(info.value.args[0])
    finally:
        a.close()
        b.close()


@feature("BufferTooShort::not-raised-when-message-fits",
         requires=("connection.Connection.recv_bytes_into",))
def test_buffer_too_short_not_raised_when_message_fits(mp):
    """A buffer exactly as long as the message receives it (no BufferTooShort)."""
    message = b"exactly fits"
    a, b = mp.Pipe()
    try:
        a.send_bytes(message)
        buffer = bytearray(len(message))
        assert b.recv_bytes_into(buffer) == len(message)
        assert bytes(buffer) == message
    finally:
        a.close()
        b.close()


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


# --------------------------------------------------------------------------- TimeoutError


@contextmanager
def _pool_with_held_tasks(mp):
    """A one-worker pool whose tasks (t.wait_stored_event, t.wait_stored_event_for)
    wait on an event; the event is set and the pool closed and joined (bounded) when
    the block ends."""
    release = mp.Event()
    pool = mp.Pool(1, initializer=t.store_event, initargs=(release,))
    try:
        yield pool
    finally:
        release.set()
        pool.close()
        harness.call(pool.join)


@feature("TimeoutError::raised-when-timeout-expires", requires=("Pool",))
def test_timeout_error_raised_when_timeout_expires(mp):
    """AsyncResult.get(timeout) raises multiprocessing.TimeoutError when the timeout expires.

    The pool task is still running: a method with a timeout whose timeout expired.
    """
    with _pool_with_held_tasks(mp) as pool:
        result = pool.apply_async(t.wait_stored_event)
        with harness.stopwatch() as watch:
            with pytest.raises(mp.TimeoutError):
                result.get(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "AsyncResult.get(timeout)")


@feature("TimeoutError::raised-by-imap-next-timeout", requires=("Pool",))
def test_timeout_error_raised_by_imap_next_timeout(mp):
    """imap() iterator's next(timeout) raises multiprocessing.TimeoutError when it expires."""
    with _pool_with_held_tasks(mp) as pool:
        results = pool.imap(t.wait_stored_event_for, [0])
        with harness.stopwatch() as watch:
            with pytest.raises(mp.TimeoutError):
                results.next(timeout=harness.SHORT)
        harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "next(timeout)")
