"""Student content made inert (autograder.sanitize): each vector on its own, then both rendered pages in Chromium.

The pages are the feedback page (FeedbackExporter, classic template) and the formgrader's view of the
autograded notebook (HTMLExporter, template formgrade), each opened from file:// with all network blocked.
Every payload reports itself (window.top.__pwned, the title, an alert, or a request to pwned.invalid); the
same notebook rendered without sanitising shows that the detectors see it when it fires.
"""
from __future__ import annotations

import base64
import html
import re
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from autograder.sanitize import NOTE, clean_html, clean_markdown, clean_output, clean_raw

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(16)).decode()


def js(name: str) -> str:
    """A payload without spaces (it must fit a Markdown link) that every detector notices."""
    return (f"window.top.__pwned=(window.top.__pwned||[]).concat('{name}');"
            f"document.title='PWNED';alert('{name}')")


# Each builds its vector from a label, which its payload reports.
HTML_VECTORS = {
    "script": lambda n: f"<script>{js(n)}</script>",
    "onerror": lambda n: f'<img src="x" onerror="{js(n)}">',
    "img-slash": lambda n: f'<img/src="x"/onerror="{js(n)}">',
    "a-href": lambda n: f'<a href="javascript:{js(n)}">link</a>',
    "svg-script": lambda n: f"<svg><script>{js(n)}</script></svg>",
    "svg-onload": lambda n: f'<svg onload="{js(n)}"></svg>',
    "iframe-srcdoc": lambda n: f'<iframe srcdoc="<script>{js(n)}</script>"></iframe>',
    "object": lambda n: f'<object data="javascript:{js(n)}"></object>',
    "math-href": lambda n: (f'<math><maction actiontype="statusline" xlink:href="javascript:{js(n)}">'
                            "<mtext>click</mtext><mtext>tip</mtext></maction></math>"),
    "style": lambda n: f'<style>body{{background:url("http://pwned.invalid/{n}")}}</style>',
    "form": lambda n: f'<form action="javascript:{js(n)}"><button>go</button></form>',
    "base": lambda n: f'<base href="http://pwned.invalid/{n}/"><a href="next">next</a>',
    "meta": lambda n: f'<meta http-equiv="refresh" content="0;url=http://pwned.invalid/{n}">',
}
MARKDOWN_VECTORS = {
    **{f"md-{name}": f"Answer:\n\n{v(f'md-{name}')}\n" for name, v in HTML_VECTORS.items()},
    "md-link": f"[x](javascript:{js('md-link')})",
    "md-link-entity": f"[x](&#106;avascript:{js('md-link-entity')})",
    "md-mathjax-href": f"$\\href{{javascript:{js('md-mathjax-href')}}}{{x}}$",
}
# Markdown that mistune itself already writes as text (CommonMark wants a space after a tag name).
INERT_UNCLEANED = {"md-img-slash", "md-mathjax-href"}
OUTPUT_VECTORS = {
    **{f"html-output-{name}": {"text/html": v(f"html-output-{name}"), "text/plain": "x"}
       for name, v in HTML_VECTORS.items()},
    "png-not-base64": {"image/png": f'x" onerror="{js("png-not-base64")}'},
    "svg-output": {"image/svg+xml": f'<svg xmlns="http://www.w3.org/2000/svg" onload="{js("svg-output")}">'
                                    f"<script>{js('svg-output')}</script></svg>"},
    "js-output": {"application/javascript": js("js-output")},
    "markdown-output": {"text/markdown": f'<img src="x" onerror="{js("markdown-output")}">'},
}

# ---------------------------------------------------------------------------
# A detector of active HTML, independent of nh3: what a browser would run or follow.

_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_BAD_TAGS = {"script", "style", "svg", "math", "iframe", "object", "embed", "form", "base", "meta", "link"}
_BAD_URL = re.compile(r"(?:java|vb|live)script:|data:", re.I)
_INLINE_IMAGE = re.compile(r"data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/]*={0,2}")


