"""Family: AsyncResult state (as billiard 4.3 has it).  The pool module has no
``AsyncResult`` name, and successful() of a result not ready yet fails an
``assert`` (AssertionError) instead of raising ValueError.  Lacking the name must
not hide the behaviour of the objects apply_async() returns: that test reports
``fail``, only the test of the name ``missing``."""

import multiprocessing.pool as _pool

from broken._base import ApplyResultPool, PoolContext, install, patch_submodule

CATCHES = {"pool.AsyncResult::returned-by-apply-async-and-map-async",
           "pool.AsyncResult.successful::not-ready-raises-valueerror"}


class AssertingResult(_pool.ApplyResult):
    def successful(self):
        assert self.ready()
        return self._success


class BrokenPool(ApplyResultPool):
    _result_class = AssertingResult


class Context(PoolContext):
    _pool_class = BrokenPool


del patch_submodule(globals(), "pool", Pool=BrokenPool).AsyncResult
install(globals(), Context)
