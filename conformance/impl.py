"""Loading the implementation under test.

The implementation is any importable module that offers the
``multiprocessing`` API: the stdlib, ``multiprocess``, ``billiard``, or a
user's own.  Its name travels to child processes in an environment variable,
so that child targets (``conformance.targets``) use the same implementation
as the test that started them, under every start method.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

from .vocabulary import START_METHODS as START_METHODS  # re-exported

ENV_VAR = "MP_CONFORMANCE_IMPL"
DEFAULT = "multiprocessing"
KNOWN_IMPLEMENTATIONS = ("multiprocessing", "multiprocess", "billiard")


class ImplementationError(Exception):
    """The implementation named by the user cannot be used at all."""


class MissingAPI(Exception):
    """The implementation lacks an attribute or submodule the docs promise.

    Raised inside a test, it turns the result into the outcome ``missing``.
    """

    def __init__(self, path: str, impl: str | None = None):
        self.path = path
        self.impl = impl or name()
        super().__init__(f"{self.impl} has no {path}")


def name() -> str:
    """The module name of the implementation under test."""
    return os.environ.get(ENV_VAR) or DEFAULT


def select(module_name: str) -> types.ModuleType:
    """Choose the implementation for this process and its children."""
    module = load(module_name)
    os.environ[ENV_VAR] = module_name
    return module


def load(module_name: str | None = None) -> types.ModuleType:
    """Import the implementation; ImplementationError if it cannot be imported."""
    module_name = module_name or name()
    if not module_name or not all(p.isidentifier() for p in module_name.split(".")):
        raise ImplementationError(f"--impl {module_name!r} is not a module name")
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        hint = ", ".join(KNOWN_IMPLEMENTATIONS)
        raise ImplementationError(
            f"cannot import implementation {module_name!r}: {exc}. "
            f"--impl takes an importable module offering the multiprocessing API "
            f"(for example {hint}); install it in this environment first."
        ) from None
    except Exception as exc:  # an implementation that crashes on import
        raise ImplementationError(
            f"importing implementation {module_name!r} failed: {type(exc).__name__}: {exc}"
        ) from None


def version(module: types.ModuleType) -> str:
    """The implementation's version: its own, else the Python version for the stdlib."""
    for attr in ("__version__", "VERSION", "version"):
        value = getattr(module, attr, None)
        if isinstance(value, str):
            return value
        if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
            return ".".join(map(str, value))
    if module.__name__ == "multiprocessing":
        return "stdlib " + ".".join(map(str, sys.version_info[:3]))
    try:
        from importlib.metadata import version as dist_version

        return dist_version(module.__name__.split(".")[0])
    except Exception:
        return "unknown"


def submodule(sub: str, module: types.ModuleType | None = None) -> types.ModuleType:
    """``<impl>.<sub>`` (``connection``, ``pool``, ``shared_memory``...), or MissingAPI.

    An implementation may expose the submodule as an attribute (a wrapper
    module re-exporting the stdlib's) or as a real submodule.
    """
    module = module or load()
    value = getattr(module, sub, None)
    if isinstance(value, types.ModuleType):
        return value
    try:
        return importlib.import_module(f"{module.__name__}.{sub}")
    except ImportError:
        raise MissingAPI(sub, module.__name__) from None


def resolve(entry: str, module: types.ModuleType | None = None) -> object:
    """Find a documented API entry (``Process.kill``, ``connection.Client``).

    The walk stops at the first object that is neither a module nor a class:
    ``multiprocessing.Lock`` is documented as a class but is a factory, so
    its methods can only be checked on an instance, inside the test.
    Raises MissingAPI naming the first missing part.
    """
    module = module or load()
    obj: object = module
    parts = entry.split(".")
    for i, part in enumerate(parts):
        if not isinstance(obj, (type, types.ModuleType)):
            return obj
        try:
            obj = getattr(obj, part)
        except AttributeError:
            if isinstance(obj, types.ModuleType):
                try:
                    obj = submodule(part, obj)
                    continue
                except MissingAPI:
                    pass
            raise MissingAPI(".".join(parts[: i + 1]), module.__name__) from None
    return obj


def require(obj: object, attr: str, what: str | None = None) -> Any:
    """``getattr(obj, attr)``, turning its absence into MissingAPI."""
    try:
        return getattr(obj, attr)
    except AttributeError:
        raise MissingAPI(f"{what or type(obj).__name__}.{attr}") from None


def available_start_methods(module: types.ModuleType) -> list[str]:
    try:
        return list(module.get_all_start_methods())
    except Exception:
        return []
