"""Benchmark: grading throughput of `dlcourse grade` against plain nbgrader and raw nbclient.

Builds a synthetic class of one chapter (filled-in references, untouched stubs, and
wrong implementations from tests/catalogue), then measures in one run:

  A. sequential `nbgrader autograde` on a plain nbgrader course (its own kernel executor);
  B. raw execution of the same (sanitised) notebooks with nbclient, one after another;
  C. `dlcourse grade --workers W` with the sandbox on (warm workers: forked from each slot's zygote; the
     demonstrations tagged skip-when-grading skipped), and whether each student's score is nbgrader's;
  with --cold also C'. the same with a fresh sandbox per notebook, and a check that both give the same grades;
  with --costs also D. the same without diagnosis, E. the same running every demonstration
  (``--run-demos``), and the similarity check timed alone on C's output, to give what naming
  mistakes, running demonstrations and comparing answers cost as ratios against grading without them.

Reports seconds, notebooks per minute and the ratios the grading issue sets targets
for (C vs A throughput; C's per-notebook cost vs B), with the machine's load before
and after: on a busy machine every figure is rough. Speed is reported, never asserted.

    python -m utils.bench_grading --chapter 01_basics --students 40 --workers 2
"""
from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.coursedir import CourseDir, read_notebook
from autograder.grade import GradeOptions, grade
from utils.check import fill_reference
from utils.paths import find_root


def synthetic_class(root: Path, chapter: str, n: int, dest: Path, seed: int = 0) -> dict[str, str]:
    """Write n submissions under dest; returns student -> kind (reference, stub, wrong:slug)."""
    rel = read_notebook(root / "release" / chapter / f"{chapter}.ipynb")
    ref = fill_reference(rel, read_notebook(root / "source" / chapter / f"{chapter}.ipynb"))
    try:
        wrong = importlib.import_module(f"tests.catalogue.ch{chapter}").WRONG
    except ImportError:
        wrong = {}
    variants = [(slug, code) for slug, v in sorted(wrong.items()) for code in v.values()]
    rng = random.Random(seed)
    kinds = {}
    for i in range(n):
        student = f"s{i:03d}"
        kind = ("reference", "stub", "wrong")[i % 3] if variants else ("reference", "stub")[i % 2]
        nb = nbformat.from_dict(rel if kind == "stub" else ref)
        if kind == "wrong":
            slug, code = rng.choice(variants)
            for c in nb.cells:
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == slug:
                    c.source = code
            kind = f"wrong:{slug}"
        (dest / student / chapter).mkdir(parents=True)
        nbformat.write(nb, dest / student / chapter / f"{chapter}.ipynb")
        kinds[student] = kind
    return kinds


def plain_nbgrader(root: Path, chapter: str, subs: Path, work: Path) -> tuple[float, list[Path], dict]:
    """Seconds of sequential ``nbgrader autograde``, the autograded notebooks, and each student's score."""
    cd = CourseDir(work)
    cd.generate_from(root / "source" / chapter)
    students = sorted(p.name for p in subs.iterdir())
    for s in students:
        cd.submit(s, chapter, subs / s / chapter)
    t0 = time.perf_counter()
    for s in students:
        cd.autograde(s, chapter)
    secs = time.perf_counter() - t0
    return secs, [cd.autograded(s, chapter) for s in students], {s: cd.scores(s, chapter).auto_score for s in students}


def raw_nbclient(notebooks: list[Path]) -> tuple[float, list[float]]:
    from nbclient import NotebookClient

    per = []
    t0 = time.perf_counter()
    for p in notebooks:
        nb = nbformat.read(p, as_version=4)
        for c in nb.cells:
            if c.cell_type == "code":
                c.outputs, c.execution_count = [], None
        t = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(p.parent)}}).execute()
        per.append(time.perf_counter() - t)
    return time.perf_counter() - t0, per


def _ours(root: Path, subs: Path, out: Path, chapter: str, workers: int, warm: bool,
          diagnose: bool = True, demos: str = "skip") -> tuple[float, list, list[dict]]:
    """Seconds of one `dlcourse grade`, its rows, and each notebook's execution result (seconds, warm)."""
    t0 = time.perf_counter()
    rows = grade(root, subs, out, [chapter], GradeOptions(workers=workers, warm=warm, diagnose=diagnose, demos=demos))
    secs = time.perf_counter() - t0
    return secs, rows, [json.loads(p.read_text()) for p in (out / ".dlgrader" / "results").glob("*/*/*.json")]


def _grades(out: Path) -> list[tuple[str, str, str]]:
    with open(out / "grades.csv", newline="") as f:
        return [(r["student_id"], r["score"], r["message"]) for r in csv.DictReader(f)]


