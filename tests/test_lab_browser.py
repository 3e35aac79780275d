"""Chapter 1 in a real browser: `make lab` served to Chromium, driven through JupyterLab's UI (issue 8).

One JupyterLab server (started with `make lab`, on a temporary copy of the chapter) serves
both tests, which therefore share one xdist worker.  With the reference solutions filled in,
Run All must show no error, draw its figures and a widget that redraws when its slider moves,
and every visible test must pass silently.  As released, Run All stops at the first stub, and
the test cells a learner then runs must explain what is missing.

Nothing in the user's home is read: the server gets private Jupyter config, data and runtime
folders (the settings written there turn notebook windowing off, so that every cell is in the
DOM), and private IPython and matplotlib folders.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

pytestmark = pytest.mark.xdist_group("lab_browser")

CHAPTER = "01_basics"
TOKEN = "dlcourse-browser-test"
SCREENSHOT = "build/lab-screenshot.png"
# Console errors JupyterLab logs on its own and that say nothing about the course go here,
# each as a regular expression with the reason it is harmless.  None are needed today.
CONSOLE_ERROR_ALLOW: dict[str, str] = {}

# The visible notebook panel (scoping matters should a workspace ever restore a second tab).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CELLS = f"{PANEL} .jp-Notebook .jp-Cell"
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
# The kernel is idle and no code cell is queued or running ("[*]"); the argument adds a condition:
# "any": nothing more; "all-ran": every code cell has an execution count, or an error output stopped
# the run (Run All stops at the first error); "error": an error output is shown.
_SETTLED_JS = """(more = 'any') => {
    const panel = document.querySelector('%s');
    if (panel === null) return false;
    const status = document.querySelector('#jp-main-statusbar')?.innerText ?? '';
    const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.innerText);
    if (!/\\| Idle/.test(status) || prompts.length === 0 || prompts.some(p => p.includes('*'))) return false;
    const error = panel.querySelector('%s') !== null;
    if (more === 'error') return error;
    if (more === 'all-ran') return error || prompts.every(p => /\\[\\d+\\]/.test(p));
    return true;
}""" % (PANEL, STDERR)

# What the release's stub line says when run (autograder/config.py, ClearSolutions.code_stub).
STUB_MESSAGE = "NotImplementedError: not done yet: replace this line with your solution"
PLANTED = ("split-indices", "no-shuffle")  # (exercise, catalogued slip) typed into the "planted" copy


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cell_index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _live_processes() -> dict[int, tuple[int, str]]:
    """pid -> (process group, command line) of every process that is not a zombie."""
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:   # it exited meanwhile
            continue
        state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if state != "Z":
            found[int(proc.name)] = (int(pgrp), cmd)
    return found


def _kill(pid: int, sig: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, sig)
    except ProcessLookupError:   # already gone
        pass


def _stop_server(proc: subprocess.Popen, runtime: Path) -> None:
    """Stop `make lab`'s process group, then any kernel of this server that outlived it."""
    def group():
        return [pid for pid, (pgrp, _) in _live_processes().items() if pgrp == proc.pid]

    # SIGTERM: make exits at once; the server first shuts its kernels down, so wait for the whole group.
    _kill(proc.pid, signal.SIGTERM, group=True)
    deadline = time.monotonic() + 30
    while group() and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in group():
        _kill(pid, signal.SIGKILL)
    proc.wait()
    # Kernels run in sessions of their own; their connection files name this server's private runtime folder.
    for pid, (_, cmd) in _live_processes().items():
        if f"{runtime}/kernel-" in cmd:
            _kill(pid, signal.SIGKILL)


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


