"""The pages people read are accessible (issue 18): axe-core finds no serious or critical violation on them,
and a keyboard alone reaches and works every control on them, with the focus always in sight.

The pages are checked where they are made, so that nothing is built twice: every page of the website in
tests/test_site.py, on the site it builds once; the feedback pages and ``report.html`` of a graded class in
tests/test_grading.py, on the class it grades.  This module holds the two checks, shows on small pages made for
the purpose that each catches what it must, and renders the parts of the feedback page that no class graded in
the tests shows (a hand grader's comment, a late penalty, an ``Out[ ]`` prompt).

axe-core comes from axe-playwright-python, which ships it (nothing is fetched), and runs in the Chromium the
other browser tests use (the ``browser`` fixture, tests/conftest.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

#: What fails a page: axe-core's two highest impacts (of minor, moderate, serious, critical).
BLOCKING = ("serious", "critical")
_AXE = Axe()


@dataclass
class Checked:
    """What the pages of one site checked so far, which its other pages (same stylesheets, same scripts) need not
    check again: the styles whose contrast axe judged and the shapes of repeated controls it judged (``styles``),
    the kinds of control the Tab key landed on with a visible focus, and the controls worked by their key
    (names in ``_OPERATE_FIRST``)."""
    styles: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    operated: set[str] = field(default_factory=set)


# A chapter of the site has some forty thousand elements, most of them code tokens, the glyphs of typeset
# formulas and the MathML read out in their place, and axe's cost grows with the page (its contrast rule alone
# lays out a grid of every element): some ten seconds of a core per chapter.  Repeated text of one style is
# therefore checked once.  Of the elements a caller names, the first of each style (tag, class, colour, font,
# opacity, backdrop) is kept; a later one is marked, and the contrast rule passes over it (its contrast is the
# first one's).  A marked element that carries nothing but presentation in its whole subtree becomes its text:
# a <span> with only a class, a style and an id that nothing refers to, or MathML without ARIA, role, tabindex,
# link or handler (no rule of axe reads MathML's own markup).  No rule has anything to say about such an element
# but the contrast one.  The styles met can be carried from page to page of one site (``seen``), since its pages
# share their stylesheets.  This changes the page: it comes last.
_REPEAT = "data-a11y-repeat"
_PRUNE_REPEATS = """([selector, seen]) => {
  const backdrops = new Map();  // the first colour behind an element, its own included; parents come first
  const backdrop = (el, s) => {
    if (!el) return 'canvas';
    let c = backdrops.get(el);
    if (c === undefined) {
      c = (s || getComputedStyle(el)).backgroundColor;
      if (c === 'transparent' || c.startsWith('rgba(') && c.endsWith(', 0)')) c = backdrop(el.parentElement);
      backdrops.set(el, c);
    }
    return c;
  };
  const known = new Set(seen), found = [], marked = [], boxes = [];
  const overflows = el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
  const MATHML = 'http://www.w3.org/1998/Math/MathML';
  const ownText = el => { for (const n of el.childNodes) if (n.nodeType === 3 && n.data.trim()) return true; };
  for (const el of document.querySelectorAll(selector)) {
    // A formula's glyphs nest in wrappers with no text of their own: such a <span> or MathML has no contrast
    // to judge, nor a style to note, and may become text like one already seen.
    if ((el.tagName === 'SPAN' || el.namespaceURI === MATHML) && !ownText(el)) { marked.push(el); continue; }
    const s = getComputedStyle(el);
    if (/auto|scroll/.test(s.overflowX + s.overflowY)) boxes.push([el, overflows(el)]);
    const key = [el.tagName, el.className.baseVal ?? el.className, s.color, s.fontSize, s.fontWeight, s.opacity,
                 backdrop(el, s)].join('|');
    if (known.has(key)) marked.push(el); else { known.add(key); found.push(key); }
  }
  const referred = new Set();  // ids that a label, a description or a table header points to
  for (const el of document.querySelectorAll('[for], [headers], [aria-labelledby], [aria-describedby], '
                                             + '[aria-controls], [aria-owns], [aria-activedescendant], [aria-details], '
                                             + '[aria-errormessage], [aria-flowto]')) {
    for (const a of el.attributes) {
      if (/^(for|headers|aria-.*)$/.test(a.name)) a.value.split(/\\s+/).forEach(i => referred.add(i));
    }
  }
  const shows = (el, a) => a.name === 'class' || a.name === 'style' || (a.name === 'id' && !referred.has(a.value))
                           || (el.namespaceURI === MATHML && !/^(aria-|role$|tabindex$|href$|on)/.test(a.name));
  const plain = new Set();  // children come after their parents in document order: judge them first
  for (let i = marked.length - 1; i >= 0; i--) {
    const el = marked[i];
    if (!(el.tagName === 'SPAN' || el.namespaceURI === MATHML)) continue;
    let ok = true;
    for (const a of el.attributes) if (!shows(el, a)) { ok = false; break; }
    for (let c = el.firstElementChild; ok && c; c = c.nextElementSibling) ok = plain.has(c);
    if (ok) plain.add(el);
  }
  const tops = new Map();  // parent -> its children to become text
  for (const el of marked) {
    if (!plain.has(el)) el.setAttribute('%s', '');
    else if (!plain.has(el.parentElement)) {
      if (!tops.has(el.parentElement)) tops.set(el.parentElement, []);
      tops.get(el.parentElement).push(el);
    }
  }
  let pruned = 0;
  for (const [parent, children] of tops) {  // all of a line of code at once, if none of its tokens stays
    if (children.length === parent.childElementCount) parent.textContent = parent.textContent;
    else children.forEach(el => el.replaceWith(el.textContent));
    pruned += children.length;
  }
  window.__a11yBoxes = boxes;  // for _SHIFTED
  return {found, marked: marked.length, pruned};
}""" % _REPEAT
# Controls and formulas that a site repeats by the hundred, identical but for ids, data and text (a formula's
# frame, a copy button): the first of each shape in each context (its ancestors' tags, roles and aria-hidden) is
# kept, the others give way to an empty box of their size.  One that holds text of a style not met before (not
# marked by _PRUNE_REPEATS) is kept as well, for axe to judge that contrast.
_PRUNE_ALIKE = """([selector, seen]) => {
  const fresh = ':not([%s])';
  const known = new Set(seen), found = [];
  const context = el => {
    const parts = [];
    for (let e = el.parentElement; e; e = e.parentElement) {
      const role = e.getAttribute('role'), hidden = e.getAttribute('aria-hidden');
      parts.push(e.tagName + (role ? `[role=${role}]` : '') + (hidden ? `[aria-hidden=${hidden}]` : ''));
    }
    return parts.join('<');
  };
  const shape = el => el.outerHTML.replace(/\s(id|data-[\w-]+)="[^"]*"/g, '')
                                  .replace(/>([^<]*)</g, (_, text) => text.trim() ? '>T<' : '><');
  const alike = [];  // measured first, replaced after: a measure after each change would lay the page out anew
  for (const el of document.querySelectorAll(selector)) {
    if (el.parentElement?.closest(selector)) continue;  // judged with the one it is in
    const key = context(el) + '|' + shape(el);
    if (!known.has(key)) { known.add(key); found.push(key); continue; }
    if (el.matches(fresh) || el.querySelector(fresh)) continue;
    alike.push([el, el.getBoundingClientRect(), getComputedStyle(el).display === 'block']);
  }
  for (const [el, r, block] of alike) {
    const box = document.createElement('span');
    box.style.cssText = `display: ${block ? 'block' : 'inline-block'}; width: ${block ? 'auto' : r.width + 'px'}; `
                        + `height: ${r.height}px`;
    el.replaceWith(box);
  }
  return {found, replaced: alike.length};
}""" % _REPEAT
# Text in place of a formula's glyphs, a box in place of a formula, take other room: say so if that made a region
# start or stop scrolling (axe's rule "scrollable-region-focusable" would judge a page that is not the reader's).
_SHIFTED = """() => {
  const overflows = el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
  const shifted = (window.__a11yBoxes || []).filter(([el, was]) => el.isConnected && overflows(el) !== was);
  delete window.__a11yBoxes;
  return shifted.map(([el]) => el.outerHTML.slice(0, 120));
}"""
# The rules that can fail a page: a rule reports the highest impact among its failed checks, so one whose
# checks are all minor or moderate never does, and is not run (the landmark rule "region" costs a chapter a
# quarter of a second).
_RULES_THAT_CANNOT_BLOCK = """() => {
  const rank = {minor: 0, moderate: 1, serious: 2, critical: 3};
  const impact = check => rank[(axe._audit.data.checks[check.id ?? check] || {}).impact] ?? 3;
  return axe._audit.rules.filter(r => Math.max(...[...r.any, ...r.all, ...r.none].map(impact)) < 2).map(r => r.id);
}"""
_RUN_AXE = """async (repeated) => {
  if (repeated) axe.configure({rules: [{id: 'color-contrast', selector: '*:not([%s])'}]});
  const off = Object.fromEntries((RULES_THAT_CANNOT_BLOCK)().map(id => [id, {enabled: false}]));
  const results = await axe.run(document, {resultTypes: ['violations'], rules: off});
  document.querySelectorAll('[%s]').forEach(e => e.removeAttribute('%s'));
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}));
}""".replace("RULES_THAT_CANNOT_BLOCK", _RULES_THAT_CANNOT_BLOCK) % (_REPEAT, _REPEAT, _REPEAT)


def axe_violations(page, repeated: str = "", seen: set[str] | None = None, alike: str = "") -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now (its default rules: WCAG 2.x A and
    AA, and best practices).  ``repeated``: a CSS selector of text that repeats a few styles many times, checked
    once per style (see ``_PRUNE_REPEATS``); ``alike``: one of elements repeated with the same markup, checked
    once per shape (``_PRUNE_ALIKE``); both prune the page, so check it last.  ``seen``: the styles and shapes
    already checked on other pages of the same site, updated with this page's."""
    page.evaluate(_AXE.axe_script)
    if repeated or alike:
        met = page.evaluate(_PRUNE_REPEATS, [repeated or "html", sorted(seen or ())])
        if alike:
            met["found"] += page.evaluate(_PRUNE_ALIKE, [alike, sorted(seen or ())])["found"]
        shifted = page.evaluate(_SHIFTED)
        if shifted:
            raise AssertionError(f"pruning what repeats ({repeated!r}, {alike!r}) changed which regions scroll, so "
                                 f"axe would not judge the page as it is; name less as repeated: {shifted[:3]}")
        if seen is not None:
            seen.update(met["found"])
    return [v for v in page.evaluate(_RUN_AXE, bool(repeated)) if v["impact"] in BLOCKING]


