"""Family: ShareableList format.  format keeps describing the values the list
was created with, not the values currently stored."""

import multiprocessing.shared_memory as _sm

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"shared_memory.ShareableList.format::follows-type-changes"}


class ShareableList(_sm.ShareableList):
    def __init__(self, sequence=None, *, name=None):
        super().__init__(sequence, name=name)
        self._first_format = super().format

    @property
    def format(self):
        return self._first_format


patch_submodule(globals(), "shared_memory", ShareableList=ShareableList)

install(globals(), BrokenContext)
