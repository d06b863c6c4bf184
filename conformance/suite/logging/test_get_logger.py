"""Tests of get_logger.

Logging: https://docs.python.org/3/library/multiprocessing.html#multiprocessing.get_logger
"""

from __future__ import annotations

import logging

from conformance.marks import feature
from conformance.suite.logging._support import observed


@feature("get_logger::returns-the-same-logger")
def test_get_logger_returns_the_same_logger(mp):
    """get_logger() returns a logging.Logger, the same one on every call."""
    logger = mp.get_logger()
    assert isinstance(logger, logging.Logger), type(logger)
    assert mp.get_logger() is logger


@feature("get_logger::created-with-level-notset-and-no-handler")
def test_get_logger_created_with_level_notset_and_no_handler(fresh):
    """When first created, the logger has level NOTSET and no handler."""
    state = observed(fresh, "logger_initial")
    assert state["level"] == logging.NOTSET, state
    assert state["handlers"] == 0, state


@feature("get_logger::does-not-propagate-by-default")
def test_get_logger_does_not_propagate_by_default(fresh):
    """Messages sent to the logger do not propagate to the root logger by default."""
    assert observed(fresh, "logger_initial")["propagate"] is False
