"""Turn a student's notebook into what gets graded, whatever they did to it.

The release notebook is the template: every cell, its order, its metadata and
the source of every locked or test cell come from it.  From the student's
notebook only two things are taken: the source of each solution cell (matched
by ``grade_id``) and the cells they added (kept where they put them, run as
student code).  So deleted, reordered, duplicated or edited test cells and
forged metadata change nothing.
"""
from __future__ import annotations

import copy
import hashlib
import json

import nbformat

from .sandbox.executor import CellPlan, defined_names, used_names


def _meta(cell) -> dict:
    m = cell.get("metadata", {}).get("nbgrader")
    return m if isinstance(m, dict) else {}


def canonicalize(student: nbformat.NotebookNode, release: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """The release with the student's answers and added cells; plus notes on what was repaired."""
    notes: list[str] = []
    release_ids = [_meta(c).get("grade_id") for c in release.cells]
    known = {g for g in release_ids if g}
    solution_ids = {_meta(c)["grade_id"] for c in release.cells if _meta(c).get("solution") and _meta(c).get("grade_id")}
    answers: dict[str, str] = {}
    added: dict[str | None, list] = {}
    anchor = None
    seen: set[str] = set()
    for cell in student.cells:
        gid = _meta(cell).get("grade_id")
        if gid in known and gid not in seen:
            seen.add(gid)
            anchor = gid
            if gid in solution_ids:
                answers[gid] = cell.get("source", "")
            continue
        if gid in known:
            notes.append(f"a second cell claimed grade_id {gid!r}; it was kept as an ordinary cell")
        elif gid:
            notes.append(f"a cell carried an unknown grade_id {gid!r}; it was kept as an ordinary cell")
        if cell.get("cell_type") not in ("code", "markdown", "raw"):
            continue
        plain = nbformat.v4.new_code_cell(cell.get("source", "")) if cell["cell_type"] == "code" else (
            nbformat.v4.new_markdown_cell(cell.get("source", "")) if cell["cell_type"] == "markdown"
            else nbformat.v4.new_raw_cell(cell.get("source", "")))
        added.setdefault(anchor, []).append(plain)
    missing = sorted(known - seen)
    if missing:
        notes.append(f"cells missing from the submission were restored from the release: {', '.join(missing)}")
    out = copy.deepcopy(release)
    cells = list(added.get(None, []))
    for cell in out.cells:
        gid = _meta(cell).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
        cells += added.get(gid, []) if gid else []
    for n, cell in enumerate(cells):
        cell.id = cell.get("id") if _meta(cell) else f"student-{n}"
    out.cells = cells
    out.metadata["kernelspec"] = release.metadata.get("kernelspec", {"name": "python3", "display_name": "Python 3",
                                                                          "language": "python"})
    return out, notes


def plan(notebook: nbformat.NotebookNode, source: nbformat.NotebookNode) -> tuple[list[CellPlan], list[str]]:
    """Roles and sources of each cell of a canonical notebook, and the exercise names to bind.

    Test cells get their full source (hidden tests included) from the instructor's
    notebook; the exercise names are those the instructor's solution cells define,
    minus anything an instructor cell defines (never shadowed).
    """
    src_by_id = {_meta(c)["grade_id"]: c for c in source.cells if _meta(c).get("grade_id")}
    cells: list[CellPlan] = []
    for cell in notebook.cells:
        m = _meta(cell)
        if cell.cell_type != "code":
            cells.append(CellPlan("skip", cell.source))
        elif not m:
            cells.append(CellPlan("student", cell.source))
        elif m.get("grade") and not m.get("solution"):
            cells.append(CellPlan("test", src_by_id[m["grade_id"]].source))
        elif m.get("solution"):
            cells.append(CellPlan("student", cell.source))
        else:
            cells.append(CellPlan("both", src_by_id.get(m.get("grade_id"), cell).source))
    names: list[str] = []
    instructor: set[str] = set()
    for c in source.cells:
        m = _meta(c)
        if c.cell_type != "code":
            continue
        if m.get("solution"):
            names += defined_names(c.source)
        elif m:
            instructor.update(defined_names(c.source))
    _student_side_only_if_unneeded(cells)
    return cells, [n for n in dict.fromkeys(names) if n not in instructor]


def _student_side_only_if_unneeded(cells: list[CellPlan]) -> None:
    """Run an instructor cell on the grader's side only if the tests need what it defines.

    A cell is needed when it defines a name that a test cell, or another needed
    cell, reads.  Demos, plots and widgets then run once, next to the student's
    code, instead of twice.
    """
    needed = set().union(*(used_names(c.source) for c in cells if c.role == "test"))
    both = [c for c in cells if c.role == "both"]
    keep: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i, c in enumerate(both):
            if i not in keep and set(defined_names(c.source)) & needed:
                keep.add(i)
                needed |= used_names(c.source)
                changed = True
    for i, c in enumerate(both):
        if i not in keep:
            c.role = "student"


def fingerprint(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def cell_hash(cell_type: str, source: str) -> str:
    """A short hash of a cell's type and source, to match executed outputs to nbgrader's cells."""
    return hashlib.sha256(json.dumps([cell_type, source]).encode()).hexdigest()[:16]
