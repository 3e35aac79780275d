"""nbgrader settings shared by the repository's nbgrader_config.py and the CLI."""
from __future__ import annotations

import os
from pathlib import Path

from traitlets.config import Config

COURSE_ID = "dlcourse"
#: Per-cell execution limit in seconds while grading.  Chapters are written so
#: that every cell of the reference finishes in a few seconds on 2 cores.
CELL_TIMEOUT = 60
#: stderr lines that are noise rather than a failing test (nbgrader zeroes a
#: test cell with any stderr output that is not removed by this pattern).
IGNORE_STDERR = r"Matplotlib is building the font cache|Matplotlib created a temporary cache directory"


def normalize_db_url(db_url: str | None) -> str | None:
    """Pin PostgreSQL URLs to the installed driver (psycopg2; newer SQLAlchemy defaults to psycopg 3)."""
    if db_url and db_url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg2://" + db_url.split("://", 1)[1]
    return db_url


def configure(c: Config, root: str | Path, db_url: str | None = None, results_dir: str | Path | None = None,
              late_penalty: str = "none", course_id: str = COURSE_ID) -> Config:
    """Fill ``c`` with the course's nbgrader settings for the course directory ``root``.

    With ``results_dir``, autograding does not execute notebooks itself: it takes
    the outputs the sandboxed executor left there (see autograder/inject.py).
    """
    root = Path(root).resolve()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = course_id
    c.CourseDirectory.db_url = normalize_db_url(db_url) or f"sqlite:///{root / 'gradebook.db'}"
    # The exchange (nbgrader's release/collect by file copy) is not used; keep it out of /usr/local.
    c.Exchange.root = str(root / ".exchange")
    c.IgnorePattern.enabled = True
    c.IgnorePattern.pattern = IGNORE_STDERR
    c.Execute.timeout = CELL_TIMEOUT
    c.Execute.kernel_name = "python3"
    c.Execute.interrupt_on_timeout = True
    # The kernel's own start-up chatter (e.g. "running over TCP without
    # encryption" on loopback) would land in the grader's log for every notebook.
    c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
    # The message is what a student sees on running an unfinished cell: say what to do.
    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError(\"not done yet: replace this line with your solution\")"}
    c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
    # Feedback shows each test cell's verdict, never the hidden tests' source.
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
    from .feedback import TEMPLATE, FeedbackExporter

    c.GenerateFeedback.exporter_class = FeedbackExporter
    c.FeedbackExporter.update(TEMPLATE)  # nbgrader's page, with what it lacks for accessibility
    # Late work: nbgrader's own plugin, with the penalty course.toml names ("none" or "zero").
    c.LateSubmissionPlugin.penalty_method = late_penalty
    # `nbgrader export` writes here, never over the grades.csv that `dlcourse grade` and `export` keep.
    c.CsvExportPlugin.to = "nbgrader_grades.csv"
    if results_dir is not None:
        from nbconvert.preprocessors import ClearMetadataPreprocessor
        from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                            SaveAutoGrades)

        from .inject import InjectOutputs

        c.InjectOutputs.results_dir = str(results_dir)
        c.Autograde.autograde_preprocessors = [InjectOutputs, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                               SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
    return c


def make_config(root: str | Path, db_url: str | None = None, results_dir: str | Path | None = None,
                late_penalty: str = "none", course_id: str = COURSE_ID) -> Config:
    """A fresh :class:`Config` for the course directory ``root``."""
    return configure(Config(), root, db_url, results_dir, late_penalty, course_id)


OUT_CONFIG = """\
# Written by `dlcourse grade`: this folder's nbgrader settings.  Every nbgrader command run
# here, and the formgrader's buttons, read them: feedback never shows hidden tests, autograde
# takes the sandbox's outputs instead of running student code on this machine, and
# `nbgrader export` writes nbgrader_grades.csv, never over grades.csv.  It is rewritten at
# each `dlcourse grade`; put changes in the course's own settings instead.
from autograder.config import configure

c = get_config()  # noqa: F821 -- provided by traitlets when nbgrader loads this file
configure(c, root=__file__.rsplit("/", 1)[0], db_url={db_url!r}, results_dir={results_dir!r},
          late_penalty={late_penalty!r}, course_id={course_id!r})
"""


def write_out_config(out: str | Path, db_url: str | None, results_dir: str | Path, late_penalty: str = "none",
                     course_id: str = COURSE_ID) -> Path:
    """``OUT/nbgrader_config.py``, so that OUT is a complete and safe nbgrader course directory.

    Readable by its owner only: a ``--db`` URL may carry a password.
    """
    path = Path(out) / "nbgrader_config.py"
    text = OUT_CONFIG.format(db_url=db_url, results_dir=str(results_dir), late_penalty=late_penalty,
                             course_id=course_id)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path
