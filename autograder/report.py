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
import os
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


def cell_order(out: Path, assignment: str) -> dict[str, int]:
    """grade_id -> its place in the assignment's release notebooks (notebooks by name, cells in order)."""
    from .coursedir import GradingError, read_notebook
    from .coursefile import notebooks_in

    order: dict[str, int] = {}
    for name in notebooks_in(out / "release" / assignment):
        try:
            cells = read_notebook(out / "release" / assignment / f"{name}.ipynb").cells
        except GradingError:
            continue
        for cell in cells:
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if isinstance(gid, str):
                order.setdefault(gid, len(order))
    return order


def ungraded(out: Path) -> set[tuple[str, str]]:
    """(student, assignment) of the rows of grades.csv that are errors or missing.

    What an earlier run left on disk for such a submission is not counted; submissions a
    run did not see (graded earlier, from another folder) still are.
    """
    try:
        with open(out / "grades.csv", newline="", encoding="utf-8") as f:
            return {(r["student_id"], r["assignment"]) for r in csv.DictReader(f) if r.get("status") != "graded"}
    except (OSError, KeyError, csv.Error):
        return set()


DIAGNOSIS_COLUMNS = ["student_id", "assignment", "exercise", "test_cell", "variant", "sentence"]
_MAX_FIELD = 1000  # characters of one diagnosis field; results are data written by the grader, still bounded


def _results(out: Path, skip: set[tuple[str, str]] = frozenset()):
    """``(student, assignment, notebook, result)`` for every readable results file, but those of ``skip``."""
    for p in sorted((out / ".dlgrader" / "results").glob("*/*/*.json")):
        student, chapter = p.parent.parent.name, p.parent.name
        if (student, chapter) in skip:
            continue
        try:
            r = json.loads(p.read_text())
        except (ValueError, OSError):
            continue
        if isinstance(r, dict):
            yield student, chapter, p.stem, r


def _diagnoses(student: str, chapter: str, result: dict) -> list[dict]:
    """The well-formed diagnoses of one results file as rows of diagnoses.csv; anything else is skipped."""
    rows = []
    found = result.get("diagnoses")
    for test, items in (found.items() if isinstance(found, dict) else []):
        for d in items if isinstance(items, list) else []:
            if isinstance(d, dict) and all(isinstance(d.get(k), str) and d.get(k) for k in ("exercise", "variant")):
                sentence = d.get("sentence") if isinstance(d.get("sentence"), str) else ""
                rows.append({"student_id": student, "assignment": chapter, "exercise": d["exercise"][:_MAX_FIELD],
                             "test_cell": str(test)[:_MAX_FIELD], "variant": d["variant"][:_MAX_FIELD],
                             "sentence": sentence[:_MAX_FIELD]})
    return rows


def _sort_diagnoses(out: Path, rows: list[dict]) -> list[dict]:
    """Students, then assignments in course order, then exercises and test cells in notebook order."""
    order = _order(out)
    cells = {ch: cell_order(out, ch) for ch in {r["assignment"] for r in rows}}

    def key(r):
        at = cells[r["assignment"]]
        return (r["student_id"], order.get(r["assignment"], len(order)), r["assignment"],
                at.get(r["exercise"], len(at)), r["exercise"], at.get(r["test_cell"], len(at)), r["test_cell"],
                r["variant"])

    return sorted(rows, key=key)


def write_diagnoses(out: Path) -> Path:
    """``OUT/diagnoses.csv``: one row per catalogued mistake recognised in a graded submission.

    The instructor's table (the students read their own sentences in their feedback).
    """
    rows = [d for s, ch, _, r in _results(out, ungraded(out)) for d in _diagnoses(s, ch, r)]
    path = out / "diagnoses.csv"
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "w", newline="", encoding="utf-8", errors="backslashreplace") as f:
            w = csv.DictWriter(f, fieldnames=DIAGNOSIS_COLUMNS)
            w.writeheader()
            w.writerows(_sort_diagnoses(out, rows))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


STYLE = ("body{font-family:sans-serif;max-width:64em;margin:2em auto;padding:0 1em;color:#111}"
         "table{border-collapse:collapse;margin:.5em 0 1em}caption{text-align:left;font-weight:bold;padding:.3em 0}"
         "td,th{border:1px solid #767676;padding:.2em .6em;text-align:right}th:first-child,td:first-child,td.t,th.t"
         "{text-align:left}table.code{table-layout:fixed;width:100%}table.code td{vertical-align:top;text-align:left;"
         "width:50%}pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85em}"
         "mark{background:#ffe066;color:#000;text-decoration:underline;text-decoration-thickness:2px}")