def _load() -> dict:
    one, five, _ = os.getloadavg()
    return {"load_1min": round(one, 2), "load_5min": round(five, 2)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chapter", default="01_basics")
    ap.add_argument("--students", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cold", action="store_true", help="also time dlcourse grade with a fresh sandbox per notebook")
    ap.add_argument("--costs", action="store_true",
                    help="also time grading without diagnosis, and the similarity check alone")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    root = find_root()
    cores = len(os.sched_getaffinity(0))
    before = _load()
    with tempfile.TemporaryDirectory(prefix="dlcourse-bench-") as tmp:
        tmp = Path(tmp)
        subs = tmp / "submitted"
        kinds = synthetic_class(root, args.chapter, args.students, subs)
        print(f"{args.students} submissions of {args.chapter}: "
              f"{sum(k == 'reference' for k in kinds.values())} references, "
              f"{sum(k == 'stub' for k in kinds.values())} stubs, "
              f"{sum(k.startswith('wrong') for k in kinds.values())} wrong implementations; {cores} cores, "
              f"load {before['load_1min']}", file=sys.stderr)
        a_secs, graded, a_scores = plain_nbgrader(root, args.chapter, subs, tmp / "plain")
        print(f"A. sequential nbgrader autograde: {a_secs:.1f} s", file=sys.stderr)
        b_secs, per = raw_nbclient(graded)
        print(f"B. raw nbclient execution: {b_secs:.1f} s", file=sys.stderr)
        c_secs, rows, results = _ours(root, subs, tmp / "ours", args.chapter, args.workers, warm=True)
        exec_secs = [r["seconds"] for r in results]
        print(f"C. dlcourse grade --workers {args.workers}: {c_secs:.1f} s", file=sys.stderr)
        # the same score as nbgrader's, student by student (a difference is listed, never hidden)
        differ = {r.student_id: {"nbgrader": a_scores.get(r.student_id), "dlcourse": r.auto_score,
                                 "kind": kinds.get(r.student_id)}
                  for r in rows if a_scores.get(r.student_id) is None or abs(a_scores[r.student_id] - r.auto_score) > 1e-9}
        n = args.students
        figures = {
            "chapter": args.chapter, "students": n, "workers": args.workers, "cores": cores,
            "nbgrader_sequential_s": round(a_secs, 1), "nbclient_raw_s": round(b_secs, 1),
            "dlcourse_grade_s": round(c_secs, 1),
            "throughput_per_min": {"nbgrader": round(60 * n / a_secs, 1), "nbclient": round(60 * n / b_secs, 1),
                                   "dlcourse": round(60 * n / c_secs, 1)},
            "speedup_vs_nbgrader": round(a_secs / c_secs, 2),
            "speedup_vs_nbclient": round(b_secs / c_secs, 2),
            "raw_per_notebook_s": round(statistics.mean(per), 2),
            "sandboxed_execution_per_notebook_s": round(statistics.mean(exec_secs), 2),
            # everything a notebook costs us, its share of the set-up and of the grader's own process included
            "slot_seconds_per_notebook": round(c_secs * args.workers / n, 2),
            "per_notebook_cost_vs_raw": round(statistics.mean(exec_secs) / statistics.mean(per), 2),
            "slot_seconds_vs_raw": round(c_secs * args.workers / n / statistics.mean(per), 2),
            "graded": sum(r.status == "graded" for r in rows),
            "scores_equal_to_nbgrader": n - len(differ), "scores_differing_from_nbgrader": differ,
            "warm_notebooks": sum(bool(r.get("warm")) for r in results),
        }
        if args.cold:
            cold_secs, _, cold = _ours(root, subs, tmp / "cold", args.chapter, args.workers, warm=False)
            cold_exec = [r["seconds"] for r in cold]
            print(f"C'. dlcourse grade --workers {args.workers}, cold workers: {cold_secs:.1f} s", file=sys.stderr)
            figures.update({"dlcourse_cold_s": round(cold_secs, 1), "speedup_cold_vs_nbgrader": round(a_secs / cold_secs, 2),
                            "cold_execution_per_notebook_s": round(statistics.mean(cold_exec), 2),
                            "warm_and_cold_grades_agree": _grades(tmp / "ours") == _grades(tmp / "cold")})
        if args.costs:
            from autograder import similarity

            d_secs, _, _ = _ours(root, subs, tmp / "plain-ours", args.chapter, args.workers, warm=True, diagnose=False)
            print(f"D. dlcourse grade --workers {args.workers} --no-diagnosis: {d_secs:.1f} s", file=sys.stderr)
            e_secs, e_rows, _ = _ours(root, subs, tmp / "demos-ours", args.chapter, args.workers, warm=True,
                                      demos="run")
            print(f"E. dlcourse grade --workers {args.workers} --run-demos: {e_secs:.1f} s", file=sys.stderr)
            t0 = time.perf_counter()
            found = similarity.check(tmp / "ours", [args.chapter])
            sim_secs = time.perf_counter() - t0
            print(f"similarity check alone: {sim_secs:.1f} s", file=sys.stderr)
            figures.update({"dlcourse_run_demos_s": round(e_secs, 1),
                            "speedup_run_demos_vs_nbgrader": round(a_secs / e_secs, 2),
                            "run_demos_scores_equal_to_skipped": [(r.student_id, r.auto_score) for r in e_rows]
                            == [(r.student_id, r.auto_score) for r in rows],
                            "dlcourse_no_diagnosis_s": round(d_secs, 1),
                            "diagnosis_cost_ratio": round(c_secs / d_secs, 3),
                            "diagnosed_tests": sum(len(r.get("diagnoses") or {}) for r in results),
                            "similarity_s": round(sim_secs, 2),
                            "similarity_share_of_grading": round(sim_secs / c_secs, 3),
                            "similarity_pairs": {a: v[0] if isinstance(v, (list, tuple)) else v
                                                 for a, v in found.items()}})
    figures.update({"before": before, "after": _load()})
    # The load after includes this benchmark's own workers; only the load before says something else ran.
    if before["load_1min"] > 1.0:
        print(f"note: something else was running when the benchmark started (load {before['load_1min']} on "
              f"{cores} cores): these figures are rough", file=sys.stderr)
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
