"""Prove every chapter sound through the grading path a submission takes.

For each chapter, in a scratch course directory:

1. generate the release and compare it with the committed ``release/``;
2. autograde the release with the reference solutions filled in: every
   autograded test cell must earn its points;
3. autograde the untouched release: every test cell must score zero, and fail
   only because of the stub (``NotImplementedError`` / ``Unanswered``);
4. report how long the reference took to execute.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from autograder.coursedir import STUB_ERRORS, CourseDir, GradingError, read_notebook

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


def check_chapter(root: Path, chapter: str, workdir: Path) -> ChapterReport:
    rep = ChapterReport(chapter)
    cd = CourseDir(workdir)
    try:
        cd.add_source(root / "source" / chapter)
        fresh = cd.generate(chapter).parent
    except GradingError as exc:
        rep.problems.append(str(exc))
        return rep
    committed = root / "release" / chapter
    diff = compare_release(fresh, committed)
    rep.release_in_sync = diff is None
    if diff:
        rep.problems.append(f"release out of sync: {diff}; run `dlcourse release {chapter}` and commit release/{chapter}")

    # The reference: the release with the instructor's solutions typed in.
    ref_dir = workdir / "_inputs" / "reference" / chapter
    ref_dir.mkdir(parents=True)
    filled = fill_reference(read_notebook(fresh / f"{chapter}.ipynb"), read_notebook(root / "source" / chapter / f"{chapter}.ipynb"))
    for p in fresh.iterdir():
        if p.name != f"{chapter}.ipynb":
            (shutil.copytree if p.is_dir() else shutil.copy2)(p, ref_dir / p.name)
    nbformat.write(filled, ref_dir / f"{chapter}.ipynb")
    # The stub: what students receive (the committed release; the fresh one if that is missing).
    stub_dir = committed if (committed / f"{chapter}.ipynb").is_file() else fresh

    for student, folder in (("reference", ref_dir), ("stub", stub_dir)):
        try:
            cd.submit(student, chapter, folder)
            secs = cd.autograde(student, chapter)
            scores = cd.scores(student, chapter)
        except GradingError as exc:
            rep.problems.append(f"{student}: {exc}")
            continue
        rep.max_score = scores.auto_max_score
        if student == "reference":
            rep.seconds = round(secs, 2)
            rep.reference_score = scores.auto_score
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
    if rep.max_score <= 0 and not rep.problems:
        rep.problems.append("the chapter has no autograded points")
    return rep


def check(root: Path, chapters: list[str], progress=None) -> list[ChapterReport]:
    reports = []
    for ch in chapters:
        if progress:
            progress(f"checking {ch} ...")
        with tempfile.TemporaryDirectory(prefix=f"dlcourse-check-{ch}-") as tmp:
            reports.append(check_chapter(root, ch, Path(tmp)))
    return reports


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