def describe_violations(violations: list[dict], limit: int = 5) -> str:
    """One paragraph per violation: its id, impact and rule, then the selectors of the offending nodes."""
    lines = []
    for v in violations:
        nodes = v["nodes"]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}; {len(nodes)} node(s):")
        for n in nodes[:limit]:
            why = " ".join(n["summary"].split())
            lines.append(f"    {n['target']}  -- {why[:300]}")
        if len(nodes) > limit:
            lines.append(f"    ... and {len(nodes) - limit} more")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The keyboard

#: Pages with more stops than this are walked in probes (see ``keyboard_walk``).
FULL_WALK = 150
#: Probes spread evenly over such a page, besides the first stop of each kind and the last.
SPREAD = 3

# Every element that the Tab key should reach: focusable in sequence (tabIndex >= 0), enabled, rendered and
# not inert.  Each gets an id and a kind; a listener then records every focus with what it shows.
_KEYBOARD_SETUP = """(fullUpTo) => {
  const NATIVE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, '
               + 'audio[controls], video[controls], [contenteditable]:not([contenteditable=false])';
  const candidates = document.querySelectorAll(NATIVE + ', [tabindex]');
  // The start tag and the first words: a formula's whole markup would cost more than the walk.
  const label = window.__a11yLabel = el => {
    const tag = el.cloneNode(false).outerHTML;
    return (tag.slice(0, tag.indexOf('>') + 1) + el.textContent.trim().slice(0, 60)).slice(0, 120);
  };
  const kindOf = window.__a11yKind = window.__a11yKind || (el => {
    if (el.matches('span.MathJax[tabindex]')) return 'math';   // MathJax 2: Space opens its menu
    const role = el.getAttribute('role');
    const classes = [...el.classList].filter(c => !/^(active|current|show|collapsed|focus)/.test(c)).sort();
    return el.tagName.toLowerCase() + (role ? `[role=${role}]` : '') + classes.map(c => '.' + c).join('');
  });
  // As the browser and axe see it: any overflow, a pixel included, makes a scroll container that arrows move.
  const scrolls = el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
  document.querySelectorAll('[data-a11y-stop]').forEach(e => e.removeAttribute('data-a11y-stop'));
  const stops = [];
  let n = 0;
  for (const el of candidates) {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')
        || !el.checkVisibility({visibilityProperty: true})) continue;
    el.dataset.a11yStop = String(n++);
    const how = el.matches(NATIVE) ? 'native' : el.matches('span.MathJax[tabindex]') ? 'math'
              : scrolls(el) ? 'scroll' : '';
    stops.push({id: el.dataset.a11yStop, kind: kindOf(el), how, label: label(el)});
  }
  // How each control and its two nearest ancestors look at rest: a focus style may be drawn on an ancestor
  // (a search box's frame lights up with :focus-within), so a change there counts as well.
  const look = el => [el, el.parentElement, el.parentElement?.parentElement].filter(Boolean).map(e => {
    const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join(' ');
  }).join(' | ');
  window.__a11yRest = new WeakMap();  // for a walk in probes, taken for each control probed (_PROBE_FROM)
  if (stops.length <= fullUpTo) for (const el of document.querySelectorAll('[data-a11y-stop]')) window.__a11yRest.set(el, look(el));
  window.__a11yLook = look;
  if (!window.__a11yListening) {
    window.__a11yListening = true;
    document.addEventListener('focusin', e => {
      const el = e.target;
      el.getAnimations().forEach(a => a.finish());  // judge what the focus shows once a fade-in is over
      const s = getComputedStyle(el), r = el.getBoundingClientRect();
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1
                    && !/^rgba\(.*, 0\)$|transparent/.test(s.outlineColor)) || s.boxShadow !== 'none'
                   || (window.__a11yRest.has(el) && window.__a11yRest.get(el) !== window.__a11yLook(el));
      window.__a11yFocus.push({id: el.dataset.a11yStop ?? null, kind: window.__a11yKind(el), ring,
                               seen: el.checkVisibility({visibilityProperty: true, opacityProperty: true})
                                     && r.width >= 2 && r.height >= 2,
                               label: window.__a11yLabel(el)});
    }, true);
  }
  // Start from the top of the page, as someone who has just opened it (each probe from the top does too).
  window.__a11yToTop = () => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
    const body = document.body, had = body.getAttribute('tabindex');
    body.tabIndex = -1;
    body.focus();
    if (had === null) body.removeAttribute('tabindex'); else body.setAttribute('tabindex', had);
  };
  window.__a11yToTop();
  window.__a11yFocus = [];
  return stops;
}"""


