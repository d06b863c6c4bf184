"""Tests of Process.name.

Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.Process.name
"""

from __future__ import annotations

import re

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as t

# --------------------------------------------------------------------------- names

DEFAULT_NAME = re.compile(r"^\w*Process-(\d+)(?::\d+)*$")


@feature("Process.name::default-pattern-with-counter")
def test_name_default_pattern_with_counter(ctx):
    """Unnamed processes are named '...Process-N', N counting the children created."""
    first = ctx.Process(target=t.do_nothing).name
    second = ctx.Process(target=t.do_nothing).name
    m1, m2 = DEFAULT_NAME.match(first), DEFAULT_NAME.match(second)
    assert m1 and m2, f"default names {first!r}, {second!r} do not follow 'Process-N'"
    assert int(m2.group(1)) == int(m1.group(1)) + 1, (
        f"consecutive processes were named {first!r} and {second!r}")


@feature("Process.name::module-level-default-is-process-n")
def test_name_module_level_default_is_process_n(mp):
    """multiprocessing.Process() without a name is named 'Process-N', as documented."""
    name = mp.Process(target=t.do_nothing).name
    assert re.match(r"^Process-\d+$", name), name


@feature("Process.name::nested-children-n1-n2")
def test_name_nested_children_n1_n2(ctx, start_method):
    """A child's children are named 'Process-N1:N2', N2 counting within the child.

    N1 is the child's number as the parent named it.
    """
    # A process created first makes the child's N1 at least 2: a child that numbers
    # itself from 1 must not pass by coincidence.
    ctx.Process(target=t.do_nothing)
    receiver, sender = ctx.Pipe(duplex=False)
    p = harness.run(ctx, t.send_child_names, sender, start_method)
    own, first, second = harness.recv(receiver)
    assert p.exitcode == 0
    assert own == p.name, f"the child believes it is {own!r}; the parent named it {p.name!r}"
    own_number = DEFAULT_NAME.match(p.name).group(1)
    assert re.match(rf"^\w*Process-{own_number}:1$", first), (own, first)
    assert re.match(rf"^\w*Process-{own_number}:2$", second), (own, second)


@feature("Process.name::explicit-name-kept")
def test_name_explicit_name_kept(ctx):
    """A name given to the constructor is the process's name."""
    assert ctx.Process(target=t.do_nothing, name="worker-7").name == "worker-7"


@feature("Process.name::seen-by-child-as-current-process-name")
def test_name_seen_by_child(ctx):
    """Inside the child, current_process().name is the name the parent gave."""
    receiver, sender = ctx.Pipe(duplex=False)
    p = ctx.Process(target=t.send_own_name, args=(sender,), name="named-by-parent")
    p.start()
    try:
        assert harness.recv(receiver) == "named-by-parent"
    finally:
        harness.join(p)


@feature("Process.name::seen-by-child-as-current-process-name")
def test_default_name_seen_by_child(ctx, start_method):
    """Unnamed children see the default name their parent gave each of them."""
    ctx.Process(target=t.do_nothing)  # no child is number 1 (see the test above)
    seen = []
    for _ in range(2):
        receiver, sender = ctx.Pipe(duplex=False)
        p = harness.run(ctx, t.send_default_name_and_daemon, sender, start_method)
        seen.append((harness.recv(receiver)[0], p.name))
    for own, given in seen:
        assert own == given, f"a child believes it is {own!r}; its parent named it {given!r}"


@feature("Process.name::non-string-refused", de_facto=True)
def test_name_non_string_refused(ctx):
    """Setting a non-string name raises (the stdlib raises AssertionError)."""
    p = ctx.Process(target=t.do_nothing)
    with pytest.raises(AssertionError):
        p.name = 12345
