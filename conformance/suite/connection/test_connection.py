"""Tests of connection.Connection.send, connection.Connection.send_bytes,
connection.Connection.recv, connection.Connection.recv_bytes,
connection.Connection.recv_bytes_into, connection.Connection, connection.Connection.poll,
connection.Connection.fileno and connection.Connection.close.

Connection Objects: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.Connection
"""

from __future__ import annotations

import array
import select

import pytest

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.targets import connection as t


class Point:
    """A picklable user-defined class (importable by the receiving side)."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)


class Unpicklable:
    """An object that refuses to be pickled, whatever the pickler."""

    def __reduce_ex__(self, protocol):
        raise TypeError("this object refuses to be pickled")


PICKLABLE = {
    "none": None,
    "big-int": 2 ** 100,
    "float": 2.25,
    "str": "héllo wörld ✓",
    "bytes": b"\x00\xff" * 10,
    "nested-list": [42, None, "hello", [1, [2, [3]]]],
    "dict": {"a": 1, (1, 2): frozenset({3})},
    "tuple": (1, "two", 3.0),
    "set": {1, 2, 3},
    "class-instance": Point(1, 2),
    "type": float,
}


def message(conn):
    """A bounded recv_bytes()."""
    if not conn.poll(harness.WAIT):
        raise harness.HarnessTimeout("no message arrived")
    return conn.recv_bytes()


# --------------------------------------------------------------------------- send / recv


@pytest.mark.parametrize("obj", list(PICKLABLE.values()), ids=list(PICKLABLE))
@feature("connection.Connection.send::picklable-object-arrives-equal")
def test_send_picklable_object_arrives_equal(mp, obj):
    """An object sent with send() is returned equal by recv() at the other end."""
    a, b = mp.Pipe()
    with a, b:
        a.send(obj)
        assert harness.recv(b) == obj


@feature("connection.Connection.send::large-object-arrives-whole")
def test_send_large_object_arrives_whole(mp):
    """An object far larger than a pipe's buffer (1 MiB) arrives whole."""
    a, b = mp.Pipe()
    big = list(range(100_000)) + [b"x" * 500_000]
    with a, b:
        receiver = Background(b.recv)
        a.send(big)
        assert receiver.result() == big


SIXTEEN_MIB = 16 * 1024 * 1024


@feature("connection.Connection.send_bytes::sixteen-mib-message-arrives-whole")
def test_send_bytes_sixteen_mib_message_arrives_whole(mp):
    """A 16 MiB message sent with send_bytes() arrives complete, as one message (the docs
    warn only of pickles of about 32 MiB and more)."""
    message = bytes(range(256)) * (SIXTEEN_MIB // 256)
    a, b = mp.Pipe()
    with a, b:
        sender = Background(a.send_bytes, message)
        received = harness.call(b.recv_bytes)
        sender.result()
        assert len(received) == len(message), (
            f"a message of {len(message)} bytes arrived as {len(received)} bytes")
        assert received == message, "the 16 MiB message arrived with other contents"
        a.send_bytes(b"next")
        assert harness.call(b.recv_bytes) == b"next"


@feature("connection.Connection.send::unpicklable-object-raises-in-sender", de_facto=True)
def test_send_unpicklable_object_raises_in_sender(mp):
    """send() of an object that cannot be pickled raises in the sender; the connection
    stays usable."""
    a, b = mp.Pipe()
    with a, b:
        with pytest.raises(TypeError, match="refuses to be pickled"):
            a.send(Unpicklable())
        a.send("next")
        assert harness.recv(b) == "next"


@feature("connection.Connection.recv::messages-arrive-in-order")
def test_recv_messages_arrive_in_order(mp):
    """recv() returns the objects in the order they were sent."""
    a, b = mp.Pipe()
    with a, b:
        for i in range(50):
            a.send(i)
        assert [harness.recv(b) for _ in range(50)] == list(range(50))


@feature("connection.Connection.recv::waits-for-a-message")
def test_recv_waits_for_a_message(mp):
    """recv() with nothing to receive blocks until a message is sent."""
    a, b = mp.Pipe()
    with a, b:
        receiver = Background(b.recv)
        assert not receiver.finished(harness.SHORT), "recv() returned with nothing sent"
        a.send("late")
        assert receiver.result() == "late"


@feature("connection.Connection.recv::eoferror-when-other-end-closed")
def test_recv_eoferror_when_other_end_closed(mp):
    """recv() raises EOFError once the other end is closed and nothing is left."""
    a, b = mp.Pipe()
    a.send("last")
    a.close()
    with b:
        assert harness.recv(b) == "last"
        with pytest.raises(EOFError):
            b.recv()


@feature("connection.Connection.recv::eoferror-after-child-exits")
def test_recv_eoferror_after_child_exits(ctx):
    """Messages a child sent before exiting arrive, then recv() raises EOFError."""
    reader, writer = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_all_and_close, args=(writer, ["one", "two"]))
    p.start()
    writer.close()  # the child now holds the only sending end
    try:
        assert harness.recv(reader) == "one"
        assert harness.recv(reader) == "two"
        assert reader.poll(harness.WAIT), "the end of the pipe was never signalled"
        with pytest.raises(EOFError):
            reader.recv()
    finally:
        harness.join(p)
        reader.close()


