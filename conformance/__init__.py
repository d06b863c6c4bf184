"""mp-conformance: a conformance suite for Python's multiprocessing API.

PYTEST_DONT_REWRITE: the command line imports this package before pytest
starts; it holds no assertions to rewrite (the test modules are rewritten).
"""

__version__ = "0.1.0"
