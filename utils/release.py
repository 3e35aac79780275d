"""Generate the student release from ``source/`` and tell whether ``release/`` is in sync."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from autograder.coursedir import CourseDir
from autograder.coursefile import notebooks_in


def generate_release(root: Path, chapter: str, workdir: Path) -> Path:
    """Generate ``chapter``'s release in a scratch course directory; returns its folder."""
    return CourseDir(workdir).generate_from(root / "source" / chapter)


def release(root: Path, chapters: list[str]) -> list[Path]:
    """Regenerate ``release/<chapter>/`` for each chapter; returns the notebooks written."""
    written = []
    for ch in chapters:
        with tempfile.TemporaryDirectory(prefix=f"dlcourse-release-{ch}-") as tmp:
            fresh = generate_release(root, ch, Path(tmp))
            dest = root / "release" / ch
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(fresh, dest)
            written += [dest / f"{name}.ipynb" for name in notebooks_in(dest)]
    return written


def _files(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*"))
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def compare_release(fresh: Path, committed: Path) -> str | None:
    """None when the folders hold the same release, otherwise the first difference found."""
    if not committed.is_dir():
        return f"{committed} is missing"
    a, b = _files(fresh), _files(committed)
    if a.keys() != b.keys():
        missing, extra = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
        return f"files differ (missing: {missing}, unexpected: {extra})"
    for name, p in a.items():
        if p.suffix == ".ipynb":
            nb_a = json.loads(p.read_text(encoding="utf-8"))
            nb_b = json.loads(b[name].read_text(encoding="utf-8"))
            if nb_a != nb_b:
                ca, cb = nb_a.get("cells", []), nb_b.get("cells", [])
                for i, (x, y) in enumerate(zip(ca, cb)):
                    if x != y:
                        return f"{name}: cell {i} differs from what the generator produces"
                return f"{name}: differs from what the generator produces ({len(ca)} vs {len(cb)} cells, or metadata)"
        elif p.read_bytes() != b[name].read_bytes():
            return f"{name} differs"
    return None
