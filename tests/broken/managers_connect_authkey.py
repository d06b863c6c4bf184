"""Family: connecting to a manager.  connect() ignores the authkey: a manager
whose key the server refuses is connected all the same."""

import multiprocessing.managers as _std
from multiprocessing import AuthenticationError

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"managers.BaseManager.connect::wrong-authkey-raises-authenticationerror"}


class BaseManager(_std.BaseManager):
    def connect(self):
        try:
            super().connect()
        except AuthenticationError:
            self._state.value = _std.State.STARTED  # the refusal is ignored


patch_submodule(globals(), "managers", BaseManager=BaseManager)

install(globals(), BrokenContext)
