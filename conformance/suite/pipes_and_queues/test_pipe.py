"""Tests of Pipe.

Pipes and Queues: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Pipe
"""

from __future__ import annotations

import pytest

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature

# --------------------------------------------------------------------------- Pipe


@feature("Pipe::duplex-by-default")
def test_pipe_duplex_by_default(mp):
    """Pipe() with no argument is two-way: each end sends to the other."""
    a, b = mp.Pipe()
    with a, b:
        a.send("from a")
        b.send("from b")
        assert harness.recv(b) == "from a"
        assert harness.recv(a) == "from b"


@feature("Pipe::duplex-true-is-two-way")
def test_pipe_duplex_true_is_two_way(mp):
    """Pipe(duplex=True) is two-way: each end sends to the other."""
    a, b = mp.Pipe(duplex=True)
    with a, b:
        b.send_bytes(b"from b")
        a.send_bytes(b"from a")
        assert a.recv_bytes() == b"from b"
        assert b.recv_bytes() == b"from a"


@feature("Pipe::one-way-first-end-receives-second-sends")
def test_pipe_one_way_first_end_receives(mp):
    """Pipe(duplex=False) returns (receiving end, sending end)."""
    reader, writer = mp.Pipe(duplex=False)
    with reader, writer:
        writer.send([1, "two"])
        assert harness.recv(reader) == [1, "two"]


@feature("Pipe::one-way-receiving-end-cannot-send", de_facto=True)
def test_pipe_one_way_receiving_end_cannot_send(mp):
    """The first end of Pipe(duplex=False) can only receive: send() raises OSError."""
    reader, writer = mp.Pipe(duplex=False)
    with reader, writer:
        with pytest.raises(OSError):
            reader.send("backwards")


@feature("Pipe::one-way-sending-end-cannot-receive", de_facto=True)
def test_pipe_one_way_sending_end_cannot_receive(mp):
    """The second end of Pipe(duplex=False) can only send: recv() raises OSError."""
    reader, writer = mp.Pipe(duplex=False)
    with reader, writer:
        with pytest.raises(OSError):
            Background(writer.recv).result()
