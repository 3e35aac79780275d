"""Write the tables that let a student's own kernel name the slip behind a failing visible test.

    python -m utils.lab_diagnoses [CHAPTER ...]

Each chapter's source runs once in a kernel; every visible test cell (as the release has
it) then runs again with its exercise's calls recorded, and each catalogued slip is
replayed on those calls (see :mod:`course.lab_diagnosis` for what is kept and why).  The
tables land in ``course/diagnoses/<chapter>.json``, each with a digest of everything it is
made from (the source notebook's code, the catalogue, the release's visible tests and the
``course`` package); ``tests/test_catalogue.py`` fails when the digest is not today's and
names this command.
"""
from __future__ import annotations

import argparse
import hashlib
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


# Bumped when the table's format or the way it is made changes.
VERSION = "1"


def inputs_digest(root: Path, kit: dict, source_nb, release_nb) -> str:
    """A digest of what a chapter's table is made from; no kernel needed, so checking it is cheap."""
    h = hashlib.sha256(f"{VERSION}|{kit['hash']}".encode())
    for cell in source_nb.cells:
        if cell.cell_type == "code":
            h.update(b"\0cell\0" + cell.source.encode())
    for gid, source in visible_tests(release_nb):
        h.update(f"\0test\0{gid}\0{source}".encode())
    for p in sorted((root / "course").glob("*.py")):
        h.update(f"\0file\0{p.name}\0".encode() + p.read_bytes())
    return h.hexdigest()[:20]


def current(root: Path, chapter: str) -> str | None:
    """Why ``chapter``'s committed table is not the one the generator would write today, or None."""
    from autograder.diagnose import build_kit

    source_nb = nbformat.read(root / "source" / chapter / f"{chapter}.ipynb", as_version=4)
    release_nb = nbformat.read(root / "release" / chapter / f"{chapter}.ipynb", as_version=4)
    kit = build_kit(root, chapter, source_nb)
    path = path_for(root, chapter)
    if kit is None:
        return f"{chapter} has no diagnosis kit (does its catalogue have DIAGNOSES?)"
    if not path.is_file():
        return f"{path.name} is missing"
    made_from = json.loads(path.read_text(encoding="utf-8")).get("inputs")
    if made_from != inputs_digest(root, kit, source_nb, release_nb):
        return (f"{path.name} was made from another notebook, catalogue, visible tests or course package "
                "than today's")
    return None


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
    ap.add_argument("--allow-fewer", action="store_true",
                    help="write a table even when it covers fewer visible tests than the one it replaces")
    args = ap.parse_args(argv)
    root = find_root()
    status = 0
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
            release_nb = nbformat.read(root / "release" / ch / f"{ch}.ipynb", as_version=4)
            table = generate(session, release_nb, kit)
            table["inputs"] = inputs_digest(root, kit, nbformat.read(session.path, as_version=4), release_nb)
        finally:
            session.close()
        out = path_for(root, ch)
        lost = lost_tests(out, table)
        if lost and not args.allow_fewer:
            # Seen once, not understood: a regeneration left out every class exercise of 05 and 06,
            # and the next one had them all.  Keep the old table rather than ship a thinner one.
            print(f"{ch}: not written: the new table lacks {len(lost)} visible test(s) the current one has "
                  f"({', '.join(lost[:5])}); run again, or pass --allow-fewer if they were removed on purpose",
                  file=sys.stderr)
            status = 1
            continue
        out.parent.mkdir(exist_ok=True)
        out.write_text(dump(table), encoding="utf-8")
        print(f"wrote {out.relative_to(root)}: {len(table['cells'])} visible tests", file=sys.stderr)
    return status


def lost_tests(path: Path, table: dict) -> list[str]:
    """The visible tests the table at ``path`` covers and ``table`` does not (none without a readable table)."""
    try:
        old = {e["test"] for e in json.loads(path.read_text(encoding="utf-8"))["cells"].values()}
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return sorted(old - {e["test"] for e in table["cells"].values()})


if __name__ == "__main__":
    sys.exit(main())