def keyboard_stops(page, full_up_to: int = FULL_WALK) -> list[dict]:
    """The controls the Tab key must reach, in document order, each with its ``kind`` (tag, role and classes)
    and ``how`` a keyboard works it ('native', 'math', 'scroll', or '' for none); starts a walk from the top.
    Notes how each control looks at rest if they are ``full_up_to`` or fewer (else each probe notes it)."""
    return page.evaluate(_KEYBOARD_SETUP, full_up_to)


def inoperable(stops: list[dict]) -> list[str]:
    """The stops that take the focus but are no control a keyboard can work."""
    return [f"focusable, but no control a keyboard can work (not native, not a formula, does not scroll): "
            f"{s['label']!r}" for s in stops if not s["how"]]


# Start a probe of control ``to``: note how it looks at rest, then put the focus on the control before it
# (``from``; without scrolling to it: Tab will), or at the top of the page (null).
_PROBE_FROM = """([from, to]) => {
  const target = document.querySelector(`[data-a11y-stop="${to}"]`);
  if (target && !window.__a11yRest.has(target)) window.__a11yRest.set(target, window.__a11yLook(target));
  if (from === null) {
    window.__a11yToTop();
  } else {
    document.querySelector(`[data-a11y-stop="${from}"]`).focus({preventScroll: true});
  }
  window.__a11yFocus = [];
}"""


