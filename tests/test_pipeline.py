"""The pipeline on a toy chapter: release, check's verdicts (including the failures it must catch), grading."""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from autograder.coursedir import GradingError, cell_errors, read_notebook
from autograder.grade import discover
from utils.check import check_chapter, fill_reference
from utils.paths import resolve_chapters
from utils.release import compare_release, release

from .toy import TEST, make_toy_course


def dlcourse(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "utils.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def toy(tmp_path):
    make_toy_course(tmp_path)
    release(tmp_path, ["01_basics"])
    return tmp_path


def test_release_strips_solutions_and_hidden_tests(toy):
    text = (toy / "release/01_basics/01_basics.ipynb").read_text()
    assert "raise NotImplementedError(" in text and "not done yet: replace this line" in text and "YOUR ANSWER HERE" in text
    assert "2 * np.asarray" not in text and "HIDDEN" not in text and "[6.0]" not in text and "q = 'b'" not in text


def test_check_passes_a_sound_chapter(toy, tmp_path_factory):
    rep = check_chapter(toy, "01_basics", tmp_path_factory.mktemp("work"))
    assert rep.ok, rep.problems
    assert (rep.max_score, rep.reference_score, rep.stub_score, rep.release_in_sync) == (3, 3, 0, True)
    assert rep.seconds > 0


def test_check_catches_an_edited_release(toy, tmp_path_factory):
    p = toy / "release/01_basics/01_basics.ipynb"
    nb = nbformat.read(p, 4)
    nb.cells[0].source += " (edited by hand)"
    nbformat.write(nb, p)
    rep = check_chapter(toy, "01_basics", tmp_path_factory.mktemp("work"))
    assert not rep.release_in_sync and not rep.ok
    assert "cell 0" in rep.problems[0]


def test_check_catches_a_test_the_stub_passes(tmp_path, tmp_path_factory):
    make_toy_course(tmp_path, test='"""Check nothing."""\nassert True')
    release(tmp_path, ["01_basics"])
    rep = check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work"))
    assert rep.stub_score == 2 and any("untouched stub earns 2" in p for p in rep.problems)


def test_check_catches_a_reference_that_fails_and_a_non_stub_error(tmp_path, tmp_path_factory):
    broken = '"""Check."""\nundefined_helper()\n' + TEST
    make_toy_course(tmp_path, test=broken)
    release(tmp_path, ["01_basics"])
    rep = check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work"))
    assert rep.reference_score == 1
    assert any("reference loses 2" in p and "NameError" in p for p in rep.problems)
    assert any("other than the stub" in p and "NameError" in p for p in rep.problems)


def test_check_names_an_idiom_that_cannot_cross_the_boundary():
    """`dlcourse check` names the cell and says what to write instead (no grading needed to find it)."""
    from utils.check import boundary_problems

    src = nbformat.read(make_toy_course(Path(tempfile.mkdtemp()), test='"""Check."""\nassert isinstance(double, object)\n'
                                        'double.cache[0] = 1\nassert double is not None'), 4)
    found = boundary_problems(src)
    assert len(found) == 3 and all(f.startswith("cell double-test, line ") for f in found), found
    assert "check the data it returns" in found[0] and "assign the whole value" in found[1] and "`is`" in found[2]
    nested = '"""Check."""\nif True:\n    def double(x):\n        return 2 * x\n'
    found = boundary_problems(nbformat.read(make_toy_course(Path(tempfile.mkdtemp()), test=nested), 4))
    assert len(found) == 1 and "defined inside a block" in found[0] and "line 3" in found[0], found


def test_a_locked_cell_that_wraps_the_students_function_keeps_full_marks(tmp_path, tmp_path_factory):
    """nbgrader's idiom of an instructor cell rebinding an exercise name (`double = wrap(double)`)."""
    from .toy import _meta

    path = make_toy_course(tmp_path)
    nb = nbformat.read(path, 4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("double = (lambda f: lambda x: f(x))(double)\ndouble.wrapped = True",
                                                 metadata=_meta("wrap", locked=True)))
    nb.cells[4].source += "\nassert double.wrapped, 'the wrapped function was not the one tested'"
    nbformat.write(nb, path)
    release(tmp_path, ["01_basics"])
    rep = check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work"))
    assert rep.ok and rep.reference_score == 3, rep.problems


QUAD = "def quad(x):\n    \"\"\"Return 4 * x, by doubling twice.\"\"\"\n    ### BEGIN SOLUTION\n    return double(double(x))\n    ### END SOLUTION"
# The course's idiom for "one mistake, one exercise": the hidden part of a later test
# defines the reference of the earlier exercise, and restores the student's at the end.
QUAD_TEST = ('"""Check quad."""\n### BEGIN HIDDEN TESTS\n_own_double = double\n\n\ndef double(x):\n'
             '    return 2 * np.asarray(x, dtype=float)\n\n\n### END HIDDEN TESTS\n'
             'testing.assert_close(quad([1.0]), [4.0])\n### BEGIN HIDDEN TESTS\ndouble = _own_double\n### END HIDDEN TESTS')


def test_a_later_exercise_is_graded_with_the_reference_of_an_earlier_one(tmp_path, tmp_path_factory):
    """A test that defines an exercise name defines it in the sandbox too: a wrong `double` costs only its own points."""
    from .toy import _meta

    path = make_toy_course(tmp_path)
    nb = nbformat.read(path, 4)
    nb.cells[4:4] = [nbformat.v4.new_code_cell(QUAD, metadata=_meta("quad", solution=True)),
                     nbformat.v4.new_code_cell(QUAD_TEST, metadata=_meta("quad-test", grade=True, locked=True, points=3)),
                     nbformat.v4.new_code_cell('"""double is the one of the student again."""\nassert double(1.0) != 2.0',
                                               metadata=_meta("after-test", grade=True, locked=True, points=1))]
    nbformat.write(nb, path)
    release(tmp_path, ["01_basics"])
    src = read_notebook(path)
    rel = read_notebook(tmp_path / "release/01_basics/01_basics.ipynb")
    subs = tmp_path_factory.mktemp("subs")
    variants = {"triple": ("3 * np.asarray(x, dtype=float)", "double(double(x))"),
                "quad-wrong": ("2 * np.asarray(x, dtype=float)", "double(x)")}
    for student, (d, q) in variants.items():
        nb = fill_reference(rel, src)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid == "double":
                cell.source = f"def double(x):\n    return {d}"
            elif gid == "quad":
                cell.source = f"def quad(x):\n    return {q}"
        (subs / student / "01_basics").mkdir(parents=True)
        nbformat.write(nb, subs / student / "01_basics/01_basics.ipynb")
    out = tmp_path_factory.mktemp("out")
    r = dlcourse("--root", str(tmp_path), "grade", "--submitted", str(subs), "--out", str(out))
    assert r.returncode == 0, r.stderr
    scores = {}
    for student in variants:
        graded = nbformat.read(out / "autograded" / student / "01_basics/01_basics.ipynb", 4)
        scores[student] = {c.metadata.nbgrader["grade_id"]: not any(o.get("output_type") == "error" for o in c.outputs)
                           for c in graded.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
                           and not c.metadata.nbgrader.get("solution")}
    # A tripling double loses double's points only; quad, built on it, is graded with the reference.
    assert scores["triple"] == {"double-test": False, "quad-test": True, "after-test": True, "q-test": True}
    assert scores["quad-wrong"] == {"double-test": True, "quad-test": False, "after-test": False, "q-test": True}


def test_check_names_a_release_cell_that_fails_with_a_cascade(tmp_path, tmp_path_factory):
    """On the untouched release a demo may say "solve exercise N first", never a NameError from an earlier cell."""
    from .toy import _meta

    path = make_toy_course(tmp_path)
    nb = nbformat.read(path, 4)
    nb.cells[4:4] = [
        nbformat.v4.new_code_cell("from course.unsolved import needs_your_code, register\nregister({'double': 1})\n"
                                  "with needs_your_code():\n    y = double(1.0)", metadata=_meta("demo-good", locked=True)),
        nbformat.v4.new_code_cell("z = double(2.0)", metadata=_meta("demo-stub", locked=True)),
        nbformat.v4.new_code_cell("print(y + 1)", metadata=_meta("demo-cascade", locked=True)),
    ]
    nbformat.write(nb, path)
    release(tmp_path, ["01_basics"])
    rep = check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work"))
    assert len(rep.problems) == 1 and "demo-cascade fails in the untouched release with NameError" in rep.problems[0], \
        rep.problems


def test_check_accepts_an_assignment_of_written_answers_only(tmp_path, tmp_path_factory):
    path = make_toy_course(tmp_path)
    nb = nbformat.read(path, 4)
    nb.cells = [c for c in nb.cells if c.metadata.nbgrader["grade_id"] in ("intro", "why")]
    nbformat.write(nb, path)
    release(tmp_path, ["01_basics"])
    rep = check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work"))
    assert rep.ok and (rep.max_score, rep.hand_points) == (0, 2), rep.problems


def test_grade_cli_on_toy_class(toy, tmp_path_factory):
    """Rows for every kind of submission; a failed test names the catalogued slip a submission behaves like."""
    subs = tmp_path_factory.mktemp("subs")
    rel = read_notebook(toy / "release/01_basics/01_basics.ipynb")
    src = read_notebook(toy / "source/01_basics/01_basics.ipynb")
    (toy / "tests" / "catalogue").mkdir(parents=True)
    (toy / "tests" / "catalogue" / "ch01_toy.py").write_text(TOY_CATALOGUE)
    planted = {"tom": ("double", "def double(x):\n    return np.asarray(x, dtype=float) * 3"),  # the slip, own words
               "ivy": ("q", "q = 'a'"),
               "gus": ("double", "def double(x):\n    return np.asarray(x, dtype=float) + 1"),  # not catalogued
               # tom's answer copied, its name and comment changed (the similarity check must see through both)
               "kim": ("double", "def double(values):\n    # times three\n"
                                 "    return np.asarray(values, dtype=float) * 3")}
    for student, (gid, code) in planted.items():
        nb = fill_reference(rel, src)
        next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid).source = code
        (subs / student / "01_basics").mkdir(parents=True)
        nbformat.write(nb, subs / student / "01_basics/01_basics.ipynb")
    for student, nb in (("ann", fill_reference(rel, src)), ("ben", rel)):
        (subs / student / "01_basics").mkdir(parents=True)
        nbformat.write(nb, subs / student / "01_basics/01_basics.ipynb")
    (subs / "cat/01_basics").mkdir(parents=True)
    (subs / "cat/01_basics/01_basics.ipynb").write_text('{"cells": [')
    (subs / "dan/01_basics").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), subs / "dan/01_basics/01_basics.ipynb")
    (subs / "eve/01_basics").mkdir(parents=True)
    nbformat.write(rel, subs / "eve/01_basics/renamed.ipynb")
    (subs / "fay").mkdir()
    out = tmp_path_factory.mktemp("out")
    r = dlcourse("--root", str(toy), "grade", "--submitted", str(subs), "--out", str(out))
    assert r.returncode == 3, r.stderr  # every row written, some submissions could not be graded
    rows = {row["student_id"]: row for row in csv.DictReader(open(out / "grades.csv"))}
    assert list(rows) == ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "ivy", "kim", "tom"]
    assert (rows["ann"]["score"], rows["ann"]["auto_score"], rows["ann"]["max_score"]) == ("3.0", "3.0", "5.0")
    assert rows["ben"]["score"] == "0.0" and rows["ben"]["status"] == "graded"
    assert rows["cat"]["status"] == "error" and "not a valid notebook" in rows["cat"]["message"]
    assert rows["dan"]["status"] == "error" and "no nbgrader cells" in rows["dan"]["message"]
    assert rows["eve"]["status"] == "error" and "renamed.ipynb" in rows["eve"]["message"]
    assert rows["fay"]["status"] == "missing"
    assert all(rows[s]["score"] == "0.0" and rows[s]["max_score"] == "5.0" for s in ("cat", "dan", "eve", "fay"))
    assert (out / "feedback/ann/01_basics/01_basics.html").is_file()
    assert "could not grade 3" in r.stderr
    # The input folder is left as it was.
    assert (subs / "cat/01_basics/01_basics.ipynb").read_text() == '{"cells": ['
    # The slips: named in the feedback, the results, diagnoses.csv and the report; nothing for the others.
    page = {s: (out / "feedback" / s / "01_basics" / "01_basics.html").read_text()
            for s in ("ann", "ben", "gus", "ivy", "tom")}
    assert "What this looks like: You multiply by 3." in page["tom"]
    assert "What this looks like: You picked the first option." in page["ivy"]
    assert not any("What this looks like" in page[s] for s in ("ann", "ben", "gus")), "a stub, a correct answer or an " \
        "uncatalogued slip was given a diagnosis"
    tom = json.loads((out / ".dlgrader/results/tom/01_basics/01_basics.json").read_text())
    assert [d["variant"] for d in tom["diagnoses"]["double-test"]] == ["triples"]
    diagnosed = sorted((r["student_id"], r["variant"]) for r in csv.DictReader(open(out / "diagnoses.csv", newline="")))
    assert diagnosed == [("ivy", "first"), ("kim", "triples"), ("tom", "triples")]
    report = (out / "report.html").read_text()
    assert "You multiply by 3." in report
    # The copied pair is listed for the instructor (every other double is the reference's, or the stub).
    from .test_report import flagged_pairs

    assert ("kim", "tom") in flagged_pairs(report)
    kim = (out / "feedback/kim/01_basics/01_basics.html").read_text()
    assert not re.search(r"\bkim\b", page["tom"]) and not re.search(r"\btom\b", kim), "a student was told of the pair"


