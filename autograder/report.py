"""After grading: the final grades table (manual points included) and the instructor's report.

Both read the gradebook, so running them again after manual grading in the
formgrader picks up the hand-given points.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import json
from pathlib import Path

from .config import normalize_db_url


def _db_url(out: Path, db_url: str | None) -> str:
    saved = out / ".dlgrader" / "config.json"
    if db_url:
        return normalize_db_url(db_url)
    if saved.is_file():
        return json.loads(saved.read_text())["db_url"]
    return f"sqlite:///{out / 'gradebook.db'}"


def remember_db(out: Path, db_url: str, order: list[str] | None = None) -> None:
    """Remember the gradebook and the course's assignment order, for export and feedback later."""
    (out / ".dlgrader").mkdir(parents=True, exist_ok=True)
    (out / ".dlgrader" / "config.json").write_text(json.dumps({"db_url": db_url, "order": order or []}))


def _order(out: Path) -> dict[str, int]:
    try:
        return {a: i for i, a in enumerate(json.loads((out / ".dlgrader" / "config.json").read_text())["order"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def export(out: Path, db_url: str | None = None) -> Path:
    """Rewrite ``OUT/grades.csv`` from the gradebook, manual grades included.

    Rows for submissions that could not be graded (status error or missing) are
    kept from the previous ``grades.csv``.
    """
    from nbgrader.api import Gradebook

    from .coursedir import is_test, submission_times
    from .grade import CSV_COLUMNS, GradeRow, write_csv
    from .roster import add_names, load_roster

    path = out / "grades.csv"
    previous = list(csv.DictReader(open(path, newline=""))) if path.is_file() else []
    kept = {(r["student_id"], r["assignment"]): r for r in previous}
    rows = []
    with Gradebook(_db_url(out, db_url)) as gb:
        for a in gb.assignments:
            for sub in a.submissions:
                old = kept.pop((sub.student.id, a.name), None)
                code = [g for nb in sub.notebooks for g in nb.grades if is_test(g)]
                auto = sum(float(g.auto_score or 0) for g in code)
                auto_max = sum(float(g.max_score) for g in code)
                when, late, penalty = submission_times(sub)
                rows.append(GradeRow(sub.student.id, a.name, max(0.0, float(sub.score) - penalty),
                                     float(sub.max_score), auto, auto_max,
                                     bool(sub.needs_manual_grade), "graded",
                                     _fresh_verdict(code, (old or {}).get("message", "")),
                                     timestamp=when, seconds_late=late, late_penalty=penalty))
    for (student, chapter), r in kept.items():
        if r.get("status") != "graded":
            rows.append(GradeRow(**{k: r[k] for k in CSV_COLUMNS if k in r}))
    add_names(rows, load_roster(out))
    order = _order(out)
    rows.sort(key=lambda r: (r.student_id, order.get(r.assignment, len(order)), r.assignment))
    write_csv(rows, path)
    return path


VERDICTS = ("failed: ", "all autograded tests passed")


def _fresh_verdict(code_grades, message: str) -> str:
    """The row's message with its verdict computed again from the gradebook.

    A hand grade in the formgrader overrides a test's automatic score, so the
    "failed: ..." of the last grading run may no longer be true; the notes that
    follow the verdict (repairs, skipped files) are kept.
    """
    notes = [m for m in message.split("; ") if m and not m.startswith(VERDICTS)] if message else []
    failed = [g.name for g in code_grades if float(g.score or 0) < float(g.max_score)]
    verdict = f"failed: {', '.join(failed)}" if failed else "all autograded tests passed"
    return "; ".join([verdict, *notes])


def feedback(out: Path, student: str | None = None, chapter: str | None = None, db_url: str | None = None,
             say=lambda msg: None) -> list[Path]:
    """Rebuild the feedback pages from the gradebook, hand grades and comments included.

    nbgrader's own generator runs with the course's settings, so no page shows a hidden
    test.  Returns the pages written; a page that fails is reported and the rest go on.
    """
    from nbgrader.api import Gradebook

    from .coursedir import CourseDir, GradingError

    url = _db_url(out, db_url)
    cd = CourseDir(out, url)
    with Gradebook(url) as gb:
        todo = [(s.student.id, a.name) for a in gb.assignments for s in a.submissions
                if (student is None or s.student.id == student) and (chapter is None or a.name == chapter)]
    if not todo:
        who = " and ".join(x for x in (student and f"student {student}", chapter and f"assignment {chapter}") if x)
        raise GradingError(f"the gradebook of {out} has no graded submission{' for ' + who if who else ''}")
    pages = []
    for sid, ch in todo:
        try:
            pages.append(cd.generate_feedback(sid, ch))
        except GradingError as exc:
            say(f"{sid}/{ch}: {exc}")
    return pages


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def write_report(out: Path, db_url: str | None = None) -> Path:
    """``OUT/report.html``: per-exercise mean and pass rate, score distribution, slowest notebooks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from nbgrader.api import Gradebook

    from .coursedir import is_test

    parts = ["<!doctype html><meta charset='utf-8'><title>Grading report</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}th:first-child,td:first-child"
             "{text-align:left}</style><h1>Grading report</h1>"]
    with Gradebook(_db_url(out, db_url)) as gb:
        for a in sorted(gb.assignments, key=lambda a: a.name):
            subs = list(a.submissions)
            if not subs:
                continue
            parts.append(f"<h2>{html.escape(a.name)}</h2><p>{len(subs)} submissions, "
                         f"maximum {a.max_score:g} points.</p>")
            parts.append("<table><tr><th>test cell</th><th>points</th><th>mean</th><th>pass rate</th></tr>")
            cells = sorted({g.name for s in subs for nb in s.notebooks for g in nb.grades if is_test(g)})
            for name in cells:
                grades = [g for s in subs for nb in s.notebooks for g in nb.grades if g.name == name]
                pts = float(grades[0].max_score)
                scores = [float(g.auto_score or 0) for g in grades]
                mean = sum(scores) / len(scores)
                rate = sum(sc >= pts for sc in scores) / len(scores)
                parts.append(f"<tr><td>{html.escape(name)}</td><td>{pts:g}</td><td>{mean:.2f}</td>"
                             f"<td>{100 * rate:.0f}%</td></tr>")
            parts.append("</table>")
            totals = [float(s.score) for s in subs]
            fig, ax = plt.subplots(figsize=(6, 2.6))
            ax.hist(totals, bins=min(20, max(5, len(set(totals)))), range=(0, max(a.max_score, 1)), color="#1f77b4")
            ax.set_xlabel("score")
            ax.set_ylabel("students")
            ax.set_title(f"{a.name}: score distribution")
            parts.append(f"<img alt='score distribution of {html.escape(a.name)}' src='data:image/png;base64,{_png(fig)}'>")
            plt.close(fig)
    timings = []
    for p in (out / ".dlgrader" / "results").glob("*/*/*.json"):
        try:
            r = json.loads(p.read_text())
            timings.append((float(r.get("seconds", 0)), p.parent.parent.name, p.parent.name, int(r.get("restarts", 0))))
        except (ValueError, OSError):
            continue
    if timings:
        parts.append("<h2>Slowest notebooks</h2><table><tr><th>student</th><th>chapter</th><th>seconds</th>"
                     "<th>restarts</th></tr>")
        for secs, student, chapter, restarts in sorted(timings, reverse=True)[:15]:
            parts.append(f"<tr><td>{html.escape(student)}</td><td>{html.escape(chapter)}</td><td>{secs:.1f}</td>"
                         f"<td>{restarts}</td></tr>")
        parts.append("</table>")
    path = out / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