def _judge(focus: dict) -> str | None:
    """What is wrong with a place the Tab key put the focus, if anything."""
    if focus["id"] is None:
        return f"Tab reaches an element that is not shown or not meant to be focused: {focus['label']!r}"
    if not focus["seen"]:
        return f"the focused element is not visible: {focus['label']!r}"
    if not focus["ring"]:
        return f"no visible focus style (outline, shadow, border or background) on {focus['kind']}: {focus['label']!r}"
    return None


def keyboard_walk(page, full_up_to: int = FULL_WALK, known: set[str] = frozenset()) -> tuple[list[str], set[str]]:
    """Tab through the page and say what is wrong: a control the Tab key never reaches, focus caught in a loop,
    focus on something invisible or without a visible focus style, a focusable element a keyboard cannot work.
    Also returns the kinds of control the Tab key landed on.

    A page of up to ``full_up_to`` stops is walked whole, from its top round to its first control again.  Each
    Tab costs Chromium some 15 ms of a core on a long chapter, which has 700 to 900 stops (every formula is one):
    there, each probe puts the focus on a control and presses Tab once, and the next control must receive it,
    visibly.  The probes are the top of the page, the first control of every kind and the one after it (Tab
    into and out of it; but not the ``known`` kinds, probed on another page of the site), ``SPREAD`` controls
    spread over the page, and the last one, which Tab must leave for the first control again.  A control not
    probed is of a kind probed (same tag, role and classes: same focus style), rendered and in the tab
    sequence, which follows the document where no tabindex is positive (axe's rule "tabindex" fails a positive
    one); what could still divert Tab from it is a script of its own kind, probed at the first of them.
    """
    stops = keyboard_stops(page, full_up_to)
    if len(stops) <= full_up_to:
        problems, landed = _walk_whole(page, stops)
    else:
        problems, landed = _walk_probes(page, stops, known)
    by_id = {s["id"]: s for s in stops}
    return problems + inoperable(stops), {by_id[i]["kind"] for i in landed if i in by_id}


