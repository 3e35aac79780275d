"""Submissions in from an LMS's "download all submissions" archive; grades back out as its import file.

:func:`collect` unpacks the .zip that Canvas, Moodle or Blackboard gives for an
assignment into nbgrader's submitted layout, ``DEST/<student id>/<assignment>/``,
mapping each file to a roster student by the id or name the LMS put in its
name.  The archive is hostile input: its member names come from students' own
file names, so each is checked before anything is written, and nothing is
written outside ``DEST``.

The file-name schemes, from the LMSs' own code:

* **Canvas** (``lib/content_zipper.rb`` in instructure/canvas-lms):
  ``<lastfirst>[_LATE]_<user id>_<file id>_<file name>``, where ``lastfirst``
  is the sortable name lower-cased with every non-word character removed and
  ``file id`` is the attachment's id (it grows with every upload); anonymous
  grading gives ``[LATE_]anon_<anonymous id>_<file id>_<file name>``.  When a
  student uploads a file whose name they already used, Canvas renames it
  ``name-1.ipynb``, ``name-2.ipynb`` ... (``Attachment.make_unique_filename``).
* **Moodle** (``mod/assign/classes/downloader.php``, before 4.1
  ``mod/assign/locallib.php``): ``<Full Name>_<participant id>_assignsubmission_file``
  then either ``/<path in the submission>`` (a folder per student, the default
  since 3.1; 3.1 to 4.0 add a ``_`` before the ``/``) or ``_<file name>`` (the
  flat layout).  The participant id is the assignment's own number for the
  student, not the user id, so a student not found by ``lms_id`` is looked up
  by full name.
* **Blackboard** ("Download Assignment" in the Grade Centre):
  ``<Assignment Name>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>_<file name>``
  for each file and ``..._attempt_<time>.txt`` as the attempt's receipt.
  The username is the roster id.  The time is the server's local time: pass
  ``timezone`` so ``timestamp.txt`` is written in UTC.

:func:`export_lms` writes the grade import file of Canvas (the gradebook CSV,
``lib/gradebook_importer.rb``) or Moodle (CSV grade import,
``grade/import/grade_import_form.php`` and ``grade/import/csv/classes/load_data.php``).
"""
from __future__ import annotations

import csv
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone as _tz
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .roster import Student
from .safefs import open_dir, shown

LMSES = ("canvas", "moodle", "blackboard")
# A zip bomb is stopped before anything is unpacked: these bound the sizes its
# directory declares, and each member is read no further than its declared size.
MAX_BYTES = 200 << 20
MAX_MEMBERS = 5000
TIMESTAMP = "timestamp.txt"

_CANVAS = re.compile(r"^(?P<name>\w*?)(?P<late>_LATE)?_(?P<uid>\d+)(?:_(?P<fid>\d+))?_(?P<file>[^/]+)$")
_CANVAS_ANON = re.compile(r"^(?P<late>LATE_)?anon_(?P<anon>[A-Za-z0-9]+)_(?P<fid>\d+)_(?P<file>[^/]+)$")
# Lazy name: a Moodle name never contains "_<digits>_assignsubmission_" ("_" becomes a space).
_MOODLE = re.compile(r"^(?P<name>[^/]*?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z0-9]+)"
                     r"(?:_?/(?P<path>.+)|_(?P<file>[^/]+))$")
_BLACKBOARD = re.compile(r"^(?P<prefix>[^/]+?)_attempt_(?P<when>\d{4}(?:-\d\d){5})"
                         r"(?:_(?P<file>[^/]+)|(?P<receipt>\.txt))$")
# Copies renamed by the LMS or a browser: Canvas "-1" (or "-<uuid>" after 8 tries), "(1)" or " (1)".
_COPY = re.compile(r"^(?P<stem>.+?)(?:-(?P<dash>\d+)|-(?P<uuid>[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})"
                   r"| ?\((?P<paren>\d+)\))$", re.IGNORECASE)
_UUID_COPY = 10 ** 6  # Canvas switches to a uuid only after "-7": later than any numbered copy
_SIMPLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+ -]*$")


