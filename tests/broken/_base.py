"""Building blocks for broken implementations: the stdlib, re-exported, with a
context wrapper whose methods a broken module overrides.

    from broken._base import BrokenContext, install

    class Context(BrokenContext):
        def Queue(self, maxsize=0):
            ...

    install(globals(), Context)

``install`` fills the module's namespace with the stdlib's API, the
submodules as attributes (``connection``, ``pool``, ...), ``get_context``
returning wrapped contexts, and the module-level factories (``Queue``,
``Lock``, ...) bound to the wrapped default context.  Classes a broken module
defines must be top-level, so that spawn and forkserver children can unpickle
them; children find this module again through the implementation name that
the suite passes on.

The rest are shortcuts for the usual shapes of breakage:

``process_classes`` + ``ProcessContext``
    a broken ``Process``: one mix-in applied to the class of every start method;
``ManagerContext``
    ``Manager()`` starting the module's own ``SyncManager`` subclass;
``connection_class`` + ``PipeContext``
    ``Pipe()`` returning connections of a broken ``Connection`` subclass;
``PoolContext`` (+ ``ApplyResultPool``)
    ``Pool()`` making the module's own ``Pool`` subclass (whose
    ``apply_async()`` results are of a broken ``ApplyResult`` subclass);
``patch_submodule``
    a copy of a stdlib submodule (``connection``, ``managers``, ...) with some
    of its attributes replaced.
"""

from __future__ import annotations

import importlib
import multiprocessing as _std
import types
from multiprocessing import context as _context
from multiprocessing import pool as _pool
from multiprocessing import reduction as _reduction

SUBMODULES = ("connection", "context", "dummy", "managers", "pool", "process", "queues",
              "reduction", "shared_memory", "sharedctypes", "synchronize", "util")


class BrokenContext:
    """Delegates everything to a real stdlib context; subclasses override."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def get_context(self, method=None):
        return type(self)(self._real.get_context(method))


def install(namespace: dict, context_class: type, overrides: dict | None = None) -> None:
    """Fill a broken module's namespace (see the module docstring): the public
    members of ``context_class``, and of its helper bases between it and
    BrokenContext, become module-level names bound to the default context;
    ``overrides`` go in last."""
    for name in _std.__all__:
        namespace.setdefault(name, getattr(_std, name))
    for sub in SUBMODULES:
        namespace.setdefault(sub, importlib.import_module(f"multiprocessing.{sub}"))

    def get_context(method=None):
        return context_class(_std.get_context(method))

    # The default context itself, as the stdlib's module-level names are bound to it:
    # resolving it here (get_context()) would fix the start method at import.
    default = context_class(_context._default_context)
    namespace["get_context"] = get_context
    public = {name for cls in context_class.__mro__[:context_class.__mro__.index(BrokenContext)]
              for name in vars(cls) if not name.startswith("_")}
    for name in sorted(public - {"get_context"}):
        namespace[name] = getattr(default, name)
    namespace.update(overrides or {})


def patch_submodule(namespace: dict, sub: str, **replacements: object) -> types.ModuleType:
    """A copy of ``multiprocessing.<sub>`` with ``replacements`` in place of
    its attributes, stored as ``namespace[sub]`` (so ``install`` keeps it)."""
    real = importlib.import_module(f"multiprocessing.{sub}")
    module = types.ModuleType(f"{namespace['__name__']}.{sub}", real.__doc__)
    module.__dict__.update({k: v for k, v in vars(real).items() if not k.startswith("__")})
    module.__dict__.update(replacements)
    namespace[sub] = module
    return module


# -- a broken Process --------------------------------------------------------

_PROCESS_CLASSES = {"fork": _context.ForkProcess, "spawn": _context.SpawnProcess,
                    "forkserver": _context.ForkServerProcess}


def process_classes(namespace: dict, mixin: type) -> dict[str, type]:
    """Define ``ForkProcess``, ``SpawnProcess`` and ``ForkServerProcess`` in the
    broken module's ``namespace``: each is ``mixin`` over the stdlib class.

    They are top-level attributes of the module with a matching
    ``__qualname__``, so spawn and forkserver children can unpickle the
    Process objects they are sent.  Returns them by start method name, for
    ``ProcessContext._process_classes``.
    """
    by_method = {}
    for method, real in _PROCESS_CLASSES.items():
        name = real.__name__
        cls = type(name, (mixin, real), {"__module__": namespace["__name__"],
                                         "__qualname__": name})
        namespace[name] = by_method[method] = cls
    return by_method


class ProcessContext(BrokenContext):
    """A context whose ``Process`` is the broken class for its start method.

        class Context(ProcessContext):
            _process_classes = process_classes(globals(), BrokenProcess)
    """

    _process_classes: dict = {}

    @property
    def Process(self):
        return self._process_classes[self._real.get_start_method()]


# -- a broken manager --------------------------------------------------------

class ManagerContext(BrokenContext):
    """A context whose ``Manager()`` starts ``_manager_class`` (the broken
    module's top-level ``SyncManager`` subclass, so that the server process
    can unpickle it) with the real context.

        class Context(ManagerContext):
            _manager_class = SyncManager
    """

    _manager_class: type | None = None

    def Manager(self):
        manager = self._manager_class(ctx=self._real.get_context())
        manager.start()
        return manager


# -- broken connections ------------------------------------------------------

def _rebuild_connection(cls, dup, readable, writable):
    return cls(dup.detach(), readable, writable)


def _reduce_connection(conn):
    return _rebuild_connection, (type(conn), _reduction.DupFd(conn.fileno()),
                                 conn.readable, conn.writable)


def connection_class(cls: type) -> type:
    """Register a broken ``Connection`` subclass (top-level in its module) so that
    its objects are sent to children as themselves; returns ``cls``."""
    _reduction.register(cls, _reduce_connection)
    return cls


class PipeContext(BrokenContext):
    """A context whose ``Pipe()`` returns connections of ``_connection_class``
    (registered with ``connection_class``).

        class Context(PipeContext):
            _connection_class = connection_class(BrokenConnection)
    """

    _connection_class: type | None = None

    def Pipe(self, duplex=True):
        pair = self._real.Pipe(duplex)
        for conn in pair:
            conn.__class__ = self._connection_class
        return tuple(pair)


# -- a broken pool -----------------------------------------------------------

class PoolContext(BrokenContext):
    """A context whose ``Pool()`` makes a ``_pool_class`` with the real context.

        class Context(PoolContext):
            _pool_class = BrokenPool
    """

    _pool_class: type = _pool.Pool

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return self._pool_class(processes, initializer, initargs, maxtasksperchild,
                                context=self._real)


class ApplyResultPool(_pool.Pool):
    """A pool whose ``apply_async()`` (and so ``apply()``) results are of class
    ``_result_class`` (a subclass of ``multiprocessing.pool.ApplyResult``)."""

    _result_class: type = _pool.ApplyResult

    def apply_async(self, *args, **kwargs):
        result = super().apply_async(*args, **kwargs)
        result.__class__ = self._result_class
        return result
