"""Tests of log_to_stderr.

Logging: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.log_to_stderr
"""

from __future__ import annotations

import logging

from conformance.marks import feature
from conformance.suite.logging._support import observed


@feature("log_to_stderr::returns-the-logger")
def test_log_to_stderr_returns_the_logger(fresh):
    """log_to_stderr() returns the logger get_logger() returns."""
    assert observed(fresh, "log_to_stderr")["same_logger"] is True


@feature("log_to_stderr::level-argument-sets-level")
def test_log_to_stderr_level_argument_sets_level(fresh):
    """log_to_stderr(level) sets the logger's level."""
    assert observed(fresh, "log_to_stderr")["level"] == logging.INFO


@feature("log_to_stderr::writes-to-stderr-in-documented-format")
def test_log_to_stderr_writes_to_stderr_in_documented_format(fresh):
    """The handler writes '[%(levelname)s/%(processName)s] %(message)s' to sys.stderr.

    For messages at or above the level set.
    """
    lines = observed(fresh, "log_to_stderr")["output"]
    assert lines == ["[WARNING/MainProcess] doomed", "[INFO/MainProcess] informative"], lines
