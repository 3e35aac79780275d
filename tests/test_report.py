"""The instructor's report: course and notebook order, mistakes to re-teach, diagnoses.csv, similar answers.

A graded output folder is made by hand (release and submitted notebooks, results files,
grades.csv and a gradebook through nbgrader's API), so nothing is executed.
"""
from __future__ import annotations

import csv
import json

import nbformat
import pytest
from bs4 import BeautifulSoup

from autograder import similarity
from autograder.report import remember_db, write_diagnoses, write_report

from .toy import _meta

FIRST, SECOND = "intro", "advanced"  # the course order; by name, advanced would come first

STUB = '''def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    """Cut the indices 0..N-1, optionally shuffled, into consecutive mini-batches of batch_size."""
    # YOUR CODE HERE
    raise NotImplementedError("not done yet: replace this line with your solution")'''
HEAD = STUB.split("    # YOUR")[0]
# Two reasonable, independently written solutions, and a copy of the first with every name changed.
MINE = HEAD + '''    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    batches = []
    for start in range(0, n, batch_size):
        batch = order[start:start + batch_size]
        if drop_last and len(batch) < batch_size:
            break
        batches.append(batch)
    return batches  # </pre><script>window.__pwned = 1</script>
'''
RENAMED = HEAD + '''    # check the size first
    if batch_size < 1:
        raise ValueError("the batch size has to be positive")

    perm = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    result = []
    for s in range(0, n, batch_size):
        chunk = perm[s:s + batch_size]   # one batch
        if drop_last and len(chunk) < batch_size:
            break
        result.append(chunk)
    return result
'''
OTHER = HEAD + '''    if batch_size <= 0:
        raise ValueError("need a positive batch size")
    idx = np.arange(n)
    if shuffle:
        idx = np.random.default_rng(seed).permutation(n)
    n_full, rest = divmod(n, batch_size)
    out = [idx[i * batch_size:(i + 1) * batch_size] for i in range(n_full)]
    if rest and not drop_last:
        out.append(idx[n_full * batch_size:])
    return out
'''
THIRD = HEAD + '''    order = np.arange(n)
    if shuffle:
        rng = np.random.default_rng(seed)
        order = rng.permutation(n)
    stop = n - n % batch_size if drop_last else n
    return [order[i:min(i + batch_size, stop)] for i in range(0, stop, batch_size)]
'''
# student -> answer to `batches` (and q = 'b'); ann's notebook is copied whole by ben; fay left the stub.
ANSWERS = {"ann": MINE, "ben": MINE, "cat": RENAMED, "dan": OTHER, "eve": THIRD, "fay": STUB}
COPIES = {("ann", "ben"), ("ann", "cat"), ("ben", "cat")}

HOSTILE = "<img src=x onerror=\"window.__pwned=2\"> was told"


def _d(exercise, variant, sentence=None):
    return {"exercise": exercise, "variant": variant, "sentence": sentence or f"You {variant.replace('-', ' ')}."}


DIAGNOSES = {  # student -> the results file's "diagnoses" (absent: none)
    "ann": {"q-test": [_d("q", "wrong-letter", HOSTILE)], "batches-test": [_d("batches", "drops-last-always")]},
    "ben": {"batches-test": [_d("batches", "drops-last-always"), _d("batches", "no-shuffle")],
            "batches-test-2": [_d("batches", "drops-last-always")]},  # two cells, one mistake: counted once
    "cat": {"batches-test-2": [_d("batches", "drops-last-always")]},
    "dan": {"q-test": [_d("q", "wrong-letter", HOSTILE)]},
    "eve": {"batches-test": "not a list", "q-test": [{"exercise": 3}, "junk"]},  # malformed: ignored
    "gone": {"batches-test": [_d("batches", "drops-last-always")]},  # its row is now an error: left out
}


def _release():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell
    nb.cells = [  # q comes first in the notebook; by name, batches would
        nbformat.v4.new_markdown_cell("# A chapter", metadata=_meta("intro", locked=True)),
        code("q = None\n# YOUR CODE HERE\nraise NotImplementedError()", metadata=_meta("q", solution=True)),
        code("assert q in 'abc'", metadata=_meta("q-test", grade=True, locked=True, points=1)),
        code(STUB, metadata=_meta("batches", solution=True)),
        code("assert minibatch_indices(4, 2)", metadata=_meta("batches-test", grade=True, locked=True, points=2)),
        code("assert minibatch_indices(5, 2)", metadata=_meta("batches-test-2", grade=True, locked=True, points=1)),
    ]
    return nb


