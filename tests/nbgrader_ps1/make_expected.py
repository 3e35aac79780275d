"""Regenerate expected.json: what plain nbgrader gives nbgrader's own ps1 example.

Grades source/ps1 and submitted/ (copied from nbgrader's documentation, unchanged)
with plain ``nbgrader generate_assignment`` and ``nbgrader autograde`` in a scratch
course directory, with no settings but a course id, then writes every grade cell of
every submission from the gradebook.  Nothing is downloaded.

    .venv/bin/python tests/nbgrader_ps1/make_expected.py [--check]

``--check`` compares with the committed expected.json instead of writing it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSIGNMENT = "ps1"


def run_nbgrader(course: Path) -> None:
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    for args in (["generate_assignment", ASSIGNMENT, "--force"], ["autograde", ASSIGNMENT, "--force"]):
        subprocess.run([str(Path(bindir) / "nbgrader"), *args], cwd=course, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _num(x):
    return None if x is None else float(x)


def read_gradebook(db: Path) -> dict:
    from nbgrader.api import Gradebook

    out: dict = {}
    with Gradebook(f"sqlite:///{db}") as gb:
        assignment = gb.find_assignment(ASSIGNMENT)
        for sub in sorted(assignment.submissions, key=lambda s: s.student.id):
            notebooks = {}
            for nb in sorted(sub.notebooks, key=lambda n: n.name):
                cells = {}
                for g in sorted(nb.grades, key=lambda g: g.name):
                    cells[g.name] = {"cell_type": g.cell.cell_type, "max_score": _num(g.max_score),
                                     "auto_score": _num(g.auto_score), "manual_score": _num(g.manual_score),
                                     "needs_manual_grade": bool(g.needs_manual_grade)}
                notebooks[nb.name] = {"score": _num(nb.score), "max_score": _num(nb.max_score),
                                      "needs_manual_grade": bool(nb.needs_manual_grade), "grades": cells}
            out[sub.student.id] = {"score": _num(sub.score), "max_score": _num(sub.max_score),
                                   "code_score": _num(sub.code_score), "written_score": _num(sub.written_score),
                                   "task_score": _num(sub.task_score),
                                   "needs_manual_grade": bool(sub.needs_manual_grade), "notebooks": notebooks}
    return out


def expected() -> dict:
    with tempfile.TemporaryDirectory(prefix="nbgrader-ps1-") as tmp:
        course = Path(tmp)
        (course / "nbgrader_config.py").write_text('c = get_config()  # noqa: F821\n'
                                                   'c.CourseDirectory.course_id = "example"\n')
        shutil.copytree(HERE / "source", course / "source")
        shutil.copytree(HERE / "submitted", course / "submitted")
        run_nbgrader(course)
        return read_gradebook(course / "gradebook.db")


def dump(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def main() -> int:
    text = dump(expected())
    target = HERE / "expected.json"
    if "--check" in sys.argv[1:]:
        same = target.is_file() and target.read_text() == text
        print("expected.json is up to date" if same else "expected.json differs from a fresh run")
        return 0 if same else 1
    target.write_text(text)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