def _walk_whole(page, stops: list[dict]) -> tuple[list[str], list[str]]:
    by_id = {s["id"]: s for s in stops}
    for _ in range(len(stops) + 2):  # every stop, then out of the page and round to the first
        page.keyboard.press("Tab")
    focus = page.evaluate("window.__a11yFocus")
    problems = []
    order: list[str] = []
    for f in focus:
        key = f["id"] or f["label"]
        if order and key == order[0]:
            break  # round again: focus left the last control
        if key in order:
            loop = order[order.index(key):]
            problems.append(f"focus is trapped: Tab goes round {len(loop)} control(s) from {f['label']!r}")
            break
        order.append(key)
        if said := _judge(f):
            problems.append(said)
    if focus and not problems and (len(focus) <= len(order) or (focus[len(order)]["id"] or "") != order[0]):
        problems.append("Tab does not come round to the first control again after the last one")
    missed = [by_id[i] for i in by_id if i not in order]
    if missed:
        problems.append(f"{len(missed)} control(s) the Tab key never reaches, e.g. "
                        + "; ".join(repr(s["label"]) for s in missed[:5]))
    return problems, order


def _walk_probes(page, stops: list[dict], known: set[str]) -> tuple[list[str], list[str]]:
    first_of_kind: dict[str, int] = {}
    for i, s in enumerate(stops):
        if s["kind"] not in known:
            first_of_kind.setdefault(s["kind"], i)
    step = max(1, len(stops) // (SPREAD + 1))
    into_and_out = {j for i in first_of_kind.values() for j in (i, i + 1) if j < len(stops)}
    probes = sorted({0, len(stops) - 1, *into_and_out, *range(step, len(stops) - 1, step)})
    problems, landed = [], []
    for i in probes:
        page.evaluate(_PROBE_FROM, [stops[i - 1]["id"] if i else None, stops[i]["id"]])
        page.keyboard.press("Tab")
        focus = page.evaluate("window.__a11yFocus")
        got = focus[0] if focus else None
        if got is None or got["id"] != stops[i]["id"]:
            where = f"from {stops[i - 1]['label']!r}" if i else "from the top of the page"
            problems.append(f"Tab {where} goes to {got['label'] if got else 'nothing'!r}, not to the next control "
                            f"{stops[i]['label']!r}")
            continue
        landed.append(got["id"])
        if said := _judge(got):
            problems.append(said)
    # Round: from the last control, out of the page, to the first.
    page.evaluate(_PROBE_FROM, [stops[-1]["id"], stops[0]["id"]])
    for _ in range(3):
        page.keyboard.press("Tab")
        ids = [f["id"] for f in page.evaluate("window.__a11yFocus")]
        if stops[0]["id"] in ids:
            break
    if [i for i in ids if i != stops[0]["id"]] or stops[0]["id"] not in ids:
        problems.append("Tab does not come round to the first control again after the last one")
    return problems, landed


_OPERATE_FIRST = {
    # An in-page link: Enter follows it.
    "in-page link": ("a[href^='#']:not([href='#'])", "Enter", "el => location.hash === el.getAttribute('href')"),
    # A disclosure: Enter opens it.
    "disclosure": ("details:not([open]) > summary", "Enter", "el => el.parentElement.open"),
    # A formula (MathJax 2): Space opens its menu and puts the focus in it; Escape closes it.
    "formula": ("span.MathJax[tabindex]", "Space",
                "el => !!document.getElementById('MathJax_MenuFrame')?.contains(document.activeElement)"),
}


def operate_by_keyboard(page, wait_ms: int = 5_000, done: set[str] | None = None) -> list[str]:
    """Work the first shown control of each kind that a key must work (an in-page link, a disclosure, a
    formula's menu) with that key alone; returns what did not respond.  ``done``: the kinds worked on another
    page of the site, skipped here; those that respond here are added."""
    problems = []
    for name, (selector, key, worked) in _OPERATE_FIRST.items():
        if done is not None and name in done:
            continue
        found = page.evaluate("""(selector) => {
          const el = [...document.querySelectorAll(selector)].find(e => e.checkVisibility());
          el?.setAttribute('data-a11y-target', '');
          return el ? el.outerHTML.slice(0, 120) : null;
        }""", selector)
        if found is None:
            continue
        page.focus("[data-a11y-target]")
        page.keyboard.press(key)
        try:
            page.wait_for_function(f"() => ({worked})(document.querySelector('[data-a11y-target]'))", timeout=wait_ms)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: say which control did not respond
            problems.append(f"{name}: {key} on {found!r} did nothing")
        else:
            if done is not None:
                done.add(name)
        if name == "formula":
            page.keyboard.press("Escape")
        page.evaluate("document.querySelector('[data-a11y-target]')?.removeAttribute('data-a11y-target')")
    return problems


# ---------------------------------------------------------------------------------------------
# Whole pages


# A page's scripts may still be changing it: the site's theme makes a region a tab stop or not by whether it
# scrolls, 300 ms after the last change to the page (formulas typeset, search results shown) or to the window.
# The check waits for the page to be still for longer than that.
QUIET_MS = 400
_START_QUIET = """(ms) => {
  window.__a11yQuiet = new Promise(resolve => {
    let timer;
    const done = () => { watch.disconnect(); resolve(); };
    const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, ms); });
    watch.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    timer = setTimeout(done, ms);
  });
}"""


def start_settling(page, quiet_ms: int = QUIET_MS) -> None:
    """Start waiting for the page to be still (``check_open_page`` waits for the end): for several pages open
    at once, the waits overlap."""
    page.evaluate(_START_QUIET, quiet_ms)


def check_open_page(page, repeated: str = "", checked: Checked | None = None, name: str = "",
                    quiet_ms: int = QUIET_MS, alike: str = "") -> list[str]:
    """Everything wrong on an open page, each line naming it: the Tab walk, the keys, then axe-core (which
    prunes repeated text: see ``axe_violations``), once the page has been still for ``quiet_ms`` (see
    ``start_settling``).  ``checked``: what other pages of the same site checked already; updated.  A check
    that breaks is a problem too, not an error, so that the other pages sharing the caller's fixture are
    still judged."""
    name = name or page.url.rsplit("/", 1)[-1] or page.url
    checked = checked or Checked()
    try:
        if quiet_ms and not page.evaluate("!!window.__a11yQuiet"):
            start_settling(page, quiet_ms)
        page.evaluate("window.__a11yQuiet")
        walked, kinds = keyboard_walk(page, known=checked.kinds)
        problems = walked + operate_by_keyboard(page, done=checked.operated)
        if not walked:
            checked.kinds |= kinds
        violations = axe_violations(page, repeated, checked.styles, alike)
        if violations:
            problems.append(f"axe-core:\n{describe_violations(violations)}")
    except Exception as e:  # noqa: BLE001 - reported against the page, with what broke
        problems = [f"the check itself failed: {type(e).__name__}: {e}"]
    return [f"{name}: {p}" for p in problems]


def offline_page(browser):
    """A page that loads only files and data: URLs (nothing from the web, as in the grader's offline use)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    return page


def check_files(browser, paths: dict[str, Path]) -> list[str]:
    """``check_open_page`` on pages of the grader's output (name -> path), opened one after the other in one
    tab, from file, offline.  Such a page changes nothing once loaded: its only scripts (MathJax, require.js)
    come from a CDN and are refused.  Its text repeats a few styles (code tokens, a report's table cells)."""
    page = offline_page(browser)
    problems = []
    try:
        for name, path in paths.items():
            page.goto(path.as_uri(), wait_until="load")
            problems += check_open_page(page, "body *", name=name, quiet_ms=0)
    finally:
        page.close()
    return problems


# ---------------------------------------------------------------------------------------------
# The checks catch what they must, on pages made for it

_CODE = "".join(f'<span class="n">x{i}</span> = <span class="mi">{i}</span>\n' for i in range(300))
AXE_PAGE = f"""<!doctype html><html{{lang}}><meta charset="utf-8"><title>A page</title>
<style>.n{{{{color:#222}}}} .mi{{{{color:#0a5}}}} .c1{{{{color:#9a9a9a}}}} .pale{{{{color:#999}}}}</style>
<main><h1>A page</h1><p class="pale">Grey on white, 2.8:1.</p>{{img}}<button>{{button}}</button>
<pre class="highlight">{_CODE}<span class="c1"># a pale comment after 600 tokens</span></pre></main></html>"""


def test_axe_reports_serious_violations_with_their_nodes(browser):
    page = browser.new_page()
    page.set_content(AXE_PAGE.format(lang="", img='<img src="data:,">', button=""))
    found = axe_violations(page, repeated=".highlight span")
    ids = {v["id"] for v in found}
    assert {"html-has-lang", "image-alt", "button-name", "color-contrast"} <= ids, describe_violations(found)
    contrast = next(v for v in found if v["id"] == "color-contrast")
    targets = [n["target"] for n in contrast["nodes"]]
    # Grey prose, and the one pale comment among 600 well-contrasted tokens (checked once per style).
    assert sorted(targets) == [".c1", "p"], targets
    text = describe_violations(found)
    assert "image-alt (critical)" in text and "html-has-lang (serious)" in text and "img" in text, text
    assert not page.locator(f"[{_REPEAT}]").count(), "the marks for repeated text stay on the page"
    cannot_block = page.evaluate(_RULES_THAT_CANNOT_BLOCK)
    assert "region" in cannot_block and not {"color-contrast", "image-alt", "html-has-lang"} & set(cannot_block)
    page.set_content(AXE_PAGE.format(lang=' lang="en"', img='<img src="data:," alt="nothing">', button="Go")
                     .replace("#999", "#555").replace("#9a9a9a", "#5e5e5e"))
    assert axe_violations(page, repeated=".highlight span") == []
    page.close()


PRUNE_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Repeats</title>
<style>.n {{ color: #222 }} .pale {{ color: #aaa }} .paler {{ color: #bbb }}</style><main><h1>Repeats</h1>
<pre class="highlight">{tokens}<span class="n" id="go">Go</span>
<span class="n" aria-hidden="true" tabindex="0">x</span></pre>
<button aria-labelledby="go"></button> {math} {pale}</main></html>"""


def test_repeated_text_is_judged_once_and_nothing_else_is_lost(browser):
    """Repeated plain text is pruned, but not an element that ARIA, a tabindex or a label points at; the styles
    one page judged are not judged again on the next, a new one is."""
    page = browser.new_page()
    math = '<math><mi>x</mi><mo stretchy="false">+</mo><mi>y</mi></math> ' * 50
    page.set_content(PRUNE_PAGE.format(tokens='<span class="n">tok</span> ' * 300, math=math,
                                       pale='<p class="pale">pale</p>'))
    seen: set[str] = set()
    found = axe_violations(page, "body *", seen)
    # The focusable token in aria-hidden is kept and caught; the label of the button is kept (no button-name).
    assert sorted(v["id"] for v in found) == ["aria-hidden-focus", "color-contrast"], describe_violations(found)
    assert page.locator(".highlight span").count() == 3  # the first token, the label and the focusable one
    assert [page.locator(tag).count() for tag in ("math", "mi", "mo")] == [1, 1, 1]
    assert "tok tok" in page.inner_text("pre") and page.text_content("main").count("x+y") == 50
    page.set_content(PRUNE_PAGE.format(tokens="", math="", pale='<p class="pale">pale</p><p class="paler">paler</p>')
                     .replace('aria-hidden="true" ', ""))
    found = axe_violations(page, "body *", seen)
    assert [n["target"] for v in found for n in v["nodes"]] == [".paler"], describe_violations(found)
    page.close()


def test_alike_controls_are_judged_once_per_shape_and_context(browser):
    """Of a hundred copy buttons the first is kept; one without a name, one inside aria-hidden, are another
    shape or context, kept and caught."""
    button = '<button class="copy" data-target="#c{}" aria-label="Copy">C</button>'
    page = browser.new_page()
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1>'
                     + "".join(button.format(i) for i in range(100))
                     + '<button class="copy" data-target="#x"></button>'
                     + f'<div aria-hidden="true">{button.format(100)}</div></main></html>')
    found = axe_violations(page, "main *", alike="button.copy")
    assert sorted(v["id"] for v in found) == ["aria-hidden-focus", "button-name"], describe_violations(found)
    assert page.locator("button").count() == 3 and page.locator("main > span").count() == 99
    page.close()


def test_pruning_that_would_change_what_scrolls_is_refused(browser):
    """Glyphs of a fixed width, clipped, turned to text would overflow their scrolling box: axe would judge
    another page than the reader's, so the check stops with the reason."""
    page = browser.new_page()
    glyph = '<span class="g" style="display: inline-block; width: 8px; overflow: hidden">wwwwww</span>'
    page.set_content(f'<!doctype html><html lang="en"><title>t</title><main><h1>t</h1>'
                     f'<div tabindex="0" style="overflow: auto; width: 100px">{glyph * 5}</div></main></html>')
    with pytest.raises(AssertionError, match="changed which regions scroll"):
        axe_violations(page, "main *")
    page.close()


def test_the_check_waits_for_the_page_to_be_still(browser):
    """Like the site's theme, the page takes a region out of the tab order a moment after loading."""
    html = ('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><div id="d" tabindex="0">text</div>'
            "<script>setTimeout(() => document.getElementById('d').tabIndex = -1, 250)</script></main></html>")
    page = browser.new_page()
    page.set_content(html)
    assert any("no control a keyboard can work" in p for p in check_open_page(page, quiet_ms=0))
    page.set_content(html)
    assert check_open_page(page) == []
    page.close()


KEYBOARD_PAGE = """<!doctype html><html lang="en"><title>Keys</title><style>{style}</style><main>
<p><a href="#end">To the end</a> <button>Press</button> <input aria-label="Name"></p>
<details><summary>More</summary><p>Hidden until opened: <a href="#end">a link inside</a></p></details>
{more}
<pre tabindex="0" style="width:10em;overflow:auto">{wide}</pre>
<h2 id="end">End</h2></main></html>""".replace("{wide}", "x" * 200)


def _keys(browser, style: str = "", more: str = ""):
    page = browser.new_page()
    page.set_content(KEYBOARD_PAGE.format(style=style, more=more))
    problems, kinds = keyboard_walk(page)
    return page, problems, kinds


def test_keyboard_walk_passes_a_page_a_keyboard_can_use(browser):
    page, problems, kinds = _keys(browser)
    assert problems == [] and kinds == {"a", "button", "input", "summary", "pre"}, (problems, kinds)
    assert operate_by_keyboard(page) == []
    assert page.evaluate("document.querySelector('details').open") and page.evaluate("location.hash") == "#end"
    page.close()


@pytest.mark.parametrize("style, more, said", [
    ("button:focus { outline: none }", "", "no visible focus style"),
    ("", '<div tabindex="0" onclick="this.textContent = 1">A fake button</div>', "no control a keyboard can work"),
    (".sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0) }",
     '<a class="sr" href="#end">Skip, but never shown</a>', "not visible"),
    # Tab on the second field sends the focus back to the first: the rest of the page is out of reach.
    ("", '<input id="a" aria-label="a"><input aria-label="b" onkeydown="if (event.key === \'Tab\') '
         '{ event.preventDefault(); document.getElementById(\'a\').focus(); }">', "focus is trapped"),
])
def test_keyboard_walk_finds_what_a_keyboard_cannot_do(browser, style, more, said):
    page, problems, _ = _keys(browser, style, more)
    assert any(said in p for p in problems), problems
    if said == "focus is trapped":
        assert any("1 control(s) the Tab key never reaches" in p and "<pre" in p for p in problems), problems
    page.close()


MANY_LINKS = "".join(f'<a href="#end">link {i}</a> ' for i in range(FULL_WALK))
TAB_BACK = "if (event.key === 'Tab') { event.preventDefault(); document.getElementById('a').focus(); }"


@pytest.mark.parametrize("style, more, said", [
    ("", "", None),
    (".deep:focus { outline: none }", '<button class="deep">Deep</button>', "on button.deep"),
    ("", f'<input id="a" aria-label="a"><input class="trap" aria-label="b" onkeydown="{TAB_BACK}">',
     'not to the next control'),
])
def test_a_long_page_is_walked_in_probes(browser, style, more, said):
    """Past ``FULL_WALK`` stops, the probes still find a kind of control without a focus style, and Tab turned
    back, both met once, deep in the page."""
    page, problems, kinds = _keys(browser, style, MANY_LINKS + more + MANY_LINKS)
    if said is None:
        assert problems == [] and kinds == {"a", "button", "input", "summary", "pre"}, (problems, kinds)
    else:
        assert len(problems) == 1 and said in problems[0], problems
    page.close()


def test_a_control_that_ignores_its_key_is_reported(browser):
    page = browser.new_page()
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><a href="#end" '
                     'onclick="event.preventDefault()">Dead link</a><h1 id="end">End</h1></main></html>')
    problems = operate_by_keyboard(page, wait_ms=300)
    assert len(problems) == 1 and "in-page link: Enter" in problems[0] and "Dead link" in problems[0], problems
    page.close()


# ---------------------------------------------------------------------------------------------
# The feedback page: the parts a graded class in the tests does not show


def test_feedback_page_with_comments_late_penalty_and_results(browser, tmp_path):
    """The page nbgrader's GenerateFeedback renders with the course's settings (autograder/config.py), for a
    notebook with hand comments, a late penalty, an ``Out[ ]`` prompt, an error and a figure."""
    import nbformat
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory

    from autograder.config import make_config
    from autograder.feedback import FeedbackExporter

    config = make_config(tmp_path)
    nbgrader = GenerateFeedback(coursedir=CourseDirectory(config=config), config=config)  # adds nbgrader's paths
    exporter = FeedbackExporter(parent=nbgrader, config=nbgrader.config)
    exporter.register_preprocessor(CSSHTMLHeaderPreprocessor, enabled=True)  # Pygments' colours, as nbgrader has

    def meta(**kw):
        return {"nbgrader": {"schema_version": 3, "grade": False, "solution": False, "locked": False, "task": False,
                             **kw}}

    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A chapter\n\nSee [the question](#why) and $x^2$."),
        nbformat.v4.new_code_cell("def double(x):\n    # twice\n    return 2 * x",
                                  metadata=meta(grade_id="double", solution=True, comment="Good; **name** it better.")),
        nbformat.v4.new_code_cell(
            'double(2)\nraise NotImplementedError("not yet")', execution_count=3,
            outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "4"}, execution_count=3),
                     nbformat.v4.new_output("display_data", {"image/png": png, "text/plain": "<Figure>"}),
                     nbformat.v4.new_output("error", ename="NotImplementedError", evalue="not yet",
                                            traceback=["NotImplementedError: not yet"])],
            metadata=meta(grade_id="double-test", grade=True, locked=True, points=2, score=1.0)),
        nbformat.v4.new_markdown_cell("Because.", metadata=meta(grade_id="why", grade=True, solution=True, points=2,
                                                                score=2.0, comment="Clear.")),
    ]
    html, _ = exporter.from_notebook_node(nb, resources={"nbgrader": {"notebook": "toy", "score": 2.0,
                                                                      "max_score": 5.0, "late_penalty": 1.0}})
    assert "Late submission penalty" in html and "Good; <strong>name</strong>" in html and "Out[3]" in html
    path = tmp_path / "feedback.html"
    path.write_text(html, encoding="utf-8")
    problems = check_files(browser, {"feedback page": path})
    assert not problems, "\n".join(problems)

