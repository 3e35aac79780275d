"""Every plausible wrong implementation loses points; alternative correct ones earn full marks.

The chapter runs once in a kernel; each variant then replaces one exercise's
solution and only that exercise's test cells (visible and hidden) run again.
"""
from __future__ import annotations

import importlib
import json
import os
import pkgutil

import pytest

from . import catalogue

MODULES = [importlib.import_module(f"{catalogue.__name__}.{m.name}") for m in pkgutil.iter_modules(catalogue.__path__)
           if not m.name.startswith("_")]  # __main__ prints the counts


def _cases(kind: str):
    for mod in MODULES:
        for slug, variants in getattr(mod, kind).items():
            for name, code in variants.items():
                yield pytest.param(mod.CHAPTER, slug, name, code, id=f"{mod.CHAPTER}:{slug}:{name}",
                                   marks=pytest.mark.xdist_group(mod.CHAPTER))


def _log_diagnosis(chapter: str, slug: str, name: str, diagnosis: dict | None) -> None:
    """With DLCOURSE_DIAGNOSIS_LOG set, one JSON line per wrong variant: the share diagnosed is counted from it."""
    path = os.environ.get("DLCOURSE_DIAGNOSIS_LOG")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"chapter": chapter, "exercise": slug, "variant": name, **(diagnosis or {})}) + "\n")


@pytest.mark.parametrize("chapter,slug,name,code", list(_cases("WRONG")))
def test_wrong_implementation_loses_points(chapter_session, chapter, slug, name, code):
    """It fails a test -- and that failure names this very mistake whenever its behaviour tells it apart."""
    results = chapter_session(chapter).try_variant(slug, code, until_failure=True)
    assert results, f"{slug} has no test cells"
    assert any(not r.ok for r in results.values()), f"every test of {slug} passes this wrong implementation"
    d = list(results.values())[-1].diagnosis
    _log_diagnosis(chapter, slug, name, d)
    if d is None:
        return
    assert not d["found"] or name in d["found"], f"{name} is diagnosed as another mistake: {d['found']}"
    # Behaves unlike the reference on what the failed test called, and reproducibly: it must be named.
    if name in d["differs"] and name in d["consistent"]:
        assert name in d["found"], f"{name} is distinguishable but not diagnosed: {d}"


@pytest.mark.parametrize("chapter,slug,name,code", list(_cases("CORRECT")))
def test_alternative_correct_implementation_earns_full_marks(chapter_session, chapter, slug, name, code):
    """Full marks, so no diagnosis (only a failed test is diagnosed).  A float32 variant is within tolerance of
    the reference and of a near slip at once: its tests are diagnosed as if they had failed, and none may name a
    mistake (explaining every test of every variant would cost minutes of CI for the same rule)."""
    results = chapter_session(chapter).try_variant(slug, code, explain_all="float32" in name)
    failures = {g: r.error for g, r in results.items() if not r.ok}
    assert not failures, f"a correct implementation of {slug} loses points: {failures}"
    diagnosed = {g: r.diagnosis["found"] for g, r in results.items() if r.diagnosis and r.diagnosis["found"]}
    assert not diagnosed, f"a correct implementation of {slug} would be told it made a mistake: {diagnosed}"


MIN_WRONG, MIN_CORRECT = 4, 2


@pytest.mark.parametrize("mod", [pytest.param(m, marks=pytest.mark.xdist_group(m.CHAPTER)) for m in MODULES],
                         ids=lambda m: m.CHAPTER)
def test_catalogue_covers_every_exercise(chapter_session, mod):
    """At least 4 wrong and 2 correct variants for every autograded exercise, questions included."""
    session = chapter_session(mod.CHAPTER)
    exercises = set(session.exercises())
    unknown = (set(mod.WRONG) | set(mod.CORRECT)) - exercises
    assert not unknown, f"catalogue names exercises the notebook does not have: {sorted(unknown)}"
    thin = sorted(f"{s} ({len(mod.WRONG.get(s, {}))} wrong, {len(mod.CORRECT.get(s, {}))} correct)"
                  for s in exercises
                  if len(mod.WRONG.get(s, {})) < MIN_WRONG or len(mod.CORRECT.get(s, {})) < MIN_CORRECT)
    assert not thin, f"exercises with fewer than {MIN_WRONG} wrong or {MIN_CORRECT} correct variants: {thin}"
    said = getattr(mod, "DIAGNOSES", {})
    unsaid = sorted(f"{s}:{v}" for s, vs in mod.WRONG.items() for v in vs if not said.get(s, {}).get(v, "").strip())
    assert not unsaid, f"wrong variants without a diagnosis sentence (DIAGNOSES): {unsaid}"
    stray = sorted(f"{s}:{v}" for s, vs in said.items() for v in vs if v not in mod.WRONG.get(s, {}))
    assert not stray, f"diagnosis sentences for variants that do not exist: {stray}"


def _isolation_cases():
    for mod in MODULES:
        for slug, variants in mod.WRONG.items():
            # One wrong variant per exercise (the first, in file order) shows the rule; the tests of the
            # exercises built on it are the slow part of the catalogue (06 trains a transformer in them).
            for name, code in list(variants.items())[:1]:
                yield pytest.param(mod.CHAPTER, slug, code, id=f"{mod.CHAPTER}:{slug}:{name}",
                                   marks=pytest.mark.xdist_group(mod.CHAPTER))


@pytest.mark.parametrize("chapter,slug,code", list(_isolation_cases()))
def test_a_mistake_costs_only_its_own_exercise(chapter_session, chapter, slug, code):
    """A wrong earlier function leaves the tests of every exercise built on it passing (graded with the reference)."""
    session = chapter_session(chapter)
    later = session.dependents(slug)
    if not later:
        return
    failures = {}
    for other in later:
        failures.update({g: r.error for g, r in session.try_variant(slug, code, run=other).items() if not r.ok})
    assert not failures, f"a mistake in {slug} costs points in {sorted(failures)}: {failures}"


def test_every_chapter_has_a_catalogue(chapters):
    covered = {m.CHAPTER for m in MODULES}
    assert set(chapters) <= covered, f"chapters without a catalogue: {sorted(set(chapters) - covered)}"


@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.CHAPTER)
def test_lab_diagnosis_table_is_current(mod):
    """The table a student's kernel uses to name a slip was made from today's notebook, catalogue, visible
    tests and ``course`` package (its digest says so; tests/test_lab_browser.py shows a table at work)."""
    from utils.lab_diagnoses import current
    from utils.paths import find_root

    stale = current(find_root(), mod.CHAPTER)
    assert stale is None, f"{stale}: run `python -m utils.lab_diagnoses {mod.CHAPTER}`"
