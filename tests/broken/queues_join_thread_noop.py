"""Family: the feeder thread (close/join_thread/cancel_join_thread).
join_thread() returns without waiting for the feeder thread, so data put
before it may still be unflushed.  (The feeder here is slowed down, 10 ms per
item, so that the missing wait shows.)"""

import time
from multiprocessing import queues as _queues

from broken._base import BrokenContext, install

CATCHES = {"Queue.join_thread::flushes-buffered-data"}


def _slow_send(send_bytes, data):
    time.sleep(0.01)  # a slow pipe, to make the missing join visible
    send_bytes(data)


class _SlowSend:
    def __init__(self, send_bytes):
        self.send_bytes = send_bytes

    def __call__(self, data):
        _slow_send(self.send_bytes, data)


class NoJoinQueue(_queues.Queue):
    def _reset(self, *args, **kwargs):
        super()._reset(*args, **kwargs)
        self._send_bytes = _SlowSend(self._send_bytes)

    def join_thread(self):
        assert self._closed, "Queue not closed"


class Context(BrokenContext):
    def Queue(self, maxsize=0):
        return NoJoinQueue(maxsize, ctx=self._real)


install(globals(), Context)
