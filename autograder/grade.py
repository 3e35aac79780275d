"""Grade a folder of submissions laid out as ``DIR/<student_id>/<chapter>/<chapter>.ipynb``.

The output folder is itself an nbgrader course directory: ``source/`` (a copy
of the instructor chapters), ``release/``, ``submitted/`` (copies; the input
folder is never modified), ``autograded/``, ``feedback/`` (HTML per student and
chapter), ``gradebook.db`` (open it with the formgrader for manual grading) and
``grades.csv``.  One broken submission costs only its own row.
"""
from __future__ import annotations

import csv
import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from .config import CHAPTERS
from .coursedir import CourseDir, GradingError, read_notebook
from .submission import canonicalize, cell_hash, fingerprint, plan

MAX_NOTEBOOK_BYTES = 50 << 20  # a submission larger than this is refused with a message
MAX_EXTRA_BYTES = 20 << 20  # data files a student may ship beside the notebook

CSV_COLUMNS = ["student_id", "assignment", "score", "max_score", "auto_score", "auto_max_score",
               "needs_manual_grade", "status", "message"]
_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")


@dataclass
class GradeRow:
    student_id: str
    assignment: str
    score: float = 0.0
    max_score: float = 0.0
    auto_score: float = 0.0
    auto_max_score: float = 0.0
    needs_manual_grade: bool = False
    status: str = "graded"  # graded | missing | error
    message: str = ""


def discover(submitted: Path, chapters: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Student ids and the chapters to grade found under ``submitted``."""
    if not submitted.is_dir():
        raise GradingError(f"{submitted} is not a folder; expected DIR/<student_id>/<chapter>/<chapter>.ipynb")
    students = sorted(p.name for p in submitted.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not students:
        raise GradingError(f"{submitted} holds no student folders; expected DIR/<student_id>/<chapter>/<chapter>.ipynb")
    if chapters:
        return students, chapters
    found = {c.name for s in students for c in (submitted / s).iterdir() if c.is_dir()}
    chosen = [ch for ch in CHAPTERS if ch in found]
    if not chosen:
        raise GradingError(f"no chapter folders ({', '.join(CHAPTERS)}) found under the student folders of {submitted}")
    return students, chosen


def _problem_with(student: str, folder: Path, chapter: str) -> tuple[str | None, nbformat.NotebookNode | None]:
    """Why a submission cannot be graded (or None), and its notebook when it can be read."""
    if not _STUDENT_ID.match(student):
        return f"student id {student!r} has characters nbgrader cannot use; rename the folder", None
    nb = folder / f"{chapter}.ipynb"
    if nb.is_file() and nb.stat().st_size > MAX_NOTEBOOK_BYTES:
        return (f"{nb.name} is {nb.stat().st_size >> 20} MB, over the {MAX_NOTEBOOK_BYTES >> 20} MB limit; "
                "clear its outputs (Edit > Clear All Outputs) and submit again"), None
    if not nb.is_file():
        if not folder.is_dir():
            return f"no submission for {chapter}", None
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        extra = f" (found {', '.join(others)}; the notebook must keep its name)" if others else ""
        return f"{chapter}/{chapter}.ipynb is missing{extra}", None
    try:
        nbk = read_notebook(nb)
    except GradingError as exc:
        return str(exc), None
    if not any(c.get("metadata", {}).get("nbgrader") for c in nbk.cells):
        return f"{nb.name} carries no nbgrader cells; submit the release notebook you were given, not a new one", None
    return None, nbk


@dataclass
class GradeOptions:
    """How to grade; every field has a command-line flag."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    notebook_timeout: float = 900.0
    cell_timeout: float = 120.0
    memory_mb: int = 3072
    max_pids: int = 64
    db_url: str | None = None
    scheduler: str | None = None
    force: bool = False
    sandbox: bool = True


@dataclass
class _Job:
    student: str
    chapter: str
    key: str
    hashes: list[str]
    payload: dict | None  # None: the execution result is already on disk


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)


def _extra_files(folder: Path, chapter: str) -> dict[str, bytes]:
    files, total = {}, 0
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if not p.is_file() or p.is_symlink() or p.suffix == ".ipynb" or ".ipynb_checkpoints" in rel.parts:
            continue
        total += p.stat().st_size
        if total > MAX_EXTRA_BYTES:
            break
        files[str(rel)] = p.read_bytes()
    return files


