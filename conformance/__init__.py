"""mp-conformance: a conformance suite for Python's multiprocessing API."""

__version__ = "0.1.0"
