"""Family: Pipe directions.  Pipe(duplex=False) returns a two-way pair, so the
receiving end can send and the sending end can receive."""

from broken._base import BrokenContext, install

CATCHES = {
    "Pipe::one-way-receiving-end-cannot-send",
    "Pipe::one-way-sending-end-cannot-receive",
}


class Context(BrokenContext):
    def Pipe(self, duplex=True):
        return self._real.Pipe(True)


install(globals(), Context)
