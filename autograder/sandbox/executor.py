"""Execute one notebook across the two sides: student cells in the sandbox, tests in the grader.

Each code cell has a *role*, decided by the instructor's release, never by the
student's notebook:

* ``student`` -- solution cells and cells the student added: run in the worker;
* ``both`` -- locked instructor cells (imports, helpers, demos): run in the
  worker, and in the grader with calls into student code disabled (a demo cell
  that needs student code simply stops there on the grader's side);
* ``test`` -- graded test cells (hidden tests included): run in the grader,
  where the exercise names are bound to data or proxies fetched from the worker.

Only the outputs of test cells decide points, and they are produced here, by
the grader, from plain data.
"""
from __future__ import annotations

import ast
import contextlib
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .client import InstructorCellNeedsStudent, Limits, Sandbox, SandboxError, StudentObject

MAX_RESTARTS = 3
_MAGIC = re.compile(r"^\s*[%!]")


def defined_names(code: str) -> list[str]:
    """Top-level names a cell defines (functions, classes, assignments, imports)."""
    try:
        tree = ast.parse(_strip_magics(code))
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        names.append(n.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
    return list(dict.fromkeys(names))


def used_names(code: str) -> set[str]:
    """Every name a cell reads anywhere (a generous over-approximation: attributes are not followed)."""
    try:
        tree = ast.parse(_strip_magics(code))
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


SYNC = "__dlgrader_sync__"


class _MirrorRebinding(ast.NodeTransformer):
    """Make a test's ``del name`` and ``name = ...`` of an exercise name reach the student's process too.

    nbgrader's own idiom checks that one function uses another by deleting it and
    calling the first (``del squares`` then ``sum_of_squares(1)`` must raise
    ``NameError``), then restores it in a ``finally``.  Under grading the test runs on
    the trusted side, so each such statement is followed by a call that does the
    same in the sandbox.  Function and class bodies keep their own scope.
    """

    def __init__(self, names: set[str]):
        self.names = names

    def _sync(self, op: str, name: str, source: str | None = None) -> ast.stmt:
        args = [ast.Constant(op), ast.Constant(name)]
        if op == "set":
            args.append(ast.Name(name, ast.Load()))
        elif op == "def":
            args.append(ast.Constant(source))
        return ast.Expr(ast.Call(ast.Name(SYNC, ast.Load()), args, []))

    def _targets(self, targets) -> list[str]:
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name) and n.id in self.names]

    def visit_FunctionDef(self, node):
        # Reached only at the cell's top level (bodies are not entered): a test that
        # defines an exercise name -- e.g. the reference of an earlier exercise, so
        # that a later one is graded on its own -- defines it in the sandbox too.
        if node.name in self.names:
            return [node, self._sync("def", node.name, ast.unparse(node))]
        return node

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        return node

    def visit_Delete(self, node):
        return [node] + [self._sync("del", n) for n in self._targets(node.targets)]

    def visit_Assign(self, node):
        return [node] + [self._sync("set", n) for n in self._targets(node.targets)]

    def visit_AnnAssign(self, node):
        return [node] + ([self._sync("set", n) for n in self._targets([node.target])] if node.value else [])

    visit_AugAssign = visit_AnnAssign