def write_report(out: Path, db_url: str | None = None) -> Path:
    """``OUT/report.html``, assignments in course order and cells in notebook order: per test cell mean and
    pass rate, the score distribution, the mistakes to re-teach, similar answers, the slowest notebooks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from nbgrader.api import Gradebook

    from .coursedir import is_test

    skip = ungraded(out)
    timings, mistakes = [], {}
    for student, chapter, _, r in _results(out):  # a slow notebook is worth seeing even if its row failed
        try:
            timings.append((float(r.get("seconds", 0)), student, chapter, int(r.get("restarts", 0))))
        except (TypeError, ValueError):
            pass
        if (student, chapter) not in skip:
            mistakes.setdefault(chapter, []).extend(_diagnoses(student, chapter, r))
    parts = ["<!doctype html><html lang='en'><meta charset='utf-8'><title>Grading report</title>",
             f"<style>{STYLE}</style><main><h1>Grading report</h1>"]
    order = _order(out)
    with Gradebook(_db_url(out, db_url)) as gb:
        for a in sorted(gb.assignments, key=lambda a: (order.get(a.name, len(order)), a.name)):
            subs = list(a.submissions)
            if not subs:
                continue
            name = html.escape(a.name)
            at = cell_order(out, a.name)
            parts.append(f"<h2>{name}</h2><p>{len(subs)} submissions, maximum {a.max_score:g} points.</p>")
            parts.append(f"<table><caption>Test cells of {name}, in notebook order</caption><tr>"
                         "<th scope='col'>test cell</th><th scope='col'>points</th><th scope='col'>mean</th>"
                         "<th scope='col'>pass rate</th></tr>")
            cells = sorted({g.name for s in subs for nb in s.notebooks for g in nb.grades if is_test(g)},
                           key=lambda c: (at.get(c, len(at)), c))
            for cell in cells:
                grades = [g for s in subs for nb in s.notebooks for g in nb.grades if g.name == cell]
                pts = float(grades[0].max_score)
                scores = [float(g.auto_score or 0) for g in grades]
                mean = sum(scores) / len(scores)
                rate = sum(sc >= pts for sc in scores) / len(scores)
                parts.append(f"<tr><th scope='row' class='t'>{html.escape(cell)}</th><td>{pts:g}</td>"
                             f"<td>{mean:.2f}</td><td>{100 * rate:.0f}%</td></tr>")
            parts.append("</table>")
            totals = [float(s.score) for s in subs]
            fig, ax = plt.subplots(figsize=(6, 2.6))
            ax.hist(totals, bins=min(20, max(5, len(set(totals)))), range=(0, max(a.max_score, 1)), color="#1f77b4")
            ax.set_xlabel("score")
            ax.set_ylabel("students")
            ax.set_title(f"{a.name}: score distribution")
            parts.append(f"<img alt='score distribution of {name}' src='data:image/png;base64,{_png(fig)}'>")
            plt.close(fig)
            parts += _mistakes_section(a.name, mistakes.get(a.name, []), at, len(subs), plt)
            parts += _similar_section(out, a.name)
    if timings:
        parts.append("<h2>Slowest notebooks</h2><table><caption>The 15 slowest notebooks to grade</caption><tr>"
                     "<th scope='col'>student</th><th scope='col'>chapter</th><th scope='col'>seconds</th>"
                     "<th scope='col'>restarts</th></tr>")
        for secs, student, chapter, restarts in sorted(timings, reverse=True)[:15]:
            parts.append(f"<tr><td>{html.escape(student)}</td><td class='t'>{html.escape(chapter)}</td>"
                         f"<td>{secs:.1f}</td><td>{restarts}</td></tr>")
        parts.append("</table>")
    parts.append("</main></html>")  # every section inside the main landmark (screen readers jump there)
    path = out / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


MAX_BARS = 15  # mistakes in a chapter's plot (the most frequent); the table lists them all


def _mistakes_section(assignment: str, rows: list[dict], at: dict[str, int], submissions: int, plt) -> list[str]:
    """Students per diagnosed mistake, each counted once per (exercise, mistake): a table and a bar plot."""
    from collections import Counter

    name = html.escape(assignment)
    parts = [f"<h3>Mistakes to re-teach in {name}</h3>"]
    students: dict[tuple[str, str], set[str]] = {}
    said: dict[tuple[str, str], Counter] = {}
    for r in rows:
        key = (r["exercise"], r["variant"])
        students.setdefault(key, set()).add(r["student_id"])
        said.setdefault(key, Counter())[r["sentence"]] += 1
    if not students:
        parts.append("<p>No catalogued mistake was recognised in this assignment's failed tests (none can be "
                     "without a catalogue in <code>tests/catalogue/</code>, or with <code>--no-diagnosis</code>).</p>")
        return parts
    counts = sorted(((ex, var, len(who)) for (ex, var), who in students.items()),
                    key=lambda t: (at.get(t[0], len(at)), t[0], -t[2], t[1]))
    parts.append(f"<p>Each student is counted once per exercise and mistake, out of {submissions} submissions; "
                 "the sentence is what the feedback told them.</p>")
    parts.append(f"<table><caption>Students per diagnosed mistake in {name}, exercises in notebook order</caption>"
                 "<tr><th scope='col'>exercise</th><th scope='col' class='t'>mistake</th>"
                 "<th scope='col' class='t'>what the students were told</th><th scope='col'>students</th>"
                 "<th scope='col'>share</th></tr>")
    for ex, var, n in counts:
        sentence = said[(ex, var)].most_common(1)[0][0]
        parts.append(f"<tr><th scope='row' class='t'>{html.escape(ex)}</th><td class='t'>{html.escape(var)}</td>"
                     f"<td class='t'>{html.escape(sentence)}</td><td>{n}</td>"
                     f"<td>{100 * n / max(submissions, 1):.0f}%</td></tr>")
    parts.append("</table>")
    top = sorted(counts, key=lambda t: (-t[2], at.get(t[0], len(at)), t[1]))[:MAX_BARS]
    labels = [_short(f"{ex}: {var}") for ex, var, _ in top]
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(top) + 1.0))
    bars = ax.barh(range(len(top)), [n for *_, n in top], color="#1f77b4")
    ax.bar_label(bars, padding=2)
    ax.set_yticks(range(len(top)), labels)
    ax.invert_yaxis()  # the most frequent on top
    ax.set_xlabel("students")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{assignment}: most frequent diagnosed mistakes")
    alt = "; ".join(f"{ex}: {var}, {n} student{'s' if n != 1 else ''}" for ex, var, n in top)
    parts.append(f"<img alt='{html.escape(f'Bar chart of the most frequent mistakes in {assignment}: {alt}')}' "
                 f"src='data:image/png;base64,{_png(fig)}'>")
    plt.close(fig)
    return parts


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _similar_section(out: Path, assignment: str) -> list[str]:
    """Pairs of students whose answers to an exercise share more code than the threshold, side by side."""
    from .similarity import highlight, load

    name = html.escape(assignment)
    parts = [f"<h3>Similar answers in {name}</h3>"]
    found = load(out, assignment)
    if not found:
        parts.append("<p>The similarity check has not run for this assignment; <code>dlcourse grade</code> runs "
                     "it.</p>")
        return parts
    pct = f"{100 * float(found.get('threshold', 0)):.0f}%"
    exercises = [e for e in found.get("exercises", []) if e.get("pairs")]
    compared = sum(int(e.get("answers", 0)) for e in found.get("exercises", []))
    if not exercises:
        parts.append(f"<p>No two students' answers to an exercise share {pct} or more of their code "
                     f"({compared} answers compared).</p>")
        return parts
    parts.append(f"<p>Pairs of students whose answers to one exercise share at least {pct} of the shorter answer's "
                 "code, as copydetect measures it (names, blanks and comments ignored; the release's stub and "
                 "passages that many students wrote do not count). A hint for you to judge, never shown to "
                 "students. Shared passages are <mark>highlighted and underlined</mark>.</p>")
    summary: dict[tuple[str, str], list[float]] = {}
    for e in exercises:
        for p in e["pairs"]:
            summary.setdefault((p["a"], p["b"]), []).append(float(p["similarity"]))
    parts.append(f"<table class='pairs'><caption>Pairs with similar answers in {name}</caption><tr>"
                 "<th scope='col'>student</th><th scope='col' class='t'>student</th><th scope='col'>exercises</th>"
                 "<th scope='col'>largest share</th></tr>")
    for (a, b), shares in sorted(summary.items(), key=lambda kv: (-len(kv[1]), -max(kv[1]), kv[0])):
        parts.append(f"<tr><td>{html.escape(a)}</td><td class='t'>{html.escape(b)}</td><td>{len(shares)}</td>"
                     f"<td>{100 * max(shares):.0f}%</td></tr>")
    parts.append("</table>")
    for e in exercises:
        label = str(e.get("exercise")) if e.get("notebook") in (None, assignment) else f"{e['notebook']}: {e['exercise']}"
        parts.append(f"<h4>{html.escape(label)}</h4>")
        for p in e["pairs"]:
            a, b = html.escape(p["a"]), html.escape(p["b"])
            parts.append(f"<table class='code'><caption>{a} and {b}: {100 * float(p['similarity']):.0f}% of the "
                         f"shorter answer shared</caption><tr><th scope='col'>{a}</th><th scope='col' class='t'>{b}"
                         f"</th></tr><tr><td><pre>{highlight(p['code_a'], p['slices_a'])}</pre></td>"
                         f"<td><pre>{highlight(p['code_b'], p['slices_b'])}</pre></td></tr></table>")
        if e.get("more"):
            parts.append(f"<p>{int(e['more'])} more pairs reach the threshold for this exercise and are not shown; "
                         "a higher <code>--similarity</code> lists fewer.</p>")
    return parts