class LMSError(ValueError):
    """The archive or the grades cannot be used as they are; the message says why and what to do."""

    def __init__(self, message: str, unknown: list[str] | None = None):
        super().__init__(message)
        self.unknown = unknown or []


@dataclass
class CollectReport:
    """What :func:`collect` did.  Every member of the archive is in one of the lists or in a note."""

    lms: str
    collected: list[tuple[str, str, str]] = field(default_factory=list)  # (student id, notebook, from member)
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (student id, path, from member): other files
    notes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # "member name: why no student"
    refused: list[str] = field(default_factory=list)  # "member name: why it is unsafe"
    late: list[str] = field(default_factory=list)  # students Canvas marked LATE

    def summary(self) -> list[str]:
        students = len({s for s, _, _ in self.collected} | {s for s, _, _ in self.files})
        lines = [f"{self.lms} archive: {len(self.collected)} notebook(s) and {len(self.files)} other file(s) "
                 f"collected for {students} student(s)"]
        if self.late:
            lines.append(f"marked late by {self.lms}: {', '.join(self.late)}")
        lines += [f"no student for {u}" for u in self.unmatched]
        lines += [f"refused {r}" for r in self.refused]
        lines += [f"note: {n}" for n in self.notes]
        return lines


@dataclass
class _Member:
    info: zipfile.ZipInfo
    name: str  # checked, printable
    index: int  # order in the archive: the last tie-breaker


@dataclass
class _Candidate:
    member: _Member
    student: str
    path: str  # where it goes in the student's folder, before copy renaming
    rank: tuple  # larger = later
    when: datetime | None = None  # Blackboard attempt time, UTC


def _check_name(info: zipfile.ZipInfo, metadata_encoding: str | None) -> tuple[str | None, str]:
    """``(name, "")`` for a safe member, or ``(None, why)``; the name is shown with escapes either way."""
    name = info.orig_filename
    if not info.flag_bits & 0x800:
        # Without the UTF-8 flag zipfile decoded the bytes as cp437 (which maps every byte): recover them,
        # since Info-ZIP and most LMSs write UTF-8 without setting the flag.
        raw = name.encode(metadata_encoding or "cp437")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None, f"{shown(raw)}: its name is not valid UTF-8"
    show = shown(name)
    mode = info.external_attr >> 16
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        what = "a symbolic link" if stat.S_ISLNK(mode) else "a special file"
        return None, f"{show}: it is {what}, which is never unpacked"
    if info.flag_bits & 0x1:
        return None, f"{show}: it is encrypted"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return None, f"{show}: its name has control characters"
    if "\\" in name:  # every LMS removes backslashes from names; one here is a Windows path trick
        return None, f"{show}: its name has a backslash"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None, f"{show}: it has an absolute path"
    parts = name.rstrip("/").split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None, f"{show}: its path has an empty, '.' or '..' part"
    return name, ""


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


class _Roster:
    def __init__(self, students: list[Student]):
        self.ids = {s.id: s.id for s in students}
        self.folded_ids = {s.id.casefold(): s.id for s in students}
        self.lms = {}
        for s in students:
            if s.lms_id.strip():
                self.lms.setdefault(s.lms_id.strip(), s.id)
        names: dict[str, set[str]] = {}
        for s in students:
            first, last = s.first_name.strip(), s.last_name.strip()
            # Moodle: "First Last" (or "Last First", a site setting); Canvas: sortable name, word characters only.
            for k in {_key(f"{first} {last}"), _key(f"{last} {first}"), re.sub(r"\W", "", (last + first).lower())}:
                if k:
                    names.setdefault(k, set()).add(s.id)
        self.names = {k: next(iter(v)) for k, v in names.items() if len(v) == 1}  # ambiguous names match no one

    def by_name(self, name: str, canvas: bool = False) -> str | None:
        return self.names.get(re.sub(r"\W", "", name.lower()) if canvas else _key(name))

    def by_username(self, prefix: str) -> str | None:
        """The roster id that ends Blackboard's ``<Assignment Name>_<username>`` (both may contain "_")."""
        folded = prefix.casefold()
        for key in sorted(self.folded_ids, key=len, reverse=True):
            if folded == key or folded.endswith("_" + key):
                return self.folded_ids[key]
        return None


