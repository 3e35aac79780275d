"""Grading a class with hostile, broken and honest submissions side by side (toy chapter, sandbox on)."""
from __future__ import annotations

import copy
import csv
import json
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from autograder.coursedir import read_notebook
from autograder.grade import GradeOptions, grade
from autograder.sandbox.client import check_sandbox
from utils.check import fill_reference
from utils.release import release

from .toy import make_toy_course

# One test process runs this module: its fixtures grade a whole class once.
pytestmark = pytest.mark.xdist_group("grading")


CH = "01_basics"
OPTIONS = GradeOptions(workers=2, cell_timeout=5, memory_mb=1024, notebook_timeout=120)
HONEST = "def double(x):\n    return 2 * np.asarray(x, dtype=float)"

# student id -> (code for the `double` solution cell, answer to q or None, expected autograded points of 3)
ATTACKS = {
    "honest_first": (HONEST, "b", 3),
    "ipython_hook": ("ip = get_ipython()\nip.input_transformers_post.append(lambda lines: ['pass\\n'])\n"
                     "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
                     "def double(x):\n    raise NotImplementedError()", None, 0),
    "monkeypatch": ("import numpy, numpy.testing, torch\nimport course.testing as t\n"
                    "numpy.allclose = lambda *a, **k: True\nnumpy.testing.assert_allclose = lambda *a, **k: None\n"
                    "torch.allclose = lambda *a, **k: True\nt.assert_close = lambda *a, **k: None\n"
                    "t.check_choice = lambda *a, **k: None\ndef double(x):\n    return x", None, 0),
    "always_equal": ("class Liar(float):\n    def __eq__(self, o):\n        return True\n    __ne__ = lambda s, o: False\n"
                     "class Arr:\n    def __array__(self, *a, **k):\n        return np.array([2.0, 4.0])\n"
                     "def double(x):\n    return Arr()", None, 0),
    "array_subclass": ("class Sneaky(np.ndarray):\n    def __array_function__(self, *a, **k):\n        return True\n"
                       "    def __array_ufunc__(self, *a, **k):\n        return np.zeros(1, dtype=bool) | True\n"
                       "def double(x):\n    return np.zeros(len(x)).view(Sneaky)", None, 0),
    "reads_hidden": ("import glob, os\nfound = [p for pat in ('/**/*.ipynb', '/**/gradebook.db', '/**/source')\n"
                     "         for p in glob.glob(pat, recursive=True) if not p.startswith('/proc')]\n"
                     "print('FOUND', found)\n"
                     "def double(x):\n    if any('source' in p or 'gradebook' in p for p in found):\n"
                     "        return 2 * np.asarray(x, dtype=float)\n    raise NotImplementedError()", None, 0),
    "fake_success": ("print('All tests passed! 3/3 points')\nimport sys\nsys.stdout.write('ok\\n')\n"
                     "def double(x):\n    raise NotImplementedError()", None, 0),
    "exits_early": ("import os\nos._exit(0)", "b", 1),
    "infinite_loop": ("while True:\n    pass", "b", 1),
    "ignores_timer": ("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass", "b", 1),
    "memory_hog": ("x = bytearray(6 << 30)", "b", 1),
    "fork_bomb": ("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        break", "b", 1),
    "stderr_but_right": ("import sys\ndef double(x):\n    print('debug', file=sys.stderr)\n"
                         "    return 2 * np.asarray(x, dtype=float)", "b", 3),
    "honest_last": (HONEST, "b", 3),
}


def _notebook(release_nb, double_code, answer):
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid == "double":
            cell.source = double_code
        elif gid == "q" and answer is not None:
            cell.source = f"q = {answer!r}"
    return nb


