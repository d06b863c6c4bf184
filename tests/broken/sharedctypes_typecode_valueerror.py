"""Family: sharedctypes typecodes.  An unknown typecode is refused with
ValueError (it is a bad value, after all) instead of TypeError."""

from multiprocessing import sharedctypes as _sharedctypes

from broken._base import BrokenContext, install, patch_submodule

CATCHES = {"sharedctypes.RawValue::unknown-typecode-raises-typeerror"}


def _checked(factory):
    def make(typecode_or_type, *args, **kwargs):
        known = _sharedctypes.typecode_to_type
        if isinstance(typecode_or_type, str) and typecode_or_type not in known:
            raise ValueError(f"unknown typecode {typecode_or_type!r}")
        return factory(typecode_or_type, *args, **kwargs)
    return make


patch_submodule(globals(), "sharedctypes",
                **{name: _checked(getattr(_sharedctypes, name))
                   for name in ("RawValue", "RawArray", "Value", "Array")})

install(globals(), BrokenContext)
