"""Prove every chapter sound through the grading path a submission takes.

For each chapter, in a scratch course directory:

1. generate the release and compare it with the committed ``release/``;
2. autograde the release with the reference solutions filled in: every
   autograded test cell must earn its points;
3. autograde the untouched release: every test cell must score zero, and fail
   only because of the stub (``NotImplementedError`` / ``Unanswered``);
4. report how long the reference took to execute.

Both are graded by :func:`autograder.grade.grade`, sandbox and all: exactly the
path a student's submission takes.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from autograder.coursedir import STUB_ERRORS, CourseDir, GradingError, read_notebook
from autograder.coursefile import notebooks_in

from .release import compare_release

_MARKER = re.compile(r"^\s*#*\s*(BEGIN|END) SOLUTION\s*$")


@dataclass
class ChapterReport:
    chapter: str
    max_score: float = 0.0
    reference_score: float = 0.0
    stub_score: float = 0.0
    release_in_sync: bool = False
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    hand_points: float = 0.0  # points graded by hand (written answers, hand-graded code)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict:
        d = asdict(self)
        d["ok"] = self.ok
        return d


def fill_reference(release_nb: nbformat.NotebookNode, source_nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The release notebook with each solution cell replaced by the instructor's solution.

    Cells are matched by ``grade_id``; the solution markers are dropped, as a
    student who typed the reference would not have them.
    """
    solutions = {}
    for cell in source_nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            solutions[meta["grade_id"]] = "\n".join(
                line for line in cell.source.splitlines() if not _MARKER.match(line))
    filled = nbformat.from_dict(release_nb)
    for cell in filled.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") in solutions:
            cell.source = solutions[meta["grade_id"]]
    return filled


def check_chapters(root: Path, chapters: list[str], workdir: Path, sandbox: bool = True,
                   progress=None) -> list[ChapterReport]:
    """Grade the reference and the untouched release of each chapter with ``dlcourse grade``'s code.

    All chapters go through one grading run, so the grading slots stay busy.
    """
    from autograder.grade import GradeOptions, grade

    out, submitted = workdir / "graded", workdir / "submitted"
    reports, gradable = {}, []
    for chapter in chapters:
        rep = reports[chapter] = ChapterReport(chapter)
        try:
            fresh = CourseDir(out).generate_from(root / "source" / chapter)
        except GradingError as exc:
            rep.problems.append(str(exc))
            continue
        committed = root / "release" / chapter
        diff = compare_release(fresh, committed)
        rep.release_in_sync = diff is None
        if diff:
            rep.problems.append(f"release out of sync: {diff}; run `dlcourse release {chapter}` "
                                f"and commit release/{chapter}")
        # The reference: the release with the instructor's solutions typed in.  The stub:
        # what students receive (the committed release; the fresh one if that is missing).
        stub_dir = committed if committed.is_dir() and notebooks_in(committed) else fresh
        for student, folder in (("reference", fresh), ("stub", stub_dir)):
            shutil.copytree(folder, submitted / student / chapter)
        for name in notebooks_in(fresh):
            source_nb = read_notebook(root / "source" / chapter / f"{name}.ipynb")
            rep.problems += [f"{name}.ipynb, {p}" for p in boundary_problems(source_nb)]
            filled = fill_reference(read_notebook(fresh / f"{name}.ipynb"), source_nb)
            rep.problems += [f"{name}.ipynb, {p}" for p in demo_problems(filled, source_nb)]
            nbformat.write(filled, submitted / "reference" / chapter / f"{name}.ipynb")
        gradable.append(chapter)
    if gradable:
        try:
            rows = {(r.student_id, r.assignment): r
                    for r in grade(root, submitted, out, gradable, GradeOptions(workers=2, sandbox=sandbox, demos="verify"),
                                       progress)}
        except GradingError as exc:
            for ch in gradable:
                reports[ch].problems.append(str(exc))
            return list(reports.values())
        cd = CourseDir(out)
        for chapter in gradable:
            _judge(reports[chapter], cd, out, rows)
    from autograder.coursefile import load

    course = load(root)
    for rep in reports.values():
        stated = course.get(rep.chapter).points if course.get(rep.chapter) else None
        total = rep.max_score + rep.hand_points
        if stated is not None and not rep.problems and abs(stated - total) > 1e-9:
            rep.problems.append(f"course.toml gives {rep.chapter} {stated:g} points, its graded cells carry {total:g}; "
                                "change one of them")
    for rep in reports.values():  # an assignment of written answers only is fine; one with no points is not
        if rep.max_score <= 0 and rep.hand_points <= 0 and not rep.problems:
            rep.problems.append("the assignment has no points: no graded test and no graded answer")
    return list(reports.values())


