"""Tests of authentication-keys.

Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#authentication-keys
"""

from __future__ import annotations

from conformance import harness
from conformance.harness import Background
from conformance.marks import feature
from conformance.targets import connection as tc
from conformance.targets import listeners as t
from conformance.targets.listeners import accepting

# --------------------------------------------------------------------------- authentication keys


@feature("authentication-keys::child-inherits-the-parent-s-authkey")
def test_authentication_keys_child_inherits(mp, ctx):
    """A child's current_process().authkey is its parent's."""
    receiver, reporter = ctx.Pipe(duplex=False)
    harness.run(ctx, tc.send_own_authkey, reporter)
    assert harness.recv(receiver) == bytes(mp.current_process().authkey)


@feature("authentication-keys::inherited-key-authenticates-a-child-client")
def test_authentication_keys_inherited_key_authenticates_a_child_client(mp, ctx, listen):
    """A Listener keyed with current_process().authkey accepts a child using its own key."""
    listener = listen("inet", authkey=mp.current_process().authkey)
    with accepting(listener) as server:
        p = harness.run(ctx, t.connect_with_inherited_authkey, listener.address)
        assert p.exitcode == 0
        assert harness.recv(server.result()) == "authenticated with the inherited key"


@feature("authentication-keys::inherited-key-answers-the-parent-s-challenge")
def test_authentication_keys_inherited_key_answers_challenge(mp, ctx, connection):
    """deliver_challenge() with the parent's authkey is answered by a child's own key."""
    mine, theirs = ctx.Pipe()
    with harness.started(ctx, tc.answer_with_inherited_authkey, theirs) as p:
        Background(connection.deliver_challenge, mine, mp.current_process().authkey).result()
        assert harness.recv(mine) == "welcomed"
        harness.join(p)
    mine.close()
    theirs.close()
