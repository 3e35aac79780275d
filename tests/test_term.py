"""An instructor's term with the toy course: regrading after a source edit, errors that say why."""
from __future__ import annotations

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.coursedir import CourseDir, GradingError, nbgrader_reason, read_notebook
from autograder.grade import GradeOptions, grade
from autograder.sandbox.client import check_sandbox
from utils.check import fill_reference
from utils.release import release

from .toy import _meta, make_toy_course

pytestmark = pytest.mark.xdist_group("term")
CH = "01_basics"


@pytest.fixture
def graded(tmp_path):
    """A toy course, two students (the reference and the untouched release), graded once."""
    check_sandbox()
    root, subs, out = tmp_path / "course", tmp_path / "subs", tmp_path / "out"
    make_toy_course(root)
    release(root, [CH])
    rel = read_notebook(root / "release" / CH / f"{CH}.ipynb")
    for student, nb in (("ann", fill_reference(rel, read_notebook(root / "source" / CH / f"{CH}.ipynb"))),
                        ("ben", rel)):
        (subs / student / CH).mkdir(parents=True)
        nbformat.write(nb, subs / student / CH / f"{CH}.ipynb")
    grade(root, subs, out, [CH], GradeOptions(workers=1))
    return root, subs, out


def test_regrading_after_a_source_edit_keeps_the_hand_grades_of_unchanged_cells(graded):
    root, subs, out = graded
    db = f"sqlite:///{out / 'gradebook.db'}"
    with Gradebook(db) as gb:  # hand grading in the formgrader
        gb.find_grade("why", CH, CH, "ann").manual_score = 2
        gb.find_comment("why", CH, CH, "ann").manual_comment = "Well argued."
        gb.find_grade("q-test", CH, CH, "ben").manual_score = 1
        gb.db.commit()
    # The instructor edits the source: q-test is worth more, and a new test is added.
    path = root / "source" / CH / f"{CH}.ipynb"
    nb = read_notebook(path)
    next(c for c in nb.cells if c.metadata.nbgrader["grade_id"] == "q-test").metadata.nbgrader["points"] = 2
    nb.cells.insert(4, nbformat.v4.new_code_cell('"""Check that double keeps the length."""\n'
                                                 "assert len(double([1.0, 2.0, 3.0])) == 3",
                                                 metadata=_meta("double-length", grade=True, locked=True, points=1)))
    nbformat.write(nb, path)
    release(root, [CH])

    said = []
    rows = {r.student_id: r for r in grade(root, subs, out, [CH], GradeOptions(workers=1), progress=said.append)}
    change = next(s for s in said if "source changed" in s)
    assert "added: double-length" in change and "changed: q-test" in change, change
    assert "1 hand grade(s) of unchanged cells are kept and 1 of changed or removed cells are dropped" in change
    assert rows["ann"].max_score == 7 and rows["ann"].score == 2 + 1 + 2 + 2, rows["ann"]  # 5 + 2 new points; why kept: 2
    assert rows["ben"].score == 0, rows["ben"]  # its hand grade was on a test that changed
    with Gradebook(db) as gb:
        assert gb.find_comment("why", CH, CH, "ann").manual_comment == "Well argued."
        assert gb.find_grade("q-test", CH, CH, "ben").manual_score is None
    assert not (out / ".dlgrader" / "hand" / f"{CH}.json").exists(), "kept hand grades were not all restored"
    again = []
    grade(root, subs, out, [CH], GradeOptions(workers=1), progress=again.append)
    assert not [s for s in again if "source changed" in s], "an unchanged source was reported as changed"


def test_nbgrader_errors_reach_the_instructor_whole(tmp_path):
    """The reason nbgrader logged, never "see the above traceback", with the whole log kept on disk."""
    log = ("[ERROR] There was an error processing assignment: x\n[ERROR] Traceback (most recent call last):\n"
           "      File \"savecells.py\", line 36, in _create_notebook\n"
           "    RuntimeError: Cannot add or remove cells for notebook 'x' because there are submissions\n"
           "nbgrader.converters.base.NbGraderException: Please see the the above traceback for details")
    assert nbgrader_reason(log) == ("RuntimeError: Cannot add or remove cells for notebook 'x' because there "
                                    "are submissions")
    cd = CourseDir(tmp_path / "course")
    (tmp_path / "course" / "source" / "broken").mkdir(parents=True)
    (tmp_path / "course" / "source" / "broken" / "broken.ipynb").write_text('{"cells": "not a list"}')
    with pytest.raises(GradingError) as err:
        cd.generate("broken")
    message = str(err.value)
    assert "above traceback" not in message and "whole log" in message, message
    assert (tmp_path / "course" / ".dlgrader" / "logs" / "release-broken.log").is_file()
