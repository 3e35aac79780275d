"""Every plausible wrong implementation loses points; alternative correct ones earn full marks.

The chapter runs once in a kernel; each variant then replaces one exercise's
solution and only that exercise's test cells (visible and hidden) run again.
"""
from __future__ import annotations

import importlib
import pkgutil

import pytest

from . import catalogue

MODULES = [importlib.import_module(f"{catalogue.__name__}.{m.name}") for m in pkgutil.iter_modules(catalogue.__path__)]


def _cases(kind: str):
    for mod in MODULES:
        for slug, variants in getattr(mod, kind).items():
            for name, code in variants.items():
                yield pytest.param(mod.CHAPTER, slug, code, id=f"{mod.CHAPTER}:{slug}:{name}",
                                   marks=pytest.mark.xdist_group(mod.CHAPTER))


@pytest.mark.parametrize("chapter,slug,code", list(_cases("WRONG")))
def test_wrong_implementation_loses_points(chapter_session, chapter, slug, code):
    results = chapter_session(chapter).try_variant(slug, code)
    assert results, f"{slug} has no test cells"
    assert any(not r.ok for r in results.values()), f"every test of {slug} passes this wrong implementation"


@pytest.mark.parametrize("chapter,slug,code", list(_cases("CORRECT")))
def test_alternative_correct_implementation_earns_full_marks(chapter_session, chapter, slug, code):
    results = chapter_session(chapter).try_variant(slug, code)
    failures = {g: r.error for g, r in results.items() if not r.ok}
    assert not failures, f"a correct implementation of {slug} loses points: {failures}"


@pytest.mark.parametrize("mod", [pytest.param(m, marks=pytest.mark.xdist_group(m.CHAPTER)) for m in MODULES],
                         ids=lambda m: m.CHAPTER)
def test_catalogue_covers_every_exercise(chapter_session, mod):
    session = chapter_session(mod.CHAPTER)
    exercises = set(session.exercises())
    unknown = (set(mod.WRONG) | set(mod.CORRECT)) - exercises
    assert not unknown, f"catalogue names exercises the notebook does not have: {sorted(unknown)}"
    thin = sorted(s for s in exercises if len(mod.WRONG.get(s, {})) < 2)
    assert not thin, f"exercises with fewer than two wrong implementations: {thin}"
    # Questions (answer variables) have no alternative implementation; functions do.
    functions = {s for s in exercises if "def " in session.solutions[s] or "class " in session.solutions[s]}
    missing = sorted(s for s in functions if not mod.CORRECT.get(s))
    assert not missing, f"function exercises with no alternative correct implementation: {missing}"


def test_every_chapter_has_a_catalogue(chapters):
    covered = {m.CHAPTER for m in MODULES}
    assert set(chapters) <= covered, f"chapters without a catalogue: {sorted(set(chapters) - covered)}"
