"""Grading a class with hostile, broken and honest submissions side by side (toy chapter, sandbox on)."""
from __future__ import annotations

import copy
import csv
import json
import os
import shutil
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
    _second_attack_class(put, subs, root, rel, ref)
    out = tmp_path_factory.mktemp("out")
    t0 = time.monotonic()
    os.environ[SECRET_NAME] = SECRET  # a token in the grader's shell: no student may see it
    try:
        rows = grade(root, subs, out, [CH], OPTIONS, progress=SAID.append)
    finally:
        del os.environ[SECRET_NAME]
    seconds = time.monotonic() - t0
    return root, subs, out, {(r.student_id, r.assignment): r for r in rows}, seconds


SECRET_NAME, SECRET = "DLGRADER_CLASS_TOKEN", "tok-5ecret-e1a9"
XSS_MARKDOWN = ("My answer: <script>window.__pwned='markdown-script'</script> "
                "<img src=x onerror=\"window.__pwned='onerror'\"> [click](javascript:window.__pwned='link') "
                "<svg><script>window.__pwned='svg'</script></svg> $a < b$")
XSS_CODE = (HONEST + "\nfrom IPython.display import HTML, display\n"
            "display(HTML(\"<script>window.__pwned='html-output'</script><b>bold</b>\"))\n"
            "display({'image/png': 'x\" onerror=\"window.__pwned=1', 'text/plain': 'img'}, raw=True)")
# Student ids of the second attack class -> expected autograded points of 3 (None: the row is an error with 0).
SECOND_CLASS = {"many_files": 3, "dollar_flood": 3, "huge_reply": 1, "display_flood": 3, "looping_link": None,
                "link_passwd": None, "link_environ": None, "link_source": None, "link_folder": None,
                "link_student": None, "fifo_notebook": None, "env_reader": 1, "xss": 3, "many_cells": 3,
                "slow_calls": 1, "forged_deep": 1, "odd_cells": 3, "scratch_a_writer": 3, "scratch_b_reader": 1}
BAD_NAME = os.fsdecode(b"bad\xffname")
SAID: list[str] = []  # what grading the class said on its progress channel


def _second_attack_class(put, subs, root, rel, ref):
    """Symlinks, FIFOs, secrets, scripts, floods, forged replies and odd JSON: the second attack class."""
    put("link_passwd").joinpath(f"{CH}.ipynb").symlink_to("/etc/passwd")
    put("link_environ").joinpath(f"{CH}.ipynb").symlink_to("/proc/self/environ")
    put("link_source").joinpath(f"{CH}.ipynb").symlink_to(root / "source" / CH / f"{CH}.ipynb")
    (subs / "link_folder").mkdir()
    (subs / "link_folder" / CH).symlink_to(subs / "honest_first" / CH)
    (subs / "link_student").symlink_to(subs / "honest_first")
    os.mkfifo(put("fifo_notebook") / f"{CH}.ipynb")
    put("env_reader", _notebook(rel, "import glob\nseen = ''\nfor p in glob.glob('/proc/*/environ'):\n    try:\n"
                                     "        seen += open(p, 'rb').read().decode(errors='replace')\n    except OSError:\n"
                                     "        pass\nprint(seen)\ndef double(x):\n"
                                     "    assert 'DLGRADER_CLASS_' + 'TOKEN' in seen, 'no secret'\n    return 2 * np.asarray(x, dtype=float)",
                                "b"))
    xss = _notebook(rel, XSS_CODE, "b")
    for c in xss.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == "why":
            c.source = XSS_MARKDOWN
    xss.cells.append(nbformat.v4.new_markdown_cell(XSS_MARKDOWN.replace("My answer", "An added cell")))
    xss.cells.append(nbformat.v4.new_raw_cell("<script>window.__pwned='raw'</script>"))
    put("xss", xss)
    flood = _notebook(rel, HONEST, "b")
    flood.cells += [nbformat.v4.new_markdown_cell("x", metadata={"nbgrader": {"grade_id": f"fake-{i}"}})
                    for i in range(20_000)]
    put("many_cells", flood)
    put("slow_calls", _notebook(rel, "import time\ndef double(x):\n    time.sleep(3)\n"
                                     "    return 2 * np.asarray(x, dtype=float)", "b"))
    put("forged_deep", _notebook(rel, "import os, sys\nh = b'{\"op\": \"reply\", \"seq\": 1, \"ok\": true, "
                                      "\"outputs\": [], \"value\": ' + b'[' * 100000 + b']' * 100000 + b'}'\n"
                                      "os.write(int(sys.argv[2]), b'DLG1' + len(h).to_bytes(4, 'little') + bytes(4) + h)\n"
                                      "import time\ntime.sleep(3)\n" + HONEST, "b"))
    odd = json.loads(nbformat.writes(_notebook(rel, HONEST, "b")))
    odd["cells"] += [{"cell_type": "code", "source": 12345, "metadata": {}, "outputs": []},
                     {"cell_type": "markdown", "source": "hi", "metadata": {"nbgrader": {"grade_id": ["a", "list"]}}},
                     "not a cell", {"cell_type": "code", "source": "1", "metadata": [1, 2]}]
    folder = put("odd_cells")
    (folder / f"{CH}.ipynb").write_text(json.dumps(odd))
    (folder / os.fsdecode(b"data\xff.txt")).write_text("bytes for a name")
    put("scratch_a_writer", _notebook(rel, "open('/tmp/left', 'w').write('x')\nopen('/dev/shm/left', 'w').write('x')\n"
                                           + HONEST, "b"))
    put("scratch_b_reader", _notebook(rel, "import os\ndef double(x):\n    assert os.path.exists('/tmp/left') or "
                                           "os.path.exists('/dev/shm/left'), 'nothing left behind'\n"
                                           "    return 2 * np.asarray(x, dtype=float)", "b"))
    put(BAD_NAME, ref)
    # Faults and floods of issue 20, at sizes that prove each bound.
    many = put("many_files", _notebook(rel, HONEST, "b"))
    for i in range(300):
        (many / f"f{i:03d}.txt").write_text(str(i))
    dollars = _notebook(rel, HONEST, "b")
    for c in dollars.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == "why":
            c.source = "$" * 300_000
    put("dollar_flood", dollars)
    put("huge_reply", _notebook(rel, "def double(x):\n    return np.zeros(40_000_000)", "b"))
    put("display_flood", _notebook(rel, "from IPython.display import display\nfor _ in range(20):\n"
                                        "    display({'text/plain': 'x' * (2_000_000 - 10)}, raw=True)\n" + HONEST, "b"))
    (subs / ".hidden_folder").mkdir()
    (subs / "stray_file.txt").write_text("not a student")
    (subs / "looping_link").symlink_to(subs / "looping_link")


