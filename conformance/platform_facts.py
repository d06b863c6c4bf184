"""Platform-specific expectations, each written once, with the doc it comes from.

Tests import these instead of testing ``sys.platform`` in their bodies.
"""

from __future__ import annotations

import os
import signal
import socket
import sys

from .vocabulary import START_METHODS

POSIX = os.name == "posix"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"

# Process.exitcode: "If it was terminated by signal N, the exit code will be the
# negative value -N."  terminate() sends SIGTERM on POSIX; on Windows it calls
# TerminateProcess() and the stdlib reports -SIGTERM as well.
TERMINATE_EXITCODE = -signal.SIGTERM
# Process.kill(): "Same as terminate() but using the SIGKILL signal on POSIX";
# on Windows kill() is terminate().
KILL_EXITCODE = -signal.SIGKILL if POSIX else -signal.SIGTERM

# Contexts and start methods: "Available on POSIX systems. Currently the default on
# POSIX except macOS" (fork), "Available on POSIX and Windows platforms" (spawn),
# "Available on POSIX platforms which support passing file descriptors over Unix
# pipes such as Linux" (forkserver).  macOS has fork too, though spawn is its
# default there.  This, not the implementation's own get_all_start_methods(),
# decides which start-method cells apply (the plugin's n/a): an implementation that
# does not offer a method the platform has deviates.
# https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods
START_METHODS_ON_PLATFORM = START_METHODS if POSIX else ("spawn",)


def default_start_method(version: tuple[int, int] = sys.version_info[:2]) -> str:
    """The platform's default start method, as the docs give it per version:
    spawn on Windows (always) and macOS (3.8+); fork on other POSIX, forkserver
    there from 3.14."""
    if WINDOWS or (MACOS and version >= (3, 8)):
        return "spawn"
    return "forkserver" if version >= (3, 14) else "fork"


# sem_getvalue() is not implemented on macOS, and the docs draw two consequences:
# BoundedSemaphore: "On macOS, this is indistinguishable from Semaphore because
#   sem_getvalue() is not implemented on that platform" (no ValueError when
#   released above its initial value);
# Queue.qsize(): "this may raise NotImplementedError on Unix platforms like macOS
#   where sem_getvalue() is not implemented."
# For feature(platforms=...) / feature(not_platforms=...): sys.platform prefixes.
NO_SEM_GETVALUE_PLATFORMS = ("darwin",)


# Listener/Client address families.  multiprocessing.connection.Listener: family
# is 'AF_INET' (a TCP socket), 'AF_UNIX' (a Unix domain socket) or 'AF_PIPE' (a
# Windows named pipe); "Of these only the first is guaranteed to be available."
# AF_UNIX exists where the socket module offers it (POSIX: CPython's socket
# module has no AF_UNIX on Windows); AF_PIPE only on Windows.  "Address Formats":
# an AF_UNIX address is a filesystem path and an AF_PIPE address is
# r'\\.\pipe\PipeName', both str, so a str address is not by itself AF_UNIX.
# Listener() with neither family nor address uses "the family which is assumed to
# be the fastest available": AF_PIPE on Windows, else AF_UNIX (de facto, the
# stdlib's connection.default_family).
# https://docs.python.org/3/library/multiprocessing.html#multiprocessing.connection.Listener
HAS_AF_UNIX = hasattr(socket, "AF_UNIX")
CONNECTION_FAMILIES = (("AF_INET",) + (("AF_UNIX",) if HAS_AF_UNIX else ())
                       + (("AF_PIPE",) if WINDOWS else ()))
DEFAULT_CONNECTION_FAMILY = "AF_PIPE" if WINDOWS else ("AF_UNIX" if HAS_AF_UNIX else "AF_INET")
