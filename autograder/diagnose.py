"""The grader's side of naming a student's mistake (see :mod:`course.diagnosis` for the method).

The catalogue of wrong implementations (``tests/catalogue/chNN_*.py`` in the course,
trusted instructor code) and the reference solutions become one *kit* per chapter: plain
data that travels with each grading job, so a slot on another machine needs nothing
else.  Replaying the catalogue happens on the trusted side of the slot; student code only
ever runs in the sandbox.
"""
from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import re
from pathlib import Path

CATALOGUE = Path("tests") / "catalogue"
_TEST_ID = re.compile(r"^(?P<slug>.+)-test(?:-\d+)?$")


def slug_of(test_id: str) -> str | None:
    """The exercise a test cell grades: ``softmax-test`` and ``softmax-test-2`` grade ``softmax``."""
    m = _TEST_ID.match(test_id or "")
    return m.group("slug") if m else None


def load_catalogue(root: Path, chapter: str):
    """The catalogue module of ``chapter`` in the course at ``root``, or ``None``."""
    folder = Path(root) / CATALOGUE
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("ch*.py")):
        if f'"{chapter}"' not in path.read_text(encoding="utf-8"):
            continue
        spec = importlib.util.spec_from_file_location(f"_dlcatalogue_{path.stem}", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        if getattr(mod, "CHAPTER", None) == chapter:
            return mod
    return None


def definitions(source: str) -> str:
    """What a solution cell defines without running anything costly: imports, functions, classes, constants."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    keep = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            keep.append(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None \
                and not any(isinstance(n, (ast.Call, ast.Lambda, ast.ListComp, ast.DictComp, ast.GeneratorExp))
                            for n in ast.walk(node.value)):
            keep.append(node)
    return ast.unparse(ast.Module(body=keep, type_ignores=[])) if keep else ""


def _defined(source: str) -> tuple[list[str], bool, list[str]]:
    """Names a solution defines (imports left out), whether any is a function or class, and its classes."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [], False, []
    names, code, classes = [], False, []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
            code = True
            if isinstance(node, ast.ClassDef):
                classes.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return list(dict.fromkeys(names)), code, classes


def build_kit(root: Path, chapter: str, source_nb, require_sentences: bool = True) -> dict | None:
    """The chapter's diagnosis kit, or ``None`` when the course has no catalogue for it.

    Only variants with a diagnosis sentence are included: a student is never shown a
    variant's name in place of words.
    """
    mod = load_catalogue(root, chapter)
    if mod is None:
        return None
    sentences = getattr(mod, "DIAGNOSES", {})
    solutions, defs = {}, []
    for cell in source_nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution") and meta.get("grade_id"):
            solutions[meta["grade_id"]] = cell.source
            defs.append(definitions(_strip_magics(cell.source)))
    exercises = {}
    for slug, variants in mod.WRONG.items():
        if slug not in solutions:
            continue
        names, code, classes = _defined(_strip_magics(solutions[slug]))
        said = sentences.get(slug, {})
        chosen = {v: {"source": src, "sentence": said.get(v) or v} for v, src in variants.items()
                  if said.get(v) or not require_sentences}
        if names and chosen:
            exercises[slug] = {"kind": "function" if code else "value", "names": names, "classes": classes,
                               "reference": _strip_magics(solutions[slug]), "variants": chosen}
    if not exercises:
        return None
    kit = {"chapter": chapter, "defs": [d for d in defs if d], "exercises": exercises}
    kit["hash"] = hashlib.sha1(json.dumps(kit, sort_keys=True).encode()).hexdigest()[:16]
    return kit


def _strip_magics(code: str) -> str:
    from .sandbox.executor import _strip_magics as strip

    return strip(code)


_CACHES: dict[str, dict] = {}


def cache_for(kit: dict) -> dict:
    """Replayed outcomes shared by every notebook this process grades with the same kit."""
    if len(_CACHES) > 8 or sum(map(len, _CACHES.values())) > 50_000:
        _CACHES.clear()
    return _CACHES.setdefault(kit.get("hash", ""), {})
