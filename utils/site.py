"""``dlcourse site``: the course as a static website, built with Jupyter Book 1.

How a chapter page is made:

1. The release notebook with the reference solutions filled in (:func:`utils.check.fill_reference`)
   runs top to bottom in a fresh kernel, in a scratch copy of the chapter folder, so that every
   figure that depends on an exercise shows what a correct solution draws.  Hidden tests never
   run: they are not in the release.
2. The page is the *release* notebook (stubs, visible tests, "YOUR ANSWER HERE"), carrying the
   outputs of the executed cells, matched by position and ``grade_id``.  Solution cells keep no
   output, stderr is dropped, and interactive widgets become the PNG their figure showed plus a
   note (the live widget would need JavaScript from a CDN).
3. Every page is scanned for lines of the reference solutions and hidden tests before Sphinx
   sees it; a hit stops the build.

Sphinx then renders the pages offline: MathJax 2 is copied from jupyter-server-mathjax into
the site, and the theme's remote features (launch buttons, Thebe, comments, analytics,
repository links) are switched off.
"""
from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .paths import present_chapters

#: Marks a folder as written by ``dlcourse site``; only such a folder is ever emptied.
MARKER = ".dlcourse-site"
#: Defaults for building: chapters executed at once (the target machine has 2 cores), seconds per cell.
WORKERS, CELL_TIMEOUT = 2, 120.0
TITLE = "The Deep Learning Workbook"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_SOLUTION_BLOCK = re.compile(r"^[ \t]*#*[ \t]*BEGIN (SOLUTION|HIDDEN TESTS)[ \t]*$(.*?)^[ \t]*#*[ \t]*END \1[ \t]*$",
                             re.M | re.S)

# MathJax 2.7 from jupyter-server-mathjax ships one combined configuration (TeX input, HTML-CSS
# output) and the STIX-Web fonts as woff files; both load from file:// as well as over HTTP.
MATHJAX_PATH = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
_TEX_WEB_FONT_RULES = ['[mathvariant="double-struck"]', '[mathvariant="script"]', '[mathvariant="fraktur"]',
                       '[mathvariant="bold-script"]', '[mathvariant="bold-fraktur"]', '[class="MJX-tex-caligraphic"]',
                       '[class="MJX-tex-caligraphic-bold"]', '[class="MJX-tex-oldstyle"]',
                       '[class="MJX-tex-oldstyle-bold"]']
MATHJAX2_CONFIG = {
    "HTML-CSS": {"availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None,
                 # Scaled to the x-height of the theme font, STIX would look too big; this matches its capitals.
                 "matchFontHeight": False, "scale": 118,
                 # Its probe font points at about:blank, which Chromium refuses (a console error).
                 "styles": {"@font-face": {"font-family": "MathJax_Blank", "src": "local('MathJax_Blank')"}}},
    # The hidden MathML for screen readers would fetch the TeX .otf fonts, which are not shipped.
    "NativeMML": {"styles": {rule: {"font-family": "inherit"} for rule in _TEX_WEB_FONT_RULES}},
    "menuSettings": {"CHTMLpreview": False},
    "fast-preview": {"disabled": True},
    "messageStyle": "none",
    # The theme marks the page tex2jax_ignore; Sphinx puts every formula in an element of class "math".
    "tex2jax": {"processClass": "tex2jax_process|mathjax_process|math"},
}
# Parts of the MathJax copy the site never loads.
_MATHJAX_SKIP = ("jax/output/SVG", "localization")

# Added to every page (Jupyter Book includes the .js and .css files of the book's _static/).
SITE_JS = """\
// Search result snippets are fetched from the pages, which a browser refuses over file://:
// there, show the list of matching pages without snippets.
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
"""
SITE_CSS = """\
.dlcourse-widget-note { border-left: 4px solid var(--pst-color-info, #17a2b8); padding: 0.4em 0.8em;
  margin: 0.5em 0; background: var(--pst-color-surface, #f3f4f5); font-size: 0.95em; }
"""
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" '
           'fill="#1f4e79"/><text x="16" y="22" font-size="15" font-family="sans-serif" font-weight="bold" '
           'fill="#fff" text-anchor="middle">DL</text></svg>\n')


class SiteError(RuntimeError):
    """The site could not be built (a chapter failed to run, Sphinx failed, a leak was found)."""