@feature("connection.Connection.recv_bytes::eoferror-when-other-end-closed")
def test_recv_bytes_eoferror_when_other_end_closed(mp):
    """recv_bytes() raises EOFError once the other end is closed and nothing is left."""
    a, b = mp.Pipe()
    a.close()
    with b, pytest.raises(EOFError):
        b.recv_bytes()


@feature("connection.Connection.recv_bytes_into::eoferror-when-other-end-closed")
def test_recv_bytes_into_eoferror_when_other_end_closed(mp):
    """recv_bytes_into() raises EOFError once the other end is closed and nothing is left."""
    a, b = mp.Pipe()
    a.close()
    with b, pytest.raises(EOFError):
        b.recv_bytes_into(bytearray(10))


@feature("connection.Connection::usable-in-a-child")
def test_connection_usable_in_a_child(ctx):
    """A connection passed to a child as an argument works both ways there."""
    parent_end, child_end = ctx.Pipe()
    with harness.started(ctx, t.echo, child_end, 2) as p:
        child_end.close()
        parent_end.send({"to": "child"})
        assert harness.recv(parent_end) == {"to": "child"}
        parent_end.send([1, 2.5, None])
        assert harness.recv(parent_end) == [1, 2.5, None]
        harness.join(p)
    parent_end.close()


@feature("connection.Connection::transferable-through-a-connection")
def test_connection_transferable_through_a_connection(ctx):
    """A Connection sent with send() to a running child can be used there (3.3+)."""
    control, child_control = ctx.Pipe()
    with harness.started(ctx, t.use_transferred_connection, child_control) as p:
        mine, theirs = ctx.Pipe()
        control.send(theirs)
        assert harness.recv(mine) == "sent through a transferred connection"
        harness.join(p)
    for conn in (control, child_control, mine, theirs):
        conn.close()


# ------------------------------------------------------------------------ send_bytes / recv_bytes


@pytest.mark.parametrize("buffer", [b"payload", bytearray(b"payload"), memoryview(b"payload")],
                         ids=["bytes", "bytearray", "memoryview"])
@feature("connection.Connection.send_bytes::bytes-like-object-sent-as-one-message")
def test_send_bytes_bytes_like_object(mp, buffer):
    """send_bytes() sends a bytes-like object as one message; recv_bytes() returns it as bytes."""
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(buffer)
        a.send_bytes(b"second")
        got = message(b)
        assert got == b"payload" and isinstance(got, bytes)
        assert message(b) == b"second"


@feature("connection.Connection.send_bytes::array-sent-as-its-bytes")
def test_send_bytes_array(mp):
    """send_bytes(array) sends the array's bytes, as in the documentation's example."""
    arr = array.array("i", range(5))
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(arr)
        assert message(b) == arr.tobytes()


@feature("connection.Connection.send_bytes::empty-message")
def test_send_bytes_empty_message(mp):
    """An empty send_bytes() message arrives as b'' (and is not lost)."""
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(b"")
        a.send_bytes(b"after")
        assert message(b) == b""
        assert message(b) == b"after"


@pytest.mark.parametrize("args, expected", [
    ((2,), b"cdef"),
    ((1, 3), b"bcd"),
    ((0, 6), b"abcdef"),
    ((6,), b""),
    ((3, 0), b""),
], ids=["offset", "offset-size", "whole", "offset-at-end", "size-zero"])
@feature("connection.Connection.send_bytes::offset-and-size-select-the-bytes")
def test_send_bytes_offset_and_size(mp, args, expected):
    """send_bytes(buf, offset, size) sends size bytes of buf starting at offset."""
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(b"abcdef", *args)
        assert message(b) == expected


@feature("connection.Connection.send_bytes::offset-counts-bytes-of-the-buffer")
def test_send_bytes_offset_counts_bytes(mp):
    """For a buffer of wider items (array of int), offset and size count bytes."""
    arr = array.array("i", [1, 2, 3, 4])
    width = arr.itemsize
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(arr, width, 2 * width)
        assert message(b) == array.array("i", [2, 3]).tobytes()


@pytest.mark.parametrize("offset, size", [(-1, None), (7, None), (0, -1), (4, 3)],
                         ids=["negative-offset", "offset-past-end", "negative-size",
                              "size-past-end"])
@feature("connection.Connection.send_bytes::bad-offset-or-size-raises-valueerror",
         de_facto=True)
