"""Demonstrations tagged skip-when-grading: what the analysis proves, what grading skips, what the check catches."""
from __future__ import annotations

import nbformat
import pytest

from autograder.demos import flow, skippable, why_kept
from autograder.sandbox.client import Limits, check_sandbox
from autograder.sandbox.executor import DEMO_NOTE, CellPlan, execute
from autograder.submission import plan


# -- the analysis -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("code, reads, binds, mutates", [
    ("fig, ax = plt.subplots()\nax.plot(x)", {"plt", "x"}, {"fig", "ax"}, set()),
    ("x[0] = 1", {"x"}, set(), {"x"}),
    ("x.attr = 1", {"x"}, set(), {"x"}),
    ("x += 1", {"x"}, {"x"}, {"x"}),
    ("y = []\ny.append(1)\ny[0] = 2", set(), {"y"}, set()),
    # a context manager may swallow the error (needs_your_code does): z may be the outer z
    ("with needs_your_code():\n    z = f()\nprint(z)", {"needs_your_code", "f", "print", "z"}, {"z"}, set()),
    ("with torch.no_grad():\n    z = f()\nprint(z)", {"torch", "f", "print"}, {"z"}, set()),
    ("for i in range(n):\n    total = i\nprint(total)", {"range", "n", "print", "total"}, {"i", "total"}, set()),
    ("[i * k for i in range(n)]", {"k", "range", "n"}, set(), set()),
    ("def h():\n    global c\n    c = 1", set(), {"h", "c"}, {"c"}),
    ("import numpy as np\nfrom a.b import c as d", set(), {"np", "d"}, set()),
    ("%matplotlib inline\nv = 1", set(), {"v"}, set()),
])
def test_the_flow_of_a_cell(code, reads, binds, mutates):
    f = flow(code)
    assert (set(f.reads), set(f.binds), set(f.mutates), f.opaque) == (reads, binds, mutates, False)


def test_functions_read_their_globals_later_and_what_cannot_be_followed_is_opaque():
    assert set(flow("def g(a):\n    return a + w + [q for q in r]").later) >= {"w", "r"}
    assert "a" not in flow("def g(a):\n    return a").later
    assert flow("from m import *").opaque and flow("def (:").opaque and flow("print(_)").opaque
    assert flow("if \"t\" in globals():\n    pass").opaque and not flow("model.eval()").opaque


def _skip(*sources, candidates):
    return skippable(list(sources), set(candidates))


def test_a_demo_nothing_reads_is_skipped_and_one_that_is_read_runs():
    assert _skip("a = 1", "b = a * 2\nprint(b)", "assert a == 1", candidates={1}) == {1}
    assert _skip("a = 1", "b = a * 2", "assert b == 2", candidates={1}) == set()
    # a test that binds the name first reads its own value
    assert _skip("a = 1", "b = a * 2", "b = 3\nassert b == 3", candidates={1}) == {1}
    # Markdown cells (None) never run
    assert _skip("a = 1", None, "b = 2", None, candidates={2}) == {2}


def test_a_function_defined_anywhere_keeps_what_it_reads_alive():
    assert _skip("def f():\n    return b", "b = 2", "f()", candidates={1}) == set()
    assert _skip("b = 2", "def f():\n    return b", candidates={0}) == set()


def test_a_demo_that_stores_into_an_outer_object_or_precedes_an_opaque_cell_runs():
    assert _skip("a = [1]", "a[0] = 5", "assert a", candidates={1}) == set()
    assert _skip("a = 1", "b = 2", "from m import *", candidates={1}) == set()
    assert _skip("from m import *", "b = 2", candidates={1}) == {1}


def test_kept_demos_keep_what_they_read_from_other_demos():
    # 1 binds p; 2 reads p and binds q; the test reads q: 2 runs, so 1 must run too
    assert _skip("import math", "p = 1", "q = p + 1", "assert q == 2", candidates={1, 2}) == set()
    assert _skip("import math", "p = 1", "q = p + 1", "assert True", candidates={1, 2}) == {1, 2}
    sources = ["p = 1", "q = p + 1", "assert q == 2"]
    reasons = why_kept(sources, {0, 1}, skippable(sources, {0, 1}))
    assert "cell 2 reads q" in reasons[1] and "cell 1 reads p" in reasons[0]


# -- planning a submission --------------------------------------------------------------------------------
def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _code(source, tags=(), **nbgrader):
    meta = {"tags": list(tags)} if tags else {}
    if nbgrader:
        meta["nbgrader"] = {"schema_version": 3, "grade": False, "solution": False, "locked": False, **nbgrader}
    return nbformat.v4.new_code_cell(source, metadata=meta)


TAG = ["skip-when-grading"]
SOURCE = _nb(
    _code("import numpy as np", grade_id="setup", locked=True),
    _code("def double(x):\n    return 2 * np.asarray(x)", grade_id="double", solution=True),
    _code("print('demo ran', double([1.0]))", tags=TAG),
    _code("shown = double([2.0])\nprint('locked demo ran')", tags=TAG, grade_id="locked-demo", locked=True),
    _code("scale = 3", tags=TAG),
    _code("assert double(1.0) * scale == 6", grade_id="test", grade=True, locked=True, points=1),
)


