"""``dlcourse progress``: how far a self-study learner has got, from the visible tests.

Each chapter notebook in the learner's folder is executed on a *copy* in a fresh
kernel with a time limit (the learner's files are never written); every visible
test cell counts as one exercise check.  Nothing here is a grade: hidden tests
are not in the release, so passing here means "the visible tests pass".
"""
from __future__ import annotations

import html
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat


@dataclass
class ChapterProgress:
    chapter: str
    passed: int = 0
    total: int = 0
    first_failure: str | None = None  # "grade_id: message"
    error: str | None = None  # the notebook could not be run at all
    failed: list[str] = field(default_factory=list)


def _tests(nb) -> list[tuple[int, str]]:
    return [(i, c.metadata["nbgrader"]["grade_id"]) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and c.get("metadata", {}).get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")]


def chapter_progress(path: Path, timeout: float = 600, cell_timeout: float = 120) -> ChapterProgress:
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .kernel import notebook_client

    NotebookClient = notebook_client()

    # an assignment of several notebooks shows each as folder/notebook
    chapter = path.stem if path.stem == path.parent.name else f"{path.parent.name}/{path.stem}"
    prog = ChapterProgress(chapter)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 -- any unreadable file is reported, not raised
        prog.error = f"cannot read {path.name}: {exc}"
        return prog
    tests = _tests(nb)
    prog.total = len(tests)
    with tempfile.TemporaryDirectory(prefix="dlcourse-progress-") as tmp:
        # A scratch copy of the chapter folder: whatever the notebook writes stays out of the learner's.
        work = Path(tmp) / path.parent.name
        shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                                extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                resources={"metadata": {"path": str(work)}})
        try:
            client.execute(cwd=str(work))
        except (CellTimeoutError, DeadKernelError) as exc:
            prog.error = f"the notebook stopped: {type(exc).__name__}"
        except Exception as exc:  # noqa: BLE001
            prog.error = f"the notebook could not run: {exc}"
    for i, gid in tests:
        outs = nb.cells[i].get("outputs", [])
        err = next((o for o in outs if o.get("output_type") == "error"), None)
        stderr = next((o for o in outs if o.get("output_type") == "stream" and o.get("name") == "stderr"), None)
        ran = nb.cells[i].get("execution_count") is not None or outs
        if ran and err is None and stderr is None:
            prog.passed += 1
            continue
        prog.failed.append(gid)
        if prog.first_failure is None:
            if err is not None:
                msg = f"{err.get('ename')}: {err.get('evalue')}".strip()
                if err.get("ename") in ("NotImplementedError", "Unanswered"):
                    detail = err.get("evalue") or ""
                    msg = "not done yet" + (f" ({detail})" if detail and not detail.startswith("not done yet") else "")
            elif stderr is not None:
                msg = "wrote to stderr: " + stderr.get("text", "")[:200]
            else:
                msg = "not run (an earlier cell stopped the notebook)"
            prog.first_failure = f"{gid}: {msg.splitlines()[0] if msg else msg}"
    return prog


def progress(folder: Path, chapters: list[str] | None = None, say=None) -> list[ChapterProgress]:
    found = []
    if not chapters:  # the learner's folders, in course order where the course knows them
        from .paths import find_root, present_chapters

        order = {ch: i for i, ch in enumerate(present_chapters(find_root()))}
        chapters = sorted((d.name for d in folder.iterdir() if d.is_dir()), key=lambda c: (order.get(c, 99), c))
    from autograder.coursefile import notebooks_in

    for ch in chapters:
        for name in notebooks_in(folder / ch) if (folder / ch).is_dir() else []:
            if say:
                say(f"running the visible tests of {ch}/{name}.ipynb ...")
            found.append(chapter_progress(folder / ch / f"{name}.ipynb"))
    return found


def format_progress(rows: list[ChapterProgress], width: int = 20) -> str:
    lines = []
    for r in rows:
        filled = int(round(width * r.passed / r.total)) if r.total else 0
        lines.append(f"{r.chapter:<20} [{'#' * filled}{'.' * (width - filled)}] {r.passed:>3} / {r.total:<3}")
        if r.error:
            lines.append(f"    {r.error}")
        if r.first_failure:
            lines.append(f"    next: {r.first_failure[:160]}")
    return "\n".join(lines)


def progress_html(rows: list[ChapterProgress]) -> str:
    parts = ["<!doctype html><meta charset='utf-8'><title>Course progress</title>",
             "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto}.bar{background:#eee;height:1em;"
             "width:20em;display:inline-block;vertical-align:middle}.bar span{background:#2ca02c;height:100%;"
             "display:block}td{padding:.3em .6em}</style><h1>Course progress</h1><table>"]
    for r in rows:
        pct = 100 * r.passed / r.total if r.total else 0
        note = html.escape(r.error or r.first_failure or "all visible tests pass")
        parts.append(f"<tr><td>{html.escape(r.chapter)}</td><td><span class='bar'><span style='width:{pct:.0f}%'>"
                     f"</span></span></td><td>{r.passed} / {r.total}</td><td>{note}</td></tr>")
    parts.append("</table>")
    return "\n".join(parts)
