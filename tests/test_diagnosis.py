"""course.diagnosis: the comparisons and the decision that name a student's mistake (issue 18).

The catalogue tests (tests/test_catalogue.py) prove it on every catalogued variant in a
kernel; tests/test_grading.py through the grader; tests/test_lab_browser.py in JupyterLab.
These are the rules themselves, on small cases.
"""
from __future__ import annotations

import numpy as np
import pytest

from course import diagnosis as dg
from course import lab_diagnosis as lab

REFERENCE = '''
def normalise(x):
    return x / x.sum(axis=1, keepdims=True)
'''
SLIPS = {
    "wrong-axis": ("def normalise(x):\n    return x / x.sum(axis=0, keepdims=True)\n", "You divide by column sums."),
    "in-place": ("def normalise(x):\n    x /= x.sum(axis=1, keepdims=True)\n    return x\n", "You change x in place."),
    "float32": ("def normalise(x):\n    return (x / x.sum(axis=1, keepdims=True)).astype(np.float32)\n",
                "You return float32."),
    "raises": ("def normalise(x):\n    raise ValueError('no')\n", "You raise."),
}
EXERCISE = {"kind": "function", "names": ["normalise"], "reference": REFERENCE,
            "variants": {k: {"source": s, "sentence": t} for k, (s, t) in SLIPS.items()}}
KIT = {"chapter": "toy", "defs": [REFERENCE], "exercises": {"normalise": EXERCISE}}


def _calls(source: str, *inputs) -> list[dg.Call]:
    ns = {"np": np}
    exec(source, ns)
    rec = dg.Recorder()
    fn = rec.wrap("normalise", ns["normalise"])
    for x in inputs:
        try:
            fn(x)
        except Exception:  # noqa: BLE001 -- what it raised is recorded
            pass
    return rec.calls


def _diagnose(source: str, *inputs) -> list[str]:
    d = dg.Diagnoser("normalise", EXERCISE, dg.namespace_factory({"np": np}, KIT))
    return [f.variant for f in d.explain(_calls(source, *inputs))]


X = np.array([[1.0, 3.0], [2.0, 2.0], [5.0, 1.0]])


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_each_slip_is_named_and_only_it(slip):
    assert _diagnose(SLIPS[slip][0], X.copy()) == [slip]


def test_a_correct_solution_is_never_diagnosed():
    loops = ("def normalise(x):\n    out = np.empty_like(x)\n    for i in range(len(x)):\n"
             "        out[i] = x[i] / sum(x[i])\n    return out\n")
    assert _diagnose(loops, X.copy()) == []
    assert _diagnose(REFERENCE, X.copy()) == []


def test_float32_with_the_same_slip_still_matches_it():
    wrong32 = "def normalise(x):\n    x = x.astype(np.float32)\n    return x / x.sum(axis=0, keepdims=True)\n"
    assert "wrong-axis" in _diagnose(wrong32, X.copy())


def test_an_unrelated_mistake_gets_no_diagnosis():
    other = "def normalise(x):\n    return x - x.mean()\n"
    assert _diagnose(other, X.copy()) == []


def test_a_call_that_tells_nothing_apart_proves_nothing():
    # On a 1x1 input every slip but raising agrees with the reference: no evidence, no diagnosis.
    assert _diagnose(SLIPS["wrong-axis"][0], np.array([[4.0]])) == []


def test_comparison_rules():
    assert dg.close(np.arange(3), np.arange(3.0)) is False  # an int array is not a float one
    assert dg.close(3, 3.0) is True and dg.close(3, 3.0, exact=True) is False
    assert dg.close([1.0, "a"], [1.0 + 1e-9, "a"]) is True
    assert dg.close(np.ones(3), np.ones(3, np.float32)) is True
    assert dg.close(np.ones(3), np.ones(3, np.float32), exact=True) is False
    assert dg.close(object(), object()) is None  # not plain data: cannot be compared
    with pytest.raises(dg.Unrecordable):
        dg.snapshot(object())


def test_message_names_one_or_several():
    one = dg.message([dg.Finding("a", "You do A.")])
    assert one == "What this looks like: You do A."
    two = dg.message([dg.Finding("a", "You do A."), dg.Finding("b", "You do B.")])
    assert "You do A." in two and "You do B." in two and "more than one" in two
    assert dg.message([]) == ""


def _lab_entry() -> dict:
    """What course.diagnosis.InKernel.lab_entry ships for one visible call of normalise(X)."""
    calls = _calls(REFERENCE, X.copy())
    d = dg.Diagnoser("normalise", EXERCISE, dg.namespace_factory({"np": np}, KIT))
    r = d._replay(None, None, calls[0])
    slips = {}
    for v, spec in EXERCISE["variants"].items():
        o = d._replay(v, spec["source"], calls[0])
        slips[v] = {"sketch": dg.sketch(o), "differs": dg.same(o, r) is False,
                    "differs_exact": dg.same(o, r, True) is False}
    c = calls[0]
    return {"names": ["normalise"], "calls": [{"key": dg.call_key(c.name, c.args, c.kwargs), "variants": slips}],
            "sentences": {v: s for v, (_, s) in SLIPS.items()}}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_sketches_name_the_slip_in_the_students_kernel(slip):
    entry = _lab_entry()
    assert [f.variant for f in lab.explain(entry, _calls(SLIPS[slip][0], X.copy()))] == [slip]
    assert lab.explain(entry, _calls(REFERENCE, X.copy())) == []
    assert lab.explain(entry, _calls(SLIPS[slip][0], X[:2].copy())) == []  # other inputs: no shared call


def test_a_sketch_does_not_carry_the_values():
    big = np.linspace(-1, 1, 200)
    s = dg.sketch(dg.Outcome(value=big))["value"]
    assert len(s["p"]) == dg.PROJECTIONS and "h" not in s  # four projections of 200 numbers
    small = dg.sketch(dg.Outcome(value=np.array([0.25, 0.75])))["value"]
    assert set(small) >= {"h"} and "p" not in small  # a hash of rounded values, not the values
    assert dg.same_sketch(dg.sketch(dg.Outcome(value=big)), dg.sketch(dg.Outcome(value=big.astype(np.float32))))
    assert not dg.same_sketch(dg.sketch(dg.Outcome(value=big)), dg.sketch(dg.Outcome(value=-big)))


def test_cell_hash_ignores_trailing_space():
    assert lab.cell_hash("a = 1  \n\nb = 2\n\n") == lab.cell_hash("a = 1\n\nb = 2")
    assert lab.cell_hash("a = 1") != lab.cell_hash("a = 2")


def test_a_regenerated_lab_table_may_not_silently_cover_fewer_tests(tmp_path):
    from utils.lab_diagnoses import dump, lost_tests

    old = {"chapter": "x", "cells": {"h1": {"test": "a-test"}, "h2": {"test": "b-test"}}}
    (tmp_path / "x.json").write_text(dump(old))
    assert lost_tests(tmp_path / "x.json", {"cells": {"h1": {"test": "a-test"}}}) == ["b-test"]
    assert lost_tests(tmp_path / "x.json", old) == []
    assert lost_tests(tmp_path / "missing.json", {"cells": {}}) == []
    (tmp_path / "broken.json").write_text("{")
    assert lost_tests(tmp_path / "broken.json", {"cells": {}}) == []
