"""Main modules run in a fresh interpreter (``python PATH``) by the tests whose
subject is the state of a whole program: the global start method, the main
module's import, what the resource tracker does once the program has ended."""

from pathlib import Path


def path(name: str) -> str:
    """The path of scripts/<name>, to run with ``harness.fresh_interpreter``."""
    return str(Path(__file__).with_name(name))
