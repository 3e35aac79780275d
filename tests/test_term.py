"""An instructor's term with the toy course: regrading after a source edit, errors that say why."""
from __future__ import annotations

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.coursedir import CourseDir, GradingError, nbgrader_reason, read_notebook
from autograder.grade import GradeOptions, grade
from autograder.sandbox.client import check_sandbox
from utils.release import release

from .toy import _meta, released_toy

pytestmark = pytest.mark.xdist_group("term")
CH = "01_basics"


@pytest.fixture
def graded(tmp_path):
    """A toy course, two students (the reference and the untouched release), graded once."""
    check_sandbox()
    root, subs, out = tmp_path / "course", tmp_path / "subs", tmp_path / "out"
    rel, ref = released_toy(root)
    for student, nb in (("ann", ref), ("ben", rel)):
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


def test_a_whole_term(tmp_path):
    """Roster, an LMS archive collected, a late submission penalised (an extension honoured), hand grades,
    feedback, and the LMS import files checked against the columns Canvas and Moodle document."""
    import csv
    import subprocess
    import sys
    import zipfile

    check_sandbox()
    root, out = tmp_path / "course", tmp_path / "graded"
    _, ref = released_toy(root)
    (root / "course.toml").write_text('[late]\npenalty = "zero"\n\n[[assignments]]\nid = "01_basics"\n'
                                      'title = "Toy chapter"\ndue = 2027-01-10T12:00:00Z\n')
    (tmp_path / "class.csv").write_text("Student ID,Name,Email,Canvas ID,extension_hours\n"
                                        "ada,Ada Lovelace,ada@uni.example,101,0\n"
                                        "bob,Bob Byte,bob@uni.example,102,48\n"
                                        "cy,Cy Cell,cy@uni.example,103,0\n")

    def dl(*args):
        return subprocess.run([sys.executable, "-m", "utils.cli", "--root", str(root), *args], capture_output=True,
                              text=True, cwd=tmp_path)

    r = dl("roster", "--out", str(out), str(tmp_path / "class.csv"))
    assert r.returncode == 0 and "imported 3 students" in r.stderr, r.stderr
    archive = tmp_path / "gradebook_Toy_chapter.zip"  # Blackboard's download: attempt times in the names
    with zipfile.ZipFile(archive, "w") as z:
        for who, when in (("ada", "2027-01-10-11-00-00"), ("bob", "2027-01-11-09-00-00"),
                          ("cy", "2027-01-11-09-00-00")):
            z.writestr(f"Toy chapter_{who}_attempt_{when}.txt", f"Name: {who}\n")
            z.writestr(f"Toy chapter_{who}_attempt_{when}_{CH}.ipynb", nbformat.writes(ref))
    r = dl("collect", str(archive), "--chapter", CH, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "submitted").iterdir()) == ["ada", "bob", "cy"]

    r = dl("grade", "--submitted", str(tmp_path / "submitted"), "--out", str(out), "--workers", "2")
    assert r.returncode == 0, r.stderr
    with open(out / "grades.csv") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert (rows["ada"]["first_name"], rows["ada"]["last_name"], rows["ada"]["email"]) == \
        ("Ada", "Lovelace", "ada@uni.example")
    assert float(rows["ada"]["seconds_late"]) == 0 and float(rows["ada"]["score"]) == 3
    assert float(rows["bob"]["seconds_late"]) == 0 and float(rows["bob"]["score"]) == 3  # 48 h extension
    assert float(rows["cy"]["seconds_late"]) == 21 * 3600 and float(rows["cy"]["score"]) == 0  # late: zero
    assert float(rows["cy"]["late_penalty"]) == 3 and rows["cy"]["timestamp"].startswith("2027-01-11 09:00:00")

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:  # the written answer, graded by hand
        gb.find_grade("why", CH, CH, "ada").manual_score = 2
        gb.find_comment("why", CH, CH, "ada").manual_comment = "Clear and correct."
        gb.db.commit()
    r = dl("feedback", "--out", str(out), "--student", "ada")
    assert r.returncode == 0, r.stderr
    assert "Clear and correct." in (out / "feedback" / "ada" / CH / f"{CH}.html").read_text()

    r = dl("export", "--out", str(out), "--format", "canvas")
    assert r.returncode == 0, r.stderr
    with open(out / "grades-canvas.csv", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Toy chapter"]
    assert lines[1][0].strip() == "Points Possible" and lines[1][5] == "5"
    by_login = {line[3]: line for line in lines[2:]}
    assert by_login["ada"][:2] == ["Lovelace, Ada", "101"] and by_login["ada"][5] == "5"
    assert by_login["cy"][5] == "0"
    r = dl("export", "--out", str(out), "--format", "moodle")
    assert r.returncode == 0, r.stderr
    with open(out / "grades-moodle.csv", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["First name", "Last name", "Email address", "Toy chapter (Real)"]
    assert ["Ada", "Lovelace", "ada@uni.example", "5"] in lines
