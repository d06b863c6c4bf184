"""Tests of Event.

Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Event
"""

from __future__ import annotations

import time
from types import SimpleNamespace

from conformance import harness
from conformance.marks import feature
from conformance.targets import sync as t

# --------------------------------------------------------------------------- Event.wait(timeout)


@feature("Event::wait-timeout-returns-false")
def test_event_wait_timeout_returns_false(mp):
    """wait(T) on an Event that is not set returns False after about T seconds."""
    event = mp.Event()
    with t.guard(event.set):
        with harness.stopwatch() as watch:
            result = event.wait(harness.SHORT)
    assert result is False, f"wait(timeout) on an unset Event returned {result!r}"
    harness.assert_gave_up_after(watch.elapsed, harness.SHORT, "Event.wait(timeout)")


@feature("Event::wait-returns-true-when-set-by-child")
def test_event_wait_returns_true_when_set_by_child(ctx):
    """wait(T) returns True before T as soon as a child sets the Event."""
    event = ctx.Event()
    receiver, reporter = ctx.Pipe(duplex=False)
    # The child is told to go through a Pipe, not an Event: a broken Event must
    # not delay the moment the event under test is sent.
    told, tell = ctx.Pipe(duplex=False)
    go = SimpleNamespace(set=lambda: tell.send("go"))
    with harness.started(ctx, t.set_event_when_told, event, told, reporter,
                         release_on_exit=(go,)) as p:
        release = harness.sender_ready(p, receiver, go)

        result = harness.woken(lambda: event.wait(harness.WAIT), release, "Event.wait(timeout)")
        assert result is True, f"wait(timeout) returned {result!r} although a child set the Event"
        harness.join(p)


# --------------------------------------------------------------------------- Event


@feature("Event::initially-unset")
def test_event_initially_unset(mp):
    """A new Event is not set."""
    assert mp.Event().is_set() is False


@feature("Event::set-and-clear")
def test_event_set_and_clear(mp):
    """set() makes is_set() True and wait() return True at once; clear() makes it False again."""
    event = mp.Event()
    event.set()
    assert event.is_set() is True
    with harness.stopwatch() as watch:
        assert event.wait(harness.WAIT) is True
    harness.assert_did_not_wait_out(watch.elapsed, harness.WAIT, "wait() on a set Event")
    event.set()
    assert event.is_set() is True, "setting a set Event unset it"
    event.clear()
    assert event.is_set() is False


@feature("Event::set-by-parent-wakes-child")
def test_event_set_by_parent_wakes_child(ctx):
    """A child waiting on an Event returns True from wait() once the parent sets it."""
    event = ctx.Event()
    receiver, sender = ctx.Pipe(duplex=False)
    with harness.started(ctx, t.report_event_wait_stamped, event, sender,
                         release_on_exit=(event,)) as p:
        assert harness.recv(receiver) == "waiting"
        harness.blocked(p, what="the child's Event.wait()")
        sent = time.monotonic()
        event.set()
        result, is_set, returned = harness.recv(receiver)
        assert (result, is_set) == (True, True), (
            f"the child's wait() returned {result!r} and is_set() {is_set!r} after set()")
        harness.assert_prompt(returned - sent, "the child's Event.wait()")
        harness.join(p)


@feature("Event::clear-seen-by-other-process")
def test_event_clear_seen_by_other_process(ctx):
    """An Event set and then cleared by a child is unset in the parent."""
    event = ctx.Event()
    event.set()
    harness.run(ctx, t.clear_event, event)
    assert event.is_set() is False
