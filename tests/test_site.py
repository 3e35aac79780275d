"""The course website: built once per session, then read by a real browser (Chromium via Playwright).

All tests that need the built site share the xdist group "site", so under ``pytest -n 2 --dist
loadgroup`` one worker builds it once.  The page visits are shared as well: every page is
opened once and several tests read what the visit recorded.
"""
from __future__ import annotations

import functools
import html
import http.server
import json
import re
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from utils.paths import present_chapters
from utils.site import build_site, secret_lines

from .test_accessibility import Checked, check_open_page, start_settling

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = present_chapters(ROOT)
SCREENSHOT = ROOT / "build" / "site-screenshot.png"
SITE = pytest.mark.xdist_group("site")
# A word from each chapter's prose and the chapter the search must return for it.
SEARCHES = {"03_convolutions": "convolution", "06_sequences": "attention", "07_derivatives": "jacobian"}
# Text whose contrast the accessibility check judges once per style: the whole page (a chapter repeats a few
# dozen styles in tens of thousands of code tokens and glyphs; see tests/test_accessibility.py).
A11Y_REPEATED = "body *"
# What the site repeats by the hundred with the same markup, checked once per shape: Sphinx's frame of a formula
# (inline and displayed), and the copy button of each code cell.
A11Y_ALIKE = "span.math, div.math, button.copybtn"

# MathJax's start-up posts "End" once its first pass over the page is done.
MATH_DONE = """() => {
  if (!(window.MathJax && MathJax.Hub && MathJax.Hub.Startup && MathJax.Hub.queue)) return false;
  const q = MathJax.Hub.queue;
  return MathJax.Hub.Startup.signal.posted.map(String).includes('End') && q.pending === 0 && q.running === 0;
}"""
# What the page shows, for the tests to judge.
PAGE_FACTS = """() => {
  const article = document.querySelector('article') || document.body;
  const prose = article.cloneNode(true);
  prose.querySelectorAll('pre, code, script, style, .MathJax, .MathJax_Display, .MJX_Assistive_MathML, '
                         + '.cell_output').forEach(e => e.remove());
  return {
    typeset: document.querySelectorAll('.MathJax, .MathJax_Display').length,
    math_errors: document.querySelectorAll('.MathJax_Error, .merror, .noError').length,
    prose: prose.textContent,
    images: Array.from(document.images).map(i => [i.getAttribute('src'), i.complete ? i.naturalWidth : 0]),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
    ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
    prev: (document.querySelector('a.left-prev') || {}).href || null,
    next: (document.querySelector('a.right-next') || {}).href || null,
  };
}"""


@dataclass
class Visit:
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    facts: dict = field(default_factory=dict)
    a11y: list[str] = field(default_factory=list)  # what axe-core and the keyboard found wrong


def _watch(page, visit: Visit) -> None:
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: visit.errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(f"exception: {e}"))


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, out, CHAPTERS, workers=2)
    print(f"\nsite built in {result.seconds['total']:.1f} s (execute {result.seconds['execute']:.1f} s, "
          f"HTML {result.seconds['html']:.1f} s): {result.index}")
    assert not result.warnings, result.warnings
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _open(browser, url: str) -> tuple[object, Visit]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    visit = Visit(url)
    _watch(page, visit)
    page.goto(url, wait_until="load")
    return page, visit


def _check_accessibility(pages, checked: Checked | None = None) -> list[list[str]]:
    """axe-core and the keyboard on open pages, which settle side by side and are then closed: what each got
    wrong.  ``checked`` (shared stylesheets and scripts) lets a page skip what another checked already."""
    for page in pages:
        start_settling(page)
    found = []
    for page in pages:
        found.append(check_open_page(page, A11Y_REPEATED, checked, alike=A11Y_ALIKE))
        page.close()
    return found


def _finish(page, visit: Visit) -> Visit:
    page.wait_for_function(MATH_DONE, polling=200)
    visit.facts = page.evaluate(PAGE_FACTS)
    return visit


