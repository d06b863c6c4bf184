"""Tests of shared_memory.SharedMemory, shared_memory.SharedMemory.close,
shared_memory.SharedMemory.unlink, shared_memory.SharedMemory.buf,
shared_memory.SharedMemory.name and shared_memory.SharedMemory.size.

multiprocessing.shared_memory: https://docs.python.org/3/library/multiprocessing.shared_memory.html#multiprocessing.shared_memory.SharedMemory
"""

from __future__ import annotations

import pickle
import secrets

import pytest

from conformance import harness
from conformance.marks import feature
from conformance.suite.shared_memory._support import exists, peek
from conformance.targets import shared_memory as t

# SharedMemoryManager is documented on the shared_memory page, anchored where it
# lives: multiprocessing.managers.


def fresh_name() -> str:
    """A block name no one uses (short: macOS allows 31 characters)."""
    return "mpc" + secrets.token_hex(6)


# --------------------------------------------------------------------------- SharedMemory


@pytest.mark.parametrize("size", [1, 10, 4096, 10_000])
@feature("shared_memory.SharedMemory::create-gives-block-of-at-least-size")
def test_sharedmemory_create_gives_block_of_at_least_size(blocks, size):
    """SharedMemory(create=True, size=n) gives a block of n bytes or more, all usable."""
    shm = blocks.create(size)
    assert shm.size >= size, f"size {shm.size} < requested {size}"
    assert len(shm.buf) >= size, f"len(buf) {len(shm.buf)} < requested {size}"
    shm.buf[size - 1] = 0xAB
    assert shm.buf[size - 1] == 0xAB


@feature("shared_memory.SharedMemory::generated-name-is-unique")
def test_sharedmemory_generated_name_is_unique(blocks):
    """Without a name, each new block gets a novel name."""
    first, second = blocks.create(16), blocks.create(16)
    assert isinstance(first.name, str) and first.name, repr(first.name)
    assert first.name != second.name


@feature("shared_memory.SharedMemory::explicit-name-kept")
def test_sharedmemory_explicit_name_kept(blocks):
    """A block created with a name has that name, and can be attached to by it."""
    name = fresh_name()
    shm = blocks.create(16, name=name)
    shm.buf[:2] = b"ok"
    assert shm.name == name
    assert peek(blocks.attach(name), 2) == b"ok"


@feature("shared_memory.SharedMemory::attach-by-name-shares-contents")
def test_sharedmemory_attach_by_name_shares_contents(blocks):
    """A second instance attached by name sees the same bytes, in both directions."""
    first = blocks.create(10)
    first.buf[:4] = bytearray([22, 33, 44, 55])
    first.buf[4] = 100
    second = blocks.attach(first.name)
    assert list(peek(second, 5)) == [22, 33, 44, 55, 100]
    second.buf[:5] = b"howdy"
    assert peek(first, 5) == b"howdy"


@feature("shared_memory.SharedMemory::attach-ignores-size")
def test_sharedmemory_attach_ignores_size(blocks):
    """When attaching to an existing block, the size argument is ignored."""
    first = blocks.create(4096)
    second = blocks.attach(first.name, size=1)
    assert second.size == first.size
    assert len(second.buf) >= 4096


@feature("shared_memory.SharedMemory::child-attaches-by-name")
def test_sharedmemory_child_attaches_by_name(ctx, blocks):
    """A child process attaches to a block by its name; what it writes, the parent reads."""
    shm = blocks.create(32)
    assert harness.run(ctx, t.write_by_name, shm.name, b"from the child").exitcode == 0
    assert peek(shm, 14) == b"from the child"


@feature("shared_memory.SharedMemory::passed-to-child-is-same-block")
def test_sharedmemory_passed_to_child_is_same_block(ctx, blocks):
    """A SharedMemory passed to a child as an argument refers to the same block there."""
    shm = blocks.create(32)
    assert harness.run(ctx, t.write_through, shm, b"through an argument").exitcode == 0
    assert peek(shm, 19) == b"through an argument"


@feature("shared_memory.SharedMemory::pickle-attaches-to-same-block")
def test_sharedmemory_pickle_attaches_to_same_block(blocks):
    """An unpickled SharedMemory is attached to the same block, by the same name."""
    shm = blocks.create(16)
    copy = blocks.hold(pickle.loads(pickle.dumps(shm)))
    assert copy.name == shm.name
    copy.buf[:6] = b"pickle"
    assert peek(shm, 6) == b"pickle"