def detect(names: list[str]) -> str | None:
    """The LMS whose naming scheme the most member names follow (Moodle, then Blackboard, on a tie)."""
    counts = {"moodle": sum(bool(_MOODLE.match(n)) for n in names),
              "blackboard": sum(bool(_BLACKBOARD.match(n)) for n in names),
              "canvas": sum(bool(_CANVAS.match(n) or _CANVAS_ANON.match(n)) for n in names)}
    best = max(counts, key=lambda k: counts[k])  # dict order breaks ties: the more specific schemes first
    return best if counts[best] else None


def _notebook(path: str, notebooks: list[str]) -> tuple[str, int, bool] | None:
    """``(notebook, copy number, renamed)`` when a top-level file is one of the assignment's notebooks."""
    if "/" in path or not path.lower().endswith(".ipynb"):
        return None
    stem = path[:-len(".ipynb")]
    if path.endswith(".ipynb") and stem in notebooks:
        return stem, 0, False
    folded = {n.casefold(): n for n in notebooks}
    if stem.casefold() in folded:
        return folded[stem.casefold()], 0, True
    m = _COPY.match(stem)
    if m and m["stem"].casefold() in folded:
        copy = _UUID_COPY if m["uuid"] else int(m["dash"] or m["paren"])
        return folded[m["stem"].casefold()], copy, True
    return None


def _parse(lms: str, member: _Member, roster: _Roster, tz: ZoneInfo, report: CollectReport,
           late: set[str], named: set[str]) -> _Candidate | None:
    """The student and path a member belongs to, or ``None`` after saying why in the report."""
    name = member.name
    if lms == "canvas":
        m = _CANVAS_ANON.match(name)
        if m:
            report.unmatched.append(f"{shown(name)}: Canvas anonymised it (anonymous grading); download the "
                                    "submissions after grades are posted, or grade in Canvas")
            return None
        m = _CANVAS.match(name)
        if not m:
            report.unmatched.append(f"{shown(name)}: not named as Canvas names submissions")
            return None
        sid = roster.lms.get(m["uid"])
        if sid is None and (sid := roster.by_name(m["name"], canvas=True)):
            if m["name"] not in named:
                named.add(m["name"])
                report.notes.append(f"Canvas user {m['uid']} ({shown(m['name'])}) is not a roster lms_id; matched "
                                    f"to {sid} by name")
        if sid is None:
            report.unmatched.append(f"{shown(name)}: no roster student has lms_id {m['uid']} or that name")
            return None
        if m["late"]:
            late.add(sid)
        return _Candidate(member, sid, m["file"], (int(m["fid"] or 0),))
    if lms == "moodle":
        m = _MOODLE.match(name)
        if not m:
            report.unmatched.append(f"{shown(name)}: not named as Moodle names submissions")
            return None
        sid = roster.lms.get(m["pid"])
        if sid is None and (sid := roster.by_name(m["name"])):
            if m["name"] not in named:
                named.add(m["name"])
                report.notes.append(f"Moodle participant {m['pid']} ({shown(m['name'])}) is not a roster lms_id; "
                                    f"matched to {sid} by name")
        if sid is None:
            report.unmatched.append(f"{shown(name)}: no roster student has lms_id {m['pid']} or the name "
                                    f"{shown(m['name'])!r}")
            return None
        return _Candidate(member, sid, m["path"] or m["file"], ())
    m = _BLACKBOARD.match(name)
    if not m:
        report.unmatched.append(f"{shown(name)}: not named as Blackboard names submissions")
        return None
    if m["receipt"]:
        return None  # counted by the caller
    sid = roster.by_username(m["prefix"])
    if sid is None:
        report.unmatched.append(f"{shown(name)}: no roster id ends {shown(m['prefix'])!r}")
        return None
    when = datetime.strptime(m["when"], "%Y-%m-%d-%H-%M-%S").replace(tzinfo=tz).astimezone(_tz.utc)
    return _Candidate(member, sid, m["file"], (when,), when)


