"""A faster HTML exporter for nbgrader's feedback pages.

Grading a class renders one feedback page per student, and with a sandboxed
executor that keeps the grading slots busy, this rendering in the main process
is the largest cost left beside execution.  Two parts of nbconvert's
``HTMLExporter`` do work that is wasted here:

* after rendering, it parses the whole page again with BeautifulSoup only to add
  ``alt`` text to images and ``tabindex`` to lab-template cells; the feedback
  template is the classic one, which has no lab cells, so a regex adds the
  ``alt`` text and the page is otherwise left as rendered;
* it highlights every code cell and converts every Markdown cell anew, though
  all students' notebooks share almost all of them; both are memoised by
  source text, for the life of the grading process;
* nbgrader makes a new exporter, and so a new Jinja environment, for every page,
  which compiled the templates anew each time: they are compiled once per
  grading process (a Jinja bytecode cache, checked against the template source).

The page is otherwise what nbgrader's own ``GenerateFeedback`` writes: same
template, same preprocessors (hidden tests removed first).
"""
from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path

import nbgrader
from jinja2 import BytecodeCache, pass_context

from nbconvert.exporters import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

#: The page's template: nbgrader's own, made accessible (autograder/templates/dlcourse_feedback/).  Set for
#: this exporter only (``c.FeedbackExporter``), so that nbgrader's other HTML is untouched; the second folder is
#: where GenerateFeedback finds nbgrader's template, which this one extends.
TEMPLATE = {
    "template_name": "dlcourse_feedback",
    "template_file": "page.html.j2",
    "extra_template_basedirs": [str(Path(__file__).parent / "templates"),
                                str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates")],
}

_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)", re.IGNORECASE)
_ALT = '<img alt="No description has been provided for this image"'


class _Memo:
    """A bounded memo of a pure text filter, keyed by its arguments."""

    def __init__(self, size: int = 4096):
        self.size, self.cache = size, OrderedDict()

    def get(self, key, compute):
        try:
            self.cache.move_to_end(key)
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = compute()
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
            return value


_HIGHLIGHT, _MARKDOWN = _Memo(), _Memo()


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory; Jinja recompiles one whose source changed (its checksum differs)."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


class FeedbackExporter(HTMLExporter):
    """``HTMLExporter`` without the BeautifulSoup pass, with memoised highlighting and Markdown."""

    @pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        if cell.get("attachments"):
            return super().markdown2html(context, source)  # images inlined per notebook: not shared
        path = context.get("resources", {}).get("metadata", {}).get("path", "")
        return _MARKDOWN.get((source, path, self.embed_images, self.anchor_link_text, self.exclude_anchor_links),
                             lambda: super(FeedbackExporter, self).markdown2html(context, source))

    def _create_environment(self):
        env = super()._create_environment()
        env.bytecode_cache = _TEMPLATES
        return env

    def from_notebook_node(self, nb, resources=None, **kw):
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlighter = Highlight2HTML(pygments_lexer=lexer, parent=self)

        def highlight_code(source, language=None, metadata=None):
            magics = (metadata or {}).get("magics_language")  # the one piece of metadata pygments reads
            return _HIGHLIGHT.get((source, language, lexer, magics), lambda: highlighter(source, language, metadata))

        resources = self._init_resources(resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _IMG_WITHOUT_ALT.sub(_ALT, html), resources
