"""``dlcourse``: one entry point for the course's instructor and maintainer work.

Thin over importable functions (:mod:`utils.release`, :mod:`utils.check`,
:mod:`autograder.grade`, :mod:`utils.site`); nbgrader does the notebook work.

Exit codes: 0 success, 1 a check or grading step failed, 2 bad usage,
3 (``grade`` only) every row was written but some submissions could not be graded
(their rows say why; the rest of the class is graded).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from autograder.coursedir import GradingError

from . import site

EXAMPLES = """\
examples:
  dlcourse release                 regenerate release/ for every chapter
  dlcourse check 01_basics         prove chapter 01's tests sound
  dlcourse check --json            the same for all chapters, as JSON
  dlcourse demos --tag 01_basics   tag the demonstrations grading can skip (then release and check)
  dlcourse grade --submitted submitted --out graded --workers 4
  dlcourse formgrader --out graded  grade written answers by hand (prints a URL)
  dlcourse feedback --out graded    feedback pages again, with the hand grades
  dlcourse export --out graded      after manual grading: grades.csv with manual points
  dlcourse site                    build the course website into build/site/
"""


#: ``dlcourse grade``'s exit code when some submissions could not be graded (all rows are written).
COULD_NOT_GRADE = 3


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cmd_release(args, root: Path) -> int:
    from .paths import resolve_chapters
    from .release import release

    for path in release(root, resolve_chapters(root, args.chapters)):
        _say(f"wrote {path.relative_to(root)}")
    return 0


def cmd_check(args, root: Path) -> int:
    from .check import check, format_table
    from .paths import resolve_chapters

    reports = check(root, resolve_chapters(root, args.chapters), progress=None if args.json else _say,
                    sandbox=not args.no_sandbox)
    if args.json:
        print(json.dumps([r.as_json() for r in reports], indent=2))
    else:
        print(format_table(reports))
    return 0 if all(r.ok for r in reports) else 1


def cmd_demos(args, root: Path) -> int:
    """List (or tag) the demonstrations grading could skip: see docs/grading.md."""
    from autograder.coursedir import read_notebook
    from autograder.demos import TAGS

    from .check import demo_suggestions, fill_reference
    from .paths import resolve_chapters

    for ch in resolve_chapters(root, args.chapters):
        path = root / "source" / ch / f"{ch}.ipynb"
        source = read_notebook(path)
        reference = fill_reference(read_notebook(root / "release" / ch / f"{ch}.ipynb"), source)
        found = demo_suggestions(reference, source)
        for i in found:
            first = source.cells[i].source.strip().splitlines()[0][:70] if source.cells[i].source.strip() else ""
            _say(f"{ch}: cell {i}: {first}")
            if args.tag:
                source.cells[i].metadata["tags"] = [*source.cells[i].metadata.get("tags", []), TAGS[0]]
        if args.tag and found:
            import nbformat

            nbformat.write(source, path)
        _say(f"{ch}: {len(found)} untagged cell(s) could be skipped when grading"
             + (f"; tagged {TAGS[0]} in {path.relative_to(root)}: now run `dlcourse release {ch}` and "
                f"`dlcourse check {ch}`" if args.tag and found else ""))
    return 0


def cmd_grade(args, root: Path) -> int:
    from autograder.grade import GradeOptions, cap, grade
    from .paths import resolve_chapters

    chapters = resolve_chapters(root, [args.chapter]) if args.chapter else None
    opts = GradeOptions(workers=args.workers, notebook_timeout=args.timeout, cell_timeout=args.cell_timeout,
                        memory_mb=args.memory, slot_memory_mb=args.slot_memory, db_url=args.db, scheduler=args.scheduler, force=args.force,
                        sandbox=not args.no_sandbox, diagnose=not args.no_diagnosis, similarity=args.similarity,
                        demos="run" if args.run_demos else "skip")
    rows = grade(root, Path(args.submitted), Path(args.out), chapters, opts, progress=_say)
    errors = [r for r in rows if r.status == "error"]
    missing = sum(r.status == "missing" for r in rows)
    _say(f"graded {len(rows) - len(errors) - missing}, missing {missing}, could not grade {len(errors)}; "
         f"grades in {Path(args.out) / 'grades.csv'}")
    for r in errors:
        _say(f"  {r.student_id}/{r.assignment}: {cap(r.message, 500)}")
    return COULD_NOT_GRADE if errors else 0


def cmd_export(args, root: Path) -> int:
    import csv

    from autograder import coursefile
    from autograder.lms import export_lms
    from autograder.report import export, write_diagnoses, write_report
    from autograder.roster import load_roster

    out = Path(args.out)
    if not (out / "grades.csv").is_file() and not (out / "gradebook.db").is_file() and not args.db:
        raise ValueError(f"{out} holds no grading results; run `dlcourse grade --out {out}` first")
    _say(f"wrote {export(out, args.db)}, {write_diagnoses(out)} and {write_report(out, args.db)}")
    if args.format:
        roster = load_roster(out)
        if not roster:
            raise ValueError(f"an LMS file needs the class roster: `dlcourse roster --out {out} ROSTER.csv` first")
        with open(out / "grades.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        course = coursefile.load(root)
        graded = {r["assignment"] for r in rows}
        titles = {a.id: a.lms_title for a in course.assignments if a.id in graded}
        titles.update({a: a for a in sorted(graded) if a not in titles})
        path = Path(args.to) if args.to else out / f"grades-{args.format}.csv"
        _say(f"wrote {export_lms(rows, roster, titles, args.format, path)} for {args.format.capitalize()}'s "
             "grade import")
    return 0


def cmd_roster(args, root: Path) -> int:
    from autograder.report import _db_url
    from autograder.roster import import_roster

    out = Path(args.out)
    students = import_roster(Path(args.file), out, _db_url(out, args.db))
    _say(f"imported {len(students)} students into {out} (gradebook and {out / 'roster.csv'})")
    return 0


def cmd_collect(args, root: Path) -> int:
    """Unpack an LMS download into nbgrader's layout, beside what was collected before, never over it."""
    import shutil
    import tempfile

    from autograder import coursefile
    from autograder.lms import collect
    from autograder.roster import load_roster, parse_roster

    from .paths import resolve_chapters

    ch = resolve_chapters(root, [args.chapter])[0]
    roster = (parse_roster(Path(args.roster).read_text(encoding="utf-8-sig"), args.roster) if args.roster
              else load_roster(Path(args.out)) if args.out else [])
    if not roster:
        raise ValueError("collecting needs the class roster (LMS ids to student ids): give --roster FILE.csv, or "
                         "--out OUT after `dlcourse roster --out OUT FILE.csv`")
    into = Path(args.into)
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".collect-", dir=into) as tmp:
        report = collect(Path(args.archive), ch, Path(tmp) / "new", roster, coursefile.load(root).get(ch).notebooks,
                         lms=args.lms, timezone=args.timezone)
        arrived = sorted(p.name for p in (Path(tmp) / "new").iterdir()) if (Path(tmp) / "new").is_dir() else []
        clash = [s for s in arrived if (into / s / ch).exists()]
        if clash:
            raise ValueError(f"{into} already holds {ch} for {', '.join(clash)}; move those folders away (or "
                             "collect into another folder) so that nothing collected before is overwritten")
        for student in arrived:
            (into / student).mkdir(exist_ok=True)
            shutil.move(str(Path(tmp) / "new" / student / ch), into / student / ch)
    for line in report.summary():
        _say(line)
    _say(f"collected {len(arrived)} students' {ch} into {into}; grade with "
         f"`dlcourse grade --submitted {into} --out OUT --chapter {ch}`")
    return 3 if report.unmatched or report.refused else 0


