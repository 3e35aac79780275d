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
import re

import nbformat

from .sandbox.executor import CellPlan, defined_names, used_names
from .sanitize import clean_markdown, clean_raw


def _meta(cell) -> dict:
    md = cell.get("metadata") if isinstance(cell, dict) else None
    m = md.get("nbgrader") if isinstance(md, dict) else None
    return m if isinstance(m, dict) else {}


def _grade_id(cell) -> str | None:
    gid = _meta(cell).get("grade_id")
    return gid if isinstance(gid, str) and gid else None


def _text(source) -> str | None:
    """A cell's source as text: nbformat allows a string or a list of strings; anything else is None."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return None


class Notes:
    """What canonicalisation repaired, grouped by kind so a hostile notebook cannot make the message huge."""

    SHOWN = 5

    def __init__(self):
        self.kinds: dict[str, list[str]] = {}

    def add(self, kind: str, item: str = "") -> None:
        self.kinds.setdefault(kind, []).append(item)

    def lines(self) -> list[str]:
        out = []
        for kind, items in self.kinds.items():
            named = [i for i in items if i]
            if named:
                more = f", ... {len(named) - self.SHOWN} more" if len(named) > self.SHOWN else ""
                out.append(kind.format(n=len(items), items=", ".join(named[:self.SHOWN]) + more))
            else:
                out.append(kind.format(n=len(items), items=""))
        return out


MAX_MARKDOWN = 100_000  # characters of one student Markdown cell: rendering math is slow past this


def _bounded_markdown(source: str, notes: Notes) -> str:
    if len(source) <= MAX_MARKDOWN:
        return source
    notes.add("{n} Markdown cells were cut to " + f"{MAX_MARKDOWN:,} characters")
    return source[:MAX_MARKDOWN] + f"\n\n*(cut: {len(source) - MAX_MARKDOWN:,} more characters)*"


# nbgrader's own stub and this course's: an answer that is still one of them is unanswered.
_STUB = re.compile(r"\s*# YOUR CODE HERE\s*\n\s*raise NotImplementedError\(.*\)\s*", re.DOTALL)


def _unanswered_is_the_stub(answer: str, release_source: str) -> str:
    """The release's own stub when the answer is any nbgrader stub, so nbgrader sees "unchanged"."""
    return release_source if _STUB.fullmatch(answer) and _STUB.fullmatch(release_source) else answer


def _short(text: str, n: int = 40) -> str:
    return repr(text if len(text) <= n else text[:n] + "...")


