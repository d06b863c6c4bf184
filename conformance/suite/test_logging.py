"""Logging: get_logger() and log_to_stderr().

The logger's first state and log_to_stderr() (which changes the logging of
every later child) are observed in a fresh interpreter, scripts/start_methods.py.

https://docs.python.org/3/library/multiprocessing.html#logging
"""

from __future__ import annotations

import logging

import pytest

from conformance.marks import feature
from conformance.targets import contexts as tc


@pytest.fixture(scope="module")
def fresh(mp):
    return tc.start_method_facts()


def observed(facts: dict, key: str) -> dict:
    value = facts[key]
    assert "raised" not in value, f"{key}: {value['raised']}: {value['message']}"
    return value


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