@feature("shared_memory.SharedMemory::create-existing-name-raises-fileexistserror",
         de_facto=True)
def test_sharedmemory_create_existing_name_raises_fileexistserror(sm, blocks):
    """create=True with the name of an existing block raises FileExistsError."""
    shm = blocks.create(16)
    with pytest.raises(FileExistsError):
        blocks.hold(sm.SharedMemory(shm.name, create=True, size=16))


@feature("shared_memory.SharedMemory::attach-missing-name-raises-filenotfounderror",
         de_facto=True)
def test_sharedmemory_attach_missing_name_raises_filenotfounderror(sm, blocks):
    """Attaching to a name no block has raises FileNotFoundError."""
    with pytest.raises(FileNotFoundError):
        blocks.hold(sm.SharedMemory(fresh_name()))


@feature("shared_memory.SharedMemory::attach-without-name-raises-valueerror", de_facto=True)
def test_sharedmemory_attach_without_name_raises_valueerror(sm, blocks):
    """SharedMemory() with create=False (the default) and no name raises ValueError: only
    a new block gets a generated name."""
    with pytest.raises(ValueError):
        blocks.created.append(blocks.hold(sm.SharedMemory(size=16)))
    with pytest.raises(ValueError):
        blocks.created.append(blocks.hold(sm.SharedMemory(None, create=False, size=16)))


@feature("shared_memory.SharedMemory::unpickling-unlinked-block-raises-filenotfounderror",
         de_facto=True, posix=True,
         reason="on Windows a block lives as long as a handle to it, unlink() does nothing")
def test_sharedmemory_unpickling_unlinked_block_raises_filenotfounderror(sm, blocks):
    """A pickled block that was unlinked since cannot be unpickled: FileNotFoundError
    (unpickling attaches to the block by name)."""
    shm = sm.SharedMemory(create=True, size=64)
    blocks.hold(shm)
    pickled = pickle.dumps(shm)
    shm.unlink()
    with pytest.raises(FileNotFoundError):
        blocks.created.append(blocks.hold(pickle.loads(pickled)))


@feature("shared_memory.SharedMemory::size-zero-with-create-raises-valueerror", de_facto=True)
def test_sharedmemory_size_zero_with_create_raises_valueerror(blocks):
    """create=True with size 0 raises ValueError."""
    with pytest.raises(ValueError):
        blocks.create(0)


@feature("shared_memory.SharedMemory::negative-size-raises-valueerror", de_facto=True)
def test_sharedmemory_negative_size_raises_valueerror(blocks):
    """A negative size raises ValueError."""
    with pytest.raises(ValueError):
        blocks.create(-1)