@pytest.fixture(scope="session")
def visits(browser, server) -> dict[str, Visit]:
    """Every page of the site opened once over HTTP; the chapters typeset side by side in their tabs.

    Also writes build/site-screenshot.png: the first chapter at its first displayed formula, for a person to
    look at; then checks each page's accessibility (last: the check prunes repeated text from the page).
    """
    names = ["index", *CHAPTERS]
    opened = {name: _open(browser, f"{server}/{name}.html") for name in names}
    done = {name: _finish(page, visit) for name, (page, visit) in opened.items()}
    page = opened[CHAPTERS[0]][0]
    page.set_viewport_size({"width": 1280, "height": 1200})
    page.locator("article .MathJax_Display").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    # What the pages did on their own, kept apart from what the accessibility check makes them do: it injects
    # axe-core and prunes repeated text, which the theme's and MathJax's scripts may then trip over.
    own = {name: (list(visit.errors), list(visit.requests)) for name, (_, visit) in opened.items()}
    # The pages share stylesheets and scripts: what one checked, the next need not.
    found = _check_accessibility([page for page, _ in opened.values()], Checked())
    for (_, visit), problems in zip(opened.values(), found):
        visit.a11y = problems
    for name, (_, visit) in opened.items():
        visit.errors[:], visit.requests[:] = own[name]
    return done


@pytest.fixture(scope="session")
def file_visit(browser, site) -> Visit:
    page, visit = _open(browser, (site / f"{CHAPTERS[0]}.html").as_uri())
    _finish(page, visit)
    page.close()
    return visit


def _search(browser, base: str, word: str) -> tuple[list[str], Visit]:
    page, visit = _open(browser, f"{base}/search.html?q={urllib.parse.quote(word)}")
    summary = "#search-results .search-summary"
    page.wait_for_function(f"() => (document.querySelector('{summary}') || {{}}).textContent"
                           f"?.startsWith('Search finished')", polling=200)
    hits = page.eval_on_selector_all("#search-results li a", "els => els.map(a => a.getAttribute('href'))")
    page.close()
    return hits, visit


@SITE
def test_site_tests_share_one_worker(request):
    """Under ``pytest -n 2 --dist loadgroup`` the group keeps the site to one build on one worker."""
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@site"), "xdist_group is not honoured: every worker would build the site"


# ---------------------------------------------------------------------------------------------
# In the browser


@SITE
@pytest.mark.parametrize("name", ["index", *CHAPTERS])
def test_page_loads_cleanly_and_only_from_the_site(visits, server, name):
    v = visits[name]
    assert not v.errors, f"{name}: {v.errors}"
    outside = [u for u in v.requests if not u.startswith(server + "/") and not u.startswith("data:")]
    assert not outside, f"{name} requested outside the site: {outside}"


@SITE
def test_a_page_opened_from_file_needs_nothing_else(file_visit, site):
    assert not file_visit.errors, file_visit.errors
    outside = [u for u in file_visit.requests
               if not u.startswith(site.as_uri() + "/") and not u.startswith("data:")]
    assert not outside, f"requests leaving the site's folder: {outside}"
    assert file_visit.facts["typeset"] > 0 and not file_visit.facts["math_errors"]


@SITE
@pytest.mark.parametrize("name", CHAPTERS)
def test_math_is_typeset(visits, name):
    f = visits[name].facts
    assert f["typeset"] > 0, f"{name}: MathJax typeset nothing"
    assert f["math_errors"] == 0, f"{name}: {f['math_errors']} formula(s) MathJax could not typeset"
    raw = re.findall(r".{0,30}(?:\$\$|\\\(|\\\[|\\[a-zA-Z]{2,}\{).{0,30}", f["prose"])
    assert not raw, f"{name}: TeX left in the text: {raw[:5]}"


@SITE
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_image_loads(visits, name):
    images = visits[name].facts["images"]
    assert images, f"{name} shows no figure"
    broken = [src for src, width in images if not width]
    assert not broken, f"{name}: images that did not load: {broken}"