@dataclass
class SiteResult:
    out: Path
    chapters: list[str]
    execute_seconds: dict[str, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # phase -> wall seconds
    warnings: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.out / "index.html"


# ---------------------------------------------------------------------------------------------
# What must never appear on the site


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def secret_lines(source_nb: nbformat.NotebookNode, release_nb: nbformat.NotebookNode | None = None,
                 min_chars: int = 12) -> set[str]:
    """The distinctive lines of the reference solutions and hidden tests in a source notebook.

    Whitespace is collapsed to single spaces.  Lines shorter than ``min_chars`` and lines found
    anywhere in the release notebook (a shared ``return out``, a call the visible test makes too)
    are public and left out.
    """
    public = _flat("\n".join(cell.source for cell in release_nb.cells)) if release_nb is not None else ""
    found = set()
    for cell in source_nb.cells:
        for match in _SOLUTION_BLOCK.finditer(cell.source):
            for line in match.group(2).splitlines():
                line = _flat(line.strip())
                if len(line) >= min_chars and line not in public:
                    found.add(line)
    return found


def _visible_text(cell) -> list[str]:
    texts = [cell.source]
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            texts += [out.get("evalue", ""), "\n".join(out.get("traceback", []))]
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/") or mime.endswith("json"):
                texts.append(value if isinstance(value, str) else json.dumps(value))
    return texts


def find_leaks(page: nbformat.NotebookNode, secrets: set[str]) -> list[tuple[int, str]]:
    """(cell index, secret line) for every secret line found in a page notebook's cells or outputs."""
    leaks = []
    for i, cell in enumerate(page.cells):
        text = _flat("\n".join(_visible_text(cell)))
        leaks += [(i, s) for s in secrets if s in text]
    return leaks


# ---------------------------------------------------------------------------------------------
# Executing a chapter


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _describe(cell, index: int) -> str:
    gid = _grade_id(cell)
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    return f"cell {index}" + (f" ({gid})" if gid else "") + (f" [it begins: {first[:60]}]" if first else "")


def pages(root: Path, chapters: list[str]) -> list[tuple[str, str, str]]:
    """``(page, assignment, notebook)`` for each notebook of each assignment, in course order.

    A page is named after its assignment when the assignment is one notebook of the
    same name (the chapters), else ``assignment-notebook``.
    """
    from autograder.coursefile import notebooks_in

    return [(ch if name == ch else f"{ch}-{name}", ch, name)
            for ch in chapters for name in notebooks_in(root / "release" / ch)]


def execute_chapter(root: Path, chapter: str, cell_timeout: float = CELL_TIMEOUT,
                    notebook: str | None = None, threads: int | None = None) -> tuple[nbformat.NotebookNode, float]:
    """Run the reference-filled release of ``chapter``; returns (executed notebook, seconds).

    Raises SiteError naming the chapter and the cell that failed.  Runs in a scratch copy of
    the chapter folder, so a notebook that writes files never writes into the repository.
    """
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from .check import fill_reference
    from .kernel import notebook_client

    NotebookClient = notebook_client()

    name = notebook or chapter
    release_nb = nbformat.read(root / "release" / chapter / f"{name}.ipynb", as_version=4)
    source_nb = nbformat.read(root / "source" / chapter / f"{name}.ipynb", as_version=4)
    nb = fill_reference(release_nb, source_nb)
    current = {"index": None}

    def on_cell_execute(cell, cell_index):
        current["index"] = cell_index

    env = dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline", PYDEVD_DISABLE_FILE_VALIDATION="1")
    if threads:  # kernels side by side: their BLAS and PyTorch threads would oversubscribe the cores
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, str(threads))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"dlcourse-site-{chapter}-") as tmp:
        cwd = Path(tmp) / chapter
        shutil.copytree(root / "release" / chapter, cwd)
        client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=False,
                                store_widget_state=True, extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                on_cell_execute=on_cell_execute, resources={"metadata": {"path": str(cwd)}})
        try:
            client.execute(cwd=str(cwd), env=env)
        except CellExecutionError as exc:
            # Only the exception's name and message: a traceback would quote solution code.
            raise SiteError(f"{chapter}: {_where(nb, current['index'])} raised {exc.ename}: "
                            f"{str(exc.evalue)[:300]}") from None
        except CellTimeoutError:
            raise SiteError(f"{chapter}: {_where(nb, current['index'])} ran longer than {cell_timeout:g} s") from None
        except DeadKernelError:
            raise SiteError(f"{chapter}: the kernel died in {_where(nb, current['index'])}") from None
        except Exception as exc:  # noqa: BLE001 -- a kernel that would not start, an unreadable notebook
            raise SiteError(f"{chapter}: could not execute the notebook: {type(exc).__name__}: {exc}") from None
    return nb, time.perf_counter() - start