def _compile_test(code: str, names: set[str]):
    tree = ast.parse(_strip_magics(code))
    rebinds = (ast.Delete, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    if any(isinstance(n, rebinds) for n in ast.walk(tree)):
        tree = ast.fix_missing_locations(_MirrorRebinding(names).visit(tree))
    return compile(tree, "<test>", "exec")


class _Watch:
    """Which calls into student code a failed test's diagnosis needs (client._call asks it).

    Calls of the exercise's functions are recorded as they are; building the exercise's class
    is recorded with what the instance is made of, and each call of such an instance with its
    weights at that moment, so that a replay can rebuild it from a catalogued slip.
    """

    def __init__(self, sb, rec, ids: dict[int, str], classes: set[str]):
        self.sb, self.rec, self.ids, self.classes = sb, rec, ids, classes
        self.instances: dict[int, tuple[str, tuple]] = {}

    def handles(self, hid) -> bool:
        return hid in self.ids or hid in self.instances

    def call(self, hid, fn, args, kwargs):
        from course.diagnosis import module_state

        if hid in self.instances:
            name, ctor = self.instances[hid]
            try:
                state = module_state(StudentObject(self.sb, hid, "object"))
            except Exception:  # noqa: BLE001 -- weights that cannot be read: the call is not recorded
                state = None
            return self.rec.method(f"{name}.forward", ctor, state, fn, args, kwargs)
        name = self.ids[hid]
        if name not in self.classes:
            return self.rec.call(name, fn, args, kwargs)
        t0 = time.monotonic()
        obj = fn(*args, **kwargs)
        ctor = self.rec.built(name, args, kwargs, obj, time.monotonic() - t0)
        if ctor is not None and isinstance(obj, StudentObject):
            self.instances[object.__getattribute__(obj, "_id")] = (name, ctor)
        return obj


@dataclass
class CellPlan:
    role: str  # student | both | test | skip | demo (tagged skip-when-grading and unread: autograder.demos)
    source: str


@dataclass
class ExecutionResult:
    outputs: list[list[dict]]
    seconds: float
    restarts: int = 0
    notes: list[str] = field(default_factory=list)
    # test grade_id -> the catalogued mistakes its failure matches ({"exercise", "variant", "sentence"})
    diagnoses: dict[str, list[dict]] = field(default_factory=dict)


def _error_output(ename: str, evalue: str, lines: list[str] | None = None) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": lines or [f"{ename}: {evalue}"]}


def _test_error(exc: BaseException) -> dict:
    """An error output that explains a failed test without showing the test's source."""
    ename = "TimeoutError" if isinstance(exc, TimeoutError) else type(exc).__name__
    lines = [f"{ename}: {exc}"]
    student_tb = getattr(exc, "student_traceback", "")
    if student_tb:
        lines += ["", "Raised in your code:", *student_tb.rstrip().splitlines()[-12:]]
    return _error_output(ename, str(exc), lines)


class NotebookRun:
    """State of one notebook's execution: the worker, the grader's namespace, what ran."""

    def __init__(self, plan: list[CellPlan], exercise_names: list[str], workdir: Path, limits: Limits,
                 notebook_timeout: float, sandboxed: bool = True, diagnosis: dict | None = None,
                 verify_demos: bool = False):
        self.plan, self.names = plan, exercise_names
        self.verify_demos = verify_demos  # run demo cells and say if one changed what came before (dlcourse check)
        # {"tests": {cell index: [grade_id, exercise]}, "kit": autograder.diagnose.build_kit(...)}
        self.diagnosis = diagnosis if diagnosis and diagnosis.get("kit") else None
        self.diagnoses: dict[str, list[dict]] = {}
        self.diagnosis_seconds = 0.0  # spent replaying for this notebook (course.diagnosis.NOTEBOOK_SECONDS)
        self.workdir, self.limits, self.sandboxed = workdir, limits, sandboxed
        self.deadline = time.monotonic() + notebook_timeout
        self.ns: dict = {"__name__": "__main__"}
        self.ran: list[int] = []  # student-side cells that ran, to replay after a restart
        self.restarts = 0
        self.notes: list[str] = []
        self.sb: Sandbox | None = None
        self.gave_up = False
        self.output_chars = 0  # characters of output kept so far, against MAX_NOTEBOOK_OUTPUT
        # Helpers defined by instructor cells may read exercise names as globals.
        self.helper_reads = set().union(*(used_names(c.source) for c in plan if c.role == "both"))

    # -- worker lifecycle ---------------------------------------------------------
    def _start(self) -> None:
        self.sb = Sandbox(self.workdir, self.limits, self.sandboxed)
        self.sb.start()

    def _restart(self, why: str, culprit: int) -> bool:
        """Replace a dead or hung worker; replay what had run.  False once restarts are used up."""
        if self.sb is not None:
            self.sb.kill()
        self.notes.append(f"cell {culprit}: {why}; the student process was restarted")
        while True:
            self.restarts += 1
            if self.restarts > MAX_RESTARTS:
                self.gave_up = True
                return False
            try:
                self._start()
            except SandboxError as exc:  # it died again while starting: try once more, within the limit
                self.sb.kill()
                self.notes.append(f"the student process could not be restarted ({exc})")
                continue
            for i in list(self.ran):
                try:
                    self.sb.run_cell(self.plan[i].source, timeout=self._left())
                except SandboxError:
                    self.ran.remove(i)
            return True

    def _left(self) -> float:
        return max(0.0, min(self.limits.call_timeout, self.deadline - time.monotonic()))

    # -- cells ------------------------------------------------------------------
    def _student_cell(self, i: int) -> list[dict]:
        if self.gave_up:
            return [_error_output("WorkerDied", "not run: the grader gave up on this notebook after repeated crashes")]
        if self._left() <= 0:
            return [_error_output("TimeoutError", "the notebook ran past its time limit; this cell was not run")]
        try:
            ok, outputs = self.sb.run_cell(self.plan[i].source, timeout=self._left())
        except SandboxError as exc:
            why = str(exc)
            alive = self._restart(why, i)
            msg = f"this cell stopped the student process ({why}); it was skipped so the rest could be graded"
            if not alive:
                msg += "; the grader gave up on this notebook after repeated failures"
            return [_error_output("WorkerDied", msg)]
        self.ran.append(i)
        return self._bounded([o for o in map(_clean_output, outputs) if o is not None])

    def _bounded(self, outputs: list[dict]) -> list[dict]:
        """Outputs within what is left of the notebook's output allowance; past it, one note instead."""
        size = sum(len(v) if isinstance(v, str) else sum(map(len, v)) if isinstance(v, list) else
                   sum(map(len, v.values())) if isinstance(v, dict) else 0
                   for o in outputs for k, v in o.items() if k in ("text", "data", "traceback", "evalue"))
        self.output_chars += size
        if self.output_chars <= MAX_NOTEBOOK_OUTPUT:
            return outputs
        kept = [o for o in outputs if o["output_type"] == "error"]  # a verdict is never dropped
        return [{"output_type": "stream", "name": "stdout",
                 "text": f"[output dropped: this notebook printed more than {MAX_NOTEBOOK_OUTPUT >> 20} MB in all]\n"}
                ] + [_error_output(e["ename"], e["evalue"], e["traceback"][-20:]) for e in kept]

    def _grader_side(self, code: str) -> None:
        """An instructor cell in the grader's namespace; calls into student code stop it quietly."""
        self.sb.allow_calls = False
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(_strip_magics(code), "<instructor cell>", "exec"), self.ns)
        except InstructorCellNeedsStudent:
            pass
        except Exception:  # noqa: BLE001 -- e.g. it reads a name an earlier demo cell never made here;
            pass  # a test that needs such a name fails on its own, so there is nothing to report
        finally:
            self.sb.allow_calls = True
            _close_figures()

    def _bind_exercise_names(self, code: str) -> None:
        """Fetch the exercise names this test reads (fresh each time: earlier cells may have changed them)."""
        used = used_names(code) | self.helper_reads
        for name in self.names:
            if name not in used:
                continue
            try:
                self.ns[name], _ = self.sb.call("get", name=name)
            except NameError:
                self.ns.pop(name, None)

    def _sync(self, op: str, name: str, value=None) -> None:
        """A test deleted or rebound an exercise name: do the same in the student's process."""
        if op == "del":
            self.sb.call("delname", name=name)
        elif op == "def":
            self.sb.call("define", value, name=name)
        else:
            self.sb.call("setname", value, name=name)

    def _test_cell(self, i: int) -> list[dict]:
        if self.gave_up:
            return [_error_output("WorkerDied", "not run: the grader gave up on this notebook after repeated crashes")]
        if self._left() <= 0:
            return [_error_output("TimeoutError", "the notebook ran past its time limit; this test was not run")]
        out = io.StringIO()
        self.sb.printed = []
        self.sb.budget_seconds = self._left()
        self.sb.budget_end = time.monotonic() + self.sb.budget_seconds
        error = None
        watch = self._diagnosed(i)
        recorder, unsolved = None, False
        try:
            self._bind_exercise_names(self.plan[i].source)
            if watch:
                recorder = self._record(watch)
            self.ns[SYNC] = self._sync
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                exec(_compile_test(self.plan[i].source, set(self.names)), self.ns)
        except SandboxError as exc:
            error = _error_output("WorkerDied", f"your code stopped responding or crashed during this test ({exc}); "
                                                "no points for this test")
            self._restart(str(exc), i)
        except InstructorCellNeedsStudent:  # cannot happen in a test cell; never let it escape
            error = _error_output("GraderError", "internal grader error")
        except Exception as exc:  # noqa: BLE001 -- any failure of a test is a verdict
            error = _test_error(exc)
            unsolved = isinstance(exc, NotImplementedError)  # a stub or an unanswered question: nothing to name
        finally:
            if self.sb is not None:
                self.sb.budget_end = None
                self.sb.recording = None
            _close_figures()
        if watch and error is not None and not unsolved and error["ename"] not in ("WorkerDied", "GraderError",
                                                                                   "TimeoutError", "BudgetSpent"):
            self._explain(watch, recorder, error)
        text = "".join(self.sb.printed if self.sb else []) + out.getvalue()
        outputs = [{"output_type": "stream", "name": "stdout", "text": text[-20000:]}] if text else []
        return self._bounded(outputs + ([error] if error else []))

    def _verified_demo(self, i: int) -> list[dict]:
        """Run a demonstration grading would skip, and note what it changed that existed before it."""
        from ..demos import flow

        def digest(rng):
            try:
                value, _ = self.sb.call("digest", rng=rng)
                return value if type(value) is dict else None
            except Exception:  # noqa: BLE001 -- reported below as "could not be checked"
                return None

        before = digest("save")
        outputs = self._student_cell(i)
        # the global generators go back to where they were: what follows runs as it would in grading
        after = digest("restore") if before is not None else None
        if before is None or after is None:
            self.notes.append(f"cell {i} is tagged skip-when-grading, and what it changes could not be checked")
            return outputs
        rebound = flow(self.plan[i].source).binds  # no later cell reads these (autograder.demos)
        # str(): the worker's reply is untrusted data, and its keys may be numbers too
        changed = sorted(str(k) for k, v in before.items() if k not in rebound and after.get(k) != v)
        if changed:
            self.notes.append(
                f"cell {i} is tagged skip-when-grading but changes {', '.join(changed[:6])}, made before it: "
                "grading without it could differ; make it work on copies or on a generator of its own "
                "(numpy.random.default_rng), or remove the tag")
        return outputs

    # -- naming the mistake (issue 18; the method is course.diagnosis's) ------------------------------
    def _diagnosed(self, i: int) -> tuple[str, str, dict] | None:
        """(test grade_id, exercise, its kit entry) when cell ``i`` grades an exercise the catalogue covers."""
        if not self.diagnosis:
            return None
        gid, slug = self.diagnosis["tests"].get(i, self.diagnosis["tests"].get(str(i), (None, None)))
        ex = self.diagnosis["kit"]["exercises"].get(slug) if slug else None
        return (gid, slug, ex) if ex else None

    def _record(self, watch):
        from course.diagnosis import Recorder

        _, _, ex = watch
        rec = Recorder()
        if ex["kind"] == "function" and self.sb is not None:
            ids = {object.__getattribute__(v, "_id"): n for n in ex["names"]
                   if isinstance(v := self.ns.get(n), StudentObject)}
            self.sb.recording = _Watch(self.sb, rec, ids, set(ex.get("classes", ())))
        return rec

    def _explain(self, watch, recorder, error: dict) -> None:
        """Replay the exercise's catalogued mistakes on what the failed test recorded; say which one it was."""
        from course import diagnosis as dg

        from ..diagnose import cache_for

        gid, slug, ex = watch
        kit = self.diagnosis["kit"]
        calls = recorder.calls if ex["kind"] == "function" and recorder else dg.value_calls(ex["names"], self.ns)
        # A notebook with many failed tests must not cost many budgets: naming a mistake is a help, not a grade.
        left = min(dg.BUDGET_SECONDS, dg.NOTEBOOK_SECONDS - self.diagnosis_seconds)
        if not calls or left < 0.5:
            return
        self.sb.allow_calls = False  # a replay never reaches student code: every exercise is the reference there
        t0 = time.monotonic()
        try:
            found = dg.Diagnoser(slug, ex, dg.namespace_factory(self.ns, kit), cache_for(kit), left).explain(calls)
        except (Exception, InstructorCellNeedsStudent):  # noqa: BLE001 -- no diagnosis is the safe answer
            found = []
        finally:
            self.diagnosis_seconds += time.monotonic() - t0
            self.sb.allow_calls = True
            _close_figures()
        if found:
            error["traceback"] = [*error["traceback"], "", *dg.message(found).splitlines()]
            self.diagnoses[gid] = [{"exercise": slug, "variant": f.variant, "sentence": f.sentence} for f in found]

    def run(self) -> ExecutionResult:
        t0 = time.monotonic()
        outputs: list[list[dict]] = []
        try:
            self._start()
        except SandboxError as exc:  # killed or broken while starting: start again, within the restart limit
            self._restart(f"the student process did not start ({exc})", 0)
        try:
            for i, cell in enumerate(self.plan):
                if cell.role == "skip":
                    outputs.append([])
                elif cell.role == "demo" and not self.verify_demos:
                    outputs.append([{"output_type": "stream", "name": "stdout", "text": DEMO_NOTE}])
                elif cell.role == "demo":
                    outputs.append(self._verified_demo(i))
                elif cell.role == "test":
                    outputs.append(self._test_cell(i))
                else:
                    outputs.append(self._student_cell(i))
                    if cell.role == "both" and self.sb is not None:
                        self._grader_side(cell.source)
        finally:
            if self.sb:
                self.sb.close()
        return ExecutionResult(outputs, time.monotonic() - t0, self.restarts, self.notes, self.diagnoses)


