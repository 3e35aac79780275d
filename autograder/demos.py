"""Demonstration cells that grading leaves out: tagged by the instructor, proven unread by what follows.

A chapter is mostly demonstrations (a training curve, a plot of what the learner's
function does), and on a laptop they cost more than the tests.  nbgrader runs them
all, for every student, though no grade reads what they make.  An instructor tags
such a cell ``skip-when-grading`` in the source notebook (Otter-Grader's
``otter_ignore`` tag means the same there); the grader then leaves it out of a
submission when all of these hold, and runs it otherwise:

* the submission's cell is the release's cell, unchanged (a student who edited a
  demonstration made it theirs, and it runs as nbgrader would run it);
* no later cell that does run (a test cell included) reads a name the demonstration
  binds before binding it itself, and no function or class that runs defines a
  global read of such a name (it could be called any time later) -- the analysis
  below is conservative: anything it cannot follow keeps the cell;
* the demonstration stores into nothing it did not make itself (``x[i] = ...`` or
  ``x.a = ...`` on an outer ``x``), and does not ``import *``.

What static analysis cannot see, a call that changes an object in place or draws
from an earlier generator, ``dlcourse check`` sees: it runs the reference and the stub
with every tagged cell and fails when one changes a value made before it or a setting
later cells inherit; it puts the global random generators back after each, so what
follows draws as it would were the cell skipped (:mod:`autograder.sandbox.executor`,
``verify_demos``).  A skipped cell's place in the feedback says it was not run and why.
"""
from __future__ import annotations

import ast
import functools
import re
import symtable
from dataclasses import dataclass

TAGS = ("skip-when-grading", "otter_ignore")


def is_tagged(cell) -> bool:
    """Whether a notebook cell carries one of :data:`TAGS`."""
    return bool(set(cell.get("metadata", {}).get("tags", ())) & set(TAGS))


@dataclass(frozen=True)
class Flow:
    """What one cell does with module-level names, as far as the grader needs to know."""

    reads: frozenset  # names it may read before binding them itself (now, at module level)
    binds: frozenset  # names it may bind or delete at module level
    later: frozenset  # globals read by the functions, lambdas and classes it defines (read whenever called)
    mutates: frozenset  # outer names it stores into (x[i] = ..., x.a = ...) or rebinds from functions
    # could not be followed (a syntax error, ``import *``, ``globals()``, ``eval``, IPython's ``_``): never
    # skipped, and reads anything
    opaque: bool = False


_OPAQUE = Flow(frozenset(), frozenset(), frozenset(), frozenset(), True)


def _loads(node: ast.AST) -> set[str]:
    """Names an expression reads now; comprehension targets are theirs, lambdas read later."""
    out: set[str] = set()

    def walk(n):
        if isinstance(n, ast.Lambda):
            for d in n.args.defaults + [d for d in n.args.kw_defaults if d is not None]:
                walk(d)  # defaults are evaluated now; the body runs later (symtable's part)
            return
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            walk(n.generators[0].iter)  # evaluated in the enclosing scope
            own = {t.id for g in n.generators for t in ast.walk(g.target) if isinstance(t, ast.Name)}
            inner: set[str] = set()
            parts = [n.key, n.value] if isinstance(n, ast.DictComp) else [n.elt]
            parts += [g.iter for g in n.generators[1:]] + [c for g in n.generators for c in g.ifs]
            for p in parts:
                inner |= _loads(p)
            out.update(inner - own)
            return
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            out.add(n.id)
        for c in ast.iter_child_nodes(n):
            walk(c)

    walk(node)
    return out


# Reading these reads names without naming them (the namespace itself, or IPython's output cache,
# which any cell ending in an expression fills).
_ANY_NAME = {"globals", "locals", "vars", "dir", "eval", "exec", "get_ipython", "__import__"}
_IPYTHON_CACHE = re.compile(r"^(_+|_\d+|_i+\d*|_oh|_ih|_dh|Out|In)$")
_NO_SWALLOW = {"catch_warnings", "no_grad", "enable_grad", "inference_mode", "set_grad_enabled", "errstate",
               "redirect_stdout", "redirect_stderr", "fork_rng", "open", "printoptions"}


def _called(expr: ast.AST) -> str | None:
    """The name of what a ``with`` calls (``warnings.catch_warnings()`` -> ``catch_warnings``)."""
    if isinstance(expr, ast.Call):
        f = expr.func
        return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
    return None