@pytest.mark.parametrize("student", list(SECOND_CLASS))
def test_second_attack_class_costs_only_its_own_row(toy_class, student):
    _, _, out, rows, _ = toy_class
    row = rows[(student, CH)]
    if SECOND_CLASS[student] is None:
        assert (row.status, row.auto_score) == ("error", 0), row
        assert "symbolic link" in row.message or "FIFO" in row.message, row.message
    else:
        assert row.status == "graded" and row.auto_score == SECOND_CLASS[student], row
    assert len(row.message) < 2000, f"{len(row.message)} characters"
    for honest in ("honest_first", "honest_last"):
        assert rows[(honest, CH)].auto_score == 3


def test_no_host_file_or_secret_reaches_any_output(toy_class):
    """Neither /etc/passwd, the environment nor the source notebook is quoted in grades.csv or any page."""
    _, _, out, rows, _ = toy_class
    texts = [(out / "grades.csv").read_text(), *(p.read_text(errors="replace") for p in out.rglob("*.html"))]
    texts += [p.read_text(errors="replace") for p in (out / "autograded").rglob("*.ipynb")]
    for text in texts:
        assert SECRET not in text and "root:x:0:0" not in text and "BEGIN SOLUTION" not in text
    assert "not a cell" not in (out / "grades.csv").read_text()


def test_odd_names_and_cells_are_noted_not_fatal(toy_class):
    _, _, out, rows, _ = toy_class
    shown = "bad\\xffname"
    assert rows[(shown, CH)].status == "error" and "rename" in rows[(shown, CH)].message
    assert shown in (out / "grades.csv").read_text(encoding="utf-8")
    odd = rows[("odd_cells", CH)].message
    assert "not text" in odd and "not cells" in odd and "not UTF-8" in odd, odd
    assert "20000 cells carried an unknown grade_id" in rows[("many_cells", CH)].message
    assert "more" in rows[("many_cells", CH)].message


def test_every_entry_gets_a_row_or_a_line(toy_class):
    _, subs, out, rows, _ = toy_class
    assert ".hidden_folder: skipped, a hidden entry" in SAID and "stray_file.txt: skipped, a file, not a student folder" in SAID
    assert "symbolic link" in rows[("looping_link", CH)].message
    named = {r[0] for r in rows} | {line.split(":")[0] for line in SAID if "skipped" in line}
    assert {os.fsdecode(n) for n in os.listdir(subs)} - {BAD_NAME} <= named | {BAD_NAME}


def test_floods_are_bounded(toy_class):
    _, _, out, rows, _ = toy_class
    assert "files past the first 200 were not copied" in rows[("many_files", CH)].message
    assert len(list((out / "submitted" / "many_files" / CH).iterdir())) <= 201
    assert "Markdown cells were cut" in rows[("dollar_flood", CH)].message
    flood = out / "autograded" / "display_flood" / CH / f"{CH}.ipynb"
    assert flood.stat().st_size < 20 << 20 and "displays were dropped" in flood.read_text()
    assert "more data than the grader accepts" in (out / "feedback" / "huge_reply" / CH / f"{CH}.html").read_text()


