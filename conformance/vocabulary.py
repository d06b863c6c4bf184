"""The suite's shared vocabulary: outcomes and start methods.

Every other place (the plugin, the results file, the report, the diff, the
expectations file, the noxfile and the project's own tests) reads these names
from here, so that adding an outcome is one edit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """One verdict a test can get.

    ``rank`` orders outcomes when several tests share a report cell: the
    highest shows.  ``deviation``: the implementation does not behave as
    documented (counts against it, makes ``run`` exit 1).
    """

    name: str
    rank: int
    label: str        # how the report names it
    symbol: str       # the report's cell symbol
    css: str          # the report's CSS class
    legend: str       # one line for the report's legend
    deviation: bool = False


# In the order results files and the schema list them; ``rank`` orders them otherwise.
_OUTCOMES = (
    Outcome("pass", 1, "pass", "✓", "op", "behaves as documented"),
    Outcome("fail", 4, "fail", "✗", "of", "behaves differently from the documentation",
            deviation=True),
    Outcome("error", 5, "error", "!", "oe",
            "the test could not run to a verdict (unexpected exception)", deviation=True),
    Outcome("missing", 3, "missing", "∅", "om", "the implementation lacks the documented API",
            deviation=True),
    Outcome("timeout", 6, "timeout", "◷", "ot", "did not finish in time (hang or deadlock)",
            deviation=True),
    Outcome("crash", 7, "crash", "☠", "oc",
            "a child process died of a signal (SIGSEGV, SIGABRT, ...) nobody sent it",
            deviation=True),
    Outcome("n/a", 0, "n/a", "–", "on",
            "does not apply here (start method, platform, Python version)"),
    Outcome("expected-fail", 2, "expected deviation", "x", "ox",
            "a known deviation, listed in an expectations file"),
)

OUTCOME = {o.name: o for o in _OUTCOMES}
OUTCOMES = tuple(o.name for o in _OUTCOMES)
# Outcomes that count as a deviation from the documented behaviour.
DEVIATIONS = tuple(o.name for o in _OUTCOMES if o.deviation)
# A cell whose report entry is "not run in this environment".
NOT_RUN = Outcome("not run", -1, "not run", "", "o_", "not run in this environment")


def rank(outcome: str | None) -> int:
    """Precedence of an outcome (None: not run); unknown names rank lowest."""
    found = OUTCOME.get(outcome) if outcome is not None else None
    return found.rank if found else NOT_RUN.rank


def worst(outcomes: list[str]) -> str:
    """The outcome that shows when several tests share a cell."""
    return max(outcomes, key=rank)


# Start methods, in the order the suite runs and the report shows them.
START_METHODS = ("fork", "spawn", "forkserver")
METHOD_ABBR = {"fork": "F", "spawn": "S", "forkserver": "FS"}