class _Walker:
    def __init__(self):
        self.reads: set[str] = set()
        self.binds: set[str] = set()
        self.mutates: set[str] = set()
        self.made: set[str] = set()  # names this cell has bound somewhere before (its own objects)
        self.opaque = False

    def read(self, names: set[str], bound: set[str]) -> None:
        self.reads |= names - bound

    def target(self, t: ast.AST, bound: set[str]) -> None:
        """An assignment target: names are bound; x[i] / x.a read x and store into it."""
        if isinstance(t, ast.Name):
            self.binds.add(t.id)
            bound.add(t.id)
            self.made.add(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self.target(e, bound)
        elif isinstance(t, ast.Starred):
            self.target(t.value, bound)
        else:  # Subscript or Attribute: evaluates its parts, then stores into the base object
            self.read(_loads(t), bound)
            base = t
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if not (isinstance(base, ast.Name) and base.id in self.made):
                self.mutates.add(base.id if isinstance(base, ast.Name) else "<expression>")

    def block(self, stmts: list[ast.stmt], bound: set[str]) -> None:
        for s in stmts:
            self.stmt(s, bound)

    def branch(self, stmts: list[ast.stmt], bound: set[str]) -> None:
        self.block(stmts, set(bound))  # what a branch binds may not have happened after it

    def stmt(self, s: ast.stmt, bound: set[str]) -> None:
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in s.decorator_list:
                self.read(_loads(d), bound)
            if isinstance(s, ast.ClassDef):
                for b in s.bases + [k.value for k in s.keywords]:
                    self.read(_loads(b), bound)
            else:
                a = s.args
                for d in a.defaults + [d for d in a.kw_defaults if d is not None]:
                    self.read(_loads(d), bound)
            self.binds.add(s.name)
            bound.add(s.name)
            self.made.add(s.name)
        elif isinstance(s, ast.Assign):
            self.read(_loads(s.value), bound)
            for t in s.targets:
                self.target(t, bound)
        elif isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self.read(_loads(s.value), bound)
                self.target(s.target, bound)
        elif isinstance(s, ast.AugAssign):
            self.read(_loads(s.value), bound)
            if isinstance(s.target, ast.Name):
                self.read({s.target.id}, bound)
                if s.target.id not in self.made:  # x += ... may change the outer object in place
                    self.mutates.add(s.target.id)
            self.target(s.target, bound)
        elif isinstance(s, (ast.Import, ast.ImportFrom)):
            for a in s.names:
                if a.name == "*":
                    self.opaque = True
                    return
                name = a.asname or a.name.split(".")[0]
                self.binds.add(name)
                bound.add(name)
                self.made.add(name)
        elif isinstance(s, ast.Delete):
            for t in s.targets:
                if isinstance(t, ast.Name):
                    self.read({t.id}, bound)
                    self.binds.add(t.id)
                    bound.discard(t.id)
                else:
                    self.target(t, bound)
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self.read(_loads(s.iter), bound)
            inner = set(bound)
            self.target(s.target, inner)
            self.block(s.body, inner)
            self.branch(s.orelse, bound)
        elif isinstance(s, ast.While):
            self.read(_loads(s.test), bound)
            self.branch(s.body, bound)
            self.branch(s.orelse, bound)
        elif isinstance(s, ast.If):
            self.read(_loads(s.test), bound)
            self.branch(s.body, bound)
            self.branch(s.orelse, bound)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            # A context manager may swallow an error (course.unsolved.needs_your_code does): then nothing its
            # body binds is sure after it.  The ones named in _NO_SWALLOW never do.
            sure = all(_called(item.context_expr) in _NO_SWALLOW for item in s.items)
            inner = bound if sure else set(bound)
            for item in s.items:
                self.read(_loads(item.context_expr), inner)
                if item.optional_vars is not None:
                    self.target(item.optional_vars, inner)
            self.block(s.body, inner)
        elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
            self.branch(s.body, bound)
            for h in s.handlers:
                inner = set(bound)
                if h.type is not None:
                    self.read(_loads(h.type), inner)
                if h.name:
                    self.binds.add(h.name)
                    inner.add(h.name)
                self.block(h.body, inner)
            self.branch(s.orelse, bound)
            self.branch(s.finalbody, bound)
        elif isinstance(s, ast.Match):
            self.read(_loads(s.subject), bound)
            for case in s.cases:
                inner = set(bound)
                for n in ast.walk(case.pattern):
                    for attr in ("name", "rest"):
                        if isinstance(getattr(n, attr, None), str):
                            self.binds.add(getattr(n, attr))
                            inner.add(getattr(n, attr))
                    if isinstance(n, ast.MatchValue):
                        self.read(_loads(n.value), inner)
                if case.guard is not None:
                    self.read(_loads(case.guard), inner)
                self.block(case.body, inner)
        elif isinstance(s, (ast.Global, ast.Nonlocal, ast.Pass, ast.Break, ast.Continue)):
            pass
        else:  # Expr, Return, Raise, Assert and anything newer: what it reads
            self.read(_loads(s), bound)
        # a walrus anywhere in the statement binds too
        for n in ast.walk(s):
            if isinstance(n, ast.NamedExpr) and isinstance(n.target, ast.Name):
                self.binds.add(n.target.id)


def _nested_globals(code: str) -> tuple[set[str], set[str]]:
    """(globals read, globals assigned) by the functions, lambdas and classes a cell defines."""
    reads, writes = set(), set()

    def visit(table, top: bool):
        for child in table.get_children():
            name = child.get_name()
            # a comprehension at module level runs at once (_loads saw it); inside a function, later
            comprehension = top and name in ("listcomp", "setcomp", "dictcomp")
            if not comprehension:
                for sym in child.get_symbols():
                    if sym.is_global() or (child.get_type() == "class" and not sym.is_assigned()):
                        if sym.is_referenced():
                            reads.add(sym.get_name())
                        if sym.is_assigned() or sym.is_imported():
                            writes.add(sym.get_name())
            visit(child, top and comprehension)

    visit(symtable.symtable(code, "<cell>", "exec"), True)
    return reads, writes


@functools.lru_cache(maxsize=4096)
def flow(code: str) -> Flow:
    """How a cell's source uses module-level names; :data:`_OPAQUE` when it cannot be followed."""
    from .sandbox.executor import _strip_magics

    code = _strip_magics(code)
    try:
        tree = ast.parse(code)
        later, assigned = _nested_globals(code)
    except (SyntaxError, ValueError, RecursionError):
        return _OPAQUE
    w = _Walker()
    w.block(tree.body, set())
    if w.opaque or any(isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                       and (n.id in _ANY_NAME or _IPYTHON_CACHE.match(n.id)) for n in ast.walk(tree)):
        return _OPAQUE
    # a function that assigns a global binds it when called: treat it as binding now and changing the outer value
    return Flow(frozenset(w.reads), frozenset(w.binds | assigned), frozenset(later),
                frozenset(w.mutates | assigned))


def skippable(sources: list[str | None], candidates: set[int]) -> set[int]:
    """Which candidate cells can be left out; ``sources[i]`` is None for cells that never run (Markdown).

    A backward pass keeps a candidate whose bindings a later running cell reads; the
    globals that running cells' functions read are live everywhere, so the pass
    repeats until the cells kept stop changing (twice, almost always).
    """
    skip = {i for i in candidates if sources[i] is not None}
    flows = {i: flow(s) for i, s in enumerate(sources) if s is not None}
    while True:
        # the last running cell that reads anything: every candidate before it runs
        opaque_at = max((i for i, f in flows.items() if i not in skip and f.opaque), default=-1)
        always = set().union(*(f.later for i, f in flows.items() if i not in skip))
        live: set[str] = set(always)
        now: set[int] = set()
        for i in sorted(flows, reverse=True):
            f = flows[i]
            if i in skip and not f.opaque and not f.mutates and i > opaque_at and not (f.binds & live):
                now.add(i)
            else:
                live |= f.reads
        if now == skip:
            return now
        skip = now


def why_kept(sources: list[str | None], candidates: set[int], skip: set[int]) -> dict[int, str]:
    """For each candidate that runs after all, the reason, in words an instructor can act on."""
    flows = {i: flow(s) for i, s in enumerate(sources) if s is not None}
    running = [i for i in flows if i not in skip]
    reasons = {}
    for i in sorted(set(candidates) - skip):
        f = flows.get(i)
        if f is None:
            continue
        if f.opaque:
            reasons[i] = "it cannot be analysed (a syntax error or `import *`)"
        elif f.mutates:
            reasons[i] = f"it stores into {', '.join(sorted(f.mutates)[:4])}, made before it"
        else:
            for j in (j for j in running if j != i):
                if flows[j].opaque and j > i:
                    reasons[i] = f"cell {j} after it cannot be analysed"
                    break
                hit = f.binds & flows[j].later or (f.binds & flows[j].reads if j > i else set())
                if hit:
                    reasons[i] = f"cell {j} reads {', '.join(sorted(hit)[:4])}, which it binds"
                    break
            else:
                reasons[i] = "a cell it depends on runs"
    return reasons