def test_send_bytes_bad_offset_or_size(mp, offset, size):
    """send_bytes() with an offset or size outside the buffer raises ValueError."""
    a, b = mp.Pipe()
    with a, b, pytest.raises(ValueError):
        a.send_bytes(b"abcdef", offset, size)


@feature("connection.Connection.recv_bytes::maxlength-not-exceeded-is-fine")
def test_recv_bytes_maxlength_not_exceeded(mp):
    """recv_bytes(maxlength) returns a message no longer than maxlength."""
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(b"12345")
        assert b.poll(harness.WAIT)
        assert b.recv_bytes(5) == b"12345"


@feature("connection.Connection.recv_bytes::longer-than-maxlength-raises-oserror")
def test_recv_bytes_longer_than_maxlength_raises_oserror(mp):
    """recv_bytes(maxlength) raises OSError for a message longer than maxlength."""
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(b"x" * 100)
        assert b.poll(harness.WAIT)
        with pytest.raises(OSError):
            b.recv_bytes(10)


@pytest.mark.parametrize("duplex", [True, False], ids=["duplex", "one-way"])
@feature("connection.Connection.recv_bytes::not-readable-after-too-long-message")
def test_recv_bytes_not_readable_after_too_long_message(mp, duplex):
    """After a message longer than maxlength, the connection is no longer readable."""
    receiving, sending = mp.Pipe(duplex)
    with receiving, sending:
        sending.send_bytes(b"x" * 100)
        sending.send_bytes(b"short")
        assert receiving.poll(harness.WAIT)
        with pytest.raises(OSError):
            receiving.recv_bytes(10)
        with pytest.raises(OSError):
            receiving.recv_bytes()


# --------------------------------------------------------------------------- recv_bytes_into


@feature("connection.Connection.recv_bytes_into::fills-buffer-returns-length")
def test_recv_bytes_into_fills_buffer(mp):
    """recv_bytes_into() writes the message into the buffer and returns its length in bytes."""
    arr1 = array.array("i", range(5))
    arr2 = array.array("i", [0] * 10)
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(arr1)
        assert b.poll(harness.WAIT)
        count = b.recv_bytes_into(arr2)
    assert count == len(arr1) * arr1.itemsize
    assert arr2 == array.array("i", [0, 1, 2, 3, 4, 0, 0, 0, 0, 0])


@feature("connection.Connection.recv_bytes_into::offset-places-the-message")
def test_recv_bytes_into_offset(mp):
    """recv_bytes_into(buf, offset) writes the message into buf from that position."""
    buf = bytearray(10)
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(b"abc")
        assert b.poll(harness.WAIT)
        assert b.recv_bytes_into(buf, 3) == 3
    assert buf == bytearray(b"\0\0\0abc\0\0\0\0")


@pytest.mark.parametrize("size, offset", [(2, 0), (8, 5)], ids=["short-buffer", "offset"])
@feature("connection.Connection.recv_bytes_into::buffer-too-short-carries-the-message")
def test_recv_bytes_into_buffer_too_short(mp, size, offset):
    """A buffer too short raises BufferTooShort with the complete message as args[0]."""
    a, b = mp.Pipe()
    with a, b:
        a.send_bytes(b"abcdef")
        assert b.poll(harness.WAIT)
        with pytest.raises(mp.BufferTooShort) as info:
            b.recv_bytes_into(bytearray(size), offset)
    assert info.value.args[0] == b"abcdef"


# --------------------------------------------------------------------------- poll


@feature("connection.Connection.poll::no-timeout-returns-at-once")
def test_poll_no_timeout_returns_at_once(mp):
    """poll() without a timeout returns False at once when nothing is there, True when it is."""
    a, b = mp.Pipe()
    with a, b:
        with harness.stopwatch() as watch:
            assert b.poll() is False
        harness.assert_gave_up_after(watch.elapsed, 0.0, "poll() without a timeout")
        a.send("here")
        harness.until(b.poll, what="poll() to see the message")
        assert b.poll() is True
        assert b.recv() == "here"
        assert b.poll() is False


@feature("connection.Connection.poll::timeout-false-after-timeout")
def test_poll_timeout_false_after_timeout(mp):
    """poll(t) with nothing to read returns False after about t seconds."""
    a, b = mp.Pipe()
    with a, b:
        with harness.stopwatch() as watch:
            assert b.poll(harness.SHORT) is False
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "poll(timeout)")


@feature("connection.Connection.poll::timeout-true-when-data-arrives-in-time")
def test_poll_timeout_true_when_data_arrives_in_time(ctx):
    """poll(t) returns True as soon as a child sends, before t is out."""
    mine, theirs = ctx.Pipe()
    go = ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.send_when_told, theirs, go, "in time", reporter,
                         release_on_exit=(go,)) as p:
        release = harness.sender_ready(p, receiver, go)

        # poll() is observably blocked before the child is told to send.
        ready = harness.woken(lambda: mine.poll(harness.WAIT), release, "poll(timeout)")
        assert ready is True, "poll(timeout) returned False although the child sent"
        assert mine.recv() == "in time"
    mine.close()
    theirs.close()


