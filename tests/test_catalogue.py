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
    """Full marks, and no test of it -- asked as if it had failed -- names a mistake."""
    results = chapter_session(chapter).try_variant(slug, code, explain_all=True)
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


def _same_table(fresh: dict, committed: dict) -> list[str]:
    """Where two lab diagnosis tables disagree (sketches compared as the student's kernel compares them)."""
    from course.diagnosis import same_sketch

    problems = []
    for key in sorted(set(fresh["cells"]) | set(committed["cells"])):
        a, b = fresh["cells"].get(key), committed["cells"].get(key)
        if a is None or b is None:
            problems.append(f"visible test {(a or b)['test']} is {'new' if b is None else 'gone'}")
            continue
        if a["sentences"] != b["sentences"] or [c["key"] for c in a["calls"]] != [c["key"] for c in b["calls"]]:
            problems.append(f"{a['test']}: its calls or sentences changed")
            continue
        for ca, cb in zip(a["calls"], b["calls"]):
            for v in set(ca["variants"]) | set(cb["variants"]):
                x, y = ca["variants"].get(v), cb["variants"].get(v)
                if x is None or y is None or (x["differs"], x["differs_exact"]) != (y["differs"], y["differs_exact"]) \
                        or same_sketch(x["sketch"], y["sketch"], exact=True) is False:
                    problems.append(f"{a['test']}: {v}")
    return problems


@pytest.mark.parametrize("mod", [pytest.param(m, marks=pytest.mark.xdist_group(m.CHAPTER)) for m in MODULES],
                         ids=lambda m: m.CHAPTER)
def test_lab_diagnosis_table_is_current(chapter_session, mod):
    """The sketches a student's kernel uses to name a slip match the catalogue and the visible tests of today."""
    import nbformat

    from utils.lab_diagnoses import generate, path_for
    from utils.paths import find_root

    root = find_root()
    session = chapter_session(mod.CHAPTER)
    assert session.diagnosing, f"{mod.CHAPTER} has no diagnosis kit: does its catalogue have DIAGNOSES?"
    path = path_for(root, mod.CHAPTER)
    assert path.is_file(), f"{path} is missing: run `python -m utils.lab_diagnoses {mod.CHAPTER}`"
    fresh = generate(session, nbformat.read(root / "release" / mod.CHAPTER / f"{mod.CHAPTER}.ipynb", as_version=4),
                     session.kit)
    problems = _same_table(fresh, json.loads(path.read_text(encoding="utf-8")))
    assert not problems, (f"{path.name} is out of date ({'; '.join(problems[:5])}): "
                          f"run `python -m utils.lab_diagnoses {mod.CHAPTER}`")