@SITE
def test_internal_links_resolve_and_chapters_are_chained(visits, server):
    pages: dict[str, str] = {}

    def fetch(url: str) -> str:
        if url not in pages:
            with urllib.request.urlopen(url, timeout=10) as r:
                assert r.status == 200, url
                pages[url] = r.read().decode("utf-8", "replace")
        return pages[url]

    for name, v in visits.items():
        for href in v.facts["links"]:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) and not href.startswith(server):
                continue  # external (there should be none) or mailto:; the request tests cover loading
            target, _, anchor = urllib.parse.urljoin(v.url, href).partition("#")
            if target == v.url:
                assert not anchor or anchor in v.facts["ids"], f"{name}: no element #{anchor}"
                continue
            text = fetch(target)
            if anchor:
                assert f'id="{anchor}"' in text, f"{name}: {href} points to a missing anchor"
    # index -> chapter 1 -> ... -> last chapter, and back again.
    chain = [f"{server}/{n}.html" for n in ["index", *CHAPTERS]]
    for here, (before, after) in zip(chain[1:], zip(chain, chain[2:] + [None])):
        name = here.rsplit("/", 1)[1]
        facts = next(v.facts for v in visits.values() if v.url == here)
        assert facts["prev"] == before, f"{name}: 'previous' goes to {facts['prev']}, not {before}"
        assert facts["next"] == after, f"{name}: 'next' goes to {facts['next']}, not {after}"


@SITE
def test_search_finds_chapters_over_http_and_from_file(browser, server, site):
    for chapter, word in SEARCHES.items():
        hits, visit = _search(browser, server, word)
        assert not visit.errors, visit.errors
        assert f"{chapter}.html" in [h.split("#")[0] for h in hits], f"searching {word!r} found {hits}"
    hits, visit = _search(browser, site.as_uri(), "jacobian")
    assert not visit.errors, visit.errors
    assert "07_derivatives.html" in [h.split("#")[0] for h in hits], hits


@SITE
@pytest.mark.parametrize("name", ["index", *CHAPTERS])
def test_page_is_accessible(visits, name):
    """No serious or critical axe-core violation, and a keyboard alone reaches and works every control."""
    problems = visits[name].a11y
    assert not problems, "\n".join(problems)


@SITE
def test_search_and_general_index_are_accessible(browser, server):
    """The site's other two pages: the search page with results shown, and Sphinx's (empty) general index."""
    search, _ = _open(browser, f"{server}/search.html?q=attention")
    index, _ = _open(browser, f"{server}/genindex.html")
    search.wait_for_function("() => (document.querySelector('#search-results .search-summary') || {}).textContent"
                             "?.startsWith('Search finished')", polling=200)
    assert search.locator("#search-results li a").count() > 0
    problems = [p for found in _check_accessibility([search, index]) for p in found]
    assert not problems, "\n".join(problems)


@SITE
def test_screenshot_of_a_chapter_for_review(visits):
    """The visits wrote build/site-screenshot.png (git-ignored): look at it after a change to the site."""
    print(f"\nscreenshot of {CHAPTERS[0]}: {SCREENSHOT}")
    assert SCREENSHOT.stat().st_size > 10_000


# ---------------------------------------------------------------------------------------------
# In the files


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)


