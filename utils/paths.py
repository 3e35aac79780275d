"""Where the course repository is, and which assignments (chapters) it has."""
from __future__ import annotations

from pathlib import Path

from autograder import coursefile


def find_root(start: Path | None = None) -> Path:
    """The course repository: the nearest folder upwards with ``source/`` and ``nbgrader_config.py``.

    Falls back to the folder this package was installed from (an editable install).
    """
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "source").is_dir() and (d / "nbgrader_config.py").is_file():
            return d
    return Path(__file__).resolve().parents[1]


def present_chapters(root: Path) -> list[str]:
    """Assignment ids (folders under source/ with a notebook), in the order course.toml gives."""
    return coursefile.load(root).ids


def resolve_chapters(root: Path, names: list[str] | None) -> list[str]:
    """Validate chapter names given on the command line (all present chapters when none).

    Accepts a unique prefix such as ``01`` for ``01_basics``.  Raises ValueError
    with the list of known chapters otherwise.
    """
    present = present_chapters(root)
    if not names:
        if not present:
            raise ValueError(f"no assignment folders with a notebook found under {root / 'source'}")
        return present
    chosen = []
    for name in names:
        name = name.strip("/").split("/")[-1]
        matches = [ch for ch in present if ch == name] or [ch for ch in present if ch.startswith(name)]
        if len(matches) != 1:
            known = ", ".join(present) or "none yet"
            raise ValueError(f"unknown chapter {name!r}: no folder source/{name}/ with a notebook; "
                             f"the assignments are: {known}")
        chosen.append(matches[0])
    return list(dict.fromkeys(chosen))
