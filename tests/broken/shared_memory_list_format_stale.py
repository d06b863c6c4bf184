"""Family: ShareableList format.  format keeps describing the values the list
was created with, not the values currently stored."""

import multiprocessing.shared_memory as _sm
import types

from broken._base import BrokenContext, install

CATCHES = {"shared_memory.ShareableList.format::follows-type-changes"}


class ShareableList(_sm.ShareableList):
    def __init__(self, sequence=None, *, name=None):
        super().__init__(sequence, name=name)
        self._first_format = super().format

    @property
    def format(self):
        return self._first_format


shared_memory = types.ModuleType(f"{__name__}.shared_memory")
shared_memory.__dict__.update({k: v for k, v in vars(_sm).items() if not k.startswith("__")})
shared_memory.ShareableList = ShareableList

install(globals(), BrokenContext)