@feature("connection.Connection.poll::none-waits-until-data")
def test_poll_none_waits_until_data(mp):
    """poll(None) waits until something arrives, then returns True."""
    a, b = mp.Pipe()
    with a, b:
        poller = Background(b.poll, None)
        assert not poller.finished(harness.SHORT), "poll(None) returned with nothing to read"
        a.send("now")
        assert poller.result() is True


@feature("connection.Connection.poll::negative-timeout-returns-at-once", de_facto=True)
def test_poll_negative_timeout_returns_at_once(mp):
    """poll(-1) does not block: False at once with nothing to read, True with a message."""
    a, b = mp.Pipe()
    with a, b:
        assert harness.call(b.poll, -1) is False
        a.send("here")
        harness.until(b.poll, what="poll() to see the message")
        assert harness.call(b.poll, -1) is True


@feature("connection.Connection.poll::write-only-end-raises-oserror", de_facto=True)
def test_poll_write_only_end_raises_oserror(mp):
    """poll() on the write end of Pipe(duplex=False) raises OSError: it cannot be read."""
    r, w = mp.Pipe(duplex=False)
    with r, w:
        with pytest.raises(OSError):
            harness.call(w.poll, 0)


@feature("connection.Connection.poll::true-when-other-end-closed", de_facto=True, posix=True,
         reason="on Windows poll() of a pipe whose other end closed raises BrokenPipeError "
                "(PeekNamedPipe fails)")
def test_poll_true_when_other_end_closed(mp):
    """poll() returns True once the other end is closed (recv() would raise EOFError)."""
    a, b = mp.Pipe()
    a.close()
    with b:
        assert b.poll(harness.WAIT) is True


# --------------------------------------------------------------------------- fileno / close


@feature("connection.Connection.fileno::returns-an-int")
def test_fileno_returns_an_int(mp):
    """fileno() returns an integer, different for the two ends of a pipe."""
    a, b = mp.Pipe()
    with a, b:
        assert isinstance(a.fileno(), int) and isinstance(b.fileno(), int)
        assert a.fileno() != b.fileno()


@feature("connection.Connection.fileno::descriptor-signals-readable-data", posix=True,
         reason="select() on a pipe's descriptor is POSIX only")
def test_fileno_descriptor_signals_readable_data(mp):
    """select() on fileno() reports the connection readable once a message is sent."""
    a, b = mp.Pipe()
    with a, b:
        assert select.select([b.fileno()], [], [], 0)[0] == []
        a.send("x")
        assert select.select([b.fileno()], [], [], harness.WAIT)[0] == [b.fileno()]


CLOSED_REFUSALS = {
    "send": lambda c: c.send("x"),
    "recv": lambda c: c.recv(),
    "send_bytes": lambda c: c.send_bytes(b"x"),
    "recv_bytes": lambda c: c.recv_bytes(),
    "recv_bytes_into": lambda c: c.recv_bytes_into(bytearray(4)),
    "poll": lambda c: c.poll(),
    "fileno": lambda c: c.fileno(),
}


@pytest.mark.parametrize("use", list(CLOSED_REFUSALS), ids=list(CLOSED_REFUSALS))
@feature("connection.Connection.close::closed-connection-refuses-use", de_facto=True)
def test_close_closed_connection_refuses_use(mp, use):
    """After close(), the connection's methods raise OSError."""
    a, b = mp.Pipe()
    a.close()
    with b, pytest.raises(OSError):
        CLOSED_REFUSALS[use](a)


@feature("connection.Connection.close::other-end-sees-eof")
def test_close_other_end_sees_eof(mp):
    """Closing one end makes recv() at the other end raise EOFError."""
    a, b = mp.Pipe()
    a.close()
    with b:
        assert b.poll(harness.WAIT)
        with pytest.raises(EOFError):
            b.recv()


@feature("connection.Connection.close::second-close-is-harmless", de_facto=True)
def test_close_second_close_is_harmless(mp):
    """Calling close() twice does not raise."""
    a, b = mp.Pipe()
    a.close()
    a.close()
    b.close()


@feature("connection.Connection::context-manager-closes")
def test_connection_context_manager_closes(mp):
    """`with conn as c:` gives the connection itself and closes it on exit (3.3+)."""
    a, b = mp.Pipe()
    with b:
        with a as entered:
            assert entered is a
            a.send("inside")
        assert harness.recv(b) == "inside"
        assert b.poll(harness.WAIT)
        with pytest.raises(EOFError):
            b.recv()
