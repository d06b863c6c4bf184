"""Family: ShareableList methods.  index() returns -1 for a value that is not
present instead of raising ValueError."""

import multiprocessing.shared_memory as _sm
import types

from broken._base import BrokenContext, install

CATCHES = {"shared_memory.ShareableList.index::absent-value-raises-valueerror"}


class ShareableList(_sm.ShareableList):
    def index(self, value):
        try:
            return super().index(value)
        except ValueError:
            return -1


shared_memory = types.ModuleType(f"{__name__}.shared_memory")
shared_memory.__dict__.update({k: v for k, v in vars(_sm).items() if not k.startswith("__")})
shared_memory.ShareableList = ShareableList

install(globals(), BrokenContext)
