"""Faults around grading: a slot killed, the grader killed, a full disk, two graders, input inside output.

Each case checks that no other student's grade is lost, at sizes small enough for CI.
"""
from __future__ import annotations

import csv
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder.coursedir import GradingError
from autograder.grade import GradeOptions, grade
from autograder.sandbox.client import _cgroup_root, check_sandbox

from .toy import released_toy

pytestmark = pytest.mark.xdist_group("faults")
CH = "01_basics"
SLEEPER = "import time\ntime.sleep(6)\n"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A toy course and a class: four references, one of which sleeps long enough to be interrupted."""
    check_sandbox()
    root = tmp_path_factory.mktemp("course")
    _, ref = released_toy(root)
    subs = tmp_path_factory.mktemp("subs")
    for student in ("ada", "bob", "cyd", "sleepy"):
        nb = nbformat.from_dict(ref)
        if student == "sleepy":
            nb.cells.insert(2, nbformat.v4.new_code_cell(SLEEPER))
        (subs / student / CH).mkdir(parents=True)
        nbformat.write(nb, subs / student / CH / f"{CH}.ipynb")
    return root, subs


def _cli(root, subs, out, *extra):
    return [sys.executable, "-m", "utils.cli", "--root", str(root), "grade", "--submitted", str(subs),
            "--out", str(out), "--workers", "2", "--cell-timeout", "20", *extra]


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(p.name))
    return kids


def _tree(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except OSError:
        return False


def _busy_slot(grader: int, deadline: float) -> tuple[int, int]:
    """(slot pid, bwrap pid) of a grading slot that is running a notebook.

    The slots are the fork server's children (they share its command line); a busy one has a bwrap child.
    """
    while time.monotonic() < deadline:
        kids = _children()
        servers = [p for p in kids.get(grader, []) if "forkserver" in _cmdline(p)]
        for slot in (s for server in servers for s in kids.get(server, [])):
            bwraps = [k for k in kids.get(slot, []) if "bwrap" in _cmdline(k)]
            if bwraps:
                return slot, bwraps[0]
        time.sleep(0.1)
    raise AssertionError("no grading slot started a notebook in time")


def _grades(out: Path) -> dict[str, tuple[str, float]]:
    with open(out / "grades.csv") as f:
        return {r["student_id"]: (r["status"], float(r["auto_score"])) for r in csv.DictReader(f)}


def test_a_killed_slot_costs_nothing(course, tmp_path):
    """A slot killed mid-notebook loses no grade: its job is retried in a fresh slot, the others go on."""
    root, subs = course
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(root, subs, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    slot, _ = _busy_slot(proc.pid, time.monotonic() + 90)
    memory = _cgroup_root("memory")
    if memory is not None:  # the trusted side is bounded too: each slot in a memory group of its own
        group = next(line.split(":")[-1] for line in Path(f"/proc/{slot}/cgroup").read_text().splitlines()
                     if ":memory:" in line)
        assert group.startswith("/dlgrader-slot-"), group
        limit = int((memory / group.lstrip("/") / "memory.limit_in_bytes").read_text())
        assert limit == GradeOptions().slot_memory_mb << 20
    os.kill(slot, signal.SIGKILL)
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert _grades(out) == {s: ("graded", 3.0) for s in ("ada", "bob", "cyd", "sleepy")}, err


def test_a_killed_grader_leaves_nothing_running(course, tmp_path):
    """SIGKILL of the grader alone: its fork server, slots and sandboxes all go, and their cgroups empty."""
    root, subs = course
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(root, subs, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, groups = time.monotonic() + 90, set()
    while not groups:  # a sandbox running inside its cgroups, caught before its notebook ends
        _, bwrap = _busy_slot(proc.pid, deadline)
        tree = [p for p in _tree(proc.pid) if p != proc.pid]
        for p in _tree(bwrap):
            try:
                groups |= {line.split(":")[-1].strip() for line in Path(f"/proc/{p}/cgroup").read_text().splitlines()
                           if "dlgrader-" in line}
            except OSError:
                pass
    os.kill(proc.pid, signal.SIGKILL)  # the grader only, not its process group
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(map(_alive, tree)):
        time.sleep(0.2)
    left = [(p, _cmdline(p)) for p in tree if _alive(p)]
    assert not left, f"still running after the grader was killed: {left}"
    for g in groups:
        for controller in ("memory", "pids"):
            cg_root = _cgroup_root(controller)
            procs = cg_root / g.lstrip("/") / "cgroup.procs" if cg_root else None
            assert not (procs and procs.exists() and procs.read_text().strip()), f"{g} still holds processes"


def test_a_full_disk_costs_rows_not_the_run(course, tmp_path):
    """On a full --out, write failures are error rows, no temporary file stays, and a rerun after freeing works."""
    root, all_subs = course
    subs = tmp_path / "subs"  # the three who do not sleep: three runs of the sleeper cost 18 s of nothing
    for student in ("ada", "bob", "cyd"):
        shutil.copytree(all_subs / student, subs / student)
    out = tmp_path / "out"
    out.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(out)], capture_output=True).returncode:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        # Grade once to learn what a run needs, then fill the disk so that the next run (forced) runs out.
        first = subprocess.run(_cli(root, subs, out), capture_output=True, text=True)
        assert first.returncode == 0, first.stderr
        fd = os.open(out / "filler", os.O_WRONLY | os.O_CREAT)
        try:  # take every byte left
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        full = subprocess.run(_cli(root, subs, out, "--force"), capture_output=True, text=True)
        assert full.returncode in (1, 3), full.stderr
        assert "Traceback" not in full.stderr and "No space left on device" in full.stderr, full.stderr
        assert _grades(out) == {s: ("graded", 3.0) for s in ("ada", "bob", "cyd")}, "the last grades were lost"
        assert not [p for p in out.rglob("*") if ".tmp" in p.name], "temporary files were left behind"
        (out / "filler").unlink()
        again = subprocess.run(_cli(root, subs, out, "--force"), capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        assert _grades(out) == {s: ("graded", 3.0) for s in ("ada", "bob", "cyd")}
    finally:
        subprocess.run(["umount", "-l", str(out)], capture_output=True)


def test_input_inside_output_is_refused(course, tmp_path):
    root, subs = course
    inside = tmp_path / "out" / "submitted"
    shutil.copytree(subs, inside)
    before = {p: p.read_bytes() for p in inside.rglob("*.ipynb")}
    with pytest.raises(GradingError, match="inside --out"):
        grade(root, inside, tmp_path / "out", [CH], GradeOptions(workers=1))
    assert {p: p.read_bytes() for p in inside.rglob("*.ipynb")} == before


def test_a_second_grader_on_one_output_is_told_who_holds_it(course, tmp_path):
    root, subs = course
    out = tmp_path / "out"
    (out / ".dlgrader").mkdir(parents=True)
    with open(out / ".dlgrader" / "lock", "w") as f:
        f.write("process 4242 on gradehost since 2026-12-07 09:00:00")
        f.flush()
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(GradingError, match="being graded by process 4242 on gradehost"):
            grade(root, subs, out, [CH], GradeOptions(workers=1))
    assert not (out / "grades.csv").exists()
