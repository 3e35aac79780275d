"""Make student-controlled notebook content inert before an instructor's browser renders it.

A student's Markdown answers, the raw cells they add and the outputs their code
produces are copied into the feedback page and into the autograded notebook that
nbgrader's formgrader renders, inside the instructor's authenticated JupyterLab.
nbconvert's HTML templates insert Markdown (as HTML) and ``text/html`` outputs
verbatim, so any of them could carry a script.  The cleaning itself is done by
nh3 (the ammonia HTML sanitiser), with an allowlist fit for notebook output.
"""
from __future__ import annotations

import base64
import binascii
import re

import nbformat
import nh3
from nbconvert.filters.markdown_mistune import InvalidNotebook, IPythonRenderer, MarkdownWithMath

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "wbr",
}
# No on* handler; no id or name (they can clobber the page's globals); no data-* (the formgrader's
# scripts act on some); no style but table-cell alignment. class stays: Pygments and pandas use it.
_CELL = {"colspan", "rowspan", "align", "style"}
_ATTRIBUTES = {"*": {"class", "title"}, "a": {"href"}, "img": {"src", "alt", "width", "height"},
               "ol": {"start"}, "td": _CELL, "th": _CELL}
# Removed with everything inside, rather than leaving their text behind.
_DROPPED_WITH_CONTENT = {"script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript",
                         "textarea"}
# data: is accepted here only so that _keep_attribute can let inline images through.
_SCHEMES = {"http", "https", "mailto", "data"}
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif);base64,([A-Za-z0-9+/]*={0,2})")
# What a browser's URL parser ignores inside a scheme (tabs, newlines) or before it (controls, spaces).
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
# A scheme word left in text: MathJax's \href{javascript:...} makes a link of it.
_SCRIPT_SCHEME = re.compile(
    "(" + "|".join(r"[\s\x00-\x1f]*".join(w) for w in ("javascript", "vbscript", "livescript")) + r")[\s\x00-\x1f]*:",
    re.IGNORECASE)
_RISKY_SCHEME = re.compile(r"(?:java|vb|live)script:|data:", re.IGNORECASE)
_PNG = b"\x89PNG\r\n\x1a\n"
NOTE = "*(The grader removed scripts, event handlers or other active content from this cell.)*"


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a data: URL only as an image's source, and only as a strict base64 image."""
    if not _INVISIBLE.sub("", value).lower().startswith("data:"):
        return value
    if tag == "img" and attribute == "src" and (m := _DATA_IMAGE.fullmatch(value)) and _b64decode(m[1]) is not None:
        return value
    return None