@pytest.fixture(scope="module")
def toy_class(tmp_path_factory):
    check_sandbox()
    root = tmp_path_factory.mktemp("course")
    make_toy_course(root)
    release(root, [CH])
    rel = read_notebook(root / "release" / CH / f"{CH}.ipynb")
    src = read_notebook(root / "source" / CH / f"{CH}.ipynb")
    subs = tmp_path_factory.mktemp("submitted")

    def put(student, nb=None, text=None, name=f"{CH}.ipynb"):
        d = subs / student / CH
        d.mkdir(parents=True, exist_ok=True)
        if nb is not None:
            nbformat.write(nb, d / name)
        if text is not None:
            (d / name).write_text(text)
        return d

    for student, (code, answer, _) in ATTACKS.items():
        put(student, _notebook(rel, code, answer))
    # Tampering with the notebook itself.
    ref = fill_reference(rel, src)
    gone = nbformat.from_dict(ref)
    gone.cells = [c for c in gone.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    put("deleted_tests_right", gone)
    forged = nbformat.from_dict(rel)
    for c in forged.cells:
        m = c.metadata.get("nbgrader", {})
        if m.get("grade"):
            c.source = "pass  # tests removed"
            m.update(points=100, locked=False)
    put("edited_tests_stub", forged)
    # Bad input.
    put("malformed", text='{"cells": [')
    put("wrong_name", ref, name="my_solution.ipynb")
    (subs / "missing_notebook" / CH).mkdir(parents=True)
    put("old_format", nbformat.v4.downgrade(copy.deepcopy(ref)))  # nbformat 3
    extra = put("extra_files", ref)
    (extra / "notes.txt").write_text("my notes")
    (extra / "data").mkdir()
    (extra / "data" / "x.npy").write_bytes(b"\x93NUMPY")
    dup = nbformat.from_dict(ref)
    dup.cells[1].id = dup.cells[2].id
    d = put("duplicate_ids")
    (d / f"{CH}.ipynb").write_text(json.dumps(dup))
    put("unknown_chapter", ref)
    (subs / "unknown_chapter" / "99_magic").mkdir()
    huge = put("huge", text='{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "pad": "'
                            + "x" * (51 << 20) + '"}')
    out = tmp_path_factory.mktemp("out")
    t0 = time.monotonic()
    rows = grade(root, subs, out, [CH], OPTIONS)
    seconds = time.monotonic() - t0
    return root, subs, out, {(r.student_id, r.assignment): r for r in rows}, seconds


@pytest.mark.parametrize("student", list(ATTACKS))
def test_attack_earns_nothing_it_did_not_earn(toy_class, student):
    *_, rows, _ = toy_class
    row = rows[(student, CH)]
    assert row.status == "graded", row.message
    assert row.auto_score == ATTACKS[student][2], f"{student}: {row.auto_score} points ({row.message})"


def test_deleted_or_edited_test_cells_are_restored(toy_class):
    *_, rows, _ = toy_class
    assert rows[("deleted_tests_right", CH)].auto_score == 3
    assert "restored" in rows[("deleted_tests_right", CH)].message
    assert rows[("edited_tests_stub", CH)].auto_score == 0
    assert rows[("edited_tests_stub", CH)].auto_max_score == 3


@pytest.mark.parametrize("student,status,words", [
    ("malformed", "error", "not a valid notebook"),
    ("wrong_name", "error", "my_solution.ipynb"),
    ("missing_notebook", "error", "is missing"),
    ("huge", "error", "over the 50 MB limit"),
])
def test_bad_input_gets_a_clear_zero(toy_class, student, status, words):
    *_, rows, _ = toy_class
    row = rows[(student, CH)]
    assert (row.status, row.auto_score, row.auto_max_score) == (status, 0, 3)
    assert words in row.message


@pytest.mark.parametrize("student", ["old_format", "extra_files", "duplicate_ids", "unknown_chapter"])
def test_odd_but_valid_submissions_are_graded(toy_class, student):
    *_, rows, _ = toy_class
    assert rows[(student, CH)].auto_score == 3, rows[(student, CH)].message


def test_unknown_chapter_is_reported(toy_class):
    *_, rows, _ = toy_class
    row = rows[("unknown_chapter", "99_magic")]
    assert row.status == "error" and "unknown chapter" in row.message


def test_dead_worker_costs_only_what_could_not_run(toy_class):
    _, _, out, rows, _ = toy_class
    fb = (out / "feedback" / "exits_early" / CH / f"{CH}.html").read_text()
    assert "stopped the student process" in fb


def test_feedback_never_shows_hidden_tests(toy_class):
    _, _, out, rows, _ = toy_class
    for student in ("honest_first", "fake_success", "deleted_tests_right"):
        fb = (out / "feedback" / student / CH / f"{CH}.html").read_text()
        assert "HIDDEN" not in fb and "[6.0]" not in fb and 'check_choice(q, "abc", "b")' not in fb
    assert "Raised in your code" in (out / "feedback" / "fake_success" / CH / f"{CH}.html").read_text()


def test_grades_csv_has_every_row(toy_class):
    _, subs, out, rows, _ = toy_class
    with open(out / "grades.csv") as f:
        csv_rows = list(csv.DictReader(f))
    assert {(r["student_id"], r["assignment"]) for r in csv_rows} == set(rows)
    assert {"student_id", "assignment", "score", "max_score"} <= set(csv_rows[0])


def test_rerun_skips_graded_work(toy_class):
    root, subs, out, rows, _ = toy_class
    results = out / ".dlgrader" / "results"
    stamp = {p: p.stat().st_mtime_ns for p in results.rglob("*.json")}
    again = {(r.student_id, r.assignment): r for r in grade(root, subs, out, [CH], OPTIONS)}
    assert {k: (r.auto_score, r.status) for k, r in again.items()} == {k: (r.auto_score, r.status) for k, r in rows.items()}
    assert {p: p.stat().st_mtime_ns for p in results.rglob("*.json")} == stamp, "graded work was executed again"


def test_killed_grader_resumes_without_losing_or_repeating_work(toy_class, tmp_path):
    root, subs, _, rows, _ = toy_class
    out = tmp_path / "out"
    honest = [s for s in ATTACKS if ATTACKS[s][0] == HONEST or s.startswith("stderr")]
    small = tmp_path / "subs"
    for s in honest + ["fake_success", "monkeypatch"]:
        (small / s).mkdir(parents=True)
        os.symlink(subs / s / CH, small / s / CH)
    cmd = [sys.executable, "-m", "utils.cli", "--root", str(root), "grade", "--submitted", str(small),
           "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / ".dlgrader" / "done").rglob("*.json")):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = {p: p.stat().st_mtime_ns for p in (out / ".dlgrader" / "results").rglob("*.json")}
    assert first, "the grader was killed before it finished anything"
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    after = {p: p.stat().st_mtime_ns for p in (out / ".dlgrader" / "results").rglob("*.json")}
    assert all(after[p] == t for p, t in first.items()), "finished work was executed twice"
    with open(out / "grades.csv") as f:
        got = {row["student_id"]: float(row["auto_score"]) for row in csv.DictReader(f)}
    assert got == {s: float(ATTACKS[s][2]) for s in got} and len(got) == len(honest) + 2


def test_export_includes_manual_points_and_report(toy_class):
    from nbgrader.api import Gradebook

    from autograder.report import export

    _, _, out, rows, _ = toy_class
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:  # what the formgrader does
        g = gb.find_grade("why", CH, CH, "honest_first")
        g.manual_score = 2
        gb.db.commit()
    export(out)
    with open(out / "grades.csv") as f:
        got = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(f)}
    assert float(got[("honest_first", CH)]["score"]) == 5.0 and float(got[("honest_last", CH)]["score"]) == 3.0
    assert got[("malformed", CH)]["status"] == "error"  # rows that could not be graded are kept
    report = (out / "report.html").read_text()
    assert "double-test" in report and "pass rate" in report and "data:image/png;base64" in report
    assert "Slowest notebooks" in report


def test_feedback_page_matches_nbconvert_text(toy_class, tmp_path):
    """The faster exporter writes the same visible page as nbconvert's HTMLExporter, alt text included."""
    from bs4 import BeautifulSoup
    from nbconvert.exporters import HTMLExporter

    from autograder.coursedir import CourseDir
    from autograder.feedback import FeedbackExporter

    _, _, out, _, _ = toy_class
    nb = read_notebook(CourseDir(out).autograded("honest_first", CH))
    nb.cells.append(nbformat.v4.new_code_cell("1", outputs=[nbformat.v4.new_output(
        "display_data", {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})]))
    pages = []
    for exporter in (HTMLExporter(template_name="classic"), FeedbackExporter(template_name="classic")):
        for _ in range(2):  # the second call is served from the memo
            html, _ = exporter.from_notebook_node(copy.deepcopy(nb))
        pages.append(BeautifulSoup(html, "html.parser"))
    stock, fast = pages
    assert fast.get_text() == stock.get_text()
    assert [t.name for t in fast.find_all()] == [t.name for t in stock.find_all()]
    assert fast.find_all("img") and all(img.get("alt") for img in fast.find_all("img"))


def test_compiled_metadata_schemas_still_reject_bad_metadata():
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError

    from autograder.coursedir import _compile_metadata_schemas

    _compile_metadata_schemas()
    good = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "t", "schema_version": 3}})
    MetadataValidator().validate_cell(good)
    for bad in ({"points": "many"}, {"grade_id": 7}, {"surprise": 1}):
        cell = copy.deepcopy(good)
        cell.metadata.nbgrader.update(bad)
        with pytest.raises(ValidationError):
            MetadataValidator().validate_cell(cell)