DEMO_NOTE = ("[not run while grading: a demonstration that no test depends on (tagged skip-when-grading); "
             "run it in your notebook to see its output]\n")
MAX_STREAM = 256 * 1024  # characters of one printed output kept (the worker cuts there too)
MAX_DISPLAY = 2 << 20  # characters of one rich display
MAX_NOTEBOOK_OUTPUT = 20 << 20  # characters of output kept per notebook; past this, a note


def _clean_output(o) -> dict | None:
    """Keep only well-formed, bounded, inert outputs from the worker (shown in feedback, never scored).

    Anything that renders as HTML goes through :func:`autograder.sanitize.clean_output`: an
    instructor opens these outputs in the formgrader and the feedback page.
    """
    from ..sanitize import clean_output

    if type(o) is not dict:
        return None
    kind = o.get("output_type")
    if kind == "stream" and o.get("name") in ("stdout", "stderr") and type(o.get("text")) is str:
        return {"output_type": "stream", "name": o["name"], "text": _cut(o["text"], MAX_STREAM)}
    if kind == "display_data" and type(o.get("data")) is dict:
        data = {k: v for k, v in o["data"].items() if k in ("text/plain", "image/png", "text/html") and type(v) is str}
        if sum(map(len, data.values())) > MAX_DISPLAY:
            return {"output_type": "stream", "name": "stdout",
                    "text": f"[a display of {sum(map(len, data.values()))} characters was dropped: over the limit]\n"}
        clean = clean_output({"output_type": "display_data", "data": data, "metadata": {}}) if data else None
        return dict(clean, data=dict(clean["data"]), metadata={}) if clean else None
    if kind == "error" and type(o.get("ename")) is str and type(o.get("evalue")) is str:
        tb = o.get("traceback")
        tb = [t[:4000] for t in tb if type(t) is str][:200] if type(tb) is list else []
        return _error_output(o["ename"][:200], o["evalue"][:4000], tb)
    return None


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n[... {len(text) - limit} more characters were cut]\n"


def _strip_magics(code: str) -> str:
    return "\n".join("pass" if _MAGIC.match(line) else line for line in code.splitlines())


def _close_figures() -> None:
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def execute(plan: list[CellPlan], exercise_names: list[str], workdir: Path, limits: Limits | None = None,
            notebook_timeout: float = 600, sandboxed: bool = True, diagnosis: dict | None = None,
            verify_demos: bool = False) -> ExecutionResult:
    """Execute a planned notebook; one output list per planned cell (and what failed tests' mistakes look like)."""
    return NotebookRun(plan, exercise_names, workdir, limits or Limits(), notebook_timeout, sandboxed,
                       diagnosis, verify_demos).run()
