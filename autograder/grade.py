"""Grade a folder of submissions laid out as ``DIR/<student_id>/<assignment>/<notebook>.ipynb``.

An assignment is a folder under the course's ``source/`` with any number of
notebooks (see :mod:`autograder.coursefile`); each notebook runs as its own job in
the sandbox, and nbgrader records the assignment once all of them are in.  The
output folder is itself an nbgrader course directory with its own settings:
``source/`` (a copy of the assignments), ``release/``, ``submitted/`` (copies; the
input folder is never modified), ``autograded/``, ``feedback/`` (HTML per student
and notebook), ``gradebook.db`` (the formgrader's, for hand grading),
``nbgrader_config.py`` and ``grades.csv``.  One broken submission costs only its
own row.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from . import coursefile
from .coursedir import CourseDir, GradingError, is_test, parse_notebook, read_notebook
from .roster import STUDENT_ID
from .safefs import TooLarge, UnsafeEntry, data_files, entries, is_utf8, open_dir, read_file, shown
from .submission import _meta, canonicalize, cell_hash, fingerprint, plan

MAX_NOTEBOOK_BYTES = 50 << 20  # a submission larger than this is refused with a message
MAX_EXTRA_BYTES = 20 << 20  # data files a student may ship beside the notebook

CSV_COLUMNS = ["student_id", "first_name", "last_name", "email", "assignment", "score", "max_score", "auto_score",
               "auto_max_score", "needs_manual_grade", "timestamp", "seconds_late", "late_penalty", "status",
               "message"]


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
    first_name: str = ""  # from the roster
    last_name: str = ""
    email: str = ""
    timestamp: str = ""  # when it was submitted (UTC), if the collection recorded it
    seconds_late: float = 0.0
    late_penalty: float = 0.0  # points nbgrader's late-submission plugin took off


def discover(submitted: Path, chapters: list[str] | None = None,
             known: list[str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """Student entries, the chapters to grade, and a line for each entry skipped, found under ``submitted``.

    Every entry gets a student row or a line: hidden entries and plain files are
    skipped with a line; folders and symlinks get rows (a symlink's row says it is
    refused).  Nothing is followed through a link.
    """
    try:
        with open_dir(str(submitted)) as top:
            found = entries(top)
            students = [n for n, kind in found if not n.startswith(".") and kind != "file"
                        and (kind == "dir" or os.path.islink(os.path.join(submitted, n)))]
            skipped = [f"{shown(n)}: skipped, " + ("a hidden entry" if n.startswith(".") else
                                                   "a file, not a student folder")
                       for n, kind in found if n not in students]
            if not students:
                raise GradingError(f"{submitted} holds no student folders; expected DIR/<student_id>/<chapter>/"
                                   "<chapter>.ipynb")
            if chapters:
                return students, chapters, skipped
            names = set()
            for st in students:
                try:
                    with open_dir(st, top) as sfd:
                        names |= {n for n, kind in entries(sfd) if kind == "dir"}
                except UnsafeEntry:
                    continue
    except UnsafeEntry as exc:
        raise GradingError(f"{submitted} is not a folder ({exc}); expected DIR/<student_id>/<chapter>/"
                           "<chapter>.ipynb") from None
    chosen = [ch for ch in known or [] if ch in names]
    if not chosen:
        raise GradingError(f"no chapter folders ({', '.join(known or []) or 'none in source/'}) found under the "
                           f"student folders of {submitted}")
    return students, chosen, skipped


@dataclass
class Submission:
    """One student's chapter as read from disk: a reason it cannot be graded, or its notebook and files."""

    problem: str | None = None
    missing: bool = False
    notebooks: dict[str, nbformat.NotebookNode] = field(default_factory=dict)  # name (no .ipynb) -> notebook
    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_student(submitted: Path, student: str, chapters: list[str],
                 notebooks: dict[str, list[str]] | None = None) -> tuple[dict[str, Submission], list[str]]:
    """Each chapter of one student's folder, and the names of folders that are not chapters.

    Folders are opened relative to their parent's descriptor and never through a
    link; the notebook and data files are read only if they are regular files.
    """
    if not is_utf8(student) or not STUDENT_ID.match(student):
        why = f"student id {shown(student)} has characters nbgrader cannot use; rename the folder"
        return {ch: Submission(why) for ch in chapters}, []
    try:
        with open_dir(str(submitted)) as top, open_dir(student, top) as sfd:
            folders = entries(sfd)
            subs = {ch: _read_chapter(sfd, ch, folders, (notebooks or {}).get(ch, [ch])) for ch in chapters}
    except UnsafeEntry as exc:
        return {ch: Submission(str(exc)) for ch in chapters}, []
    unknown = [n for n, kind in folders if kind == "dir" and not n.startswith(".") and n not in chapters]
    return subs, unknown


