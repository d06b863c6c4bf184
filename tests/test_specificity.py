"""The specificity check's own logic (tests/specificity.py), on made-up runs: which
deviations are a broken implementation's fault, and which sample is chosen."""

from __future__ import annotations

import argparse

import pytest

from conformance.coverage import Proof

from . import specificity


class FakeRun:
    def __init__(self, outcomes):
        self._outcomes = outcomes

    def outcomes(self):
        return self._outcomes


PROOF = Proof(module="queue_bug", catches=("Queue.get::*",), start_methods=("fork",))


def check(monkeypatch, tmp_path, first, again=None, baseline=None):
    """specificity.check with the full run giving `first`, the confirming run `again`."""
    calls = []

    def fake_run(impl, out, features=(), workers=None):
        calls.append(features)
        return FakeRun(again if features else first)

    monkeypatch.setattr(specificity, "run", fake_run)
    return specificity.check(PROOF, baseline or {}, tmp_path, None), calls


def test_only_the_declared_features_deviating_is_specific(monkeypatch, tmp_path):
    (failures, notes), calls = check(monkeypatch, tmp_path, {
        ("Queue.get::a", "fork"): "fail", ("Queue.get::a", "spawn"): "fail",  # any method
        ("Queue.put::b", "fork"): "pass", ("Lock::c", None): "n/a"})
    assert (failures, notes) == ([], []) and calls == [()]  # no confirming run


def test_an_extra_deviation_that_reproduces_fails_the_check(monkeypatch, tmp_path):
    first = {("Queue.get::a", "fork"): "fail", ("Queue.put::b", "spawn"): "timeout"}
    (failures, notes), calls = check(monkeypatch, tmp_path, first, again={
        ("Queue.put::b", "spawn"): "fail"})
    assert calls == [(), ("Queue.put::b",)]
    assert failures == ["queue_bug: Queue.put::b under spawn is timeout (then fail), "
                        "not in its CATCHES"] and notes == []


def test_an_extra_deviation_that_does_not_reproduce_is_only_noted(monkeypatch, tmp_path):
    first = {("Queue.get::a", "fork"): "fail", ("Queue.put::b", "spawn"): "fail"}
    (failures, notes), _ = check(monkeypatch, tmp_path, first,
                                 again={("Queue.put::b", "spawn"): "pass"})
    assert failures == [] and notes == [
        "queue_bug: Queue.put::b under spawn was fail once, not reproduced alone"]


def test_what_deviates_on_the_stdlib_is_not_the_broken_modules_fault(monkeypatch, tmp_path):
    first = {("Queue.get::a", "fork"): "fail", ("Queue.put::b", "spawn"): "fail"}
    (failures, notes), calls = check(monkeypatch, tmp_path, first,
                                     baseline={("Queue.put::b", "spawn"): "fail"})
    assert (failures, notes, calls) == ([], [], [()])


def test_a_declared_feature_that_does_not_deviate_fails_the_check(monkeypatch, tmp_path):
    # It deviates only outside START_METHODS: the bug went unnoticed where it should show.
    (failures, _), _ = check(monkeypatch, tmp_path, {
        ("Queue.get::a", "fork"): "pass", ("Queue.get::a", "spawn"): "fail"})
    assert failures == ["queue_bug: Queue.get::* did not deviate: the bug went unnoticed "
                        "in the full run"]
    (failures, _), _ = check(monkeypatch, tmp_path, {("Lock::c", "fork"): "pass"})
    assert failures == ["queue_bug: CATCHES names Queue.get::*, which no test ran"]


def test_the_sample_rotates_with_the_seed_and_names_choose_exactly():
    proofs = [Proof(module=f"m{i:02}", catches=("X::y",)) for i in range(40)]

    def chosen(**kw):
        args = argparse.Namespace(**{"names": [], "all": False, "sample": 5, "seed": "a", **kw})
        return [p.module for p in specificity.choose(proofs, args)]

    assert chosen() == chosen() and len(chosen()) == 5
    assert chosen() != chosen(seed="b")
    assert len(chosen(all=True)) == 40
    assert chosen(names=["m1*", "m33"]) == [f"m1{i}" for i in range(10)] + ["m33"]


@pytest.mark.parametrize("argv, message", [
    (["--sample", "0"], "--sample must be at least 1"),
    (["no_such_module"], "named no_such_module"),
])
def test_bad_arguments_exit_2(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        specificity.main(argv)
    assert exc.value.code == 2 and message in capsys.readouterr().err
