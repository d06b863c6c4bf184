"""Family: hangs.  Process.join(), Queue.get() and Event.wait() never return,
whatever their timeout (otherwise the stdlib).

Also one of the run-time bounds (tests/test_bounds.py): a whole run of it ends
within three minutes with a complete results file whose hung cells name the
call that hung.
"""

import multiprocessing.queues as _queues
import multiprocessing.synchronize as _sync
import threading

from broken._base import ProcessContext, install, process_classes

CATCHES = {
    "Process.join::timeout-gives-up-while-child-runs",
    "Queue.get::timeout-raises-empty-after-timeout",
    "Event::wait-timeout-returns-false",
}


def _never():
    threading.Event().wait()


class BrokenProcess:
    """Mixed into the Process class of every start method."""

    def join(self, timeout=None):
        _never()


class HangingQueue(_queues.Queue):
    def get(self, block=True, timeout=None):
        _never()


class HangingEvent(_sync.Event):
    def wait(self, timeout=None):
        _never()


class Context(ProcessContext):
    _process_classes = process_classes(globals(), BrokenProcess)

    def Queue(self, maxsize=0):
        return HangingQueue(maxsize, ctx=self._real)

    def Event(self):
        return HangingEvent(ctx=self._real.get_context())


install(globals(), Context)