def _windows(words: list[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _html_text(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


@SITE
def test_no_solution_or_hidden_test_anywhere_in_the_site(site):
    secrets, public = set(), []
    for ch in CHAPTERS:
        source = nbformat.read(ROOT / "source" / ch / f"{ch}.ipynb", as_version=4)
        release = nbformat.read(ROOT / "release" / ch / f"{ch}.ipynb", as_version=4)
        secrets |= secret_lines(source, release)
        public += [c.source for c in release.cells]
    # A line one chapter solves with may be given away in another chapter's text: that is public.
    everything_public = "\n".join(public)
    normalise = functools.partial(re.sub, r"\s+", " ")
    flat_public = normalise(everything_public)
    hidden = {s for s in secrets if s not in flat_public}
    assert len(hidden) > 100, "the source notebooks should have many solution lines"
    public_windows = _windows(_words(everything_public))
    prose_windows = set().union(*(_windows(_words(s)) for s in hidden)) - public_windows

    # Every page, the search index, and anything notebook-like; not the theme's and MathJax's own files.
    files = [p for p in site.rglob("*") if p.is_file() and (p.suffix in (".html", ".txt", ".json", ".ipynb")
                                                           or p.name == "searchindex.js")]
    assert any(p.name == "searchindex.js" for p in files)
    site_words = []
    for p in files:
        raw = p.read_text(encoding="utf-8", errors="replace")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in raw, f"{p.name} contains {marker!r}"
        text = _html_text(raw) if p.suffix == ".html" else raw
        flat = normalise(text)
        found = [s for s in hidden if s in flat]
        assert not found, f"{p.relative_to(site)} shows solution or hidden-test lines: {found[:3]}"
        words = _words(text)
        shown = _windows(words) & prose_windows
        assert not shown, f"{p.relative_to(site)} shows solution text: {[' '.join(w) for w in list(shown)[:3]]}"
        site_words += words

    # The search index holds stemmed words, not lines: no word that only the solutions use may be in it.
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    raw = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    terms = set(index["terms"]) | set(index["titleterms"])
    public_stems = {stem(w) for w in {w.lower() for w in _words(everything_public) + site_words}}
    secret_stems = {stem(w) for w in {w.lower() for s in hidden for w in _words(s)}} - public_stems
    assert secret_stems, "some words should occur only in the solutions"
    leaked = secret_stems & terms
    assert not leaked, f"the search index has words only the solutions use: {sorted(leaked)[:10]}"


@SITE
def test_widgets_become_still_figures_without_widget_javascript(site):
    for ch in CHAPTERS:
        text = (site / f"{ch}.html").read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in text and "require.js" not in text, ch
    notes = sum((site / f"{ch}.html").read_text(encoding="utf-8").count("dlcourse-widget-note") for ch in CHAPTERS)
    explorers = sum(len(re.findall(r"widgets\.explorer\(", (ROOT / "release" / ch / f"{ch}.ipynb").read_text()))
                    for ch in CHAPTERS)
    assert notes == explorers > 0, f"{explorers} explorer widgets in the chapters, {notes} still figures on the site"


# ---------------------------------------------------------------------------------------------
# The command line (no site needed)


def dlcourse(capsys, *args) -> tuple[int, str, str]:
    from utils.cli import main

    try:
        code = main(list(args))
    except SystemExit as exc:  # --help
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_site_cli_help_and_bad_out(capsys, tmp_path):
    code, out, _ = dlcourse(capsys, "site", "--help")
    assert code == 0 and "usage: dlcourse site" in out and "example" in out
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    code, _, err = dlcourse(capsys, "--root", str(ROOT), "site", "--out", str(a_file))
    assert code == 2 and "is a file" in err
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    code, _, err = dlcourse(capsys, "--root", str(ROOT), "site", "--out", str(tmp_path / "busy"))
    assert code == 2 and "not empty" in err
    assert (tmp_path / "busy" / "keep.txt").read_text() == "mine"
    code, _, err = dlcourse(capsys, "--root", str(ROOT), "site", "--out", str(ROOT / "source" / "site"))
    assert code == 2 and "source/" in err and not (ROOT / "source" / "site").exists()


def test_site_names_the_chapter_and_cell_that_fails(capsys, tmp_path):
    from utils.release import release

    from .toy import make_toy_course

    make_toy_course(tmp_path, solution="def double(x):\n    ### BEGIN SOLUTION\n"
                                       "    raise ValueError('broken on purpose')\n    ### END SOLUTION")
    release(tmp_path, ["01_basics"])
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, _, err = dlcourse(capsys, "--root", str(tmp_path), "site", "--out", str(tmp_path / "out"))
    assert code == 1, err
    assert "01_basics: cell 3 (double-test)" in err and "ValueError: broken on purpose" in err
    assert "Traceback" not in err
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if "out" not in p.relative_to(tmp_path).parts)
    assert after == before, "the build wrote into the course"


def test_the_notebook_client_keeps_widget_outputs_without_writing_to_the_shell_socket(tmp_path):
    """Each output an Output widget captured was sent back on the shell socket the client awaits its reply on,
    which now and then left a cell waiting out its whole timeout; the outputs must still reach the widget state."""
    from utils.kernel import notebook_client

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import ipywidgets as w\nout = w.Output()\nfor i in range(3):\n    with out:\n        print('drawn', i)\nout")])
    client = notebook_client()(nb, timeout=60, kernel_name="python3", store_widget_state=True,
                               resources={"metadata": {"path": str(tmp_path)}})
    sent = []
    with client.setup_kernel():
        send = client.kc.shell_channel.send
        client.kc.shell_channel.send = lambda msg: (sent.append(msg["header"]["msg_type"]), send(msg))[1]
        client.execute_cell(nb.cells[0], 0)
    assert "comm_msg" not in sent, sent
    captured = [o for s in client.widget_state.values() for o in s.get("outputs", [])]
    assert "".join(o.get("text", "") for o in captured) == "drawn 0\ndrawn 1\ndrawn 2\n", captured