@pytest.fixture(scope="module")
def lab(root, tmp_path_factory):
    """`make lab` on a copy of the chapter: the reference filled in under 01_basics/, untouched under untouched/."""
    from utils.check import fill_reference

    tmp = tmp_path_factory.mktemp("lab-browser")
    notebooks, config, runtime = tmp / "notebooks", tmp / "config", tmp / "runtime"
    release = root / "release" / CHAPTER
    shutil.copytree(release, notebooks / CHAPTER)
    shutil.copytree(release, notebooks / "untouched" / CHAPTER)
    shutil.copytree(release, notebooks / "planted" / CHAPTER)
    stub = nbformat.read(release / f"{CHAPTER}.ipynb", as_version=4)
    # A learner's plausible slip in exercise 1 (the catalogue's "no-shuffle"); everything else as released.
    from tests.catalogue.ch01_basics import WRONG

    planted = nbformat.from_dict(stub)
    planted.cells[_cell_index(planted, PLANTED[0])].source = WRONG[PLANTED[0]][PLANTED[1]].strip()
    nbformat.write(planted, notebooks / "planted" / CHAPTER / f"{CHAPTER}.ipynb")
    reference = fill_reference(stub, nbformat.read(root / "source" / CHAPTER / f"{CHAPTER}.ipynb", as_version=4))
    nbformat.write(reference, notebooks / CHAPTER / f"{CHAPTER}.ipynb")

    settings = config / "lab" / "user-settings" / "@jupyterlab"
    # JupyterLab 4 renders long notebooks lazily ("contentVisibility"); "none" puts every cell in the DOM.
    _write_json(settings / "notebook-extension" / "tracker.jupyterlab-settings", {"windowingMode": "none"})
    # No "get Jupyter news?" toast over the notebook, and no feed the server would fetch from the internet.
    _write_json(settings / "apputils-extension" / "notification.jupyterlab-settings",
                {"fetchNews": "false", "checkForUpdates": False})
    _write_json(config / "jupyter_server_config.json", {"LabApp": {"news_url": None}})

    port = _free_port()
    # Private folders for everything Jupyter, IPython and matplotlib would read from the home directory.
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    env.update(JUPYTER_TOKEN=TOKEN, JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(runtime), IPYTHONDIR=str(tmp / "ipython"), MPLCONFIGDIR=str(tmp / "matplotlib"))
    log = tmp / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(["make", "-s", "lab", f"PORT={port}", f"NOTEBOOKS={notebooks}"], cwd=root, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5).close()
                break
            except OSError:
                assert proc.poll() is None, f"`make lab` exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
                assert time.monotonic() < deadline, f"JupyterLab did not answer within 90 s:\n{log.read_text()[-3000:]}"
                time.sleep(0.3)
        yield {"base": base, "port": port, "reference": reference, "stub": stub, "planted": planted}
    finally:
        _stop_server(proc, runtime)