def cmd_feedback(args, root: Path) -> int:
    from autograder.report import export, feedback

    out = Path(args.out)
    if not (out / ".dlgrader").is_dir():
        raise ValueError(f"{out} holds no grading results; run `dlcourse grade --out {out}` first")
    pages = feedback(out, args.student, args.chapter, args.db, say=_say)
    _say(f"wrote {len(pages)} feedback page(s) under {out / 'feedback'}; updated {export(out, args.db)}")
    return 0


def cmd_formgrader(args, root: Path) -> int:
    """JupyterLab on OUT, headless, for grading written answers by hand in nbgrader's formgrader."""
    import os
    import subprocess

    out = Path(args.out).resolve()
    if not (out / "nbgrader_config.py").is_file():
        raise ValueError(f"{out} is not a graded output folder; run `dlcourse grade --out {out}` first")
    bindir = str(Path(sys.executable).parent)
    cmd = [str(Path(bindir) / "jupyter"), "lab", "--no-browser", f"--ip={args.ip}", f"--port={args.port}",
           f"--ServerApp.root_dir={out}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")  # Jupyter refuses root unless told; containers and CI run as root
    _say(f"starting the formgrader on {out}; open the URL below, then Nbgrader > Formgrader (Ctrl-C stops it)")
    # nbgrader reads the course settings from the folder it starts in: OUT's nbgrader_config.py
    return subprocess.call(cmd, cwd=out, env={**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"})


def cmd_progress(args, root: Path) -> int:
    from .progress import format_progress, progress, progress_html

    folder = Path(args.folder) if args.folder else root / "release"
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder; give the folder that holds your <chapter>/<chapter>.ipynb copies")
    rows = progress(folder, say=_say)
    if not rows:
        raise ValueError(f"no chapter notebooks (<chapter>/<chapter>.ipynb) found under {folder}")
    print(format_progress(rows))
    if args.html:
        Path(args.html).write_text(progress_html(rows), encoding="utf-8")
        _say(f"wrote {args.html}")
    return 0


def cmd_site(args, root: Path) -> int:
    from .paths import resolve_chapters

    out = Path(args.out) if args.out else root / "build" / "site"
    result = site.build_site(root, out, resolve_chapters(root, args.chapters), workers=args.workers,
                        cell_timeout=args.timeout, say=_say)
    for w in result.warnings:
        _say(f"  sphinx: {w}")
    s = result.seconds
    _say(f"executed {len(result.chapters)} chapter(s) in {s['execute']:.1f} s ({args.workers} at a time), "
         f"wrote the HTML in {s['html']:.1f} s; {s['total']:.1f} s in all")
    print(f"the site is in {result.out}")
    print(f"  open {result.index.as_uri()} in a browser,")
    print(f"  or serve it: python -m http.server -d {result.out}  (then http://localhost:8000/)")
    return 0


def _graded_folder(parser, db: bool = True) -> None:
    """The --out (and --db) options of the commands that work on what `dlcourse grade` wrote."""
    parser.add_argument("--out", required=True, metavar="DIR", help="the folder `dlcourse grade --out` wrote")
    if db:
        parser.add_argument("--db", metavar="URL", help="gradebook URL, if grading used --db (default: the one grading used)")


def _share(text: str) -> float:
    """A share above 0 and at most 1, for --similarity (a usage error otherwise)."""
    from autograder.similarity import check_threshold

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give a share such as 0.8") from None
    try:
        return check_threshold(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    from autograder.grade import GradeOptions

    p = argparse.ArgumentParser(
        prog="dlcourse",
        description="The Deep Learning Workbook: release, check and grade the chapters, and build the course website.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", type=Path, default=None,
                   help="the course repository (default: found from the current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    r = sub.add_parser("release", help="generate release/ from source/ with nbgrader",
                       description="Generate the student notebooks in release/<chapter>/ from source/<chapter>/ "
                                   "(solutions and hidden tests removed). Commit the result.",
                       epilog="example: dlcourse release 01_basics")
    r.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapter ids or unique prefixes (default: all)")
    r.set_defaults(func=cmd_release)

    c = sub.add_parser("check", help="prove each chapter's tests sound (reference full marks, stub zero)",
                       description="For each chapter, through nbgrader autograde: the release is in sync with the "
                                   "source; the reference solutions earn every autograded point; the untouched "
                                   "stubs earn none and fail only because they are stubs. Exits 1 on any failure.",
                       epilog="example: dlcourse check 01 --json")
    c.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapter ids or unique prefixes (default: all)")
    c.add_argument("--json", action="store_true",
                   help="print a JSON list, one object per chapter (chapter, max_score, reference_score, "
                        "stub_score, release_in_sync, seconds, ok, problems)")
    c.add_argument("--no-sandbox", action="store_true",
                   help="run the notebooks without bubblewrap (where it is not installed)")
    c.set_defaults(func=cmd_check)

    dm = sub.add_parser("demos", help="list the demonstrations grading could skip, and tag them with --tag",
                        description="Per chapter, the untagged cells of source/ that nothing later reads (no test, no "
                                    "other running cell): tagged skip-when-grading, `dlcourse grade` would not run "
                                    "them. `dlcourse check` then proves each tag safe on the reference.")
    dm.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapter ids or unique prefixes (default: all)")
    dm.add_argument("--tag", action="store_true", help="add the tag to those cells of the source notebooks")
    dm.set_defaults(func=cmd_demos)
    g = sub.add_parser("grade", help="autograde a folder of submissions into grades.csv and HTML feedback",
                       description="Grade DIR/<student_id>/<chapter>/<chapter>.ipynb for every student. Writes "
                                   "OUT/autograded/, OUT/feedback/<student>/<chapter>/<chapter>.html, "
                                   "OUT/gradebook.db and OUT/grades.csv (student_id, assignment, score, max_score, "
                                   "...). A broken or missing notebook gets a zero row with a message; the others "
                                   "are still graded.",
                       epilog="example: dlcourse grade --submitted ~/inbox --out ~/graded --chapter 01_basics")
    g.add_argument("--submitted", required=True, metavar="DIR", help="folder of student folders")
    g.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reused on re-runs)")
    g.add_argument("--chapter", metavar="CH", help="grade only this chapter (default: every chapter found)")
    d = GradeOptions()  # the defaults live there, once
    g.add_argument("--workers", type=int, default=d.workers, metavar="N",
                   help="notebooks graded at once (default: the number of cores)")
    g.add_argument("--timeout", type=float, default=d.notebook_timeout, metavar="S",
                   help=f"wall-time limit per notebook (default {d.notebook_timeout:g})")
    g.add_argument("--cell-timeout", type=float, default=d.cell_timeout, metavar="S",
                   help=f"wall-time limit per cell or call into student code (default {d.cell_timeout:g})")
    g.add_argument("--memory", type=int, default=d.memory_mb, metavar="MB",
                   help=f"memory limit per notebook (default {d.memory_mb})")
    g.add_argument("--slot-memory", type=int, default=d.slot_memory_mb, metavar="MB",
                   help=f"memory limit of each grading slot, the trusted side (default {d.slot_memory_mb})")
    g.add_argument("--db", metavar="URL", help="gradebook URL (default: sqlite:///OUT/gradebook.db), "
                                             "e.g. postgresql://user@127.0.0.1/grades")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="run notebooks on a Dask cluster, e.g. tcp://10.0.0.5:8786 (default: local processes)")
    g.add_argument("--force", action="store_true", help="grade again what is already graded")
    g.add_argument("--no-sandbox", action="store_true",
                   help="run student code without bubblewrap (only for submissions you trust)")
    g.add_argument("--similarity", type=_share, default=d.similarity, metavar="SHARE",
                   help="list in report.html the pairs of students whose answers to an exercise share this much of "
                        f"the shorter answer's code (0 to 1, default {d.similarity:g}); students never see it")
    g.add_argument("--no-diagnosis", action="store_true",
                   help="do not name the catalogued mistake a failed test matches (tests/catalogue/ of the course)")
    g.add_argument("--run-demos", action="store_true",
                   help="also run the demonstrations tagged skip-when-grading (as nbgrader does): slower, the same "
                        "grades, their outputs in the feedback")
    g.set_defaults(func=cmd_grade)
    pr = sub.add_parser("progress", help="run the visible tests of your chapter notebooks and show what passes",
                        description="For self-study: execute a copy of each chapter notebook in FOLDER (default: "
                                    "release/) in a fresh kernel, and print per chapter how many visible tests pass "
                                    "and the first one that does not. Your notebooks are never modified.",
                        epilog="example: dlcourse progress ~/my-course --html progress.html")
    pr.add_argument("folder", nargs="?", metavar="FOLDER", help="folder with <chapter>/<chapter>.ipynb (default: release/)")
    pr.add_argument("--html", metavar="FILE", help="also write a small HTML page with the same")
    pr.set_defaults(func=cmd_progress)

    st = sub.add_parser("site", help="build the course website: static HTML that works offline",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        description="""\
Build a static website of the course with Jupyter Book: explanations, math,
figures, a table of contents, search and previous/next links.  Each chapter
first runs with the reference solutions in a fresh kernel (N at a time), so
its figures show what a correct solution draws; the pages show the stubs and
visible tests as learners get them, never a solution or a hidden test, and
widgets as still figures.  Nothing loads from outside the site, so it opens
from file:// too.  OUT is emptied first, but only if `dlcourse site` wrote it.
Exits 1 when a chapter fails to run.""",
                        epilog="""\
examples:
  dlcourse site                         writes build/site/index.html
  dlcourse site 01 --out /tmp/dl-site   only chapter 01
  python -m http.server -d build/site   serve it, then open http://localhost:8000/""")
    st.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapter ids or unique prefixes (default: all)")
    st.add_argument("--out", metavar="DIR", help="output folder (default: build/site in the repository)")
    st.add_argument("--workers", type=int, default=site.WORKERS, metavar="N",
                    help=f"chapters executed at once (default {site.WORKERS})")
    st.add_argument("--timeout", type=float, default=site.CELL_TIMEOUT, metavar="S",
                    help=f"wall-time limit per cell while executing a chapter (default {site.CELL_TIMEOUT:g})")
    st.set_defaults(func=cmd_site)

    f = sub.add_parser("feedback", help="rebuild the feedback pages with hand grades and comments",
                       description="After grading by hand in the formgrader, rebuild OUT/feedback/ from the gradebook "
                                   "(hand scores and comments included, hidden tests never shown) and rewrite "
                                   "OUT/grades.csv.",
                       epilog="examples:\n  dlcourse feedback --out ~/graded\n"
                              "  dlcourse feedback --out ~/graded --student ada --chapter 01_basics",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _graded_folder(f)
    f.add_argument("--student", metavar="ID", help="only this student (default: everyone graded)")
    f.add_argument("--chapter", metavar="CH", help="only this assignment (default: all)")
    f.set_defaults(func=cmd_feedback)

    fg = sub.add_parser("formgrader", help="open nbgrader's formgrader on a graded folder, to grade by hand",
                        description="Start JupyterLab (headless, on loopback) on OUT with the course's settings; "
                                    "open the printed URL and choose Nbgrader > Formgrader. Then run "
                                    "`dlcourse feedback --out OUT` to return pages with the hand grades.",
                        epilog="example: dlcourse formgrader --out ~/graded --port 8890")
    _graded_folder(fg, db=False)
    fg.add_argument("--port", type=int, default=8890, help="port to listen on (default 8890)")
    fg.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    fg.set_defaults(func=cmd_formgrader)

    e = sub.add_parser("export", help="rewrite grades.csv and report.html from the gradebook (manual points included)",
                       description="After grading written answers by hand in the formgrader (`dlcourse "
                                   "formgrader --out OUT`), rewrite OUT/grades.csv with the manual points included, and "
                                   "OUT/report.html (per-exercise means and pass rates, score distribution, "
                                   "slowest notebooks).",
                       epilog="example: dlcourse export --out ~/graded")
    _graded_folder(e)
    e.add_argument("--format", choices=("canvas", "moodle"),
                   help="also write the LMS's grade import file (needs the roster: `dlcourse roster`)")
    e.add_argument("--to", metavar="FILE", help="where the LMS file goes (default OUT/grades-FORMAT.csv)")
    e.set_defaults(func=cmd_export)

    ro = sub.add_parser("roster", help="import the class roster (ids, names, e-mails, LMS ids, extensions) once",
                        description="Store a roster CSV in OUT's gradebook and OUT/roster.csv. Columns: id (the "
                                    "student's folder name), first_name, last_name (or name), email, lms_id (the "
                                    "number in the LMS's download file names), extension_hours.",
                        epilog="example: dlcourse roster --out ~/graded class.csv")
    ro.add_argument("file", metavar="ROSTER.csv")
    ro.add_argument("--out", required=True, metavar="DIR", help="the graded folder of this term")
    ro.add_argument("--db", metavar="URL", help="gradebook URL, if grading uses --db")
    ro.set_defaults(func=cmd_roster)

    co = sub.add_parser("collect", help="unpack a Canvas, Moodle or Blackboard download of submissions",
                        description="Unpack the LMS's 'download all submissions' archive of one assignment into "
                                    "INTO/<student_id>/<assignment>/, matching file names to the roster. Renamed "
                                    "copies (name-1.ipynb, name (1).ipynb) are taken with a note; files that match "
                                    "nobody are listed. Exit code 3 when something was not matched.",
                        epilog="example: dlcourse collect submissions.zip --chapter 01_basics --out ~/graded")
    co.add_argument("archive", metavar="ARCHIVE.zip")
    co.add_argument("--chapter", required=True, metavar="CH", help="the assignment the archive holds")
    co.add_argument("--into", default="submitted", metavar="DIR",
                    help="where submissions are collected (default ./submitted, git-ignored)")
    co.add_argument("--out", metavar="DIR", help="the graded folder whose roster to use")
    co.add_argument("--roster", metavar="FILE", help="a roster CSV to use instead")
    co.add_argument("--lms", choices=("canvas", "moodle", "blackboard"), help="default: detected from file names")
    co.add_argument("--timezone", default="UTC", help="IANA time zone of Blackboard's attempt times (default UTC)")
    co.set_defaults(func=cmd_collect)
    return p


def main(argv: list[str] | None = None) -> int:
    from .paths import find_root

    args = build_parser().parse_args(argv)
    root = (args.root or find_root()).resolve()
    try:
        return args.func(args, root)
    except ValueError as exc:
        _say(f"dlcourse {args.command}: {exc}")
        return 2
    except (GradingError, site.SiteError) as exc:
        _say(f"dlcourse {args.command}: {exc}")
        return 1
    except OSError as exc:  # a full disk, a folder without permission: say which file and why, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        _say(f"dlcourse {args.command}: {exc.strerror or exc}{where}; fix this and run the command again "
             "(finished work is kept)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