def _gradebook(db_url, students):
    import warnings

    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    from autograder.coursedir import _schema_head_in_process

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own autoflush chatter, as in CourseDir
    _schema_head_in_process()  # as the grader does: no `alembic` subprocess for a new gradebook
    with Gradebook(db_url) as gb:
        for ch in (SECOND, FIRST):
            gb.add_assignment(ch)
            gb.add_notebook(ch, ch)
            for name, pts in (("q-test", 1), ("batches-test", 2), ("batches-test-2", 1)):
                gb.add_grade_cell(name, ch, ch, max_score=pts, cell_type="code")
            for name in ("q", "batches"):
                gb.add_solution_cell(name, ch, ch)
        for s in students:
            gb.add_student(s)
            for ch in (FIRST, SECOND):
                gb.add_submission(ch, s)
        gb.find_grade("batches-test", FIRST, FIRST, "ann").auto_score = 2
        gb.db.commit()


@pytest.fixture(scope="module")
def graded_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    db_url = f"sqlite:///{out / 'gradebook.db'}"
    remember_db(out, db_url, [FIRST, SECOND])
    students = sorted(ANSWERS)
    _gradebook(db_url, students)
    release = _release()
    rows = [{"student_id": s, "assignment": ch, "status": "graded"} for s in students for ch in (FIRST, SECOND)]
    rows.append({"student_id": "gone", "assignment": FIRST, "status": "error"})
    with open(out / "grades.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["student_id", "assignment", "status"])
        w.writeheader()
        w.writerows(rows)
    for ch in (FIRST, SECOND):
        (out / "release" / ch).mkdir(parents=True)
        nbformat.write(release, out / "release" / ch / f"{ch}.ipynb")
    for s, code in ANSWERS.items():
        nb = nbformat.from_dict(release)
        nb.cells[1].source, nb.cells[3].source = "q = 'b'", code
        (out / "submitted" / s / FIRST).mkdir(parents=True)
        nbformat.write(nb, out / "submitted" / s / FIRST / f"{FIRST}.ipynb")
    for s, found in DIAGNOSES.items():
        for ch in (FIRST, SECOND):
            result = {"seconds": 1.5, "restarts": 0}
            if ch == FIRST:
                result["diagnoses"] = found
            elif s == "ann":
                result["diagnoses"] = {"q-test": [_d("q", "in-the-second")]}
            (out / ".dlgrader" / "results" / s / ch).mkdir(parents=True)
            (out / ".dlgrader" / "results" / s / ch / f"{ch}.json").write_text(json.dumps(result))
    (out / "submitted" / "gone" / FIRST).mkdir(parents=True)  # a copy from before its row became an error
    nbformat.write(nbformat.read(out / "submitted" / "ann" / FIRST / f"{FIRST}.ipynb", 4),
                   out / "submitted" / "gone" / FIRST / f"{FIRST}.ipynb")
    found = similarity.check(out, [FIRST], 0.8)
    path = write_report(out)
    return out, found, path.read_text(), BeautifulSoup(path.read_text(), "html.parser")


def flagged_pairs(report_html: str) -> set[tuple[str, str]]:
    """The pairs of students the report lists as having similar answers, in any assignment."""
    soup = BeautifulSoup(report_html, "html.parser")
    return {tuple(td.get_text() for td in tr.find_all("td")[:2])
            for table in soup.select("table.pairs") for tr in table.find_all("tr")[1:]}


def _section(soup, heading: str):
    """The elements after the heading whose text starts with ``heading``, up to the next heading of its level."""
    h = next(h for h in soup.find_all(["h2", "h3"]) if h.get_text().startswith(heading))
    found = []
    for el in h.find_next_siblings():
        if el.name in ("h2", h.name):
            break
        found.append(el)
    return found


def test_assignments_and_cells_in_course_and_notebook_order(graded_out):
    *_, soup = graded_out
    assert [h.get_text() for h in soup.find_all("h2")] == [FIRST, SECOND, "Slowest notebooks"]
    table = next(t for t in _section(soup, FIRST) if t.name == "table")
    assert [th.get_text() for th in table.find_all("th", scope="row")] == ["q-test", "batches-test", "batches-test-2"]
    assert soup.html["lang"] == "en" and all(t.caption for t in soup.find_all("table"))
    assert all(img.get("alt") for img in soup.find_all("img"))


def test_mistakes_to_reteach_count_each_student_once(graded_out):
    *_, soup = graded_out
    section = _section(soup, f"Mistakes to re-teach in {FIRST}")
    table = next(t for t in section if t.name == "table")
    counts = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")[1:]]
    assert [(ex, var, n) for ex, var, _, n, _ in counts] == [
        ("q", "wrong-letter", "2"), ("batches", "drops-last-always", "3"), ("batches", "no-shuffle", "1")]
    assert counts[1][4] == "50%"  # 3 of the 6 submissions
    img = next(t for t in section if t.name == "img")
    assert "batches: drops-last-always, 3 students" in img["alt"] and img["src"].startswith("data:image/png;base64,")
    assert "in-the-second" not in str(section)
    assert [el.get_text() for el in _section(soup, f"Mistakes to re-teach in {SECOND}") if el.name == "table"][0]


def test_student_text_is_inert_in_the_report(graded_out):
    _, _, text, soup = graded_out
    assert not soup.find_all("script") and "<script>" not in text and "<img src=x" not in text
    assert not [a for t in soup.find_all(True) for a, v in t.attrs.items() if "__pwned" in str(v)]
    assert "window.__pwned = 1" in soup.get_text() and HOSTILE in soup.get_text()  # shown, as text


def test_diagnoses_csv_one_sorted_row_per_diagnosis(graded_out):
    from utils.cli import main

    out, *_ = graded_out
    (out / "diagnoses.csv").unlink(missing_ok=True)
    assert main(["--root", str(out), "export", "--out", str(out)]) == 0  # `dlcourse export` writes it
    with open(out / "diagnoses.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["student_id", "assignment", "exercise", "test_cell", "variant", "sentence"]
    assert [(r["student_id"], r["assignment"], r["test_cell"], r["variant"]) for r in rows] == [
        ("ann", FIRST, "q-test", "wrong-letter"), ("ann", FIRST, "batches-test", "drops-last-always"),
        ("ann", SECOND, "q-test", "in-the-second"),
        ("ben", FIRST, "batches-test", "drops-last-always"), ("ben", FIRST, "batches-test", "no-shuffle"),
        ("ben", FIRST, "batches-test-2", "drops-last-always"),
        ("cat", FIRST, "batches-test-2", "drops-last-always"), ("dan", FIRST, "q-test", "wrong-letter")]
    assert rows[-1]["sentence"] == HOSTILE and write_diagnoses(out) == out / "diagnoses.csv"


def test_copies_are_listed_side_by_side_and_independent_solutions_are_not(graded_out):
    out, found, text, soup = graded_out
    assert flagged_pairs(text) == COPIES  # fay's stub is unanswered; dan and eve wrote their own
    assert found[FIRST][0] == 3
    pair = next(t for t in soup.select("table.code") if t.caption.get_text().startswith("ann and cat"))
    assert "100% of the shorter answer" in pair.caption.get_text()
    left, right = (td.get_text() for td in pair.find_all("td"))
    assert "order = np.random" in left and "perm = np.random" in right
    marked = " ".join(m.get_text() for m in pair.find_all("mark"))
    assert "for start in range(0, n, batch_size)" in marked and "NotImplementedError" not in marked


def test_the_threshold_decides():
    answers = {s: c for s, c in ANSWERS.items()}
    pairs, compared = similarity.exercise_pairs(STUB, answers, 0.3)
    assert compared == 5 and {(p["a"], p["b"]) for p in pairs} > COPIES  # shared idioms reach a low threshold
    assert max(p["similarity"] for p in pairs if (p["a"], p["b"]) not in COPIES) < 0.6
    for bad in (0, 1.5, float("nan"), "0.8"):
        with pytest.raises(ValueError, match="threshold"):
            similarity.exercise_pairs(STUB, answers, bad)


def test_what_many_students_wrote_is_not_evidence():
    """The natural one-line answer, written by more than COMMON students, flags nobody; written by two, it does."""
    stub = 'def double(x):\n    """Return 2 * x."""\n    raise NotImplementedError()'
    line = 'def double(x):\n    """Return 2 * x."""\n    return 2 * np.asarray(x, dtype=float)'
    many = {f"s{i:02d}": line for i in range(similarity.COMMON + 1)}
    assert similarity.exercise_pairs(stub, many)[0] == []
    two = {"ada": line, "bob": 'def double(x):\n    """Return 2 * x."""\n    return x + x', "cy": line}
    assert [(p["a"], p["b"]) for p in similarity.exercise_pairs(stub, two)[0]] == [("ada", "cy")]


def test_fingerprints_are_copydetects_own():
    """An answer is tokenized once and fingerprinted against several boilerplates: the same as CodeFingerprint."""
    import io

    from copydetect import CodeFingerprint

    def made(code, bp=None):
        return CodeFingerprint("a.py", similarity.NOISE, similarity.WINDOW, boilerplate=bp, fp=io.StringIO(code),
                               language="python")

    bp = similarity._boilerplate(made(STUB).hashes)
    ours, theirs = similarity._fingerprint(MINE, similarity._tokens(MINE), bp), made(MINE, bp)
    for fp in (ours, theirs):
        fp.idx = {h: [int(i) for i in v] for h, v in fp.hash_idx.items()}
    assert ours.hashes and (ours.hashes, ours.idx, ours.token_coverage) == (theirs.hashes, theirs.idx,
                                                                           theirs.token_coverage)
