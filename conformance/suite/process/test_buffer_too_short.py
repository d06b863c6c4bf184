"""Tests of BufferTooShort.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.BufferTooShort
"""

from __future__ import annotations

import pytest

from conformance.marks import feature

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