TOY_CATALOGUE = '''CHAPTER = "01_basics"
WRONG = {
    "double": {
        "triples": "def double(x):\\n    return 3 * np.asarray(x, dtype=float)\\n",
        "squares": "def double(x):\\n    return np.asarray(x, dtype=float) ** 2\\n",
        "integer": "def double(x):\\n    return 2 * np.asarray(x).astype(int)\\n",
        "in-place": "def double(x):\\n    x = np.asarray(x, dtype=float)\\n    x *= 2\\n    return x\\n",
    },
    "q": {"first": "q = 'a'\\n", "last": "q = 'c'\\n", "upper": "q = 'B'\\n", "none": "q = None\\n"},
}
DIAGNOSES = {
    "double": {"triples": "You multiply by 3.", "squares": "You square x.", "integer": "You round to integers.",
               "in-place": "You change x in place."},
    "q": {"first": "You picked the first option.", "last": "You picked the last option.",
          "upper": "You wrote a capital letter.", "none": "You left it unanswered."},
}
CORRECT = {}
'''


def test_read_notebook_errors(tmp_path):
    p = tmp_path / "x.ipynb"
    p.write_text("not json")
    with pytest.raises(GradingError, match="not a valid notebook|not a readable notebook"):
        read_notebook(p)
    with pytest.raises(GradingError, match="does not exist"):
        read_notebook(tmp_path / "missing.ipynb")


