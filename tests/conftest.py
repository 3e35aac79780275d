"""Shared fixtures: the repository root, the chapters present, an executed chapter kernel."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]

# Two test processes share two cores, and most of them start kernels, graders and notebooks of
# their own: one BLAS/OpenMP thread each keeps them from oversubscribing the cores (the sandbox
# sets the same inside). Inherited by every kernel and subprocess the tests start.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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
            # The catalogue only re-runs exercises and their tests: the demonstrations grading skips are skipped
            # here too (dlcourse check and the site still run every one of them).
            failed = s.execute_all(skip_demos=True)
            if failed:
                s.close()
                raise AssertionError(f"{chapter}'s reference notebook fails: {failed[:3]}")
            from autograder.diagnose import build_kit

            kit = build_kit(ROOT, chapter, s.nb)
            if kit:  # the catalogue tests check the diagnoses as they go
                s.enable_diagnosis(kit)
            _sessions[chapter] = s
        return _sessions[chapter]

    yield get
    for s in _sessions.values():
        s.close()
    _sessions.clear()


# Debian's Chromium, started so that it makes no outside connections of its own.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test process: Playwright's sync API allows one instance per thread."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make setup` installs it as root, else `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Seconds each xdist group took in a full `make test` (2 cores, idle machine; see the issue notes).
# Only their order matters: the longest groups start first, so neither worker is left alone with
# a long group at the end (xdist's own reordering sorts groups by their number of tests instead).
GROUP_SECONDS = {  # measured 2026-12-07 on a fresh clone, two test processes (722 s of pytest)
    "site": 239, "chapters": 214, "05_architectures": 94, "grading": 87, "04_optimization": 77,
    "02_neural_networks": 75, "03_convolutions": 72, "lab_browser": 70, "06_sequences": 70, "01_basics": 53,
    "07_derivatives": 43, "faults": 36, "term": 28, "grading_scale": 28, "parity": 26,
}


def _group(item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    return (mark.args[0] if mark.args else mark.kwargs.get("name")) if mark else None


def pytest_collection_modifyitems(config, items):
    """Longest groups first (a stable sort, so the order inside a group is kept); ungrouped tests last."""
    items.sort(key=lambda item: -GROUP_SECONDS.get(_group(item), 0))
