"""A thin layer over nbgrader's Python API for one course directory.

``dlcourse check`` and ``dlcourse grade`` both build a course directory (a
copy of ``source/<chapter>`` plus the submissions), then generate, autograde and
read scores here, so the proof that reference solutions earn full marks uses
exactly the path a student's submission takes.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .config import COURSE_ID, make_config

#: Errors a test may fail with on the untouched release: the stub's own.
STUB_ERRORS = frozenset({"NotImplementedError", "Unanswered"})


class GradingError(RuntimeError):
    """nbgrader refused or failed an operation; the message says what to do."""


@dataclass
class CellResult:
    """The verdict of one autograded test cell."""

    grade_id: str
    points: float
    score: float
    error: str | None = None  # e.g. "AssertionError: ..." or "stderr: ..."

    @property
    def error_name(self) -> str | None:
        return None if self.error is None else self.error.split(":", 1)[0]


@dataclass
class Scores:
    """Scores of one submission, read back from the gradebook and the graded notebook."""

    score: float
    max_score: float
    auto_score: float
    auto_max_score: float
    needs_manual_grade: bool
    cells: list[CellResult] = field(default_factory=list)
    timestamp: str = ""  # when it was submitted (UTC), if known
    seconds_late: float = 0.0
    late_penalty: float = 0.0


def _venv_on_path() -> None:
    """nbgrader starts kernels and tools by name; make this interpreter's bin/ win."""
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if parts[:1] != [bindir]:
        os.environ["PATH"] = os.pathsep.join([bindir] + [p for p in parts if p != bindir])