def _read_chapter(sfd: int, chapter: str, folders: list[tuple[str, str]], names: list[str]) -> Submission:
    """The notebooks ``names`` of one assignment folder (a missing one among several is noted, not fatal)."""
    if chapter not in {n for n, _ in folders}:
        return Submission(f"no submission for {chapter}", missing=True)
    try:
        with open_dir(chapter, sfd) as cfd:
            present = {n for n, _ in entries(cfd)}
            sub = Submission()
            for stem in names:
                name = f"{stem}.ipynb"
                if name not in present:
                    continue
                try:
                    data = read_file(name, cfd, MAX_NOTEBOOK_BYTES)
                except TooLarge as exc:
                    return Submission(f"{name} is {exc.size >> 20} MB, over the {MAX_NOTEBOOK_BYTES >> 20} MB "
                                      "limit; clear its outputs (Edit > Clear All Outputs) and submit again")
                nb = parse_notebook(data, name)
                if not any(_meta(c) for c in nb.cells):
                    return Submission(f"{name} carries no nbgrader cells; submit the release notebook you were "
                                      "given, not a new one")
                sub.notebooks[stem] = nb
            if not sub.notebooks:
                wanted = ", ".join(f"{n}.ipynb" for n in names)
                others = [shown(n) for n in sorted(present) if n.endswith(".ipynb")]
                extra = f" (found {', '.join(others)}; the notebook must keep its name)" if others else ""
                return Submission(f"{chapter}/{wanted} is missing{extra}")
            for stem in names:
                if stem not in sub.notebooks:
                    sub.notes.append(f"{stem}.ipynb was not submitted: it is graded as the release (no points)")
            found = data_files(cfd, MAX_EXTRA_BYTES)
            sub.files, sub.notes = found.data, sub.notes + found.skipped
            return sub
    except (UnsafeEntry, GradingError) as exc:
        return Submission(str(exc))