def _judge(rep: ChapterReport, cd: CourseDir, out: Path, rows: dict) -> None:
    chapter = rep.chapter
    for student in ("reference", "stub"):
        row = rows[(student, chapter)]
        if row.status != "graded":
            rep.problems.append(f"{student}: {row.message}")
            continue
        scores = cd.scores(student, chapter)
        rep.max_score = scores.auto_max_score
        rep.hand_points = scores.max_score - scores.auto_max_score
        if student == "reference":
            results = [json.loads(p.read_text())
                       for p in sorted((out / ".dlgrader" / "results" / student / chapter).glob("*.json"))]
            rep.seconds = round(sum(r["seconds"] for r in results), 2)
            rep.reference_score = scores.auto_score
            rep.problems += [f"reference: {n}" for r in results for n in r.get("notes", [])]
            for c in scores.cells:
                if c.score < c.points:
                    rep.problems.append(f"reference loses {c.points - c.score:g} point(s) in {c.grade_id}: {c.error}")
        else:
            rep.stub_score = scores.auto_score
            for c in scores.cells:
                if c.score > 0:
                    rep.problems.append(f"the untouched stub earns {c.score:g} point(s) in {c.grade_id}")
                elif c.error_name not in STUB_ERRORS:
                    rep.problems.append(f"{c.grade_id} fails on the stub for a reason other than the stub: {c.error}")
            for path in sorted((out / "autograded" / student / chapter).glob("*.ipynb")):
                rep.problems += [f"{path.name}, {p}" for p in cascades(read_notebook(path))]


# What a cell of the untouched release may fail with: a stub, an unanswered question, or a
# demo that says which exercise to solve first (course.unsolved.NotSolvedYet).
RELEASE_ERRORS = STUB_ERRORS | {"NotSolvedYet"}


