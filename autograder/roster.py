"""The class roster: student ids, names, e-mails and LMS ids, imported once per term.

A roster is a CSV file with a header.  Columns (case and spaces do not matter):

* ``id`` (or ``student_id``, ``username``, ``login``): the id nbgrader uses, and the name
  of the student's folder under ``--submitted``; required;
* ``first_name``, ``last_name`` (or one ``name`` column, split at its last space);
* ``email``;
* ``lms_id`` (or ``canvas_id``, ``moodle_id``, ``user_id``): the student's number in the
  LMS, which its submission downloads carry in their file names;
* ``extension_hours``: extra time on every due date, for this student.

:func:`import_roster` stores it in the gradebook (nbgrader's own student table) and in
``OUT/roster.csv``, so that grading, feedback and the LMS files use the same names.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

ROSTER_FILE = "roster.csv"
_ALIASES = {"id": ("id", "student_id", "studentid", "username", "login", "student"),
            "first_name": ("first_name", "firstname", "given_name", "first"),
            "last_name": ("last_name", "lastname", "surname", "family_name", "last"),
            "email": ("email", "e_mail", "email_address", "mail"),
            "lms_id": ("lms_id", "canvas_id", "moodle_id", "user_id", "userid", "lms_user_id"),
            "extension_hours": ("extension_hours", "extension", "extra_hours")}
#: The student ids nbgrader can use (also the names of students' folders under --submitted).
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")


class RosterError(ValueError):
    """The roster cannot be used; the message names the line and what to change."""


@dataclass
class Student:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_id: str = ""
    extension_hours: float = 0.0


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def parse_roster(text: str, name: str = "roster") -> list[Student]:
    """Students from a roster CSV's text (see the module's docstring for the columns)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames:
        raise RosterError(f"{name} is empty; it needs a header line such as id,first_name,last_name,email,lms_id")
    columns = {}
    for header in reader.fieldnames:
        k = _key(header or "")
        for field, names in _ALIASES.items():
            if k in names and field not in columns:
                columns[field] = header
        if k == "name" and "first_name" not in columns:
            columns["name"] = header
    if "id" not in columns:
        raise RosterError(f"{name} has no id column (found: {', '.join(reader.fieldnames)}); name one of them "
                          "id, student_id or username")
    students, seen = [], set()
    for line, row in enumerate(reader, start=2):
        get = lambda f: (row.get(columns[f]) or "").strip() if f in columns else ""  # noqa: E731
        sid = get("id")
        if not sid:
            continue
        if not STUDENT_ID.match(sid):
            raise RosterError(f"{name}, line {line}: student id {sid!r} has characters nbgrader cannot use "
                              "(letters, digits and _ . @ + - only)")
        if sid in seen:
            raise RosterError(f"{name}, line {line}: student id {sid!r} appears twice")
        seen.add(sid)
        first, last = get("first_name"), get("last_name")
        if not (first or last) and "name" in columns:
            first, _, last = (row.get(columns["name"]) or "").strip().rpartition(" ")
            first, last = (first, last) if first else (last, "")
        try:
            extension = float(get("extension_hours") or 0)
        except ValueError:
            raise RosterError(f"{name}, line {line}: extension_hours must be a number of hours") from None
        students.append(Student(sid, first, last, get("email"), get("lms_id"), extension))
    if not students:
        raise RosterError(f"{name} lists no students")
    return students


def write_roster(students: list[Student], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=[f.name for f in fields(Student)])
        w.writeheader()
        for s in students:
            w.writerow(asdict(s))


def load_roster(out: Path) -> list[Student]:
    """The roster imported into a graded folder, or an empty list."""
    path = Path(out) / ROSTER_FILE
    return parse_roster(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else []


def import_roster(source: Path, out: Path, db_url: str) -> list[Student]:
    """Read a roster CSV and store it in OUT's gradebook and ``OUT/roster.csv``."""
    from nbgrader.api import Gradebook

    students = parse_roster(Path(source).read_text(encoding="utf-8-sig"), str(source))
    out.mkdir(parents=True, exist_ok=True)
    with Gradebook(db_url) as gb:
        for s in students:
            gb.update_or_create_student(s.id, first_name=s.first_name or None, last_name=s.last_name or None,
                                        email=s.email or None, lms_user_id=s.lms_id or None)
    write_roster(students, out / ROSTER_FILE)
    return students


def add_names(rows, students: list[Student]) -> None:
    """Fill each grade row's name and e-mail from the roster (rows of students it does not list stay as they are)."""
    by_id = {s.id: s for s in students}
    for row in rows:
        who = by_id.get(row.student_id)
        if who:
            row.first_name, row.last_name, row.email = who.first_name, who.last_name, who.email