@pytest.fixture(scope="module")
def browser_context(browser):
    """One Chromium context for the module: the second test loads JupyterLab's bundles from its cache."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    yield context
    context.close()


class Session:
    """A browser page on the server, recording every request and every console error."""

    def __init__(self, context, lab):
        self.lab = lab
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.context = context
        # On the context, so that requests from web workers count too.
        self._on_request = lambda r: self.requests.append(r.url)
        context.on("request", self._on_request)
        self.page = context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))

    def open(self, path: str, workspace: str) -> None:
        """Open a notebook in a workspace of its own (no tab restored from another test) and wait for its kernel."""
        page = self.page
        page.goto(f"{self.lab['base']}/lab/workspaces/{workspace}/tree/{path}?token={TOKEN}")
        page.wait_for_selector(f"{CELLS} >> nth=0")
        # The toolbar's indicator says "idle" before a kernel exists; the status bar names the kernel's state.
        page.wait_for_function("/\\| Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText ?? '')")
        left = page.locator("#jp-left-stack")
        if left.is_visible():   # fold the file browser away: more room for the notebook
            page.keyboard.press("Control+b")
            left.wait_for(state="hidden")

    def run_all(self) -> None:
        page = self.page
        page.locator("#jp-menu-panel li[role=menuitem]", has_text=re.compile(r"^Run$")).click()
        page.locator('li[data-command="runmenu:run-all"]').click()

    def run_cell(self, index: int) -> None:
        """Select a cell by its prompt and press Shift+Enter, as a learner does; wait until it has run."""
        cell = self.cell(index)
        prompt = cell.locator(".jp-InputArea-prompt")
        prompt.click()
        self.page.keyboard.press("Shift+Enter")
        self.page.wait_for_function("p => /\\[\\d+\\]/.test(p.innerText)", arg=prompt.element_handle())
        self.page.wait_for_function(_SETTLED_JS)

    def cell(self, index: int):
        return self.page.locator(CELLS).nth(index)

    def cells_with_errors(self) -> list[int]:
        return self.page.locator(CELLS).evaluate_all(
            "(cells, sel) => cells.flatMap((c, i) => c.querySelector(sel) ? [i] : [])", STDERR)

    def outputs(self, index: int) -> str:
        return "\n".join(self.cell(index).locator(".jp-OutputArea-output").all_inner_texts())

    def check_traffic(self) -> None:
        """Every request went to this server; no console errors (beyond the allow-list)."""
        outside = sorted({u for u in self.requests
                          if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"})
        assert not outside, f"the browser reached beyond 127.0.0.1: {outside}"
        port = self.lab["port"]
        other_ports = sorted({u for u in self.requests
                              if urlsplit(u).hostname == "127.0.0.1" and urlsplit(u).port != port})
        assert not other_ports, f"requests to other local ports: {other_ports}"
        errors = [e for e in self.console_errors if not any(re.search(p, e) for p in CONSOLE_ERROR_ALLOW)]
        assert not errors, f"console errors: {errors}"

    def close(self) -> None:
        self.context.remove_listener("request", self._on_request)
        self.page.close()


@pytest.fixture
def session(lab, browser_context):   # the browser closes before the server stops
    s = Session(browser_context, lab)
    yield s
    s.close()


def test_reference_chapter_runs_cleanly_with_live_widgets(session, lab, root):
    nb = lab["reference"]
    page = session.page
    session.open(f"{CHAPTER}/{CHAPTER}.ipynb", "reference")
    assert page.locator(CELLS).count() == len(nb.cells), "not every cell is in the DOM: is notebook windowing off?"

    session.run_all()
    page.wait_for_function(_SETTLED_JS, arg="all-ran", timeout=120_000)

    # No traceback and no warning anywhere: stderr is where both appear.
    errors = page.locator(f"{PANEL} {STDERR}")
    assert errors.count() == 0, f"the reference shows error or warning output:\n{errors.all_inner_texts()[:3]}"

    # A plain matplotlib figure (section 1's three toy problems) is drawn, and every image decodes.
    plot = session.cell(_cell_index(nb, "plot-tasks")).locator(".jp-RenderedImage img")
    assert plot.count() == 1, "the plot-tasks cell shows no image"
    page.wait_for_function("imgs => imgs.every(i => i.complete && i.naturalWidth > 0)",
                           arg=page.locator(f"{PANEL} .jp-RenderedImage img").element_handles(), timeout=10_000)

    # Visible tests print nothing when they pass: each ran (it has a count) and left no output.
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            gid = meta["grade_id"]
            dom = session.cell(i)
            assert re.search(r"\[\d+\]", dom.locator(".jp-InputArea-prompt").inner_text()), f"{gid} did not run"
            assert dom.locator(".jp-OutputArea-output").count() == 0, f"{gid} printed: {session.outputs(i)}"

    # The k-NN widget renders, and moving its k slider (keyboard, released at once) redraws the figure.
    widget = session.cell(_cell_index(nb, "widget-knn")).locator(".jp-OutputArea-output .widget-vbox").first
    handle = widget.locator(".widget-slider .noUi-handle")
    readout = widget.locator(".widget-slider .widget-readout")
    figure = widget.locator(".widget-output img")
    handle.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert readout.inner_text().strip() == "1", f"k starts at {readout.inner_text()!r}, expected 1"
    before = figure.get_attribute("src")
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function("r => r.innerText.trim() === '2'", arg=readout.element_handle(), timeout=10_000)
    # The redraw replaces the img element, so look it up afresh inside the widget.
    page.wait_for_function("""([w, old]) => {
        const img = w.querySelector('.widget-output img');
        return img !== null && img.src !== old && img.complete && img.naturalWidth > 0;
    }""", arg=[widget.element_handle(), before], timeout=30_000)
    assert figure.count() == 1, "the widget's output should hold exactly one figure after the redraw"
    page.wait_for_function(_SETTLED_JS)

    widget.evaluate("w => w.scrollIntoView({block: 'start'})")
    (root / SCREENSHOT).parent.mkdir(exist_ok=True)
    page.screenshot(path=str(root / SCREENSHOT))

    session.check_traffic()


def test_untouched_chapter_shows_helpful_failures(session, lab):
    nb = lab["stub"]
    page = session.page
    session.open(f"untouched/{CHAPTER}/{CHAPTER}.ipynb", "untouched")

    # Run All stops at the first error: exercise 1's "try it" cell, right after the stub.
    first = _cell_index(nb, "split-indices") + 1
    session.run_all()
    page.wait_for_function(_SETTLED_JS, arg="error", timeout=120_000)
    failed = session.cells_with_errors()
    assert failed == [first], \
        f"Run All should stop at cell {first} (exercise 1's try-it cell); error outputs are in cells {failed}"
    text = session.outputs(first)
    assert "NotImplementedError" in text and "split_indices" in text, \
        f"the first error does not point at the stub:\n{text}"

    # The learner then runs the visible test: it names the exception and the function to write.
    test = _cell_index(nb, "split-indices-test")
    session.run_cell(test)
    text = session.outputs(test)
    assert "NotImplementedError" in text, f"split-indices-test does not say the function is unimplemented:\n{text}"
    assert "in split_indices" in text, f"split-indices-test does not name split_indices:\n{text}"
    assert STUB_MESSAGE in text, f"split-indices-test does not say what to do:\n{text}"

    # A review question left as released: running the answer cell, then its test, says what to do.
    answer = _cell_index(nb, "q-task-type")
    session.run_cell(answer)
    assert STUB_MESSAGE in session.outputs(answer), f"the answer cell shows:\n{session.outputs(answer)}"
    check = _cell_index(nb, "q-task-type-test")
    session.run_cell(check)
    text = session.outputs(check)
    assert "`q_task_type` has not been answered yet: assign your answer to it." in text, \
        f"the unanswered question's test shows:\n{text}"

    session.check_traffic()


def test_a_failing_visible_test_names_the_slip(session, lab):
    """Issue 18: the learner's own kernel says which known slip a failing visible test matches."""
    from tests.catalogue.ch01_basics import DIAGNOSES

    nb = lab["planted"]
    page = session.page
    session.open(f"planted/{CHAPTER}/{CHAPTER}.ipynb", "planted")
    session.run_all()  # stops at the first error: the planted exercise's visible test
    page.wait_for_function(_SETTLED_JS, arg="error", timeout=120_000)
    test = _cell_index(nb, f"{PLANTED[0]}-test")
    assert session.cells_with_errors() == [test], f"Run All should stop at {PLANTED[0]}-test (cell {test})"
    text = " ".join(session.outputs(test).split())
    assert "AssertionError" in text, f"the visible test does not fail as a test:\n{text}"
    sentence = " ".join(DIAGNOSES[PLANTED[0]][PLANTED[1]].split())
    assert f"What this looks like: {sentence}" in text, f"the failing test does not name the slip:\n{text}"
    session.check_traffic()