def grade(root: Path, submitted: Path, out: Path, chapters: list[str] | None = None,
          options: GradeOptions | None = None, progress: Callable[[str], None] | None = None) -> list[GradeRow]:
    """Autograde every student and chapter; write feedback and ``grades.csv``; return the rows.

    Work already graded (same submission, same chapter source, same limits) is
    skipped unless ``options.force``; execution results on disk are reused, so an
    interrupted run picks up where it stopped.
    """
    opts = options or GradeOptions()
    say = progress or (lambda msg: None)
    submitted, out = submitted.resolve(), out.resolve()
    if out == submitted or submitted in out.parents:
        raise GradingError("--out must not be inside --submitted: the submissions are never modified")
    students, chapters = discover(submitted, chapters)
    for ch in chapters:
        if not (root / "source" / ch / f"{ch}.ipynb").is_file():
            raise GradingError(f"chapter {ch} has no source notebook in {root / 'source'}")
    if opts.sandbox:
        from .sandbox.client import SandboxUnavailable, check_sandbox

        try:
            check_sandbox()
        except SandboxUnavailable as exc:
            raise GradingError(f"{exc}; or pass --no-sandbox for trusted submissions only") from None
    with _Runner(opts) as runner:  # slots warm up while the gradebook and the plans are made
        return _grade(root, submitted, out, students, chapters, opts, say, runner)


def _grade(root, submitted, out, students, chapters, opts, say, runner) -> list[GradeRow]:
    state = out / ".dlgrader"
    cd = CourseDir(out, opts.db_url, results_dir=state / "results")
    from .report import remember_db

    remember_db(out, cd.db_url)
    chapter_info = {}
    for ch in chapters:
        cd.add_source(root / "source" / ch)
        cd.generate(ch)
        src_path = root / "source" / ch / f"{ch}.ipynb"
        chapter_info[ch] = (read_notebook(cd.release(ch)), read_notebook(src_path),
                            fingerprint(src_path.read_bytes()), _assignment_max(cd, ch))
    limits = {"call_timeout": opts.cell_timeout, "memory_mb": opts.memory_mb, "max_pids": opts.max_pids}

    rows: dict[tuple[str, str], GradeRow] = {}
    jobs: list[_Job] = []
    for student in students:
        unknown = sorted(p.name for p in (submitted / student).iterdir()
                         if p.is_dir() and not p.name.startswith(".") and p.name not in chapters)
        if unknown and chapters:
            extra = [u for u in unknown if u not in CHAPTERS]
            for u in extra:
                rows[(student, u)] = GradeRow(student, u, status="error",
                                              message=f"unknown chapter folder {u!r}; chapters are {', '.join(CHAPTERS)}")
        for ch in chapters:
            release_nb, source_nb, src_key, (mx, auto_mx) = chapter_info[ch]
            row = rows[(student, ch)] = GradeRow(student, ch, max_score=mx, auto_max_score=auto_mx)
            folder = submitted / student / ch
            problem, student_nb = _problem_with(student, folder, ch)
            if problem:
                row.status = "missing" if problem.startswith("no submission") else "error"
                row.message = problem
                continue
            canonical, notes = canonicalize(student_nb, release_nb)
            cells, names = plan(canonical, source_nb)
            files = _extra_files(folder, ch)
            key = fingerprint(json.dumps([[c.role, c.source] for c in cells]), json.dumps(names), src_key,
                              json.dumps(limits), json.dumps(opts.sandbox),
                              *[k.encode() + b"=" + fingerprint(v).encode() for k, v in sorted(files.items())])
            hashes = [cell_hash(cell.cell_type, p.source) for cell, p in zip(canonical.cells, cells)]
            dest = cd.submitted(student, ch)
            dest.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(canonical, dest)
            for rel, data in files.items():
                (dest.parent / rel).parent.mkdir(parents=True, exist_ok=True)
                (dest.parent / rel).write_bytes(data)
            row.message = "; ".join(notes)
            done = _read_json(state / "done" / student / f"{ch}.json")
            if done and done.get("key") == key and not opts.force and _in_gradebook(cd, student, ch):
                row.status = "graded"
                continue
            result = _read_json(state / "results" / student / ch / f"{ch}.json")
            reuse = result and result.get("key") == key and not opts.force
            payload = None if reuse else {"cells": [[c.role, c.source] for c in cells], "names": names,
                                          "files": files, "limits": limits, "timeout": opts.notebook_timeout,
                                          "sandboxed": opts.sandbox}
            jobs.append(_Job(student, ch, key, hashes, payload))
            runner.submit(jobs[-1])

    def record(job: _Job, result: dict | None, failure: str | None) -> None:
        row = rows[(job.student, job.chapter)]
        if failure is None and result is not None:
            _atomic_write(state / "results" / job.student / job.chapter / f"{job.chapter}.json",
                          json.dumps({"key": job.key, "hashes": job.hashes, **result}))
        if failure is None:
            try:
                cd.autograde(job.student, job.chapter)
                cd.generate_feedback(job.student, job.chapter)
                _atomic_write(state / "done" / job.student / f"{job.chapter}.json", json.dumps({"key": job.key}))
                return
            except GradingError as exc:
                failure = str(exc).splitlines()[0]
        row.status, row.message = "error", failure

    bar = _Progress(len(jobs), say)
    for job, result, failure in runner.results():
        record(job, result, failure)
        bar.step(rows[(job.student, job.chapter)].status == "error")
    bar.close()

    for (student, ch), row in rows.items():
        if row.status == "graded" and ch in chapter_info:
            sc = cd.scores(student, ch)
            row.score, row.max_score = sc.score, sc.max_score
            row.auto_score, row.auto_max_score = sc.auto_score, sc.auto_max_score
            row.needs_manual_grade = sc.needs_manual_grade
            failed = [c.grade_id for c in sc.cells if c.score < c.points]
            verdict = f"failed: {', '.join(failed)}" if failed else "all autograded tests passed"
            row.message = "; ".join(m for m in (verdict, row.message) if m)
    ordered = sorted(rows.values(), key=lambda r: (r.student_id, CHAPTERS.index(r.assignment)
                                                   if r.assignment in CHAPTERS else 99, r.assignment))
    write_csv(ordered, out / "grades.csv")
    from .report import write_report

    write_report(out, cd.db_url)
    return ordered


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _in_gradebook(cd: CourseDir, student: str, chapter: str) -> bool:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(cd.db_url) as gb:
        try:
            gb.find_submission(chapter, student)
            return True
        except MissingEntry:
            return False


