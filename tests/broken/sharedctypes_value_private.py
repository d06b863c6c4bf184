"""Family: shared ctypes.  Value() allocates its ctypes object in private memory
instead of shared memory: a child's changes are lost to the parent (and the
parent's to the child)."""

import multiprocessing.sharedctypes as _sct

from broken._base import BrokenContext, install

CATCHES = {
    "Value::changes-in-child-seen-by-parent",
    "Value::changes-in-parent-seen-by-child",
    "Value::get-lock-makes-updates-atomic",
}


class Context(BrokenContext):
    def Value(self, typecode_or_type, *args, lock=True):
        type_ = _sct.typecode_to_type.get(typecode_or_type, typecode_or_type)
        obj = type_(*args)
        if lock is False:
            return obj
        if lock is True or lock is None:
            lock = self._real.RLock()
        return _sct.synchronized(obj, lock, ctx=self._real.get_context())


install(globals(), Context)