def _where(nb, index) -> str:
    return _describe(nb.cells[index], index) if index is not None else "the kernel start"


def execute_chapters(root: Path, chapters: list[str], workers: int = WORKERS, cell_timeout: float = CELL_TIMEOUT,
                     say=None) -> tuple[dict[str, nbformat.NotebookNode], dict[str, float]]:
    """Execute the chapters, ``workers`` at a time, each in its own kernel.

    Threads suffice: the kernels do the work, the threads only relay their messages.
    """
    notebooks, seconds, errors = {}, {}, []
    todo = pages(root, chapters)
    workers = max(1, min(workers, len(todo)))
    # Measured with 05 and 06 side by side on 2 cores: 23 s with one thread per kernel, 33 s without.
    threads = max(1, (os.cpu_count() or 1) // workers) if workers > 1 else None

    def job(page):
        page_id, chapter, name = page
        try:
            return page_id, *execute_chapter(root, chapter, cell_timeout, name, threads), None
        except SiteError as exc:
            return page_id, None, 0.0, str(exc)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for page_id, nb, secs, error in pool.map(job, todo):
            if error:
                errors.append(error)
                continue
            notebooks[page_id] = nb
            seconds[page_id] = round(secs, 1)
            if say:
                say(f"executed {page_id} in {secs:.1f} s")
    if errors:
        raise SiteError("\n".join(errors))
    return notebooks, seconds


# ---------------------------------------------------------------------------------------------
# Page notebooks


def _widget_outputs(model_id: str, state: dict) -> list[nbformat.NotebookNode]:
    """A static stand-in for an explorer widget: a note naming its controls, then its figure."""
    title, controls, images = None, [], []

    def walk(mid: str) -> None:
        nonlocal title
        model = state.get(mid)
        if model is None:
            return
        s, name = model.get("state", {}), model.get("model_name", "")
        if name == "HTMLModel" and title is None:
            title = re.sub(r"<[^>]+>", "", s.get("value", "")).strip()
        elif name == "OutputModel":
            images.extend(o for o in s.get("outputs", []) if "image/png" in o.get("data", {}))
        elif name in ("IntSliderModel", "FloatSliderModel"):
            controls.append(f"{s.get('description') or 'value'} = {s.get('value')}")
        elif name == "DropdownModel":
            labels, index = s.get("_options_labels", []), s.get("index")
            value = labels[index] if index is not None and index < len(labels) else "?"
            controls.append(f"{s.get('description') or 'choice'} = {value}")
        for child in s.get("children", []):
            walk(str(child).replace("IPY_MODEL_", ""))

    walk(model_id)
    note = ("<p class=\"dlcourse-widget-note\"><strong>Interactive figure.</strong> "
            + (f"<em>{html.escape(title)}</em>. " if title else "")
            + "Open the chapter in JupyterLab to move its controls"
            + (f" (shown here with {html.escape(', '.join(controls))})" if controls else "") + ".</p>")
    outs = [nbformat.v4.new_output("display_data", data={"text/html": note})]
    for img in images[-1:]:
        outs.append(nbformat.v4.new_output("display_data", data={"image/png": img["data"]["image/png"],
                                                                 "text/plain": "<Figure>"}))
    return outs


def _clean_outputs(outputs, widget_state: dict) -> list:
    cleaned = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream" and out.get("name") == "stderr":
            continue  # warnings and log chatter; a warning would also quote the line that raised it
        if kind in ("display_data", "execute_result"):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                cleaned += _widget_outputs(data[WIDGET_VIEW].get("model_id", ""), widget_state)
                continue
            data = {k: v for k, v in data.items() if k not in ("application/javascript",) and "widget" not in k}
            if not data:
                continue
            new = nbformat.v4.new_output(kind, data=data, metadata=out.get("metadata", {}))
            if kind == "execute_result":
                new.execution_count = out.get("execution_count")
            cleaned.append(new)
        elif kind == "stream":
            cleaned.append(nbformat.v4.new_output("stream", name=out["name"], text=out.get("text", "")))
        # "error" outputs cannot occur: a failing cell stops the build.
    return cleaned


def page_notebook(chapter: str, release_nb: nbformat.NotebookNode,
                  executed_nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The release notebook's cells with the executed notebook's outputs; no nbgrader metadata."""
    if len(release_nb.cells) != len(executed_nb.cells):
        raise SiteError(f"{chapter}: the executed notebook has {len(executed_nb.cells)} cells, "
                        f"the release {len(release_nb.cells)}")
    widget_state = executed_nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    page = nbformat.v4.new_notebook()
    page.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "language_info": {"name": "python", "pygments_lexer": "ipython3"}}
    for i, (rel, done) in enumerate(zip(release_nb.cells, executed_nb.cells)):
        if rel.cell_type != done.cell_type or _grade_id(rel) != _grade_id(done):
            raise SiteError(f"{chapter}: cell {i} of the executed notebook does not match the release")
        if rel.cell_type == "markdown":
            cell = nbformat.v4.new_markdown_cell(rel.source)
            if rel.get("attachments"):
                cell.attachments = rel.attachments
        elif rel.cell_type == "code":
            is_solution = rel.get("metadata", {}).get("nbgrader", {}).get("solution", False)
            outputs = [] if is_solution else _clean_outputs(done.get("outputs", []), widget_state)
            cell = nbformat.v4.new_code_cell(rel.source, outputs=outputs)
        else:
            cell = nbformat.v4.new_raw_cell(rel.source)
        page.cells.append(cell)
    return page


def chapter_title(nb: nbformat.NotebookNode, chapter: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return chapter


# ---------------------------------------------------------------------------------------------
# The book


def _index_page(titles: dict[str, str]) -> str:
    rows = "\n".join(f"{i}. [{t}]({ch}.ipynb)" for i, (ch, t) in enumerate(titles.items(), 1))
    return f"""# {TITLE}

An interactive, autograded deep learning course. Each chapter explains an idea in plain words
and math, shows it in a figure, and asks you to build it: stub functions to fill in, visible
tests to check them, and questions.

{rows}

This website is for reading. To do the exercises, clone the repository and run `make lab`: the
chapters open in JupyterLab, where the stubs can be filled in, the tests run, and the
interactive figures (shown here as still images) respond to their controls.

The figures on these pages were drawn with the reference solutions; the code cells show the
stubs exactly as a learner receives them.
"""


def book_config() -> dict:
    """Jupyter Book's ``_config.yml``: no execution, nothing loaded from outside the site."""
    return {
        "title": TITLE,
        "author": "the course authors",
        "copyright": "",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints"],
        "execute": {"execute_notebooks": "off"},
        "latex": {"use_jupyterbook_latex": False},
        "parse": {"myst_enable_extensions": ["dollarmath", "amsmath", "colon_fence"]},
        "html": {"use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False,
                 "use_multitoc_numbering": False, "home_page_in_navbar": True, "extra_footer": "",
                 "comments": {"hypothesis": False, "utterances": False}},
        "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "jupyterhub_url": "",
                           "thebe": False, "colab_url": "", "deepnote_url": ""},
        "sphinx": {"config": {
            # No Thebe and no intersphinx; sphinx_comments stays (both kinds off) since Jupyter Book configures it.
            "extensions": ["sphinx_togglebutton", "sphinx_copybutton", "myst_nb", "jupyter_book", "sphinx_comments",
                           "sphinx_external_toc", "sphinx_design", "sphinx_book_theme"],
            # Like JupyterLab, accept $$...$$ inside a paragraph (Jupyter Book drops this from parse:).
            "myst_dmath_double_inline": True,
            "mathjax_path": MATHJAX_PATH,
            "mathjax2_config": MATHJAX2_CONFIG,
            "nb_ipywidgets_js": {},  # require.js and the widget manager come from a CDN
            "nb_execution_mode": "off",
            "html_theme_options": {
                "search_bar_text": "Search the course...",
                "use_download_button": False, "use_fullscreen_button": True,
                "use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False,
                "use_source_button": False, "launch_buttons": {}, "home_page_in_toc": True,
                "show_navbar_depth": 1, "show_toc_level": 2, "analytics": {},
                # The sidebar has a search field; without this the header repeats it in a bar of its own.
                "navbar_persistent": [],
            },
            "html_context": {"default_mode": "light"},
            "html_favicon": "favicon.svg",
            "html_copy_source": False,
            "html_show_sourcelink": False,
            "html_last_updated_fmt": None,
            "suppress_warnings": ["myst.header", "myst.domains", "mystnb.unknown_mime_type"],
        }},
    }


def _copy_mathjax(dest: Path) -> None:
    import jupyter_server_mathjax

    src = Path(jupyter_server_mathjax.__file__).parent / "static"

    def ignore(folder, names):
        rel = Path(folder).relative_to(src).as_posix()
        return [n for n in names if (f"{rel}/{n}" if rel != "." else n) in _MATHJAX_SKIP]

    shutil.copytree(src, dest, ignore=ignore, dirs_exist_ok=True)
    # The menu's language list wants English strings only.
    shutil.copytree(src / "localization" / "en", dest / "localization" / "en", dirs_exist_ok=True)


def check_out(out: Path, root: Path) -> Path:
    """``out`` resolved, if the site may be written there; raises ValueError (a usage error) if not."""
    out, root = Path(out).resolve(), Path(root).resolve()
    for protected in (root / "source", root / "release"):
        if out == protected or protected in out.parents:
            raise ValueError(f"--out {out} lies inside {protected.name}/, which the site must never write to")
    if out == root or out in root.parents:
        raise ValueError(f"--out {out} would hold the repository; choose a new or empty folder")
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ValueError(f"--out {out} is not empty and was not written by `dlcourse site`; "
                         f"choose a new or empty folder")
    return out


def _empty_out(out: Path) -> None:
    if out.is_dir():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("written by `dlcourse site`; rebuilding empties this folder\n")


def run_sphinx(book: Path, out: Path, doctrees: Path) -> list[str]:
    """Build the HTML with Jupyter Book's Sphinx entry point; returns Sphinx's warnings."""
    from jupyter_book.sphinx import build_sphinx

    warnings, status = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(warnings), contextlib.redirect_stdout(status):
        result = build_sphinx(str(book), str(out), path_config=str(book / "_config.yml"), noconfig=True,
                              doctreedir=str(doctrees), confoverrides={"latex_individualpages": False},
                              freshenv=True, quiet=True, builder="html")
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", ln) for ln in warnings.getvalue().splitlines() if ln.strip()]
    if isinstance(result, BaseException) or result:
        detail = "\n".join(lines[-20:]) or str(result)
        raise SiteError(f"Sphinx failed:\n{detail}")
    return lines


def build_site(root: Path, out: Path, chapters: list[str] | None = None, workers: int = WORKERS,
               cell_timeout: float = CELL_TIMEOUT, say=None) -> SiteResult:
    """Execute the chapters and build the website into ``out`` (see the module docstring)."""
    import yaml

    root = Path(root).resolve()
    if workers < 1:
        raise ValueError(f"--workers must be at least 1, not {workers}")
    chapters = chapters or present_chapters(root)
    if not chapters:
        raise ValueError(f"no chapter notebooks found under {root / 'source'}")
    for ch in chapters:
        if not pages(root, [ch]):
            raise ValueError(f"release/{ch}/ has no notebook; run `dlcourse release {ch}` first")
    out = check_out(out, root)
    result = SiteResult(out=out, chapters=list(chapters))

    t0 = time.perf_counter()
    executed, result.execute_seconds = execute_chapters(root, chapters, workers, cell_timeout, say)
    result.seconds["execute"] = round(time.perf_counter() - t0, 1)

    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dlcourse-site-book-") as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        titles = {}
        for page_id, ch, name in pages(root, chapters):
            release_nb = nbformat.read(root / "release" / ch / f"{name}.ipynb", as_version=4)
            source_nb = nbformat.read(root / "source" / ch / f"{name}.ipynb", as_version=4)
            page = page_notebook(page_id, release_nb, executed[page_id])
            leaks = find_leaks(page, secret_lines(source_nb, release_nb))
            if leaks:
                i, line = leaks[0]
                raise SiteError(f"{page_id}: cell {i} of the page would show reference or hidden-test code: {line!r}")
            nbformat.write(page, book / f"{page_id}.ipynb")
            titles[page_id] = chapter_title(release_nb, page_id)
        (book / "index.md").write_text(_index_page(titles), encoding="utf-8")
        toc = {"format": "jb-book", "root": "index", "chapters": [{"file": p} for p in titles]}
        (book / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
        (book / "_config.yml").write_text(yaml.safe_dump(book_config(), sort_keys=False), encoding="utf-8")
        (book / "favicon.svg").write_text(FAVICON, encoding="utf-8")
        (book / "_static").mkdir()
        (book / "_static" / "dlcourse.js").write_text(SITE_JS, encoding="utf-8")
        (book / "_static" / "dlcourse.css").write_text(SITE_CSS, encoding="utf-8")
        if say:
            say(f"building the HTML of {len(chapters)} chapter(s) with Jupyter Book ...")
        _empty_out(out)  # only now: a chapter that fails to run leaves the previous site alone
        result.warnings = run_sphinx(book, out, Path(tmp) / "doctrees")
    _copy_mathjax(out / "_static" / "mathjax")
    result.seconds["html"] = round(time.perf_counter() - t1, 1)
    result.seconds["total"] = round(time.perf_counter() - t0, 1)
    return result
