"""Shared fixtures: the repository root, the chapters present, an executed chapter kernel."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]

# Kernels and nbgrader tools are found through PATH: put this venv's bin/ first.
_bin = str(Path(sys.executable).parent)
if os.environ.get("PATH", "").split(os.pathsep)[:1] != [_bin]:
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def chapters() -> list[str]:
    from utils.paths import present_chapters

    return present_chapters(ROOT)


_sessions: dict = {}


@pytest.fixture(scope="session")
def chapter_session():
    """``chapter_session(ch)``: the chapter's source executed once in a kernel, shared by all tests."""
    from utils.kernel import ChapterSession

    def get(chapter: str):
        if chapter not in _sessions:
            s = ChapterSession(ROOT / "source" / chapter / f"{chapter}.ipynb")
            failed = s.execute_all()
            if failed:
                s.close()
                raise AssertionError(f"{chapter}'s reference notebook fails: {failed[:3]}")
            _sessions[chapter] = s
        return _sessions[chapter]

    yield get
    for s in _sessions.values():
        s.close()
    _sessions.clear()