def cascades(executed_nb) -> list[str]:
    """Cells of the executed, untouched release that fail for a reason a student cannot act on.

    A figure that needs an unsolved exercise should say "solve exercise N first"
    (``course.unsolved.needs_your_code``), not fail with a NameError from an earlier cell.
    """
    found = []
    for i, cell in enumerate(executed_nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
            continue  # test cells are judged above
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error" and o.get("ename") not in RELEASE_ERRORS:
                where = meta.get("grade_id") or f"cell {i}"
                found.append(f"{where} fails in the untouched release with {o.get('ename')}: "
                             f"{str(o.get('evalue'))[:200]}; a student cannot act on that: make the cell say which "
                             "exercise to solve first (course.unsolved.needs_your_code)")
                break
    return found


def check(root: Path, chapters: list[str], progress=None, sandbox: bool = True) -> list[ChapterReport]:
    with tempfile.TemporaryDirectory(prefix="dlcourse-check-") as tmp:
        return check_chapters(root, chapters, Path(tmp), sandbox, progress)


def check_chapter(root: Path, chapter: str, workdir: Path, sandbox: bool = True) -> ChapterReport:
    """One chapter's report (see :func:`check_chapters`)."""
    return check_chapters(root, [chapter], workdir, sandbox)[0]


def format_table(reports: list[ChapterReport]) -> str:
    head = f"{'chapter':<20} {'max':>6} {'reference':>9} {'stub':>6} {'in sync':>8} {'seconds':>8}  verdict"
    lines = [head, "-" * len(head)]
    for r in reports:
        lines.append(f"{r.chapter:<20} {r.max_score:>6g} {r.reference_score:>9g} {r.stub_score:>6g} "
                     f"{'yes' if r.release_in_sync else 'NO':>8} {r.seconds:>8.1f}  {'ok' if r.ok else 'FAIL'}")
    for r in reports:
        for p in r.problems:
            lines.append(f"  {r.chapter}: {p}")
    return "\n".join(lines)


def demo_problems(reference_nb, source_nb) -> list[str]:
    """Cells tagged skip-when-grading that grading cannot skip, each with the reason (autograder.demos).

    Whether a tagged cell changes something made before it is seen when the reference
    runs (``GradeOptions.demos == "verify"``); what a later cell reads is seen here.
    """
    from autograder.demos import TAGS, is_tagged, why_kept
    from autograder.submission import _meta, demo_inputs, plan

    found = [f"{_meta(c).get('grade_id') or f'cell {i}'} is tagged {TAGS[0]} but is a solution or test cell; "
             "only demonstrations can be skipped: remove the tag"
             for i, c in enumerate(source_nb.cells) if is_tagged(c) and (_meta(c).get("solution")
                                                                       or _meta(c).get("grade"))]
    cells, _ = plan(reference_nb, source_nb)
    sources, candidates = demo_inputs(reference_nb, cells)
    tagged_sources = {c.source for c in source_nb.cells if is_tagged(c)}
    tagged = {i for i in candidates if cells[i].source in tagged_sources}
    skipped = {i for i, p in enumerate(cells) if p.role == "demo"}
    found += [f"cell {i} is tagged {TAGS[0]} but must run when grading: {why}; remove the tag or the dependence"
              for i, why in why_kept(sources, tagged, skipped).items()]
    return found


def demo_suggestions(reference_nb, source_nb) -> list[int]:
    """Untagged code cells (indices into the source notebook) that grading could skip if they were tagged.

    Every non-solution, non-test cell is tried as if tagged; the analysis keeps those
    something later reads.  Whether one changes a value made before it is for
    ``dlcourse check`` to see, once it is tagged.
    """
    from autograder.demos import is_tagged, skippable
    from autograder.submission import demo_inputs, plan

    cells, _ = plan(reference_nb, source_nb, demos=False)
    return [i for i in sorted(skippable(*demo_inputs(reference_nb, cells))) if not is_tagged(source_nb.cells[i])]


def boundary_problems(source_nb) -> list[str]:
    """Test-cell idioms that cannot cross the sandbox boundary, each with its cell and what to write instead.

    Under grading an exercise name is data or a handle to an object in the student's
    process (docs/test-authors.md): a check on the object itself, or an in-place edit of
    one of its attributes, would judge the handle, not the student's work.
    """
    import ast

    from autograder.submission import plan

    _, names = plan(nbformat.from_dict(source_nb), source_nb)
    names = set(names)
    found = []
    for cell in source_nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        try:
            tree = ast.parse("\n".join("pass" if line.lstrip().startswith(("%", "!")) else line
                                       for line in cell.source.splitlines()))
        except SyntaxError as exc:
            found.append(f"cell {meta.get('grade_id')}: does not parse ({exc.msg}, line {exc.lineno})")
            continue
        named = lambda n: isinstance(n, ast.Name) and n.id in names  # noqa: E731
        for node in sorted(ast.walk(tree), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0))):
            why = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args and named(node.args[0]) \
                    and node.func.id in ("isinstance", "type", "id", "vars", "issubclass"):
                why = (f"`{node.func.id}({node.args[0].id}...)` inspects the object itself, which grading keeps in "
                       "the student's process; check the data it returns (its shape, dtype, values) instead")
            elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops) \
                    and any(named(x) for x in [node.left, *node.comparators]):
                why = "`is` compares the grader's handle, not the student's object; compare returned data instead"
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Attribute) and named(t.value.value):
                        why = (f"`{t.value.value.id}.{t.value.attr}[...] = ...` edits a copy under grading; assign "
                               f"the whole value: `{t.value.value.id}.{t.value.attr} = new_value`")
            if why:
                found.append(f"cell {meta.get('grade_id')}, line {node.lineno}: {why}")
        # A def or class of an exercise name reaches the student's process only from the cell's top level.
        top = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in names \
                    and id(node) not in top:
                found.append(f"cell {meta.get('grade_id')}, line {node.lineno}: `{node.name}` is defined inside a "
                             "block, so under grading the student's code would not see it; define it at the top "
                             "level of the cell (and restore the student's at the end)")
    return found
