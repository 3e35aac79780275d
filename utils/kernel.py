"""Run notebook code in a live Jupyter kernel, cell by cell.

The wrong-implementation catalogue needs this: execute a chapter once, then for
each variant redefine one function and re-run only that exercise's test cells,
instead of executing the whole notebook again per variant.
"""
from __future__ import annotations

import functools
import queue
from dataclasses import dataclass
from pathlib import Path

import nbformat


@dataclass
class RunResult:
    ok: bool
    error: str | None = None  # "Name: message", or "stderr: ..." (nbgrader fails a test on any stderr)
    stdout: str = ""
    diagnosis: dict | None = None  # course.diagnosis.InKernel.explain's answer, where one was asked for


@functools.cache
def notebook_client():
    """nbclient's NotebookClient whose Output-widget stand-in keeps its outputs to itself.

    nbclient's stand-in sends each output it captures back to the kernel on the shell socket,
    while the same client awaits the cell's reply on that socket; now and then the reply's
    wake-up is lost and the cell waits out its whole timeout (nbclient issue 312).  Measured here:
    an explorer cell of 01 or 02 took exactly 120 s in 4 site builds of 10, kernel and client
    idle; 151 cells drawing into Output widgets, 3 s timeout: 3 and 1 stalls in two runs of the
    plain client, none in two of this one.  The site reads the outputs from nbclient's widget
    state, which still gets them.
    """
    from nbclient import NotebookClient
    from nbclient.output_widget import OutputWidget

    class QuietOutputWidget(OutputWidget):
        def sync_state(self) -> None:
            pass

    class Client(NotebookClient):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.widget_registry = {**self.widget_registry,
                                    "@jupyter-widgets/output": {"OutputModel": QuietOutputWidget}}

    return Client


class Kernel:
    """A python3 kernel started in ``cwd``; use as a context manager."""

    def __init__(self, cwd: Path, startup_timeout: float = 60):
        from jupyter_client.manager import KernelManager

        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(cwd), extra_arguments=["--IPKernelApp.log_level=ERROR"])
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=startup_timeout)

    def run(self, code: str, timeout: float = 120, stderr_fails: bool = True) -> RunResult:
        """Execute ``code``; fails on an exception, and on any stderr output unless ``stderr_fails`` is False."""
        stdout, stderr = [], []

        def hook(msg):
            if msg["msg_type"] == "stream":
                (stderr if msg["content"]["name"] == "stderr" else stdout).append(msg["content"]["text"])

        try:
            reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=hook, allow_stdin=False)
        except (TimeoutError, queue.Empty):
            self.km.interrupt_kernel()
            return RunResult(False, f"TimeoutError: cell ran longer than {timeout:g} s")
        content = reply["content"]
        if content["status"] != "ok":
            return RunResult(False, f"{content.get('ename')}: {content.get('evalue')}", "".join(stdout))
        if stderr and stderr_fails:
            return RunResult(False, "stderr: " + "".join(stderr).strip()[:500], "".join(stdout))
        return RunResult(True, None, "".join(stdout))

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def __enter__(self) -> "Kernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# The global random streams a test may draw from, set to one fixed state.
_RESEED = ("import random as _dl_random, sys as _dl_sys, numpy as _dl_np\n"
           "_dl_random.seed(0)\n_dl_np.random.seed(0)\n"
           "if 'torch' in _dl_sys.modules:\n    _dl_sys.modules['torch'].manual_seed(0)\n"
           "del _dl_random, _dl_sys, _dl_np")