class _CompiledSchemas:
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata validator.

    nbgrader calls ``jsonschema.validate(meta, schema)`` once per graded cell, and
    that call checks the schema itself every time: most of autograde's own cost.
    This compiles each schema once and validates against it, raising the same
    ``ValidationError``; every other attribute is jsonschema's.
    """

    def __init__(self):
        import jsonschema

        self._module, self._compiled = jsonschema, {}

    def __getattr__(self, name):
        return getattr(self._module, name)

    def validate(self, instance, schema, *args, **kwargs):
        if args or kwargs:
            return self._module.validate(instance, schema, *args, **kwargs)
        key = json.dumps(schema, sort_keys=True)
        validator = self._compiled.get(key)
        if validator is None:
            cls = self._module.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._compiled[key] = cls(schema)
        error = self._module.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error


def _compile_metadata_schemas() -> None:
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, _CompiledSchemas):
        common.jsonschema = _CompiledSchemas()


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat 4, with a readable error for anything broken."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise GradingError(f"{path} does not exist") from None
    return parse_notebook(data, Path(path).name)


def parse_notebook(data: bytes, name: str) -> nbformat.NotebookNode:
    """A notebook from its bytes, as nbformat 4; :class:`GradingError` says in words what is wrong.

    The message never quotes the file (nbformat's own errors do): a submission may
    be anything, and what it holds must not reach grades.csv or a feedback page.
    """
    again = "; re-download the release notebook and copy your solutions into it"
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise GradingError(f"{name} is not a valid notebook (not UTF-8 text at byte {exc.start}){again}") from None
    except json.JSONDecodeError as exc:
        raise GradingError(f"{name} is not a valid notebook (invalid JSON at line {exc.lineno}, "
                           f"column {exc.colno}){again}") from None
    except RecursionError:
        raise GradingError(f"{name} is not a valid notebook (nested too deeply){again}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells", []), list):
        raise GradingError(f"{name} is not a valid notebook: it has no list of cells{again}")
    try:
        major, minor = nbformat.reader.get_version(raw)
        if major == 4:
            nb = nbformat.from_dict(raw)
            try:
                nbformat.v4.rwbase.rejoin_lines(nb)  # multi-line strings are stored as lists of lines
            except Exception:  # noqa: BLE001 -- odd cells: join what can be, canonicalisation copes with the rest
                for cell in nb.get("cells", []):
                    if isinstance(cell, dict) and isinstance(cell.get("source"), list) \
                            and all(isinstance(x, str) for x in cell.source):
                        cell.source = "".join(cell.source)
        else:
            nb = nbformat.convert(nbformat.versions[major].to_notebook_json(raw, minor=minor), 4)
    except Exception:  # noqa: BLE001 -- nbformat's messages quote the file
        raise GradingError(f"{name} is not a valid notebook: its format version is missing or unknown{again}") from None
    if not isinstance(nb.get("cells"), list):
        raise GradingError(f"{name} has no list of cells; it is not a Jupyter notebook")
    return nb


def _schema_head_in_process() -> None:
    """nbgrader stamps a new gradebook with its schema's revision, which it learns by running the ``alembic``
    command: a Python of its own, seconds per gradebook.  The same migration scripts are read here, in this
    process, once; where that fails, nbgrader's own way is kept."""
    import nbgrader.api as api

    if getattr(api.get_alembic_version, "_in_process", False):
        return
    theirs = api.get_alembic_version
    head: list[str] = []

    def alembic_version():
        if not head:
            try:
                from alembic.config import Config
                from alembic.script import ScriptDirectory

                with api._temp_alembic_ini("sqlite://") as ini:
                    head.append(ScriptDirectory.from_config(Config(ini)).get_current_head())
            except Exception:  # noqa: BLE001 -- nbgrader's own way, then
                return theirs()
        return head[0]

    alembic_version._in_process = True
    api.get_alembic_version = alembic_version


class CourseDir:
    """An nbgrader course directory at ``root`` with its own SQLite gradebook."""

    def __init__(self, root: str | Path, db_url: str | None = None, results_dir: str | Path | None = None,
                 late_penalty: str = "none", course_id: str | None = None):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        _venv_on_path()
        _compile_metadata_schemas()
        _schema_head_in_process()
        # nbgrader's gradebook code trips SQLAlchemy's autoflush warnings on every
        # autograde; they describe nbgrader internals, not anything a user can act on.
        from sqlalchemy.exc import SAWarning

        warnings.filterwarnings("ignore", category=SAWarning)
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / ".exchange").mkdir(exist_ok=True)  # unused, but nbgrader checks it exists
        self.config = make_config(self.root, db_url, results_dir, late_penalty, course_id or COURSE_ID)
        self.db_url = self.config.CourseDirectory.db_url
        coursedir = CourseDirectory(config=self.config)
        self.api = NbGraderAPI(coursedir=coursedir, config=self.config)
        # nbgrader logs every step at INFO; keep the CLI's output for verdicts.
        self.api.log.setLevel(logging.WARNING)

    # -- paths -----------------------------------------------------------------
    def source(self, chapter: str) -> Path:
        return self.root / "source" / chapter / f"{chapter}.ipynb"

    def release(self, chapter: str) -> Path:
        return self.root / "release" / chapter / f"{chapter}.ipynb"

    def submitted(self, student: str, chapter: str) -> Path:
        return self.root / "submitted" / student / chapter / f"{chapter}.ipynb"

    def autograded(self, student: str, chapter: str) -> Path:
        return self.root / "autograded" / student / chapter / f"{chapter}.ipynb"

    def feedback(self, student: str, chapter: str) -> Path:
        return self.root / "feedback" / student / chapter / f"{chapter}.html"

    def _failure(self, what: str, res: dict, name: str) -> GradingError:
        """An nbgrader failure as one error: the real reason first, the whole log kept on disk beside it."""
        text = "\n".join(t for t in (res.get("log"), res.get("error")) if t)
        log = self.root / ".dlgrader" / "logs" / f"{name}.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(text)
            where = f" (nbgrader's whole log: {log})"
        except OSError:
            where = ""
        return GradingError(f"{what}: {nbgrader_reason(text)}{where}")

    # -- operations ------------------------------------------------------------
    def add_source(self, chapter_dir: Path) -> None:
        """Copy an instructor chapter folder into this course directory."""
        dest = self.root / "source" / chapter_dir.name
        if dest.resolve() != chapter_dir.resolve():
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(chapter_dir, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))

    def generate(self, chapter: str) -> Path:
        """Generate the student release of ``chapter`` and record it in the gradebook."""
        res = self.api.generate_assignment(chapter, force=True, create=True)
        if not res["success"]:
            raise self._failure(f"nbgrader could not generate the release of {chapter}", res, f"release-{chapter}")
        return self.release(chapter)

    def generate_from(self, chapter_dir: Path) -> Path:
        """Copy an instructor chapter folder in and generate its release; returns the release folder."""
        self.add_source(chapter_dir)
        return self.generate(chapter_dir.name).parent

    def submit(self, student: str, chapter: str, notebook_dir: Path) -> None:
        """Place a student's chapter folder where nbgrader expects a submission."""
        dest = self.submitted(student, chapter).parent
        if dest.resolve() != notebook_dir.resolve():
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(notebook_dir, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    def autograde(self, student: str, chapter: str) -> float:
        """Autograde one submission; returns the wall time in seconds."""
        t0 = time.perf_counter()
        res = self.api.autograde(chapter, student, force=True, create=True)
        if not res["success"]:
            raise self._failure(f"autograding {student}/{chapter} failed", res, f"autograde-{student}-{chapter}")
        return time.perf_counter() - t0

    def generate_feedback(self, student: str, chapter: str) -> Path:
        res = self.api.generate_feedback(chapter, student, force=True)
        if not res["success"]:
            raise self._failure(f"feedback for {student}/{chapter} failed", res, f"feedback-{student}-{chapter}")
        return self.feedback(student, chapter)

    def scores(self, student: str, chapter: str) -> Scores:
        """Scores from the gradebook plus each test cell's failure reason from the graded notebook."""
        from nbgrader.api import Gradebook

        errors = {}
        for nb in sorted((self.root / "autograded" / student / chapter).glob("*.ipynb")):
            errors.update(cell_errors(nb))
        with Gradebook(self.db_url) as gb:
            sub = gb.find_submission(chapter, student)
            cells = []
            auto, auto_max = 0.0, 0.0
            for nb in sub.notebooks:
                for g in nb.grades:
                    if not is_test(g):
                        continue  # written answers and hand-graded code are graded by hand
                    score = float(g.auto_score or 0.0)
                    auto += score
                    auto_max += float(g.max_score)
                    cells.append(CellResult(g.name, float(g.max_score), score, errors.get(g.name)))
            when, late, penalty = submission_times(sub)
            # nbgrader keeps the late penalty beside the score; the grade a student gets is the difference
            return Scores(max(0.0, float(sub.score) - penalty), float(sub.max_score), auto, auto_max,
                          bool(sub.needs_manual_grade), cells, when, late, penalty)


def submission_times(sub) -> tuple[str, float, float]:
    """(timestamp, seconds late, late penalty) of a gradebook submission."""
    when = sub.timestamp.strftime("%Y-%m-%d %H:%M:%S UTC") if sub.timestamp else ""
    return when, float(sub.total_seconds_late or 0), float(sub.late_submission_penalty or 0)


def is_test(grade) -> bool:
    """Whether a gradebook grade (or grade cell) is an autograded test: a code cell that is not also an
    answer cell (a hand-graded code cell is both, and carries no test)."""
    cell = getattr(grade, "cell", grade)
    return cell.cell_type == "code" and cell.name not in {c.name for c in cell.notebook.solution_cells}


def cell_errors(notebook: Path) -> dict[str, str]:
    """grade_id -> the first failure of each graded code cell in an executed notebook."""
    nb = read_notebook(notebook)
    found: dict[str, str] = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found[meta["grade_id"]] = f"{out.get('ename')}: {out.get('evalue')}"
                break
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                found[meta["grade_id"]] = f"stderr: {out.get('text', '').strip()[:300]}"
                break
    return found


_GENERIC = ("Please see the", "There was an error processing", "Traceback (most recent call last)")
_EXCEPTION = re.compile(r"^\s*(?:\[ERROR\]\s*)?([A-Za-z_][\w.]*(?:Error|Exception|Entry|Exit)): (.+)$")


def nbgrader_reason(text: str) -> str:
    """The sentence in an nbgrader log that says what went wrong, not "see the above traceback"."""
    lines = (text or "").splitlines()
    found = [f"{m[1].rsplit('.', 1)[-1]}: {m[2].strip()}" for line in lines
             if (m := _EXCEPTION.match(line)) and not m[2].strip().startswith(_GENERIC)]
    if found:
        return found[-1]
    errors = [line.split("]", 1)[-1].strip() for line in lines if line.startswith("[ERROR]")]
    errors = [e for e in errors if e and not e.startswith(_GENERIC)]
    return errors[-1] if errors else (lines[-1].strip() if lines else "no reason was logged")
