"""The course as data: ``course.toml`` at the root, and the assignment folders under ``source/``.

An assignment is a folder under ``source/`` holding at least one notebook (nbgrader's
layout: any number of notebooks with any names, data files and images beside them).
``course.toml`` gives the order, titles, due dates and late policy; a folder it does not
list is still an assignment, after the listed ones.  No code lists the assignments.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

COURSE_FILE = "course.toml"
LATE_PENALTIES = ("none", "zero")


class CourseFileError(ValueError):
    """course.toml cannot be used; the message says where and what to write instead."""


@dataclass
class Assignment:
    id: str
    title: str
    due: dt.datetime | None = None
    notebooks: list[str] = field(default_factory=list)  # names without .ipynb, sorted
    lms_title: str = ""  # the assignment's column in the LMS gradebook (default: the title)
    points: float | None = None  # what its graded cells must add up to (checked by `dlcourse check`)


@dataclass
class Course:
    id: str = "dlcourse"
    title: str = ""
    late_penalty: str = "none"
    assignments: list[Assignment] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # listed in course.toml, but no folder under source/

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.assignments]

    def get(self, assignment: str) -> Assignment | None:
        return next((a for a in self.assignments if a.id == assignment), None)


def notebooks_in(folder: Path) -> list[str]:
    """The notebooks of an assignment folder (top level only, as nbgrader does), sorted by name."""
    return sorted(p.stem for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))


def _due(value, where: str) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(23, 59, 59), dt.timezone.utc)
    raise CourseFileError(f"{where}: due must be a TOML date-time such as 2027-02-01T23:59:00Z, not {value!r}")


def load(root: Path) -> Course:
    """The course at ``root``: course.toml (if any) merged with the folders under source/."""
    path = root / COURSE_FILE
    data = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CourseFileError(f"{path} is not valid TOML: {exc}") from None
    meta = data.get("course", {})
    late = data.get("late", {})
    course = Course(id=str(meta.get("id", "dlcourse")), title=str(meta.get("title", "")),
                    late_penalty=str(late.get("penalty", "none")))
    if course.late_penalty not in LATE_PENALTIES:
        raise CourseFileError(f"{path}: [late] penalty must be one of {', '.join(LATE_PENALTIES)}, "
                              f"not {course.late_penalty!r}")
    source = root / "source"
    folders = {p.name: p for p in (sorted(source.iterdir()) if source.is_dir() else [])
               if p.is_dir() and not p.name.startswith((".", "_")) and notebooks_in(p)}
    listed = data.get("assignments", [])
    if not isinstance(listed, list):
        raise CourseFileError(f"{path}: write each assignment as an [[assignments]] table")
    seen = set()
    for i, entry in enumerate(listed):
        where = f"{path}, assignment {i + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise CourseFileError(f"{where}: every [[assignments]] table needs an id = \"folder name\"")
        aid = entry["id"]
        if aid in seen:
            raise CourseFileError(f"{where}: {aid!r} is listed twice")
        seen.add(aid)
        if aid not in folders:
            course.unknown.append(aid)
            continue
        title = str(entry.get("title", aid))
        points = entry.get("points")
        if points is not None and (isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0):
            raise CourseFileError(f"{where}: points must be a number, not {points!r}")
        course.assignments.append(Assignment(aid, title, _due(entry.get("due"), where), notebooks_in(folders[aid]),
                                             str(entry.get("lms_title", title)), points))
    for name, folder in folders.items():
        if name not in seen:
            course.assignments.append(Assignment(name, name, None, notebooks_in(folder), name))
    return course