def test_the_plan_skips_only_untouched_unread_tagged_demos():
    sub = nbformat.from_dict(SOURCE)
    for c in sub.cells:
        c.metadata.pop("tags", None)  # a submission's tags are never trusted: the source's are
    cells, _ = plan(sub, SOURCE)
    assert [c.role for c in cells] == ["student", "student", "demo", "demo", "student", "test"]
    edited = nbformat.from_dict(sub)
    edited.cells[2].source = "print('my own demo')"
    assert [c.role for c in plan(edited, SOURCE)[0]][2:4] == ["student", "demo"]
    # a student who tags a cell of their own gains nothing: it runs
    tagged = nbformat.from_dict(sub)
    tagged.cells[1].metadata["tags"] = TAG
    assert plan(tagged, SOURCE)[0][1].role == "student"
    assert "demo" not in [c.role for c in plan(sub, SOURCE, demos=False)[0]]


# -- executing ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sandbox_ok():
    check_sandbox()


def _outputs(res, i):
    return "".join(o.get("text", "") for o in res.outputs[i])


def test_a_skipped_demo_says_so_and_verifying_catches_what_the_analysis_cannot(tmp_path, sandbox_ok):
    cells = [CellPlan("student", "import numpy as np\nimport random\nnp.random.seed(1)\nrandom.seed(1)\n"
                                 "hist, fig = [1, 2], 0\nrng = np.random.default_rng(0)"),
             CellPlan("demo", "print('drawn', np.random.rand(), random.random())"),  # global generators: fine
             CellPlan("demo", "hist.append(3)"),  # a method call changes an earlier value: not fine
             CellPlan("demo", "rng.normal()"),  # draws from an earlier generator: not fine
             CellPlan("demo", "fig = 1\nprint('rebinds only')"),
             CellPlan("demo", "np.seterr(all='raise')"),  # a setting every later cell inherits: not fine
             CellPlan("student", "print('next draws', np.random.rand(), random.random())")]
    limits = Limits(call_timeout=20, memory_mb=1024, max_pids=32)
    skipped = execute(cells, [], tmp_path, limits, notebook_timeout=120)
    assert [_outputs(skipped, i) for i in (1, 2, 3, 4, 5)] == [DEMO_NOTE] * 5 and not skipped.notes
    verified = execute(cells, [], tmp_path, limits, notebook_timeout=120, verify_demos=True)
    assert "drawn" in _outputs(verified, 1) and "rebinds only" in _outputs(verified, 4)
    assert [n.split(" is tagged")[0] for n in verified.notes] == ["cell 2", "cell 3", "cell 5"], verified.notes
    assert "changes hist" in verified.notes[0] and "changes rng" in verified.notes[1]
    assert "changes <NumPy's error handling>" in verified.notes[2]
    # what follows a verified demo draws what it draws when the demo is skipped
    assert _outputs(verified, 6) == _outputs(skipped, 6) and "next draws" in _outputs(skipped, 6)


def test_check_names_each_tag_that_cannot_take_effect():
    from utils.check import demo_problems

    problems = demo_problems(SOURCE, SOURCE)
    assert problems == ["cell 4 is tagged skip-when-grading but must run when grading: cell 5 reads scale, which it "
                        "binds; remove the tag or the dependence"]
    tagged_solution = nbformat.from_dict(SOURCE)
    tagged_solution.cells[1].metadata["tags"] = TAG
    assert any(p.startswith("double is tagged") for p in demo_problems(tagged_solution, tagged_solution))


def test_dlcourse_demos_lists_and_tags_what_grading_could_skip(tmp_path, capsys):
    from tests.toy import make_toy_course
    from utils.cli import main
    from utils.release import release

    path = make_toy_course(tmp_path)
    nb = nbformat.read(path, 4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("shown = double([1.0, 2.0])\nprint(shown)"))  # a demonstration
    nbformat.write(nb, path)
    release(tmp_path, ["01_basics"])
    assert main(["--root", str(tmp_path), "demos", "01_basics"]) == 0
    err = capsys.readouterr().err
    assert "cell 4: shown = double" in err and "1 untagged cell(s)" in err
    assert main(["--root", str(tmp_path), "demos", "--tag", "01_basics"]) == 0
    assert nbformat.read(path, 4).cells[4].metadata["tags"] == TAG
    assert main(["--root", str(tmp_path), "demos", "01_basics"]) == 0
    assert "0 untagged cell(s)" in capsys.readouterr().err


def test_a_chapter_session_can_leave_the_skipped_demos_out(tmp_path):
    from utils.kernel import ChapterSession

    nb = nbformat.from_dict(SOURCE)
    nb.cells[2].source = "print('demo ran')\nraise RuntimeError('a demonstration ran')"
    path = tmp_path / "toy.ipynb"
    nbformat.write(nb, path)
    session = ChapterSession(path)
    try:
        assert session.execute_all(skip_demos=True) == []  # 2 and 3 are left out; 4 runs (the test reads scale)
        assert [i for i, _ in session.execute_all()] == [2]
    finally:
        session.close()


@pytest.mark.parametrize("flags, mode", [([], "skip"), (["--run-demos"], "run")])
def test_dlcourse_grade_skips_demos_unless_asked_to_run_them(tmp_path, monkeypatch, flags, mode):
    import autograder.grade
    from utils.cli import main

    seen = []
    monkeypatch.setattr(autograder.grade, "grade", lambda root, subs, out, chapters, opts, progress: seen.append(opts)
                        or [])
    (tmp_path / "subs").mkdir()
    main(["grade", "--submitted", str(tmp_path / "subs"), "--out", str(tmp_path / "out"), *flags])
    assert [o.demos for o in seen] == [mode]