def test_a_slow_test_stops_at_its_budget(toy_class):
    _, _, out, rows, _ = toy_class
    fb = (out / "feedback" / "slow_calls" / CH / f"{CH}.html").read_text()
    assert "in all" in fb and "TimeoutError" in fb


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
        shutil.copytree(subs / s / CH, small / s / CH)  # a copy: the grader never follows a link
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


def test_report_and_feedback_pages_are_accessible(toy_class, browser):
    """axe-core and the keyboard (tests/test_accessibility.py) on report.html and on two feedback pages: failed
    tests with their tracebacks, and the xss student's full marks (Markdown, HTML and image outputs, sanitised)."""
    from .test_accessibility import check_files

    _, _, out, _, _ = toy_class
    pages = {"report.html": out / "report.html"}
    pages |= {f"{s}'s feedback": out / "feedback" / s / CH / f"{CH}.html" for s in ("fake_success", "xss")}
    problems = check_files(browser, pages)
    assert not problems, "\n".join(problems)


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


@pytest.mark.parametrize("page", ["feedback", "formgrade"])
def test_a_students_script_never_runs_in_an_instructors_browser(toy_class, browser, tmp_path, page):
    """The xss student's real feedback page, and its autograded notebook as the formgrader renders it, in Chromium."""
    from .test_sanitize import _render, _visit

    _, _, out, _, _ = toy_class
    if page == "feedback":
        path = out / "feedback" / "xss" / CH / f"{CH}.html"
    else:
        path = tmp_path / "formgrade.html"
        path.write_text(_render(read_notebook(out / "autograded" / "xss" / CH / f"{CH}.ipynb"), page))
    html = path.read_text()
    assert "An added cell" in html and "My answer" in html and "<b>bold</b>" in html  # the content is there
    seen = _visit(browser, path, click=True)
    assert seen["fired"] == [] and all(p is None and t != "PWNED" for p, t in seen["states"]), seen
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    assert not [t for t in soup.find_all("script") if "__pwned" in t.get_text()]
    assert not [(t.name, a) for t in soup.find_all(True) for a, v in t.attrs.items()
                if "__pwned" in str(v)]  # every payload names __pwned; the page's own handlers do not


def test_nbgrader_run_inside_out_is_safe(toy_class):
    """OUT carries the course's settings: nbgrader's own feedback never shows a hidden test, and its
    export never overwrites grades.csv."""
    _, _, out, _, _ = toy_class
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}"}
    before = (out / "grades.csv").read_text()
    page = out / "feedback" / "honest_first" / CH / f"{CH}.html"
    page.unlink()
    r = subprocess.run(["nbgrader", "generate_feedback", CH, "--force", "--student", "honest_first"], cwd=out,
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    html = page.read_text()
    assert "double-test" in html and "HIDDEN" not in html and "[6.0]" not in html
    r = subprocess.run(["nbgrader", "export"], cwd=out, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert (out / "grades.csv").read_text() == before and (out / "nbgrader_grades.csv").is_file()


def test_hand_grades_reach_feedback_and_grades_csv(toy_class):
    """A hand grade that overrides a failed test, with a comment: `dlcourse feedback` shows both, and the
    stale "failed: ..." verdict leaves grades.csv."""
    from nbgrader.api import Gradebook

    root, _, out, _, _ = toy_class
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:  # what the formgrader writes
        g = gb.find_grade("double-test", CH, CH, "slow_calls")
        g.manual_score = 2
        gb.find_comment("double", CH, CH, "slow_calls").manual_comment = "Correct, only slow: full marks."
        gb.db.commit()
    r = subprocess.run([sys.executable, "-m", "utils.cli", "--root", str(root), "feedback", "--out", str(out),
                        "--student", "slow_calls"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    html = (out / "feedback" / "slow_calls" / CH / f"{CH}.html").read_text()
    assert "Correct, only slow: full marks." in html and "HIDDEN" not in html and "[6.0]" not in html
    with open(out / "grades.csv") as f:
        row = next(r for r in csv.DictReader(f) if r["student_id"] == "slow_calls")
    assert float(row["score"]) == 3.0 and "failed" not in row["message"], row


def test_formgrader_opens_on_out(toy_class):
    """`dlcourse formgrader --out OUT` serves nbgrader's formgrader with OUT's gradebook, on loopback only."""
    import re
    import socket
    import urllib.request

    root, _, out, _, _ = toy_class
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(out / ".jupyter-test"), "JUPYTER_DATA_DIR": str(out / ".jd")}
    proc = subprocess.Popen([sys.executable, "-m", "utils.cli", "--root", str(root), "formgrader", "--out", str(out),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, start_new_session=True)
    try:
        token, said, deadline = None, [], time.monotonic() + 90
        while token is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            said.append(line)
            m = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=(\w+)", line)
            token = m and m.group(1)
        assert token, "".join(said)
        url = f"http://127.0.0.1:{port}/formgrader/api/assignments?token={token}"
        while True:  # the URL is printed a moment before the server answers
            try:
                assignments = json.loads(urllib.request.urlopen(url, timeout=30).read())
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        assert [a["name"] for a in assignments] == [CH] and assignments[0]["num_submissions"] > 30
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
