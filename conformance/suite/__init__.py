"""The conformance tests, one module per section of the documentation.

Helpers shared by the tests live outside this package (``conformance.harness``,
``conformance.targets``), so nothing here can be mistaken for a test.
"""
