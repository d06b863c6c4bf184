"""Family: ShareableList methods.  index() returns -1 for a value that is not
present instead of raising ValueError."""

import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"shared_memory.ShareableList.index::absent-value-raises-valueerror"}


class ShareableList(_sm.ShareableList):
    def index(self, value):
        try:
            return super().index(value)
        except ValueError:
            return -1


patch_submodule(globals(), "shared_memory", ShareableList=ShareableList)

install(globals(), BrokenContext)
