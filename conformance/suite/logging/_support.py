"""Helpers shared by the tests of Logging."""

from __future__ import annotations


def observed(facts: dict, key: str) -> dict:
    value = facts[key]
    assert "raised" not in value, f"{key}: {value['raised']}: {value['message']}"
    return value