class ChapterSession:
    """A chapter's source notebook executed in a kernel, with per-exercise re-runs."""

    def __init__(self, notebook: Path):
        self.path = Path(notebook)
        self.nb = nbformat.read(self.path, as_version=4)
        self.kernel = Kernel(self.path.parent)
        self.solutions: dict[str, str] = {}
        self.tests: dict[str, str] = {}
        for cell in self.nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type != "code" or "grade_id" not in meta:
                continue
            if meta.get("solution"):
                self.solutions[meta["grade_id"]] = cell.source
            elif meta.get("grade"):
                self.tests[meta["grade_id"]] = cell.source
        self.diagnosing = False

    def enable_diagnosis(self, kit: dict) -> None:
        """From now on, each test cell's calls are recorded, and failed cells say which catalogued slip they match."""
        import json

        res = self.kernel.run("import json as __dl_json, course.diagnosis as __dl_diagnosis\n"
                              f"__dl_diag = __dl_diagnosis.InKernel(__dl_json.loads({json.dumps(kit)!r}))")
        if not res.ok:
            raise RuntimeError(f"diagnosis could not start in the kernel: {res.error}")
        self.diagnosing, self.kit = True, kit

    def execute_all(self, skip_demos: bool = False) -> list[tuple[int, RunResult]]:
        """Run every code cell in order; returns the (index, result) of those that failed.

        ``skip_demos`` leaves out the demonstrations grading skips (tagged, and read by no later
        cell: :mod:`autograder.demos`), for sessions that only re-run exercises and their tests.
        """
        skipped = set()
        if skip_demos:
            from autograder.submission import plan

            skipped = {i for i, c in enumerate(plan(self.nb, self.nb)[0]) if c.role == "demo"}
        failed = []
        for i, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code" and i not in skipped:
                res = self.kernel.run(cell.source)
                if not res.ok:
                    failed.append((i, res))
        return failed

    def exercises(self) -> list[str]:
        """Slugs of the solution cells that have at least one test cell."""
        return [slug for slug in self.solutions if self.test_ids(slug)]

    def test_ids(self, slug: str) -> list[str]:
        return [g for g in self.tests if g == f"{slug}-test" or g.startswith(f"{slug}-test-")]

    def run_tests(self, slug: str, until_failure: bool = False, explain_all: bool = False,
                  reseed: bool = False) -> dict[str, RunResult]:
        """Run the test cells of ``slug``; with ``until_failure`` stop after the first that fails.

        With diagnosis enabled, a failed cell (every cell, with ``explain_all``) carries the diagnosis.
        ``reseed`` starts the global random streams from one fixed state first (see :meth:`try_variant`).
        """
        import json

        results = {}
        if reseed:
            res = self.kernel.run(_RESEED)
            if not res.ok:
                raise RuntimeError(f"could not reseed the kernel's random streams: {res.error}")
        if self.diagnosing:  # the kernel's cell hooks record and explain each test cell (InKernel.arm)
            armed = self.kernel.run(f"__dl_diag.arm({slug!r}, {bool(explain_all)!r})")
            if not armed.ok:
                raise RuntimeError(f"diagnosis could not follow the tests of {slug}: {armed.error}")
        try:
            for g in self.test_ids(slug):
                # As under `dlcourse grade`, where what student code writes to stderr during a test
                # (a NumPy RuntimeWarning, say) reaches the test cell as printed text, not as a failure.
                results[g] = self.kernel.run(self.tests[g], stderr_fails=False)
                if until_failure and not results[g].ok:
                    break
        finally:
            if self.diagnosing:
                res = self.kernel.run("print(__dl_json.dumps(__dl_diag.disarm(globals())))", timeout=300)
                found = json.loads(res.stdout.strip().splitlines()[-1]) if res.ok and res.stdout.strip() else []
                for g, d in zip(results, found):
                    results[g].diagnosis = d
        return results

    def defined_names(self, slug: str) -> set[str]:
        """The functions, classes and variables that the reference solution of ``slug`` defines."""
        import ast

        from autograder.sandbox.executor import defined_names, _strip_magics

        try:  # imports are left out: a solution that imports torch does not make torch an exercise
            imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(ast.parse(_strip_magics(self.solutions[slug])))
                        if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        except SyntaxError:
            imported = set()
        return set(defined_names(self.solutions[slug])) - imported

    def replaced_names(self, slug: str) -> set[str]:
        """Names the tests of ``slug`` define at their top level: the references they install for earlier pieces."""
        import ast

        from autograder.sandbox.executor import _strip_magics

        names: set[str] = set()
        for g in self.test_ids(slug):
            try:
                tree = ast.parse(_strip_magics(self.tests[g]))
            except SyntaxError:
                continue
            names |= {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        return names

    def dependents(self, slug: str) -> list[str]:
        """Exercises whose solution or tests use what ``slug`` defines, directly or through other solutions.

        A chain stops where a later test installs the reference of the piece in between:
        whatever that piece was built on no longer reaches the later exercise.
        """
        from autograder.sandbox.executor import used_names

        found: list[str] = []
        frontier = [slug]
        while frontier:
            via = frontier.pop()
            names = self.defined_names(via)
            for other in self.exercises():
                if other == slug or other in found:
                    continue
                if via != slug and names <= self.replaced_names(other):
                    continue
                uses = used_names(self.solutions[other])
                for g in self.test_ids(other):
                    uses |= used_names(self.tests[g])
                if uses & names:
                    found.append(other)
                    frontier.append(other)
        return found

    def try_variant(self, slug: str, code: str, run: str | None = None,
                    until_failure: bool = False, explain_all: bool = False) -> dict[str, RunResult]:
        """Define ``code`` in place of the reference for ``slug``, run the tests of ``run`` (default: ``slug``'s
        own), restore the reference."""
        try:
            defined = self.kernel.run(code)
            if not defined.ok:
                raise RuntimeError(f"the variant for {slug} does not even run: {defined.error}")
            # Every variant's tests start from the same random state: their calls then have the same
            # arguments and random state, so each catalogued slip is replayed once per call, not once per
            # variant (05's training variants: 4.7 s each, most of it replaying 15 slips).
            return self.run_tests(run or slug, until_failure, explain_all, reseed=True)
        finally:
            restored = self.kernel.run(self.solutions[slug])
            if not restored.ok:
                raise RuntimeError(f"could not restore the reference of {slug}: {restored.error}")

    def close(self) -> None:
        self.kernel.close()
