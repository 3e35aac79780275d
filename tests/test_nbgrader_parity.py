"""nbgrader's own documentation course (ps1), graded by `dlcourse` exactly as plain nbgrader grades it.

`tests/nbgrader_ps1/` holds the course unchanged (two nbformat 4.0 notebooks, an image, students
bitdiddle and hacker) and `expected.json`, what plain `nbgrader autograde` records for every cell.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.sandbox.client import check_sandbox

HERE = Path(__file__).parent / "nbgrader_ps1"
pytestmark = pytest.mark.xdist_group("parity")


def _dlcourse(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "utils.cli", "--root", str(root), *args],
                          capture_output=True, text=True)


def test_ps1_grades_as_plain_nbgrader_grades_it(tmp_path):
    check_sandbox()
    root = tmp_path / "course"  # a course with ps1 copied into source/ and nothing else
    shutil.copytree(HERE / "source", root / "source")
    (root / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n")
    r = _dlcourse(root, "release", "ps1")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out"
    r = _dlcourse(root, "grade", "--submitted", str(HERE / "submitted"), "--out", str(out), "--chapter", "ps1",
                  "--workers", "2")
    assert r.returncode == 0, r.stderr
    expected = json.loads((HERE / "expected.json").read_text())
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        for student, want in expected.items():
            sub = gb.find_submission("ps1", student)
            got = {nb.name: {g.name: (g.auto_score, g.needs_manual_grade) for g in nb.grades} for nb in sub.notebooks}
            assert got == {nb: {c: (g["auto_score"], g["needs_manual_grade"]) for c, g in cells["grades"].items()}
                           for nb, cells in want["notebooks"].items()}, student
            assert sum(g.auto_score or 0 for nb in sub.notebooks for g in nb.grades if g.cell.cell_type == "code") \
                == want["code_score"]
    with open(out / "grades.csv") as f:
        text = f.read()
    assert "bitdiddle,,,,ps1" in text and "hacker,,,,ps1" in text and ",error," not in text, text
    for student in expected:  # one feedback page per notebook, hidden tests never shown
        for nb in ("problem1", "problem2"):
            assert (out / "feedback" / student / "ps1" / f"{nb}.html").is_file()


def test_expected_figures_are_what_plain_nbgrader_records():
    """expected.json is regenerated with plain nbgrader and compared (nothing is downloaded)."""
    r = subprocess.run([sys.executable, str(HERE / "make_expected.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
