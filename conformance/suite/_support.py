"""Helpers shared by the tests of several sections."""

from __future__ import annotations

from typing import Any

from conformance import harness
from conformance.impl import submodule
from conformance.platform_facts import default_start_method
from conformance.targets import scripts

DEFAULT = default_start_method()


def value(facts: dict, key: str) -> Any:
    """One observation; an exception the fresh interpreter met becomes the failure."""
    observed = facts[key]
    assert not (isinstance(observed, dict) and "raised" in observed), (
        f"{key}: {observed['raised']}: {observed['message']}")
    return observed


# --------------------------------------------------------------- whole programs, by version


def program_fact(probe: str, *args: str, flags: tuple[str, ...] = (),
                 raw: bool = False) -> Any:
    """scripts/program_facts.py with MP_CONFORMANCE_PROBE=probe, in a fresh interpreter
    (``python FLAGS program_facts.py ARGS``): the probe's value; an exception it met fails,
    unless ``raw`` (then it is returned as {"raised": name, "message": text})."""
    import json

    proc = harness.fresh_interpreter(*flags, scripts.path("program_facts.py"), *args,
                                     env={"MP_CONFORMANCE_PROBE": probe})
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and lines, (
        f"the program failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    observed = json.loads(lines[-1])
    return observed if raw else value({probe: observed}, probe)
SPAWN_AND_FORKSERVER = ("spawn", "forkserver")


def managers_module(mp):
    """The implementation's ``managers`` submodule (MissingAPI when it has none)."""
    return submodule("managers", mp)