def _write(zf: zipfile.ZipFile, info: zipfile.ZipInfo, root_fd: int, parts: list[str], budget: int) -> int:
    """Copy one member to ``parts`` under ``root_fd``: folders made as needed, no link followed, nothing replaced."""
    fd = os.dup(root_fd)
    try:
        for d in parts[:-1]:
            try:
                os.mkdir(d, 0o755, dir_fd=fd)
            except FileExistsError:
                pass
            nfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=fd)
            os.close(fd)
            fd = nfd
        out = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644,
                      dir_fd=fd)
        written = 0
        try:
            with os.fdopen(out, "wb") as w, zf.open(info) as r:
                while chunk := r.read(1 << 20):
                    written += len(chunk)
                    if written > budget:
                        raise LMSError("the archive unpacks to more than its members declared; it is corrupt")
                    w.write(chunk)
        except BaseException:
            os.unlink(parts[-1], dir_fd=fd)
            raise
        return written
    finally:
        os.close(fd)


def _valid_name(what: str, name: str) -> None:
    if not _SIMPLE.match(name) or name in (".", ".."):
        raise LMSError(f"{what} {shown(name)!r} must be letters, digits and _ . + - (and spaces)")


def collect(archive: Path, assignment: str, dest: Path, roster: list[Student], notebooks: list[str], *,
            lms: str | None = None, timezone: str = "UTC", max_bytes: int = MAX_BYTES,
            max_members: int = MAX_MEMBERS) -> CollectReport:
    """Unpack an LMS's submissions archive into ``dest/<student id>/<assignment>/``.

    ``notebooks`` are the assignment's notebook names without ``.ipynb``.  ``lms`` is
    detected from the member names unless given (``canvas``, ``moodle``, ``blackboard``);
    ``timezone`` is the IANA zone of Blackboard's attempt times.  ``dest`` must not
    exist or be empty.  A student's copies of one notebook (renamed by the LMS or a
    browser) are resolved to the latest attempt, or the highest copy number, with a
    note; other files go beside the notebooks; a ``timestamp.txt`` in the archive is
    dropped (students could forge it) and Blackboard's attempt time written instead.
    Raises :class:`LMSError` (with nothing written) for an unreadable archive, one over
    the limits, or a ``dest`` that has files.
    """
    if lms is not None and lms not in LMSES:
        raise LMSError(f"lms must be one of {', '.join(LMSES)}, not {lms!r}")
    _valid_name("assignment", assignment)
    for nb in notebooks:
        _valid_name("notebook", nb)
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise LMSError(f"unknown time zone {timezone!r}; give an IANA name such as Europe/London") from None
    dest = Path(dest)
    if dest.is_symlink() or (dest.exists() and (not dest.is_dir() or any(dest.iterdir()))):
        raise LMSError(f"{dest} already has files; collect into a new or empty folder (nothing is overwritten)")
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
        raise LMSError(f"{archive} is not a readable .zip archive ({exc})") from None
    with zf:
        infos = zf.infolist()
        declared = sum(i.file_size for i in infos)
        if len(infos) > max_members or declared > max_bytes:
            raise LMSError(f"{archive} has {len(infos)} members and {declared >> 20} MB uncompressed, over the "
                           f"limits of {max_members} members and {max_bytes >> 20} MB; it was not unpacked")
        report = CollectReport(lms or "")
        members = []
        for index, info in enumerate(infos):
            name, why = _check_name(info, zf.metadata_encoding)
            if name is None:
                report.refused.append(why)
            elif not name.endswith("/"):  # folders carry nothing; their files say where they go
                members.append(_Member(info, name, index))
        if lms is None:
            lms = detect([m.name for m in members])
            if lms is None:
                raise LMSError(f"no member of {archive} is named as Canvas, Moodle or Blackboard name submissions; "
                               "pass lms= if you know which made it")
        report.lms = lms
        people, late, named, receipts = _Roster(roster), set(), set(), 0
        by_student: dict[str, dict[str, list[tuple[_Candidate, int, bool]]]] = {}
        for member in members:
            cand = _parse(lms, member, people, tz, report, late, named)
            if cand is None:
                m = _BLACKBOARD.match(member.name) if lms == "blackboard" else None
                receipts += bool(m and m["receipt"])
                continue
            if cand.path == TIMESTAMP:
                report.notes.append(f"{cand.student}: dropped {shown(member.name)}: a submitted timestamp.txt is "
                                    "never trusted")
                continue
            nb = _notebook(cand.path, notebooks)
            target = f"{nb[0]}.ipynb" if nb else cand.path
            copy, renamed = (nb[1], nb[2]) if nb else (0, False)
            by_student.setdefault(cand.student, {}).setdefault(target, []).append((cand, copy, renamed))
        if receipts:
            report.notes.append(f"ignored {receipts} Blackboard receipt(s) (the .txt file of each attempt)")
        report.late = sorted(late)

        plan = []  # (student, target, candidate, notebook or None)
        for sid in sorted(by_student):
            for target, cands in sorted(by_student[sid].items()):
                # Later attempt first (Blackboard), then the higher copy number, then the newer Canvas file id.
                cands.sort(key=lambda c: (c[0].when or datetime.min.replace(tzinfo=_tz.utc), c[1], c[0].rank,
                                          c[0].member.index))
                chosen, _, renamed = cands[-1]
                nb = target[:-6] if target.endswith(".ipynb") and target[:-6] in notebooks else None
                if renamed:
                    report.notes.append(f"{sid}: took {shown(chosen.path)} as {target} (a renamed copy)")
                for other, _, _ in cands[:-1]:
                    report.notes.append(f"{sid}: {target} was also submitted as {shown(other.member.name)}; "
                                        f"the later {shown(chosen.member.name)} was taken")
                plan.append((sid, target, chosen, nb))
            missing = [nb for nb in notebooks if f"{nb}.ipynb" not in by_student[sid]]
            if missing:
                report.notes.append(f"{sid}: no {', '.join(m + '.ipynb' for m in missing)} in the archive")

        dest.mkdir(parents=True, exist_ok=True)
        budget, times = max_bytes, {}  # times: each student's latest Blackboard attempt among the files written
        with open_dir(str(dest)) as root:
            for sid, target, cand, nb in plan:
                try:
                    budget -= _write(zf, cand.member.info, root, [sid, assignment, *target.split("/")], budget)
                except LMSError:
                    raise
                except (OSError, zipfile.BadZipFile, RuntimeError, EOFError, ValueError) as exc:
                    report.notes.append(f"{sid}: {shown(cand.member.name)} could not be unpacked ({exc})")
                    continue
                if nb:
                    report.collected.append((sid, nb, cand.member.name))
                else:
                    report.files.append((sid, target, cand.member.name))
                if cand.when and (sid not in times or cand.when > times[sid]):
                    times[sid] = cand.when
            for sid, when in times.items():
                path = dest / sid / assignment / TIMESTAMP
                # nbgrader's parse_utc reads "<date> <time> <zone>"; the file was dropped above, so this is new.
                with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644), "w") as f:
                    f.write(when.strftime("%Y-%m-%d %H:%M:%S UTC"))
    return report


