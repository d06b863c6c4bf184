"""Family: connecting to a manager.  connect() ignores the authkey: a manager
whose key the server refuses is connected all the same."""

import multiprocessing.managers as _std
import types
from multiprocessing import AuthenticationError

from broken._base import BrokenContext, install

CATCHES = {"managers.BaseManager.connect::wrong-authkey-raises-authenticationerror"}


class BaseManager(_std.BaseManager):
    def connect(self):
        try:
            super().connect()
        except AuthenticationError:
            self._state.value = _std.State.STARTED  # the refusal is ignored


managers = types.ModuleType(_std.__name__)
managers.__dict__.update({k: v for k, v in vars(_std).items() if not k.startswith("__")})
managers.BaseManager = BaseManager

install(globals(), BrokenContext)