def test_cell_errors_reads_errors_and_stderr(tmp_path):
    nb = nbformat.v4.new_notebook()
    meta = lambda g: {"nbgrader": {"grade": True, "grade_id": g, "solution": False, "locked": True, "points": 1}}
    a = nbformat.v4.new_code_cell("x", metadata=meta("a"))
    a.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="bad", traceback=[])]
    b = nbformat.v4.new_code_cell("y", metadata=meta("b"))
    b.outputs = [nbformat.v4.new_output("stream", name="stderr", text="warning!")]
    c = nbformat.v4.new_code_cell("z", metadata=meta("c"))
    nb.cells = [a, b, c]
    nbformat.write(nb, tmp_path / "n.ipynb")
    assert cell_errors(tmp_path / "n.ipynb") == {"a": "AssertionError: bad", "b": "stderr: warning!"}


def test_compare_release_reports_missing_and_extra(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/x.txt").write_text("1")
    assert "missing" in compare_release(tmp_path / "a", tmp_path / "b")
    (tmp_path / "b/x.txt").write_text("2")
    assert compare_release(tmp_path / "a", tmp_path / "b") == "x.txt differs"
    assert "is missing" in compare_release(tmp_path / "a", tmp_path / "nope")


def test_discover_errors(tmp_path):
    with pytest.raises(GradingError, match="not a folder"):
        discover(tmp_path / "nope")
    with pytest.raises(GradingError, match="no student folders"):
        discover(tmp_path)
    (tmp_path / "s1/misc").mkdir(parents=True)
    with pytest.raises(GradingError, match="no chapter folders"):
        discover(tmp_path)


def test_resolve_chapters(toy):
    assert resolve_chapters(toy, None) == ["01_basics"]
    assert resolve_chapters(toy, ["01"]) == ["01_basics"]
    with pytest.raises(ValueError, match="unknown chapter 'nope'"):
        resolve_chapters(toy, ["nope"])


def test_cli_help_and_usage_errors(toy):
    for args in ([], ["release"], ["check"], ["grade"]):
        r = dlcourse(*args, "--help")
        assert r.returncode == 0 and "usage: dlcourse" in r.stdout and "example" in r.stdout
    r = dlcourse("--root", str(toy), "check", "nope")
    assert r.returncode == 2 and "unknown chapter 'nope'" in r.stderr
    r = dlcourse("--root", str(toy), "grade", "--submitted", str(toy / "nothing"), "--out", str(toy / "o"))
    assert r.returncode == 1 and "is not a folder" in r.stderr


def test_check_cli_json_on_toy(toy):
    r = dlcourse("--root", str(toy), "check", "--json")
    assert r.returncode == 0, r.stderr
    (rep,) = json.loads(r.stdout)
    assert {k: rep[k] for k in ("chapter", "max_score", "reference_score", "stub_score", "release_in_sync")} == {
        "chapter": "01_basics", "max_score": 3.0, "reference_score": 3.0, "stub_score": 0.0, "release_in_sync": True}
    assert rep["seconds"] > 0


def test_progress_counts_visible_tests_and_never_writes(toy, tmp_path):
    learner = tmp_path / "mine"
    shutil.copytree(toy / "release", learner)
    nb_path = learner / "01_basics" / "01_basics.ipynb"
    before = nb_path.read_bytes()
    r = dlcourse("--root", str(toy), "progress", str(learner), "--html", str(tmp_path / "p.html"))
    assert r.returncode == 0, r.stderr
    assert "0 / 2" in r.stdout and "double-test: not done yet" in r.stdout
    assert nb_path.read_bytes() == before
    filled = fill_reference(read_notebook(nb_path), read_notebook(toy / "source/01_basics/01_basics.ipynb"))
    filled.cells.append(nbformat.v4.new_code_cell("open('scratch.txt', 'w').write('a file the notebook writes')"))
    nbformat.write(filled, nb_path)
    r = dlcourse("--root", str(toy), "progress", str(learner))
    assert r.returncode == 0 and "2 / 2" in r.stdout, r.stdout + r.stderr
    assert not (nb_path.parent / "scratch.txt").exists(), "the notebook ran in the learner's folder"
    assert "WARNING" not in r.stdout + r.stderr, "kernel chatter reached the learner"
    assert "0 / 2" in (tmp_path / "p.html").read_text()
    # An assignment of two notebooks (any names): each is run and shown as folder/notebook.
    (learner / "two").mkdir()
    shutil.copy(nb_path, learner / "two" / "part_a.ipynb")
    shutil.copy(toy / "release" / "01_basics" / "01_basics.ipynb", learner / "two" / "part_b.ipynb")
    r = dlcourse("--root", str(toy), "progress", str(learner))
    assert r.returncode == 0 and "two/part_a" in r.stdout and "two/part_b" in r.stdout, r.stdout + r.stderr


def test_feedback_rendering_has_a_time_limit():
    """A page that takes too long to render becomes a clear error, not a grader held for minutes."""
    from autograder.grade import _time_limit

    t0 = time.monotonic()
    with pytest.raises(GradingError, match="took too long"):
        with _time_limit(0.3, "took too long"):
            while True:
                pass
    assert time.monotonic() - t0 < 5
    with _time_limit(5, "unused"):
        pass


def test_course_file_points_are_checked(tmp_path, tmp_path_factory):
    """course.toml's points for an assignment must match what its graded cells carry (3 + 2 in the toy)."""
    make_toy_course(tmp_path)
    release(tmp_path, ["01_basics"])
    (tmp_path / "course.toml").write_text('[[assignments]]\nid = "01_basics"\ntitle = "Toy"\npoints = 6\n')
    rep = check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work"))
    assert any("gives 01_basics 6 points, its graded cells carry 5" in p for p in rep.problems), rep.problems
    (tmp_path / "course.toml").write_text('[[assignments]]\nid = "01_basics"\ntitle = "Toy"\npoints = 5\n')
    assert check_chapter(tmp_path, "01_basics", tmp_path_factory.mktemp("work")).ok


def test_site_has_a_page_per_notebook_of_an_assignment(tmp_path):
    """An assignment of two notebooks (any names) gets two pages; a one-notebook chapter keeps its name."""
    from utils.site import build_site, pages

    make_toy_course(tmp_path)
    for name in ("part_a", "part_b"):
        make_toy_course(tmp_path, chapter="two")
        (tmp_path / "source" / "two" / "two.ipynb").rename(tmp_path / "source" / "two" / f"{name}.ipynb")
    release(tmp_path, ["01_basics", "two"])
    assert pages(tmp_path, ["01_basics", "two"]) == [("01_basics", "01_basics", "01_basics"),
                                                      ("two-part_a", "two", "part_a"), ("two-part_b", "two", "part_b")]
    result = build_site(tmp_path, tmp_path / "site", ["two"], workers=2)
    assert {p.name for p in result.out.glob("two-*.html")} == {"two-part_a.html", "two-part_b.html"}
    assert "two-part_b.html" in (result.out / "index.html").read_text()


def test_a_slot_imports_what_the_assignment_imports(tmp_path):
    """The zygote of a grading run imports the modules its assignments' notebooks import (a chapter without
    PyTorch does not pay for it), whatever the form of the import, and nothing a cell only mentions."""
    from autograder.grade import imported_modules
    from autograder.sandbox import warm

    make_toy_course(tmp_path)
    nb = tmp_path / "source" / "01_basics" / "01_basics.ipynb"
    book = nbformat.read(nb, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell("%matplotlib inline\nimport scipy.special as sp\n"
                                                "from sklearn import metrics\nfrom . import nothing\n"
                                                "def f():\n    import json\n# import torch\ns = 'import os'"))
    nbformat.write(book, nb)
    found = imported_modules(tmp_path, ["01_basics"])
    assert {"numpy", "scipy.special", "sklearn", "json"} <= set(found), found
    assert not {"torch", "os", "nothing"} & set(found), found
    z = warm.Zygote(sandboxed=False, preload=["json"])  # as a grading slot asks for it
    z.start()
    try:
        info = warm.wait_ready(z)
        assert info is not None and info["preloaded"] == ["json"], info
    finally:
        z.close()