@dataclass
class GradeOptions:
    """How to grade; every field has a command-line flag."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    notebook_timeout: float = 900.0
    cell_timeout: float = 120.0
    memory_mb: int = 3072
    slot_memory_mb: int = 4096  # each grading slot (the trusted side) as well as each sandbox is bounded
    max_pids: int = 64
    db_url: str | None = None
    scheduler: str | None = None
    force: bool = False
    sandbox: bool = True
    warm: bool = True  # fork each notebook's worker from the slot's zygote (autograder.sandbox.warm)
    diagnose: bool = True  # name the catalogued mistake a failed test matches (tests/catalogue in the course)
    similarity: float = 0.8  # report pairs sharing this share of the shorter answer (autograder.similarity)
    # cells tagged skip-when-grading that nothing after reads: "skip" them, "run" them as nbgrader does, or
    # run them and "verify" that they change nothing made before them (dlcourse check; autograder.demos)
    demos: str = "skip"


@dataclass
class _Job:
    student: str
    chapter: str
    notebook: str
    key: str
    hashes: list[str]
    payload: dict | None  # None: the execution result is already on disk


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    try:
        tmp.write_text(text)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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
    if out in submitted.parents:
        raise GradingError(f"--submitted {submitted} is inside --out {out}, where the grader writes its own copies; "
                           "keep the students' originals in a folder of their own")
    known = coursefile.load(root).ids
    students, chapters, skipped = discover(submitted, chapters, known)
    for line in skipped:
        say(line)
    for ch in chapters:
        if not coursefile.notebooks_in(root / "source" / ch):
            raise GradingError(f"assignment {ch} has no source notebook in {root / 'source' / ch}")
    if opts.sandbox:
        from .sandbox.client import SandboxUnavailable, check_sandbox

        try:
            check_sandbox()
        except SandboxUnavailable as exc:
            raise GradingError(f"{exc}; or pass --no-sandbox for trusted submissions only") from None
    preload = imported_modules(root, chapters)
    with _lock(out), _Runner(opts, preload) as runner, _write_ahead(out, opts.db_url), _shared_engines():
        return _grade(root, submitted, out, students, chapters, opts, say, runner, known)  # slots warm up meanwhile


def imported_modules(root: Path, chapters: list[str]) -> list[str]:
    """The modules the assignments' source notebooks import: what a slot's zygote imports once for all."""
    import ast

    from .sandbox.executor import _strip_magics

    names = set()
    for ch in chapters:
        for name in coursefile.notebooks_in(root / "source" / ch):
            try:
                cells = read_notebook(root / "source" / ch / f"{name}.ipynb").cells
            except Exception:  # noqa: BLE001 -- planning says what is wrong with it; this is only a head start
                continue
            for cell in cells:
                if cell.cell_type != "code":
                    continue
                try:
                    tree = ast.parse(_strip_magics(cell.source))
                except SyntaxError:
                    continue
                for node in ast.walk(tree):
                    if isinstance(node, ast.Import):
                        names.update(a.name for a in node.names)
                    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                        names.add(node.module)
    return sorted(names)


@contextmanager
def _shared_engines():
    """While grading, every nbgrader ``Gradebook`` of one database shares one engine, whose tables are checked once.

    nbgrader opens a dozen Gradebooks per submission (the app, each preprocessor), and each
    made a database engine of its own and checked every table of the schema: a cost that
    every submission paid the same.  Closing a Gradebook still returns its connections.
    (The schema's revision is read in this process too: ``coursedir._schema_head_in_process``.)
    """
    import nbgrader.api as api

    engines, checked = {}, set()
    make = api.create_engine

    def engine(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = make(url, **kwargs)
        return engines[key]

    def create_all(bind=None, **kwargs):
        if bind not in checked or kwargs:
            type(api.Base.metadata).create_all(api.Base.metadata, bind=bind, **kwargs)
            checked.add(bind)

    api.create_engine, api.Base.metadata.create_all = engine, create_all
    try:
        yield
    finally:
        api.create_engine = make
        del api.Base.metadata.create_all  # the class's own again
        for e in engines.values():
            e.dispose()


@contextmanager
def _write_ahead(out: Path, db_url: str | None):
    """An SQLite gradebook in write-ahead-log mode while the grader fills it, in its own mode again after.

    nbgrader commits once per grade, comment and cell it stores (over a hundred commits
    per submission), and in SQLite's default rollback mode every commit creates, syncs
    and deletes a journal file: most of the time recording took.  In WAL mode a commit
    is one append and one sync, as durable (``synchronous`` stays FULL).  The mode is
    put back afterwards (best effort), so the formgrader and other tools find the file
    as they always do, network file systems included.
    """
    import sqlite3

    path = out / "gradebook.db" if not db_url else Path(db_url[len("sqlite:///"):]) \
        if db_url.startswith("sqlite:///") else None
    before = None
    try:
        if path is not None:
            with contextlib.closing(sqlite3.connect(path, timeout=5)) as con:
                before = con.execute("PRAGMA journal_mode").fetchone()[0]
                if before.lower() != "wal":
                    con.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error:
        path = None  # locked by someone else, or not a database (nbgrader says so itself): as it is
    try:
        yield
    finally:
        if path is not None and before and before.lower() != "wal":
            try:
                with contextlib.closing(sqlite3.connect(path, timeout=5)) as con:
                    con.execute(f"PRAGMA journal_mode={before}")
            except sqlite3.Error:
                pass  # still open elsewhere (a formgrader): it stays in WAL mode, which SQLite reads as well


@contextmanager
def _lock(out: Path):
    """One grader at a time per output folder; a second one is told who holds it.

    Plain descriptor writes (no buffer that could fail again on close), and the
    holder's name is best-effort: on a full disk the lock still holds.
    """
    import fcntl
    import socket

    path = out / ".dlgrader" / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 500, 0).decode(errors="replace").strip() or "another process"
            raise GradingError(f"{out} is being graded by {holder}; wait for it to finish (or stop it), "
                               "then grade again") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"process {os.getpid()} on {socket.gethostname()} since "
                          f"{time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # the lock goes with the descriptor, and with the process when it is killed


@dataclass
class _Assignment:
    """What grading needs of one assignment: each notebook's release and source, a key, the maxima."""

    notebooks: dict[str, tuple]  # name -> (release notebook, source notebook)
    key: str
    max_scores: tuple[float, float]
    kits: dict = field(default_factory=dict)  # name -> diagnosis kit (autograder.diagnose), where there is one


def _grade(root, submitted, out, students, chapters, opts, say, runner, known) -> list[GradeRow]:
    state = out / ".dlgrader"
    course = coursefile.load(root)
    cd = CourseDir(out, opts.db_url, results_dir=state / "results", late_penalty=course.late_penalty,
                   course_id=course.id)
    # nbconvert validates the whole notebook after each of nbgrader's preprocessors (about 18 times per
    # submission); once, after the last, refuses the same notebooks.
    cd.config.Exporter.optimistic_validation = True
    from .config import write_out_config
    from .report import remember_db
    from .roster import add_names, load_roster

    remember_db(out, cd.db_url, known)
    write_out_config(out, cd.db_url, state / "results", course.late_penalty, course.id)
    roster = {s.id: s for s in load_roster(out)}
    info: dict[str, _Assignment] = {}
    from . import regrade

    for ch in chapters:
        cd.add_source(root / "source" / ch)
        regrade.prepare(cd, root / "source" / ch, ch, state, say)  # the source changed: say what, keep hand grades
        cd.generate(ch)
        regrade.remember_source(root / "source" / ch, ch, state)
        _set_due(cd, ch, course.get(ch).due if course.get(ch) else None)
        names = coursefile.notebooks_in(cd.root / "release" / ch)
        info[ch] = _Assignment({n: (read_notebook(cd.root / "release" / ch / f"{n}.ipynb"),
                                    read_notebook(root / "source" / ch / f"{n}.ipynb")) for n in names},
                               regrade.source_fingerprint(root / "source" / ch), _assignment_max(cd, ch),
                               _kits(root, ch, names, opts, say))
    limits = {"call_timeout": opts.cell_timeout, "memory_mb": opts.memory_mb, "max_pids": opts.max_pids}

    rows: dict[tuple[str, str], GradeRow] = {}
    jobs: list[_Job] = []
    groups: dict[tuple[str, str], dict] = {}  # (student, assignment) -> notebooks still running, failure, key

    def prepare(student: str, ch: str, sub: Submission) -> None:
        """Canonicalise each notebook of one submission, copy them into OUT, and queue what is not done."""
        a, row = info[ch], rows[(student, ch)]
        folder = cd.root / "submitted" / student / ch
        folder.mkdir(parents=True, exist_ok=True)
        for rel, data in sub.files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        files_key = [k.encode() + b"=" + fingerprint(v).encode() for k, v in sorted(sub.files.items())]
        planned, notes = {}, []
        for name, (release_nb, source_nb) in a.notebooks.items():
            # a notebook missing from a submission of several is graded as the release: no points
            canonical, more = canonicalize(sub.notebooks.get(name, release_nb), release_nb)
            notes += [f"{name}: {n}" for n in more] if len(a.notebooks) > 1 else more
            cells, names = plan(canonical, source_nb, demos=opts.demos != "run")
            kit = a.kits.get(name)
            diagnosis = _diagnosis_plan(canonical, kit)
            key = fingerprint(json.dumps([[c.role, c.source] for c in cells]), json.dumps(names), a.key,
                              json.dumps(limits), json.dumps(opts.sandbox), kit["hash"] if kit else "",
                              *files_key, *[opts.demos] * any(c.role == "demo" for c in cells))
            hashes = [cell_hash(cell.cell_type, p.source) for cell, p in zip(canonical.cells, cells)]
            nbformat.write(canonical, folder / f"{name}.ipynb")
            planned[name] = (cells, names, key, hashes, diagnosis)
        row.message = "; ".join(notes + sub.notes)
        group_key = fingerprint(*[planned[n][2] for n in sorted(planned)])
        done = _read_json(state / "done" / student / f"{ch}.json")
        if done and done.get("key") == group_key and not opts.force and _in_gradebook(cd, student, ch):
            row.status = "graded"
            return
        groups[(student, ch)] = {"left": len(planned), "failure": None, "key": group_key}
        for name, (cells, names, key, hashes, diagnosis) in planned.items():
            result = _read_json(state / "results" / student / ch / f"{name}.json")
            reuse = result and result.get("key") == key and not opts.force
            payload = None if reuse else {"cells": [[c.role, c.source] for c in cells], "names": names,
                                          "files": sub.files, "limits": limits, "timeout": opts.notebook_timeout,
                                          "sandboxed": opts.sandbox, "warm": opts.warm, "diagnosis": diagnosis,
                                          "preload": runner.preload, "demos": opts.demos}
            jobs.append(_Job(student, ch, name, key, hashes, payload))
            runner.submit(jobs[-1])

    def record(job: _Job, result: dict | None, failure: str | None) -> None:
        """Keep one notebook's execution; once all notebooks of the submission are in, let nbgrader record it."""
        row, group = rows[(job.student, job.chapter)], groups[(job.student, job.chapter)]
        group["left"] -= 1
        try:
            if failure is None and result is not None:
                _atomic_write(state / "results" / job.student / job.chapter / f"{job.notebook}.json",
                              json.dumps({"key": job.key, "hashes": job.hashes, **result}))
        except OSError as exc:
            failure = f"the result could not be saved ({exc.strerror or exc})"
        group["failure"] = group["failure"] or failure
        if group["left"] or group["failure"]:
            if group["failure"]:
                row.status, row.message = "error", group["failure"]
            return
        try:
            if job.student in roster and roster[job.student].extension_hours:
                _set_extension(cd, job.chapter, roster[job.student])
            cd.autograde(job.student, job.chapter)
            regrade.restore(cd.db_url, job.chapter, job.student, state)
            with _time_limit(FEEDBACK_SECONDS, "its feedback page took longer than "
                                               f"{FEEDBACK_SECONDS} s to render; shorten its Markdown"):
                cd.generate_feedback(job.student, job.chapter)
            _atomic_write(state / "done" / job.student / f"{job.chapter}.json", json.dumps({"key": group["key"]}))
            return
        except GradingError as exc:
            failure = str(exc)
        except Exception as exc:  # noqa: BLE001 -- one submission's failure is its own row, never the run's
            failure = f"the grader could not record this submission ({type(exc).__name__}: {exc})"
        row.status, row.message = "error", failure

    try:
        for student in students:
            subs, unknown = read_student(submitted, student, chapters, {ch: list(info[ch].notebooks) for ch in info})
            sid = shown(student)
            for u in (u for u in unknown if u not in known):
                rows[(sid, shown(u))] = GradeRow(sid, shown(u), status="error", message=(
                    f"unknown chapter folder {shown(u)!r}; the assignments are {', '.join(known)}"))
            for ch in chapters:
                mx, auto_mx = info[ch].max_scores
                row = rows[(sid, ch)] = GradeRow(sid, ch, max_score=mx, auto_max_score=auto_mx)
                sub = subs[ch]
                if sub.problem:
                    row.status, row.message = ("missing" if sub.missing else "error"), sub.problem
                    continue
                try:
                    prepare(student, ch, sub)
                except Exception as exc:  # noqa: BLE001 -- a submission costs only its own row
                    row.status = "error"
                    row.message = (f"the grader could not prepare this submission ({type(exc).__name__}); "
                                   "nothing of it was graded")

        bar = _Progress(len(jobs), say)
        for job, result, failure in runner.results():
            record(job, result, failure)
            bar.step(rows[(job.student, job.chapter)].status == "error")
        bar.close()

        for (student, ch), row in rows.items():
            if row.status == "graded" and ch in info:
                try:
                    sc = cd.scores(student, ch)
                except Exception as exc:  # noqa: BLE001
                    row.status, row.message = "error", f"its scores could not be read back ({type(exc).__name__})"
                    continue
                row.score, row.max_score = sc.score, sc.max_score
                row.auto_score, row.auto_max_score = sc.auto_score, sc.auto_max_score
                row.needs_manual_grade = sc.needs_manual_grade
                row.timestamp, row.seconds_late, row.late_penalty = sc.timestamp, sc.seconds_late, sc.late_penalty
                failed = [c.grade_id for c in sc.cells if c.score < c.points]
                verdict = f"failed: {', '.join(failed)}" if failed else "all autograded tests passed"
                row.message = "; ".join(m for m in (verdict, row.message) if m)
    finally:  # whatever happened, the rows made so far reach grades.csv
        add_names(rows.values(), list(roster.values()))
        order = {a: i for i, a in enumerate(known)}
        ordered = sorted(rows.values(), key=lambda r: (r.student_id, order.get(r.assignment, len(order)),
                                                       r.assignment))
        if ordered:
            try:
                write_csv(ordered, out / "grades.csv")
            except OSError as exc:
                raise GradingError(f"{out / 'grades.csv'} could not be written ({exc.strerror or exc}); free space "
                                   "or fix the folder, then grade again: finished work is kept and not redone") from None
    from . import similarity
    from .report import write_diagnoses, write_report

    steps = (("the similarity check", lambda: similarity.check(out, chapters, opts.similarity, say)),
             ("diagnoses.csv", lambda: write_diagnoses(out)), ("report.html", lambda: write_report(out, cd.db_url)))
    for what, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 -- the grades are written; the report is a convenience
            say(f"warning: {what} could not be done ({type(exc).__name__}: {exc})")
    return ordered


def _kits(root: Path, chapter: str, notebooks: list[str], opts: GradeOptions, say) -> dict:
    """Each notebook's diagnosis kit; none without a catalogue, or with ``--no-diagnosis``."""
    if not opts.diagnose:
        return {}
    from .diagnose import build_kit

    kits = {}
    for n in notebooks:
        try:
            kit = build_kit(root, chapter, read_notebook(root / "source" / chapter / f"{n}.ipynb"))
        except Exception as exc:  # noqa: BLE001 -- a broken catalogue costs the diagnoses, never the grades
            say(f"warning: {chapter}'s catalogue of mistakes could not be read ({type(exc).__name__}: {exc}); "
                "grading goes on without diagnoses")
            continue
        if kit:
            kits[n] = kit
    return kits


def _diagnosis_plan(notebook, kit: dict | None) -> dict | None:
    """Which cells of a canonical notebook grade which exercise, for the kit's replays."""
    if not kit:
        return None
    from .diagnose import slug_of

    tests = {}
    for i, cell in enumerate(notebook.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution") and slug_of(gid) in kit["exercises"]:
            tests[i] = [gid, slug_of(gid)]
    return {"tests": tests, "kit": kit} if tests else None


FEEDBACK_SECONDS = 60  # rendering one feedback page; a hostile notebook must not hold the grader longer


@contextmanager
def _time_limit(seconds: float, message: str):
    """Raise GradingError(message) if the block runs longer than ``seconds`` (main thread only)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise GradingError(message)

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


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
    once; the others start as soon as a slot is free, so the slots work while the
    main process is still reading and planning the rest of the class.

    Each local slot is a process pool of one: a slot that dies (killed, out of
    memory) breaks only its own pool, so it costs at most the job it held, which
    is retried once in a fresh slot; every other job goes on.
    """

    ATTEMPTS = 2  # a job whose slot died is run once more, in a fresh slot

    def __init__(self, opts: GradeOptions, preload: list[str] | None = None):
        import queue
        import threading

        self.opts, self.client, self.preload = opts, None, preload
        self.futures: dict = {}  # Dask only
        self.ready: list[_Job] = []
        self.slots: list = []
        self.idle: list[int] = []
        self.waiting: list[_Job] = []
        self.attempts: dict[int, int] = {}
        self.running = 0
        self.lock = threading.RLock()  # a done-callback may run at once, in the thread that holds it
        self.done: queue.Queue = queue.Queue()

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
            from .sandbox.client import remove_stale_cgroups

            remove_stale_cgroups()  # left by a grader that was killed before it could clean up
            self.slots = [self._new_slot() for _ in range(max(1, self.opts.workers))]
            self.idle = list(range(len(self.slots)))
        return self

    def _new_slot(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from .jobs import warm_up

        slot = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("forkserver"), initializer=warm_up,
                                   initargs=(self.opts.slot_memory_mb, os.getpid(),
                                             self.opts.sandbox if self.opts.warm else None, self.preload))
        slot.submit(os.getpid)  # start the slot (and its imports) now, not with its first job
        return slot

    def submit(self, job: _Job) -> None:
        from .jobs import run_job

        if job.payload is None:
            self.ready.append(job)
        elif self.client is not None:
            key = f"grade-{job.student}-{job.chapter}-{job.notebook}-{job.key[:8]}"
            self.futures[self.client.submit(run_job, job.payload, pure=False, key=key)] = job
        else:
            with self.lock:
                self.waiting.append(job)
                self.running += 1
                self._dispatch()

    def _dispatch(self) -> None:
        """Hand waiting jobs to idle slots (called with the lock held)."""
        from .jobs import run_job

        from concurrent.futures.process import BrokenProcessPool

        while self.idle and self.waiting:
            i, job = self.idle.pop(0), self.waiting.pop(0)
            try:
                fut = self.slots[i].submit(run_job, job.payload)
            except (BrokenProcessPool, RuntimeError):  # the slot broke while idle
                self._retry_or_fail(i, job)
                continue
            fut.add_done_callback(lambda f, i=i, job=job: self._finished(i, job, f))

    def _retry_or_fail(self, i: int, job: _Job) -> None:
        """Slot ``i`` died holding ``job``: give the slot a fresh process; run the job again or fail it."""
        old, self.slots[i] = self.slots[i], self._new_slot()
        old.shutdown(wait=False)
        self.idle.append(i)
        n = self.attempts[id(job)] = self.attempts.get(id(job), 1) + 1
        if n <= self.ATTEMPTS:
            self.waiting.insert(0, job)
        else:
            self.done.put((job, None, f"the grading process died {self.ATTEMPTS} times on this submission (for "
                                      "example, killed for memory); it was not graded"))

    def _finished(self, i: int, job: _Job, fut) -> None:
        """A slot's job ended (in the pool's thread): pass the result on, refill the slot, retry a lost job.

        Whatever goes wrong here still ends the job with a failure: results() waits for every job.
        """
        if fut.cancelled():  # shutting down
            return
        try:
            self._settle(i, job, fut)
        except BaseException as exc:  # noqa: BLE001
            self.done.put((job, None, f"the grader lost this job ({type(exc).__name__}: {exc})"))

    def _settle(self, i: int, job: _Job, fut) -> None:
        from concurrent.futures.process import BrokenProcessPool

        with self.lock:
            exc = fut.exception()
            if isinstance(exc, BrokenProcessPool):
                self._retry_or_fail(i, job)
                self._dispatch()
                return
            if exc is not None:
                self.done.put((job, None, f"grading process failed: {type(exc).__name__}: {exc}"))
            else:
                self.done.put((job, fut.result(), None))
            self.idle.append(i)
            self._dispatch()

    def results(self):
        """Yield ``(job, result or None, failure or None)`` as executions finish (results on disk: at once)."""
        for job in self.ready:
            yield job, None, None
        if self.client is not None:
            from distributed import as_completed

            for fut in as_completed(list(self.futures)):
                job = self.futures[fut]
                try:
                    yield job, fut.result(), None
                except Exception as exc:  # noqa: BLE001 -- a lost worker fails one submission, not the run
                    yield job, None, f"grading worker failed: {type(exc).__name__}: {exc}"
            return
        while self.running:
            item = self.done.get()
            with self.lock:
                self.running -= 1
            yield item

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        with self.lock:
            self.waiting.clear()
        for slot in self.slots:
            slot.shutdown(wait=True, cancel_futures=True)
        if self.slots:
            from .sandbox.client import remove_stale_cgroups

            remove_stale_cgroups()  # the slots' own memory groups, now empty


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


def _set_due(cd: CourseDir, assignment: str, due) -> None:
    """The due date from course.toml, in the gradebook (naive UTC, as nbgrader keeps it)."""
    import datetime as dt

    from nbgrader.api import Gradebook

    with Gradebook(cd.db_url) as gb:
        gb.update_or_create_assignment(assignment, duedate=due.astimezone(dt.timezone.utc).replace(tzinfo=None)
                                       if due else None)


def _set_extension(cd: CourseDir, assignment: str, student) -> None:
    """A student's extension from the roster, on their submission before nbgrader judges lateness."""
    import datetime as dt

    from nbgrader.api import Gradebook

    with Gradebook(cd.db_url) as gb:
        gb.update_or_create_student(student.id)
        gb.update_or_create_submission(assignment, student.id,
                                       extension=dt.timedelta(hours=student.extension_hours))


def _assignment_max(cd: CourseDir, chapter: str) -> tuple[float, float]:
    """(all points, autograded points) of a chapter, from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(cd.db_url) as gb:
        a = gb.find_assignment(chapter)
        auto = sum(float(c.max_score) for nb in a.notebooks for c in nb.grade_cells if is_test(c))
        return float(a.max_score), auto


MAX_MESSAGE = 2000  # characters of a row's message; the rest is counted, not written


def cap(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters with a count of what was left out."""
    return text if len(text) <= limit else f"{text[:limit]} ... {len(text) - limit} more characters"


def write_csv(rows: list[GradeRow], path: Path) -> None:
    """Write the grades table atomically: a failure leaves the previous file whole, and no temporary file."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "w", newline="", encoding="utf-8", errors="backslashreplace") as f:
            w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
            w.writeheader()
            for r in rows:
                w.writerow({**asdict(r), "message": cap(r.message)})
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
