"""A tiny course directory with one toy chapter, for fast tests of the pipeline itself."""
from __future__ import annotations

from pathlib import Path

import nbformat as nbf

SOLUTION = "def double(x):\n    \"\"\"Return 2 * x.\"\"\"\n    ### BEGIN SOLUTION\n    return 2 * np.asarray(x, dtype=float)\n    ### END SOLUTION"
TEST = ('"""Check that double doubles."""\ntesting.assert_close(double([1.0, 2.0]), [2.0, 4.0])\n'
        "### BEGIN HIDDEN TESTS\ntesting.assert_close(double([3.0]), [6.0])\n### END HIDDEN TESTS")


def _meta(gid, grade=False, solution=False, locked=False, points=None):
    m = {"schema_version": 3, "grade_id": gid, "grade": grade, "solution": solution, "locked": locked, "task": False}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


def make_toy_course(root: Path, chapter: str = "01_basics", test: str = TEST, solution: str = SOLUTION) -> Path:
    """Write ``root/source/<chapter>/<chapter>.ipynb`` (an exercise worth 2, a question worth 1, a written answer)."""
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbf.v4.new_markdown_cell("# Toy chapter", metadata=_meta("intro", locked=True)),
        nbf.v4.new_code_cell("import numpy as np\nfrom course import testing", metadata=_meta("setup", locked=True)),
        nbf.v4.new_code_cell(solution, metadata=_meta("double", solution=True)),
        nbf.v4.new_code_cell(test, metadata=_meta("double-test", grade=True, locked=True, points=2)),
        nbf.v4.new_code_cell("q = None\n### BEGIN SOLUTION\nq = 'b'\n### END SOLUTION", metadata=_meta("q", solution=True)),
        nbf.v4.new_code_cell('"""Check that q is answered."""\ntesting.check_choice(q, "abc")\n'
                             '### BEGIN HIDDEN TESTS\ntesting.check_choice(q, "abc", "b")\n### END HIDDEN TESTS',
                             metadata=_meta("q-test", grade=True, locked=True, points=1)),
        nbf.v4.new_markdown_cell("Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION",
                                 metadata=_meta("why", grade=True, solution=True, points=2)),
    ]
    path = root / "source" / chapter / f"{chapter}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbf.write(nb, path)
    (root / "nbgrader_config.py").write_text("# toy course\n")
    return path


def released_toy(root: Path, chapter: str = "01_basics"):
    """The toy course at ``root`` with its release generated; returns (release notebook, reference notebook)."""
    from autograder.coursedir import read_notebook
    from utils.check import fill_reference
    from utils.release import release

    make_toy_course(root, chapter)
    release(root, [chapter])
    rel = read_notebook(root / "release" / chapter / f"{chapter}.ipynb")
    return rel, fill_reference(rel, read_notebook(root / "source" / chapter / f"{chapter}.ipynb"))