class _Runner:
    """Runs jobs on local grading slots or a Dask cluster, accepting them as they are planned.

    Jobs whose execution result is already on disk (``payload`` None) finish at
    once; the others start as soon as they are submitted, so the slots work while
    the main process is still reading and planning the rest of the class.
    """

    def __init__(self, opts: GradeOptions):
        self.opts, self.pool, self.client = opts, None, None
        self.futures: dict = {}
        self.ready: list[_Job] = []

    def __enter__(self):
        if self.opts.scheduler:
            try:
                from distributed import Client
            except ImportError:
                raise GradingError("--scheduler needs the `distributed` package (pip install distributed)") from None
            try:
                self.client = Client(self.opts.scheduler, timeout=10)
            except OSError as exc:
                raise GradingError(f"cannot reach the Dask scheduler at {self.opts.scheduler}: {exc}") from None
        else:
            self._start_pool()
        return self

    def _start_pool(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from .jobs import warm_up

        n = max(1, self.opts.workers)
        self.pool = ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("forkserver"), initializer=warm_up)
        for _ in range(n):  # start the slots (and their imports) now; they would otherwise start one per job
            self.pool.submit(os.getpid)

    def submit(self, job: _Job) -> None:
        from .jobs import run_job

        if job.payload is None:
            self.ready.append(job)
        elif self.client is not None:
            key = f"grade-{job.student}-{job.chapter}-{job.key[:8]}"
            self.futures[self.client.submit(run_job, job.payload, pure=False, key=key)] = job
        else:
            self.futures[self.pool.submit(run_job, job.payload)] = job

    def results(self):
        """Yield ``(job, result or None, failure or None)`` as executions finish (results on disk: at once)."""
        for job in self.ready:
            yield job, None, None
        if not self.futures:
            return
        if self.client is not None:
            from distributed import as_completed
            what = "grading worker"
        else:
            from concurrent.futures import as_completed
            what = "grading process"
        for fut in as_completed(list(self.futures)):
            job = self.futures[fut]
            try:
                yield job, fut.result(), None
            except Exception as exc:  # noqa: BLE001 -- a lost worker fails one submission, not the run
                yield job, None, f"{what} failed: {type(exc).__name__}: {exc}"

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _Progress:
    """A one-line progress bar on stderr: done, failed, time left."""

    def __init__(self, total: int, say: Callable[[str], None]):
        self.total, self.done, self.failed, self.say = total, 0, 0, say
        self.t0 = time.monotonic()

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        rate = (time.monotonic() - self.t0) / self.done
        left = rate * (self.total - self.done)
        filled = int(30 * self.done / max(self.total, 1))
        self.say(f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} graded, "
                 f"{self.failed} failed, ~{left:.0f} s left")

    def close(self) -> None:
        if self.total:
            self.say(f"graded {self.done} notebooks in {time.monotonic() - self.t0:.1f} s")


def _assignment_max(cd: CourseDir, chapter: str) -> tuple[float, float]:
    """(all points, autograded points) of a chapter, from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(cd.db_url) as gb:
        a = gb.find_assignment(chapter)
        auto = sum(float(c.max_score) for nb in a.notebooks for c in nb.grade_cells if c.cell_type == "code")
        return float(a.max_score), auto


def write_csv(rows: list[GradeRow], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(asdict(r))