class _Active(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in _BAD_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            flat = _INVISIBLE.sub("", value or "").lower()
            if name.startswith("on") or name == "style" and "url(" in flat:
                self.found.append(f"{tag} {name}")
            elif _BAD_URL.match(flat) and not (tag == "img" and name == "src" and _INLINE_IMAGE.fullmatch(value)):
                self.found.append(f"{tag} {name}={value[:30]}")

    def handle_data(self, data):  # MathJax links text such as \href{javascript:...}
        if re.search(r"(?:java|vb|live)script:", _INVISIBLE.sub("", data), re.I):
            self.found.append(f"text {data[:30]!r}")


def active(html_text: str) -> list[str]:
    parser = _Active()
    parser.feed(html_text)
    parser.close()
    return parser.found


# ---------------------------------------------------------------------------
# Unit tests


@pytest.mark.parametrize("name", MARKDOWN_VECTORS)
def test_markdown_vector_is_neutralised(name):
    source = MARKDOWN_VECTORS[name]
    if name not in INERT_UNCLEANED:
        assert active(markdown2html_mistune(source)), "the vector is not active even uncleaned: the test proves nothing"
    cleaned, changed = clean_markdown(source)
    assert changed
    rendered = markdown2html_mistune(cleaned)
    assert not active(rendered), rendered
    assert (NOTE in cleaned) == (name != "md-img-slash"), cleaned


@pytest.mark.parametrize("name", HTML_VECTORS)
def test_html_vector_is_neutralised(name):
    vector = HTML_VECTORS[name](name)
    assert active(vector), "the detector misses this vector"
    cleaned = clean_html(vector)
    assert not active(cleaned), cleaned


@pytest.mark.parametrize("source", [
    "The sum $\\sum_i x_i$ is **bold**, and *so* is this.\n\n- one\n- two\n\n1. first\n2. second\n",
    "```python\nimport torch\n\n\nx = torch.ones(3) * 2\n```\n\n60000 images, see [the docs](https://pytorch.org).",
    "$$\\frac{\\partial L}{\\partial w} = x^\\top (y - t)$$\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n",
])
def test_plain_markdown_is_kept_byte_for_byte(source):
    assert clean_markdown(source) == (source, False)


def test_math_with_less_than_keeps_its_text_and_gets_no_note():
    source = "Since $a<b$ and $$c < d,$$ the loss falls & **stays** low.\n\n```\nif a < b:\n\n    pass\n```\n"
    cleaned, changed = clean_markdown(source)
    assert changed and NOTE not in cleaned
    rendered = markdown2html_mistune(cleaned)
    text = html.unescape(rendered)
    assert "$a<b$" in text and "$$c < d,$$" in text and "<strong>stays</strong>" in rendered
    assert "if a < b:\n\n    pass" in text, "the blank line in the code block is lost"
    assert rendered.startswith("<div>") and rendered.count("<div>") == 1, "not one HTML block"


def test_prose_that_merely_looks_risky_is_rendered_without_a_note():
    cleaned, changed = clean_markdown("The training data: 60000 images, R&D.")
    assert changed and cleaned == "<div><p>The training data: 60000 images, R&amp;D.</p></div>"


def test_scheme_words_in_text_are_rewritten():
    assert clean_html("<p>JavaScript :alert(1) vbscript:x live\tscript:y</p>") == \
        "<p>JavaScript(removed):alert(1) vbscript(removed):x live\tscript(removed):y</p>"


def test_inline_images_survive_other_data_urls_do_not():
    png = f'<img src="data:image/png;base64,{PNG}" alt="plot">'
    assert clean_html(png) == png
    for bad in ("data:image/svg+xml;base64,PHN2Zz4=", "data:image/png;base64,not*base64", "data:text/html,<b>"):
        assert "src" not in clean_html(f'<img src="{bad}">')
    assert clean_html('<a href="data:text/html,x">x</a>') == "<a>x</a>"
    cleaned, _ = clean_markdown("$a<b$ ![plot](attachment:p.png)", attachments={"p.png": {"image/png": PNG}})
    assert f"data:image/png;base64,{PNG}" in cleaned and NOTE not in cleaned


def test_tables_and_links_keep_what_is_harmless():
    table = '<table class="dataframe"><tbody><tr><td colspan="2" style="text-align:right">1</td></tr></tbody></table>'
    assert clean_html(table) == table
    link = '<a href="https://pytorch.org">t</a>'
    assert clean_html('<a href="https://pytorch.org" onclick="x()" target="_top">t</a>') == link
    assert clean_html('<div id="x" style="position:fixed" data-link="y">z</div>') == "<div>z</div>"


def test_raw_cells():
    assert clean_raw("plain \\LaTeX{} text") == "plain \\LaTeX{} text"
    cleaned = clean_raw(HTML_VECTORS["onerror"]("o") + HTML_VECTORS["script"]("s") + "<b>kept</b>")
    assert not active(cleaned) and "<b>kept</b>" in cleaned


def test_outputs():
    assert clean_output(new_output("display_data", data=OUTPUT_VECTORS["png-not-base64"])) is None
    assert clean_output(new_output("display_data", data={"image/svg+xml": "<svg/>", "application/javascript": "x",
                                                         "text/markdown": "x", "text/latex": "x",
                                                         "image/jpeg": PNG})) is None
    out = clean_output(new_output("execute_result", execution_count=3, data={
        "text/html": HTML_VECTORS["script"]("s") + "<b>ok</b>", "text/plain": "<ok>", "image/png": PNG + "\n",
        "application/vnd.jupyter.widget-view+json": {"model_id": "x"}},
        metadata={"image/png": {"width": '1 onerror="x()"'}}))
    assert out == {"output_type": "execute_result", "execution_count": 3, "metadata": {},
                   "data": {"text/html": "<b>ok</b>", "text/plain": "<ok>", "image/png": PNG}}
    nbformat.validate(new_notebook(cells=[new_code_cell(outputs=[out])]))
    stream = new_output("stream", name="stdout", text="<script>x()</script>")
    assert clean_output(stream) == stream
    assert clean_output({"output_type": "stream", "name": 'x"><script>', "text": "x"}) is None
    error = new_output("error", ename="E", evalue="<v>", traceback=["<script>x()</script>"])
    assert clean_output(error) == error
    assert clean_output({"output_type": "execute_result", "execution_count": "<b>", "data": {"text/plain": "1"},
                         "metadata": {}})["execution_count"] is None
    assert clean_output({"output_type": "update_display_data", "data": {"text/plain": "1"}}) is None


# ---------------------------------------------------------------------------
# In Chromium


def _notebook(sanitise: bool):
    """An autograded notebook whose student cells and outputs carry every vector."""
    def student(cell, grade_id):
        cell.metadata["nbgrader"] = {"solution": True, "grade": True, "locked": False, "points": 1,
                                     "grade_id": grade_id, "schema_version": 3}
        return cell

    cells = [new_markdown_cell("# Chapter 1\n\nThe instructor's text, with $x^2$.")]
    for name, source in MARKDOWN_VECTORS.items():
        cells.append(student(new_markdown_cell(clean_markdown(source)[0] if sanitise else source), name))
    outputs = [new_output("display_data", data=data) for data in OUTPUT_VECTORS.values()]
    outputs += [new_output("display_data", data={"text/html": f"<script>{js('isolated')}</script>"},
                           metadata={"text/html": {"isolated": True}}),
                new_output("execute_result", execution_count=1, data={"image/png": PNG},
                           metadata={"image/png": {"width": f'1 onerror="{js("png-width")}"'}}),
                new_output("stream", name="stdout", text=f"<script>{js('stream')}</script>"),
                new_output("error", ename="E", evalue="v", traceback=[f"<img src=x onerror=\"{js('traceback')}\">"])]
    if sanitise:
        outputs = [o for o in map(clean_output, outputs) if o is not None]
    cells.append(student(new_code_cell("show_everything()", execution_count=1, outputs=outputs), "code"))
    raw = f'<img src="x" onerror="{js("raw")}">'
    cells.append(new_raw_cell(clean_raw(raw) if sanitise else raw))
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def _render(nb, page: str) -> str:
    if page == "feedback":
        from autograder.feedback import FeedbackExporter

        return FeedbackExporter(template_name="classic").from_notebook_node(nb)[0]
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers

    exporter = HTMLExporter(template_name="formgrade", extra_template_basedirs=[handlers.template_path])
    resources = {"assignment_id": "ps1", "notebook_id": "chapter", "submission_id": "abc", "index": 0, "total": 1,
                 "base_url": "", "student": "s1", "last_name": "Doe", "first_name": "Jo",
                 "notebook_path": "autograded/s1/ps1/chapter.ipynb"}
    return exporter.from_notebook_node(nb, resources=resources)[0]


_STATE = "() => [window.top.__pwned || null, document.title]"


def _visit(browser, path, click: bool) -> dict:
    """Open the page, every other request recorded and answered locally; then click each link and button.

    A 204 answer keeps the page where it is (a navigation stops), so that each click runs in the page itself.
    """
    url, seen = path.as_uri(), {"fired": [], "requests": [], "states": []}
    context = browser.new_context()
    context.on("dialog", lambda d: (seen["fired"].append(d.message), d.dismiss()))

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            seen["requests"].append(r.request.url)
            r.fulfill(status=204)

    context.route("**/*", route)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    seen["states"].append(page.evaluate(_STATE))
    seen["clicked"] = page.evaluate("document.querySelectorAll('a, button').length") if click else 0
    for i in range(seen["clicked"]):
        page.evaluate("i => document.querySelectorAll('a, button')[i].click()", i)
        page.wait_for_timeout(10)
        seen["states"].append(page.evaluate(_STATE))
    page.wait_for_timeout(200)  # for a late dialog
    context.close()
    return seen


@pytest.mark.parametrize("page", ["feedback", "formgrade"])
def test_no_student_script_runs_in_the_rendered_page(browser, tmp_path, page):
    clean, raw = tmp_path / "clean.html", tmp_path / "raw.html"
    clean.write_text(_render(_notebook(sanitise=True), page))
    raw.write_text(_render(_notebook(sanitise=False), page))

    control = _visit(browser, raw, click=True)
    print(page, "uncleaned, fired:", sorted(set(control["fired"])))
    assert {"md-script", "md-onerror", "html-output-script", "html-output-onerror"} <= set(control["fired"]), control
    assert {"md-a-href", "md-link", "html-output-a-href"} <= set(control["fired"]), "clicks are not detected"
    assert any("pwned.invalid" in u for u in control["requests"]), control["requests"]

    seen = _visit(browser, clean, click=True)
    assert seen["fired"] == [], seen["fired"]
    assert not [u for u in seen["requests"] if "pwned.invalid" in u], seen["requests"]
    assert seen["clicked"] >= 6, "the links the cleaning left (a-href, base, md-link...) were not clicked"
    assert all(pwned is None and title != "PWNED" for pwned, title in seen["states"]), seen["states"]
