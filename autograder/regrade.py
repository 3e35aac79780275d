"""Grading again after the instructor edited an assignment's source.

nbgrader refuses to add or remove graded cells of an assignment that has
submissions, and a hand grade given to a cell whose test or prompt has since
changed no longer means what it meant.  So when the source changed since the
last grading run, :func:`prepare` compares the cells nbgrader would now record
with those in the gradebook, says in plain words what changed, keeps the hand
grades (scores, extra credit, comments) of the cells that did not change in a
file under ``OUT/.dlgrader/hand/``, and removes the assignment's submissions so
that nbgrader accepts the new cells.  Grading then runs as usual, and
:func:`restore` puts each student's kept hand grades back right after their
notebook is autograded.  The file survives an interrupted run.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

Cells = dict[tuple[str, str], tuple[str, float | None]]  # (notebook, cell) -> (source, points)


@dataclass
class SourceChange:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    kept: int = 0  # hand grades kept
    dropped: int = 0  # hand grades of changed or removed cells

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def sentence(self, assignment: str) -> str:
        parts = [f"{what}: {', '.join(names)}" for what, names in
                 (("added", self.added), ("removed", self.removed), ("changed", self.changed)) if names]
        return (f"{assignment}: the source changed since it was last graded ({'; '.join(parts)}); every submission "
                f"is graded again, {self.kept} hand grade(s) of unchanged cells are kept and {self.dropped} of "
                "changed or removed cells are dropped")


def source_fingerprint(folder: Path) -> str:
    """A hash over every file of an assignment's source folder (names and contents)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and ".ipynb_checkpoints" not in p.parts:
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def recorded_cells(db_url: str, assignment: str) -> Cells | None:
    """The cells nbgrader recorded for an assignment (None if it has none)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        try:
            a = gb.find_assignment(assignment)
        except MissingEntry:
            return None
        cells: Cells = {}
        for nb in a.notebooks:
            points = {g.name: float(g.max_score) for g in nb.grade_cells}
            for c in nb.source_cells:
                cells[(nb.name, c.name)] = (c.source or "", points.get(c.name))
            for name, p in points.items():
                cells.setdefault((nb.name, name), ("", p))
        return cells


def _cells_of_new_source(source_dir: Path, assignment: str) -> Cells:
    """The cells nbgrader would record for the edited source: generated in a scratch course with its own gradebook."""
    from .coursedir import CourseDir

    with tempfile.TemporaryDirectory(prefix="dlgrader-regrade-") as tmp:
        cd = CourseDir(tmp)
        cd.generate_from(source_dir)
        return recorded_cells(cd.db_url, assignment) or {}


def prepare(cd, source_dir: Path, assignment: str, state: Path, say) -> SourceChange | None:
    """Before generating the release: if the source changed since the last run, keep the hand grades of
    unchanged cells and clear the submissions nbgrader would otherwise refuse to regrade."""
    from nbgrader.api import Gradebook

    stamp = state / "sources" / f"{assignment}.sha256"
    fp = source_fingerprint(source_dir)
    if stamp.is_file() and stamp.read_text() == fp:
        return None
    old = recorded_cells(cd.db_url, assignment)
    with Gradebook(cd.db_url) as gb:
        students = [s.student.id for s in gb.find_assignment(assignment).submissions] if old else []
    if not students:
        return None
    new = _cells_of_new_source(source_dir, assignment)
    change = SourceChange(added=sorted(n for _, n in new.keys() - old.keys()),
                          removed=sorted(n for _, n in old.keys() - new.keys()),
                          changed=sorted(k[1] for k in old.keys() & new.keys() if old[k] != new[k]))
    if not change:
        return None
    unchanged = {k for k in old.keys() & new.keys() if old[k] == new[k]}
    hand_file = state / "hand" / f"{assignment}.json"
    kept = json.loads(hand_file.read_text()) if hand_file.is_file() else []
    with Gradebook(cd.db_url) as gb:
        for student in students:
            sub = gb.find_submission(assignment, student)
            for nb in sub.notebooks:
                comments = {c.name: c.manual_comment for c in nb.comments}
                for g in nb.grades:
                    entry = {"student": student, "notebook": nb.name, "cell": g.name, "manual_score": g.manual_score,
                             "extra_credit": g.extra_credit, "comment": comments.get(g.name),
                             "needs_manual_grade": g.needs_manual_grade}
                    if g.manual_score is None and g.extra_credit is None and not entry["comment"]:
                        continue
                    if (nb.name, g.name) in unchanged:
                        kept.append(entry)
                        change.kept += 1
                    else:
                        change.dropped += 1
                for name, text in comments.items():  # comments on cells without a grade (solution cells)
                    if text and name not in {g.name for g in nb.grades}:
                        if (nb.name, name) in unchanged:
                            kept.append({"student": student, "notebook": nb.name, "cell": name, "comment": text})
                            change.kept += 1
                        else:
                            change.dropped += 1
        hand_file.parent.mkdir(parents=True, exist_ok=True)
        hand_file.write_text(json.dumps(kept))  # before anything is removed: an interrupted run loses nothing
        for student in students:
            gb.remove_submission(assignment, student)
    say(change.sentence(assignment))
    return change


def remember_source(source_dir: Path, assignment: str, state: Path) -> None:
    """Record the source graded, so that the next run knows whether it changed."""
    stamp = state / "sources" / f"{assignment}.sha256"
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(source_fingerprint(source_dir))


def restore(db_url: str, assignment: str, student: str, state: Path) -> int:
    """Put back a student's kept hand grades after their regrade; returns how many."""
    from nbgrader.api import Gradebook, MissingEntry

    hand_file = state / "hand" / f"{assignment}.json"
    if not hand_file.is_file():
        return 0
    entries = json.loads(hand_file.read_text())
    mine = [e for e in entries if e["student"] == student]
    if not mine:
        return 0
    with Gradebook(db_url) as gb:
        for e in mine:
            try:
                if "manual_score" in e:
                    g = gb.find_grade(e["cell"], e["notebook"], assignment, student)
                    g.manual_score, g.extra_credit = e["manual_score"], e["extra_credit"]
                    g.needs_manual_grade = e["needs_manual_grade"]
                if e.get("comment"):
                    gb.find_comment(e["cell"], e["notebook"], assignment, student).manual_comment = e["comment"]
            except MissingEntry:
                continue
        gb.db.commit()
    rest = [e for e in entries if e["student"] != student]
    if rest:
        hand_file.write_text(json.dumps(rest))
    else:
        hand_file.unlink()
    return len(mine)
