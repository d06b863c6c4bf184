"""A program whose spawned child creates shared memory and is killed before it
can unlink it; prints "created NAME".  Once the program has ended, the resource
tracker should unlink NAME.  Run with the implementation in MP_CONFORMANCE_IMPL."""

from conformance.harness import CHILD_WAIT
from conformance.impl import load, submodule

mp = load()


def create_and_wait(conn, never):
    shm = submodule("shared_memory", mp).SharedMemory(create=True, size=64)
    conn.send(shm.name)
    never.wait(CHILD_WAIT)


def main():
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    never = ctx.Event()
    p = ctx.Process(target=create_and_wait, args=(sender, never))
    p.start()
    try:
        if receiver.poll(CHILD_WAIT):
            print("created", receiver.recv(), flush=True)
    finally:
        p.kill()
        p.join(CHILD_WAIT)


if __name__ == "__main__":
    main()