def canonicalize(student: nbformat.NotebookNode, release: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """The release with the student's answers and added cells; plus notes on what was repaired.

    Student Markdown and raw cells are made inert (:mod:`autograder.sanitize`): the
    formgrader and the feedback page render them in an instructor's browser.

    The student's notebook may be anything JSON can hold: cells that are not
    objects, sources that are numbers, grade_ids that are lists.  None of it is
    trusted; odd cells are kept as ordinary cells or dropped, with a note.
    """
    notes = Notes()
    release_ids = [_grade_id(c) for c in release.cells]
    known = {g for g in release_ids if g}
    solution_ids = {_grade_id(c) for c in release.cells if _meta(c).get("solution") and _grade_id(c)}
    answers: dict[str, str] = {}
    added: dict[str | None, list] = {}
    anchor = None
    seen: set[str] = set()
    for cell in student.cells:
        if not isinstance(cell, dict):
            notes.add("{n} entries of the cell list were not cells; they were dropped")
            continue
        raw_gid = _meta(cell).get("grade_id")
        gid = _grade_id(cell)
        source = _text(cell.get("source", ""))
        if source is None:
            notes.add("{n} cells had a source that is not text; they were dropped")
            if gid in known and gid not in seen:
                seen.add(gid)
                anchor = gid
            continue
        if gid in known and gid not in seen:
            seen.add(gid)
            anchor = gid
            if gid in solution_ids:
                answers[gid] = source
            continue
        if gid in known:
            notes.add("a second cell claimed grade_id {items}; kept as ordinary cells", _short(gid))
        elif gid:
            notes.add("{n} cells carried an unknown grade_id ({items}); kept as ordinary cells", _short(gid))
        elif raw_gid not in (None, ""):
            notes.add("{n} cells carried a grade_id that is not text; kept as ordinary cells")
        kind = cell.get("cell_type")
        if kind == "code":
            plain = nbformat.v4.new_code_cell(source)
        elif kind == "markdown":
            attachments = cell.get("attachments") if isinstance(cell.get("attachments"), dict) else None
            plain = nbformat.v4.new_markdown_cell(clean_markdown(_bounded_markdown(source, notes), attachments)[0])
        elif kind == "raw":
            plain = nbformat.v4.new_raw_cell(clean_raw(source))
        else:
            notes.add("{n} cells of an unknown type were dropped")
            continue
        added.setdefault(anchor, []).append(plain)
    missing = [g for g in release_ids if g and g not in seen]
    for g in missing:
        notes.add("cells missing from the submission were restored from the release: {items}", g)
    out = copy.deepcopy(release)
    cells = list(added.get(None, []))
    for cell in out.cells:
        if not _meta(cell):
            continue  # an unmarked cell is the student's, as in nbgrader: their copy is kept where they put it
        gid = _grade_id(cell)
        if gid in answers:  # a written answer is Markdown an instructor's browser renders: made inert
            cell.source = (clean_markdown(_bounded_markdown(answers[gid], notes))[0] if cell.cell_type == "markdown"
                           else _unanswered_is_the_stub(answers[gid], cell.source))
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
        cells += added.get(gid, []) if gid else []
    if (release.get("nbformat"), release.get("nbformat_minor", 0)) < (4, 5):
        for cell in cells:  # nbformat 4.0-4.4 has no cell ids: a notebook written with them is invalid
            cell.pop("id", None)
    else:
        taken = {c.get("id") for c in cells if _meta(c) and c.get("id")}
        for n, cell in enumerate(cells):
            if not (_meta(cell) and cell.get("id")):
                cell.id = next(i for i in (f"student-{n}", *(f"student-{n}-{k}" for k in range(1, 1000)))
                               if i not in taken)
                taken.add(cell.id)
    out.cells = cells
    out.metadata["kernelspec"] = release.metadata.get("kernelspec", {"name": "python3", "display_name": "Python 3",
                                                                          "language": "python"})
    return out, notes.lines()


def plan(notebook: nbformat.NotebookNode, source: nbformat.NotebookNode,
         demos: bool = True) -> tuple[list[CellPlan], list[str]]:
    """Roles and sources of each cell of a canonical notebook, and the exercise names to bind.

    Test cells get their full source (hidden tests included) from the instructor's
    notebook; the exercise names are those the instructor's solution cells define,
    minus anything an instructor cell defines (never shadowed).  With ``demos``, the
    instructor's demonstrations tagged ``skip-when-grading`` that nothing after them
    reads become role ``demo``: not run (:mod:`autograder.demos`).
    """
    src_by_id = {_grade_id(c): c for c in source.cells if _grade_id(c)}
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
        elif m and not m.get("grade"):  # a test that rebinds an exercise name does not make it the instructor's
            # nor does a locked cell that wraps the student's function (`f = wrap(f)`): it runs in the sandbox,
            # and tests must see the wrapped student function there
            instructor.update(set(defined_names(c.source)) - _rebound(c.source))
    _student_side_only_if_unneeded(cells)
    if demos:
        _mark_demos(notebook, source, cells)
    return cells, [n for n in dict.fromkeys(names) if n not in instructor]


def _mark_demos(notebook: nbformat.NotebookNode, source: nbformat.NotebookNode, cells: list[CellPlan]) -> None:
    """Role ``demo`` for the tagged demonstrations this submission left as they were and nothing after reads.

    The tags are the instructor's (the source notebook's), never the submission's.
    """
    from .demos import is_tagged, skippable

    tagged = {c.source for c in source.cells if c.cell_type == "code" and is_tagged(c)
              and not (_meta(c).get("solution") or _meta(c).get("grade"))}
    if not tagged:
        return
    sources, candidates = demo_inputs(notebook, cells)
    for i in skippable(sources, {i for i in candidates if cells[i].source in tagged}):
        cells[i].role = "demo"


def demo_inputs(notebook: nbformat.NotebookNode, cells: list[CellPlan]) -> tuple[list[str | None], set[int]]:
    """What :func:`autograder.demos.skippable` takes for a planned notebook: each cell's source (None for
    cells that never run) and the cells that could be demonstrations (code that is neither a solution nor a test)."""
    sources = [None if p.role == "skip" else p.source for p in cells]
    candidates = {i for i, (cell, p) in enumerate(zip(notebook.cells, cells))
                  if p.role in ("student", "both", "demo") and not _meta(cell).get("solution")}
    return sources, candidates


def _rebound(code: str) -> set[str]:
    """Names a cell assigns from an expression that reads the same name (``f = wrap(f)``), never imported."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(tree)
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            reads = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
            found |= {t.id for t in node.targets if isinstance(t, ast.Name) and t.id in reads}
    return found - imported


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
