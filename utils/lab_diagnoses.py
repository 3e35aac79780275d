"""Write the tables that let a student's own kernel name the slip behind a failing visible test.

    python -m utils.lab_diagnoses [CHAPTER ...]

Each chapter's source runs once in a kernel; every visible test cell (as the release has
it) then runs again with its exercise's calls recorded, and each catalogued slip is
replayed on those calls (see :mod:`course.lab_diagnosis` for what is kept and why).  The
tables land in ``course/diagnoses/<chapter>.json``; ``tests/test_catalogue.py`` fails when
one is out of date and names this command.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import nbformat

from .paths import find_root, resolve_chapters


def visible_tests(release_nb) -> list[tuple[str, str]]:
    """(grade_id, source) of each test cell of the release, in notebook order."""
    out = []
    for cell in release_nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution") and meta.get("grade_id"):
            out.append((meta["grade_id"], cell.source))
    return out


def generate(session, release_nb, kit: dict) -> dict:
    """The table of one chapter, made in ``session`` (a ChapterSession that executed the source, diagnosis on)."""
    from autograder.diagnose import slug_of
    from course.lab_diagnosis import cell_hash

    cells = {}
    for gid, source in visible_tests(release_nb):
        slug = slug_of(gid)
        if kit["exercises"].get(slug, {}).get("kind") != "function":
            continue
        session.kernel.run(f"__dl_diag.begin({slug!r}, globals())")
        ran = session.kernel.run(source, stderr_fails=False)
        session.kernel.run("__dl_diag.end(globals())")
        if not ran.ok:
            raise RuntimeError(f"the visible part of {gid} fails with the reference: {ran.error}")
        res = session.kernel.run("print(__dl_json.dumps(__dl_diag.lab_entry(globals())))", timeout=600)
        entry = json.loads(res.stdout.strip().splitlines()[-1]) if res.ok and res.stdout.strip() else None
        if entry:
            cells[cell_hash(source)] = dict(entry, test=gid)
    return {"chapter": kit["chapter"], "cells": cells}


def path_for(root: Path, chapter: str) -> Path:
    return root / "course" / "diagnoses" / f"{chapter}.json"


def dump(table: dict) -> str:
    return json.dumps(table, indent=1, sort_keys=True) + "\n"


def main(argv=None) -> int:
    from autograder.diagnose import build_kit

    from .kernel import ChapterSession

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("chapters", nargs="*")
    args = ap.parse_args(argv)
    root = find_root()
    for ch in resolve_chapters(root, args.chapters or None):
        session = ChapterSession(root / "source" / ch / f"{ch}.ipynb")
        try:
            failed = session.execute_all()
            if failed:
                print(f"{ch}: the reference fails ({failed[0][1].error}); skipped", file=sys.stderr)
                continue
            kit = build_kit(root, ch, session.nb)
            if not kit:
                print(f"{ch}: no catalogue with diagnosis sentences; skipped", file=sys.stderr)
                continue
            session.enable_diagnosis(kit)
            table = generate(session, nbformat.read(root / "release" / ch / f"{ch}.ipynb", as_version=4), kit)
        finally:
            session.close()
        out = path_for(root, ch)
        out.parent.mkdir(exist_ok=True)
        out.write_text(dump(table), encoding="utf-8")
        print(f"wrote {out.relative_to(root)}: {len(table['cells'])} visible tests", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
