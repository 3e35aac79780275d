"""Grading at scale: a real PostgreSQL gradebook and a Dask cluster, both on loopback."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder.config import normalize_db_url
from autograder.coursedir import read_notebook
from autograder.grade import GradeOptions, grade
from utils.check import fill_reference
from utils.release import release

from .toy import make_toy_course

# One test process runs this module: its fixtures grade a whole class once.
pytestmark = pytest.mark.xdist_group("grading_scale")


CH = "01_basics"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def small_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    make_toy_course(root)
    release(root, [CH])
    rel = read_notebook(root / "release" / CH / f"{CH}.ipynb")
    ref = fill_reference(rel, read_notebook(root / "source" / CH / f"{CH}.ipynb"))
    subs = tmp_path_factory.mktemp("subs")
    for student, nb in (("ada", ref), ("bob", rel), ("cy", ref)):
        (subs / student / CH).mkdir(parents=True)
        nbformat.write(nb, subs / student / CH / f"{CH}.ipynb")
    return root, subs


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    """A throw-away PostgreSQL server on 127.0.0.1 (Debian's package, installed by `make setup`)."""
    pg = _pg_bin()
    if pg is None:
        pytest.fail("PostgreSQL is not installed: run `make setup` as root (it installs Debian's postgresql)")
    base = Path(tempfile.mkdtemp(prefix="dlcourse-pg-"))  # outside pytest's root-only tmp tree
    base.chmod(0o777)
    data = base / "data"
    port = _free_port()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(as_pg + [str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "grader"], check=True,
                   capture_output=True)
    subprocess.run(as_pg + [str(pg / "pg_ctl"), "-D", str(data), "-w", "-l", str(data.parent / "log"),
                            "-o", f"-h 127.0.0.1 -p {port} -k {data.parent}", "start"], check=True, capture_output=True)
    try:
        subprocess.run(as_pg + [str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "grader", "grades"],
                       check=True, capture_output=True)
        yield f"postgresql://grader@127.0.0.1:{port}/grades"
    finally:
        subprocess.run(as_pg + [str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_postgresql_gradebook(small_class, postgres, tmp_path):
    from nbgrader.api import Gradebook

    root, subs = small_class
    rows = grade(root, subs, tmp_path / "out", [CH], GradeOptions(workers=2, db_url=postgres))
    assert [(r.student_id, r.auto_score) for r in rows] == [("ada", 3.0), ("bob", 0.0), ("cy", 3.0)]
    assert not (tmp_path / "out" / "gradebook.db").exists()
    from .test_report import flagged_pairs  # ada and cy hand in the same answer, bob the untouched stub
    assert flagged_pairs((tmp_path / "out" / "report.html").read_text()) == {("ada", "cy")}
    with Gradebook(normalize_db_url(postgres)) as gb:
        assert sorted(s.id for s in gb.students) == ["ada", "bob", "cy"]
        assert gb.find_submission(CH, "ada").score == 3.0
    # Re-running against the same server skips graded work and keeps the gradebook consistent.
    again = grade(root, subs, tmp_path / "out", [CH], GradeOptions(workers=2, db_url=postgres))
    assert [(r.student_id, r.auto_score) for r in again] == [("ada", 3.0), ("bob", 0.0), ("cy", 3.0)]


def test_dask_cluster_on_loopback(small_class, tmp_path):
    from distributed import LocalCluster

    root, subs = small_class
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as cluster:
        rows = grade(root, subs, tmp_path / "out", [CH], GradeOptions(scheduler=cluster.scheduler_address))
        assert len(cluster.scheduler_info["workers"]) == 2
    assert [(r.student_id, r.auto_score) for r in rows] == [("ada", 3.0), ("bob", 0.0), ("cy", 3.0)]
    graded_by = {json.loads(p.read_text())["graded_by"] for p in (tmp_path / "out").rglob(".dlgrader/results/*/*/*.json")}
    assert graded_by and f"{socket.gethostname()}:{os.getpid()}" not in graded_by, "the work did not go to the cluster"


def test_unreachable_scheduler_is_a_clear_error(small_class, tmp_path):
    from autograder.coursedir import GradingError

    root, subs = small_class
    with pytest.raises(GradingError, match="scheduler"):
        grade(root, subs, tmp_path / "out", [CH], GradeOptions(scheduler=f"tcp://127.0.0.1:{_free_port()}"))
