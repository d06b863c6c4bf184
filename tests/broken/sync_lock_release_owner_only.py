"""Family: lock ownership.  Lock.release() by a process or thread other than the
one that acquired it raises, although the docs say any may release a Lock."""

import multiprocessing.synchronize as _sync

from broken._base import BrokenContext, install

CATCHES = {"Lock.release::any-process-or-thread-may-release"}


class BrokenLock(_sync.Lock):
    def _make_methods(self):
        super()._make_methods()
        real = self._semlock.release

        def release():
            if not self._semlock._is_mine():
                raise AssertionError("lock released by a process or thread that does not own it")
            real()

        self.release = release


class Context(BrokenContext):
    def Lock(self):
        return BrokenLock(ctx=self._real.get_context())


install(globals(), Context)
