"""Grade a folder of submissions laid out as ``DIR/<student_id>/<chapter>/<chapter>.ipynb``.

The output folder is itself an nbgrader course directory: ``source/`` (a copy
of the instructor chapters), ``release/``, ``submitted/`` (copies; the input
folder is never modified), ``autograded/``, ``feedback/`` (HTML per student and
chapter), ``gradebook.db`` (open it with the formgrader for manual grading) and
``grades.csv``.  One broken submission costs only its own row.
"""
from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from .config import CHAPTERS
from .coursedir import CourseDir, GradingError, read_notebook

CSV_COLUMNS = ["student_id", "assignment", "score", "max_score", "auto_score", "auto_max_score",
               "needs_manual_grade", "status", "message"]
_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")


@dataclass
class GradeRow:
    student_id: str
    assignment: str
    score: float = 0.0
    max_score: float = 0.0
    auto_score: float = 0.0
    auto_max_score: float = 0.0
    needs_manual_grade: bool = False
    status: str = "graded"  # graded | missing | error
    message: str = ""


def discover(submitted: Path, chapters: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Student ids and the chapters to grade found under ``submitted``."""
    if not submitted.is_dir():
        raise GradingError(f"{submitted} is not a folder; expected DIR/<student_id>/<chapter>/<chapter>.ipynb")
    students = sorted(p.name for p in submitted.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise GradingError(f"{submitted} holds no student folders; expected DIR/<student_id>/<chapter>/<chapter>.ipynb")
    if chapters:
        return students, chapters
    found = {c.name for s in students for c in (submitted / s).iterdir() if c.is_dir()}
    chosen = [ch for ch in CHAPTERS if ch in found]
    if not chosen:
        raise GradingError(f"no chapter folders ({', '.join(CHAPTERS)}) found under the student folders of {submitted}")
    return students, chosen


def _problem_with(student: str, folder: Path, chapter: str) -> str | None:
    """Why a submission cannot be graded, or None if it looks gradable."""
    if not _STUDENT_ID.match(student):
        return f"student id {student!r} has characters nbgrader cannot use; rename the folder"
    nb = folder / f"{chapter}.ipynb"
    if not nb.is_file():
        if not folder.is_dir():
            return f"no submission for {chapter}"
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        extra = f" (found {', '.join(others)}; the notebook must keep its name)" if others else ""
        return f"{chapter}/{chapter}.ipynb is missing{extra}"
    try:
        nbk = read_notebook(nb)
    except GradingError as exc:
        return str(exc)
    if not any(c.get("metadata", {}).get("nbgrader") for c in nbk.cells):
        return f"{nb.name} carries no nbgrader cells; submit the release notebook you were given, not a new one"
    return None


def grade(root: Path, submitted: Path, out: Path, chapters: list[str] | None = None,
          progress: Callable[[str], None] | None = None) -> list[GradeRow]:
    """Autograde every student and chapter; write feedback and ``grades.csv``; return the rows."""
    say = progress or (lambda msg: None)
    submitted, out = submitted.resolve(), out.resolve()
    if out == submitted or submitted in out.parents:
        raise GradingError("--out must not be inside --submitted: the submissions are never modified")
    students, chapters = discover(submitted, chapters)
    for ch in chapters:
        if not (root / "source" / ch / f"{ch}.ipynb").is_file():
            raise GradingError(f"chapter {ch} has no source notebook in {root / 'source'}")
    cd = CourseDir(out)
    max_scores: dict[str, tuple[float, float]] = {}
    for ch in chapters:
        cd.add_source(root / "source" / ch)
        cd.generate(ch)
        max_scores[ch] = _assignment_max(cd, ch)

    rows: list[GradeRow] = []
    total = len(students) * len(chapters)
    for i, (student, ch) in enumerate(((s, c) for s in students for c in chapters), 1):
        row = GradeRow(student, ch, max_score=max_scores[ch][0], auto_max_score=max_scores[ch][1])
        folder = submitted / student / ch
        problem = _problem_with(student, folder, ch)
        if problem:
            row.status = "missing" if problem.startswith("no submission") else "error"
            row.message = problem
        else:
            try:
                cd.submit(student, ch, folder)
                cd.autograde(student, ch)
                sc = cd.scores(student, ch)
                cd.generate_feedback(student, ch)
                row.score, row.max_score = sc.score, sc.max_score
                row.auto_score, row.auto_max_score = sc.auto_score, sc.auto_max_score
                row.needs_manual_grade = sc.needs_manual_grade
                failed = [c.grade_id for c in sc.cells if c.score < c.points]
                row.message = f"failed: {', '.join(failed)}" if failed else "all autograded tests passed"
            except GradingError as exc:
                row.status, row.message = "error", str(exc).splitlines()[0]
        rows.append(row)
        say(f"[{i}/{total}] {student} {ch}: {row.status} {row.score:g}/{row.max_score:g}")
    write_csv(rows, out / "grades.csv")
    return rows


def _assignment_max(cd: CourseDir, chapter: str) -> tuple[float, float]:
    """(all points, autograded points) of a chapter, from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(cd.db_url) as gb:
        a = gb.find_assignment(chapter)
        auto = sum(float(c.max_score) for nb in a.notebooks for c in nb.grade_cells if c.cell_type == "code")
        return float(a.max_score), auto


def write_csv(rows: list[GradeRow], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(asdict(r))
