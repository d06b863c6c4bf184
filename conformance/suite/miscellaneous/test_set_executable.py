"""Tests of set_executable.

Miscellaneous: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.set_executable
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from conformance import harness
from conformance.marks import feature
from conformance.targets import process as tp

# --------------------------------------------------------------------------- set_executable()


def executable_wrapper(directory: Path) -> tuple[Path, Path]:
    """A shell script that notes each start in a marker file, then runs this interpreter."""
    marker = directory / "started"
    wrapper = directory / "python-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho started >> "{marker}"\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper, marker


def assert_started_through(ctx, mp, executable, marker):
    """A child started after set_executable(executable) runs through that executable
    (it notes the start in ``marker``); the default is restored afterwards."""
    mp.set_executable(executable)
    try:
        p = harness.run(ctx, tp.do_nothing)
    finally:
        mp.set_executable(sys.executable)  # the documented default
    assert p.exitcode == 0
    assert marker.exists(), "the child was not started through the executable set"


@feature("set_executable::used-to-start-children", start_methods=("spawn",), posix=True,
         reason="the interpreter is chosen by the spawn start method (POSIX: a shell wrapper)")
def test_set_executable_used_to_start_children(ctx, mp, tmp_path):
    """After set_executable(path), spawned children are started with that interpreter."""
    wrapper, marker = executable_wrapper(tmp_path)
    assert_started_through(ctx, mp, str(wrapper), marker)


@feature("set_executable::accepts-path-like", start_methods=("spawn",), posix=True,
         min_python=(3, 11), reason="path-like objects are accepted from 3.11, with spawn")
def test_set_executable_accepts_path_like(ctx, mp, tmp_path):
    """set_executable() accepts a path-like object."""
    wrapper, marker = executable_wrapper(tmp_path)
    assert_started_through(ctx, mp, Path(wrapper), marker)