def run_independent_creator(track: bool) -> str:
    """Run a separate Python program that creates a block and exits without unlinking it."""
    proc = harness.fresh_interpreter("-c", t.INDEPENDENT_CREATOR, str(track),
                                     timeout=harness.WAIT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


@feature("shared_memory.SharedMemory::track-false-block-outlives-its-program", posix=True,
         min_python=(3, 13), reason="the track parameter is new in 3.13; tracking is POSIX only")
def test_sharedmemory_track_false_block_outlives_its_program(blocks):
    """With track=False, a block outlives the program that created it and left it linked."""
    name = run_independent_creator(track=False)
    shm = blocks.attach(name, track=False)
    blocks.created.append(shm)  # ours to unlink now
    assert peek(shm, 5) == b"alive"


@feature("shared_memory.SharedMemory::tracked-block-unlinked-when-its-program-exits",
         posix=True, min_python=(3, 13),
         reason="documented with the track parameter (3.13); tracking is POSIX only")
def test_sharedmemory_tracked_block_unlinked_when_its_program_exits(sm):
    """With track=True, a block its program left linked is unlinked once the program exits."""
    name = run_independent_creator(track=True)

    def gone():
        try:
            sm.SharedMemory(name, track=False).close()
        except FileNotFoundError:
            return True
        return False

    try:
        harness.until(gone, what=f"the unlinking of {name} by the resource tracker")
    finally:
        if not gone():
            leftover = sm.SharedMemory(name, track=False)
            leftover.close()
            leftover.unlink()


# --------------------------------------------------------------------------- close, unlink


@feature("shared_memory.SharedMemory.close::block-survives-close")
def test_sharedmemory_close_block_survives_close(blocks):
    """close() ends one instance's access but does not destroy the block."""
    shm = blocks.create(16)
    shm.buf[:4] = b"kept"
    shm.close()
    assert peek(blocks.attach(shm.name), 4) == b"kept"


@feature("shared_memory.SharedMemory.close::child-close-keeps-block")
def test_sharedmemory_close_child_close_keeps_block(ctx, sm, blocks):
    """A child that attached and closed its instance leaves the block to the others."""
    shm = blocks.create(16)
    assert harness.run(ctx, t.write_by_name, shm.name, b"child").exitcode == 0
    assert exists(sm, shm.name)
    assert peek(shm, 5) == b"child"


@feature("shared_memory.SharedMemory.unlink::name-gone-after-unlink", posix=True,
         reason="on Windows unlink() has no effect: a block lives while handles are open")
def test_sharedmemory_unlink_name_gone_after_unlink(sm, blocks):
    """After unlink(), the name no longer attaches (FileNotFoundError)."""
    shm = blocks.create(16)
    shm.close()
    shm.unlink()
    assert not exists(sm, shm.name), "the block could still be attached to after unlink()"


@pytest.mark.parametrize("order", ["close-then-unlink", "unlink-then-close"])
@feature("shared_memory.SharedMemory.unlink::close-and-unlink-in-either-order")
def test_sharedmemory_unlink_close_and_unlink_in_either_order(blocks, order):
    """The last holder of a block may call unlink() and close() in either order."""
    shm = blocks.create(16)
    for step in order.split("-then-"):
        getattr(shm, step)()


@feature("shared_memory.SharedMemory.unlink::unlinked-by-another-process", posix=True,
         reason="on Windows unlink() has no effect: a block lives while handles are open")
def test_sharedmemory_unlink_unlinked_by_another_process(ctx, sm, blocks):
    """unlink() in one process destroys the block's name for every process."""
    shm = blocks.create(16)
    assert harness.run(ctx, t.unlink_by_name, shm.name).exitcode == 0
    assert not exists(sm, shm.name), "the block outlived unlink() in the child"


# --------------------------------------------------------------------------- buf, name, size


@feature("shared_memory.SharedMemory.buf::is-a-writable-memoryview")
def test_sharedmemory_buf_is_a_writable_memoryview(blocks):
    """buf is a writable memoryview of the block's contents."""
    shm = blocks.create(10)
    assert isinstance(shm.buf, memoryview), type(shm.buf)
    assert not shm.buf.readonly
    shm.buf[:3] = b"abc"
    assert peek(shm, 3) == b"abc"


@feature("shared_memory.SharedMemory.buf::length-is-size")
def test_sharedmemory_buf_length_is_size(blocks):
    """buf covers the whole block: len(buf) == size, for a created and an attached instance."""
    shm = blocks.create(3000)
    assert len(shm.buf) == shm.size
    other = blocks.attach(shm.name)
    assert len(other.buf) == other.size == shm.size


@feature("shared_memory.SharedMemory.name::attached-instance-has-the-name")
def test_sharedmemory_name_attached_instance_has_the_name(blocks):
    """An instance attached by name reports that name, the creator's."""
    shm = blocks.create(16)
    assert blocks.attach(shm.name).name == shm.name


@feature("shared_memory.SharedMemory.name::read-only")
def test_sharedmemory_name_read_only(blocks):
    """name cannot be assigned (read-only access)."""
    shm = blocks.create(16)
    with pytest.raises(AttributeError):
        shm.name = "renamed"
    assert shm.name != "renamed"


@feature("shared_memory.SharedMemory.size::read-only")
def test_sharedmemory_size_read_only(blocks):
    """size cannot be assigned (read-only access)."""
    shm = blocks.create(16)
    with pytest.raises(AttributeError):
        shm.size = 1
    assert shm.size >= 16


@feature("shared_memory.SharedMemory.size::attached-instance-reports-block-size")
def test_sharedmemory_size_attached_instance_reports_block_size(blocks):
    """An instance attached by name reports the size of the existing block."""
    shm = blocks.create(5000)
    assert blocks.attach(shm.name).size == shm.size