def _b64decode(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def clean_html(html: str) -> str:
    """``html`` with every tag, attribute and URL outside a notebook-output allowlist removed.

    Script, style, SVG, MathML, frames and plugins go with their content, other unknown tags
    leave their text. Links keep http, https and mailto URLs (and relative ones); an image may
    also be an inline base64 PNG, JPEG or GIF. A scheme word such as ``javascript:`` left in
    the text is rewritten to ``javascript(removed):`` so that MathJax cannot link it.
    """
    cleaned = nh3.clean(html, tags=_TAGS, clean_content_tags=_DROPPED_WITH_CONTENT, attributes=_ATTRIBUTES,
                        attribute_filter=_keep_attribute, url_schemes=_SCHEMES, filter_style_properties={"text-align"},
                        link_rel=None)  # no rel: target is not allowed, so no link opens a window
    return _SCRIPT_SCHEME.sub(r"\1(removed):", cleaned)


def _reserialised(html: str) -> str:
    """``html`` through the same parser and serialiser as clean_html with every tag, attribute and scheme in it
    allowed: it differs from clean_html(html) exactly where clean_html removed something."""
    flat = _INVISIBLE.sub("", html)
    return nh3.clean(html, tags=_TAGS | {t.lower() for t in re.findall(r"<([A-Za-z][^\s/>]*)", html)},
                     clean_content_tags=set(), generic_attribute_prefixes={""},
                     url_schemes={s.lower() for s in re.findall(r"([A-Za-z][A-Za-z0-9+.-]*):", flat)}, link_rel=None)


def _plainly_safe(source: str) -> bool:
    """No HTML, no character reference, no script or data URL: nothing Markdown could make active."""
    return "<" not in source and "&" not in source and not _RISKY_SCHEME.search(_INVISIBLE.sub("", source))


class _Renderer(IPythonRenderer):
    """nbconvert's Markdown renderer, tolerant of a missing attachment (the real render would fail on it)."""

    def _embed_image_or_attachment(self, src: str) -> str:
        try:
            return super()._embed_image_or_attachment(src)
        except InvalidNotebook:  # a missing attachment: its URL stays, for clean_html to drop
            return src


def clean_markdown(source: str, attachments: dict | None = None) -> tuple[str, bool]:
    """The Markdown of a student's cell made inert, and whether it changed.

    Plainly safe Markdown (see _plainly_safe) is kept as written. Anything else is rendered
    as nbconvert renders it (``attachments``, the cell's, are inlined), cleaned by clean_html
    and returned as one HTML block, after a note when the cleaning removed something.
    Math keeps its ``$...$`` text, which MathJax typesets as before.
    """
    if _plainly_safe(source):
        return source, False
    html = MarkdownWithMath(renderer=_Renderer(escape=False, exclude_anchor_links=True,
                                               attachments=attachments)).render(source)
    cleaned = clean_html(html)
    # One HTML block, passed through untouched when the cell is rendered again: opened by
    # <div>, and with no blank line, which would end it (a line feed written as &#10; is kept).
    block = "<div>" + re.sub(r"\n(?=\s*\n)", "&#10;", cleaned.strip()) + "</div>"
    return (f"{NOTE}\n\n{block}" if cleaned != _reserialised(html) else block), True


def clean_raw(source: str) -> str:
    """A student's raw cell made inert: nbconvert's HTML output copies raw cells in as HTML."""
    return source if _plainly_safe(source) else clean_html(source)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _png(data) -> str | None:
    """Canonical base64 of a PNG, or None: the template puts this string inside an attribute."""
    raw = _b64decode(_INVISIBLE.sub("", _text(data)))
    return base64.b64encode(raw).decode() if raw and raw.startswith(_PNG) else None


def clean_output(output: dict) -> dict | None:
    """One output of student code, with only what renders inert kept; None when nothing is left.

    Stream and error text is kept (the templates escape it). Displayed data keeps text/plain,
    text/html through clean_html and a genuine base64 PNG; SVG, JavaScript, widgets, Markdown,
    LaTeX, JPEG and the rest are dropped, and so is all metadata.
    """
    kind = output.get("output_type")
    if kind == "stream" and output.get("name") in ("stdout", "stderr"):
        return nbformat.from_dict({"output_type": kind, "name": output["name"], "text": _text(output.get("text", ""))})
    if kind == "error":
        return nbformat.from_dict({"output_type": kind, "ename": _text(output.get("ename", "")),
                                   "evalue": _text(output.get("evalue", "")),
                                   "traceback": [_text(line) for line in output.get("traceback", [])]})
    if kind not in ("display_data", "execute_result"):
        return None
    data, given = {}, output.get("data", {})
    if "text/plain" in given:
        data["text/plain"] = _text(given["text/plain"])
    if "image/png" in given and (png := _png(given["image/png"])):
        data["image/png"] = png
    if "text/html" in given and (html := clean_html(_text(given["text/html"]))).strip():
        data["text/html"] = html
    if not data:
        return None
    cleaned = {"output_type": kind, "data": data, "metadata": {}}
    if kind == "execute_result":
        count = output.get("execution_count")
        cleaned["execution_count"] = count if isinstance(count, int) and not isinstance(count, bool) else None
    return nbformat.from_dict(cleaned)