# ---- grades out ------------------------------------------------------------------------------------------------

_MOODLE_KEYS = {"email": ("Email address", "email"), "idnumber": ("ID number", "id"), "username": ("Username", "id")}


def _points(value) -> str:
    """A score as the LMSs read it: at most two decimals (Canvas compares at that precision), no trailing zeros."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def export_lms(rows, roster: list[Student], assignment_titles: dict[str, str], fmt: str, path: Path, *,
               moodle_key: str = "email") -> Path:
    """Write the grade import file of ``fmt`` (``canvas`` or ``moodle``) to ``path`` and return it.

    ``rows`` are grade rows (dicts, as read from ``grades.csv``) with at least
    ``student_id, assignment, score, max_score``.  ``assignment_titles`` maps each
    nbgrader assignment to export, in column order, to its name in the LMS:

    * Canvas: the gradebook column header, ``Title (assignment id)``, exactly as
      Canvas exports it (Canvas matches the id, else the title, else makes a new
      assignment).  Columns ``Student, ID, SIS User ID, SIS Login ID, Section``
      carry the roster's "Last, First", ``lms_id`` (Canvas's user id, matched first)
      and ``id`` (as the SIS login id, matched when ``lms_id`` is empty); a
      ``Points Possible`` row gives each assignment's ``max_score``.
    * Moodle: the grade item's name as the import page lists it (``Assignment: Title``
      for an assignment activity); `` (Real)`` is appended, which is what makes Moodle
      map the column to that item without asking.  One identifier column:
      ``moodle_key`` ``email`` (``Email address``, the default), ``idnumber``
      (``ID number`` from the roster id) or ``username`` (``Username`` from the
      roster id), which Moodle's import page selects by that header.

    Every roster student gets a line; a missing grade, or a row whose ``status`` is
    not ``graded`` (a submission that failed to grade is never uploaded as zero),
    is an empty cell, which Moodle reads as "no grade".  Rows for assignments not
    in ``assignment_titles`` are left out.  Raises :class:`LMSError`, writing
    nothing, when rows name students not in the roster (listed in ``.unknown``),
    when a student/assignment pair appears twice, or when a Moodle identifier is
    empty for a student (Moodle would give that line's grades to the line before).
    """
    if fmt not in ("canvas", "moodle"):
        raise LMSError(f"fmt must be canvas or moodle, not {fmt!r}")
    if fmt == "moodle" and moodle_key not in _MOODLE_KEYS:
        raise LMSError(f"moodle_key must be one of {', '.join(_MOODLE_KEYS)}, not {moodle_key!r}")
    known = {s.id for s in roster}
    cells: dict[tuple[str, str], str] = {}
    points: dict[str, float] = {}
    unknown = []
    for row in rows:
        sid, a = str(row["student_id"]), str(row["assignment"])
        if a not in assignment_titles:
            continue
        if sid not in known:
            unknown.append(sid)
            continue
        if (sid, a) in cells:
            raise LMSError(f"grades list {sid} twice for {a}; keep one row per student and assignment")
        try:
            score = "" if row.get("status", "graded") not in ("graded", "") or row["score"] in ("", None) \
                else _points(row["score"])
            if row.get("max_score") not in ("", None):
                points[a] = max(points.get(a, 0.0), float(row["max_score"]))
        except ValueError:
            raise LMSError(f"the score of {sid} for {a} is not a number: {row['score']!r}") from None
        cells[(sid, a)] = score
    if unknown:
        names = sorted(set(unknown))
        raise LMSError(f"grades for students not in the roster: {', '.join(names)}; add them to the roster or "
                       "leave their rows out", unknown=names)
    titles = list(assignment_titles.values())
    if fmt == "canvas":
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *titles]
        lines = [["    Points Possible", "", "", "", "",
                  *(_points(points[a]) if a in points else "" for a in assignment_titles)]]
        for s in roster:
            name = f"{s.last_name}, {s.first_name}" if s.last_name and s.first_name else s.last_name or s.first_name
            lines.append([name or s.id, s.lms_id, "", s.id, "",
                          *(cells.get((s.id, a), "") for a in assignment_titles)])
    else:
        label, attr = _MOODLE_KEYS[moodle_key]
        blank = [s.id for s in roster if not getattr(s, attr).strip()]
        if blank:
            raise LMSError(f"the roster has no {label.lower()} for {', '.join(blank)}; Moodle cannot tell whose "
                           "grades those lines are", unknown=blank)
        header = ["First name", "Last name", label,
                  *(t if t.rstrip().endswith("(Real)") else f"{t} (Real)" for t in titles)]
        lines = [[s.first_name, s.last_name, getattr(s, attr).strip(),
                  *(cells.get((s.id, a), "") for a in assignment_titles)] for s in roster]
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(lines)
    os.replace(tmp, path)
    return path
