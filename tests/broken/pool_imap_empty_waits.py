"""Family: pool iterables.  The iterators of imap() and imap_unordered() wait for a
first result before they look at whether there will be any, so over an empty
iterable they never end."""

import multiprocessing.pool as _pool

from broken._base import PoolContext, install

CATCHES = {"pool.Pool.imap::empty-iterable-yields-nothing",
           "pool.Pool.imap_unordered::empty-iterable-yields-nothing"}


class WaitsForAFirstResult:
    def next(self, timeout=None):
        with self._cond:
            while not self._items and self._index == 0:
                if not self._cond.wait(timeout):
                    break
        return super().next(timeout)

    __next__ = next


class BrokenIMapIterator(WaitsForAFirstResult, _pool.IMapIterator):
    pass


class BrokenIMapUnorderedIterator(WaitsForAFirstResult, _pool.IMapUnorderedIterator):
    pass


class BrokenPool(_pool.Pool):
    def imap(self, *args, **kwargs):
        iterator = super().imap(*args, **kwargs)
        iterator.__class__ = BrokenIMapIterator
        return iterator

    def imap_unordered(self, *args, **kwargs):
        iterator = super().imap_unordered(*args, **kwargs)
        iterator.__class__ = BrokenIMapUnorderedIterator
        return iterator


class Context(PoolContext):
    _pool_class = BrokenPool


install(globals(), Context)
