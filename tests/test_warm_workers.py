"""Warm workers: notebooks forked from one slot's zygote are as isolated as cold ones.

One zygote serves this module, as one serves a grading slot.  The first test grades three
tiny notebooks in a row: the first changes everything a notebook can reach (modules, files,
environment, random seeds) and the next two must see none of it.  The attack tests of
``tests/test_sandbox.py`` then run again with every sandbox forked from the zygote.
"""
from __future__ import annotations

import json
import os
import signal
import time

import pytest

from autograder.jobs import run_job
from autograder.sandbox import warm
from autograder.sandbox.client import Limits, Sandbox, check_sandbox

# The attacks on a sandbox, run here against warm ones (pytest collects them in this module,
# with this module's fixtures: every Sandbox they start is forked from the zygote below).
from .test_sandbox import (impatient, sb, test_a_deeply_nested_forged_reply_is_refused_not_a_crash,  # noqa: F401
                           test_a_test_cell_has_one_budget_for_all_its_calls,
                           test_garbage_on_the_protocol_pipe_kills_the_worker,
                           test_ignoring_the_timer_gets_the_worker_killed,
                           test_infinite_loop_is_stopped_by_the_call_timer, test_memory_is_bounded, test_no_network,
                           test_no_variable_of_the_graders_environment_inside,
                           test_nothing_inside_names_the_instructors_tree, test_process_count_is_bounded,
                           test_read_only_system_and_bounded_tmp, test_sees_only_its_own_copy_of_the_submission,
                           test_tmp_and_shm_are_private_to_one_notebook, test_vjp_runs_next_to_the_student_code)


@pytest.fixture(scope="module", autouse=True)
def zygote():
    """One zygote for the module; every test checks that it served and was never given up."""
    check_sandbox()
    with warm.warm(sandboxed=True) as z:
        info = warm.wait_ready(z)
        assert info is not None, f"the zygote did not start: {z.broken}"
        assert info["threads"] == 1 and {"numpy", "torch", "sklearn", "matplotlib.pyplot", "course.testing"} <= set(
            info["preloaded"]), info
        yield z
        assert z.broken is None, z.broken


@pytest.fixture(autouse=True)
def served_warm(zygote, request):
    """Each test's sandboxes come from the zygote (none fell back to a cold start)."""
    before = zygote.spawned
    yield
    assert zygote.broken is None, zygote.broken
    if request.node.name not in PLAIN:
        assert zygote.spawned > before, "no sandbox of this test was forked from the zygote"


PLAIN = {"test_plain_workers_are_warm_too"}  # has a zygote of its own, for workers without a sandbox


ATTACK = """
import builtins, os, random, sys
import numpy as np, torch
import course, course.testing
np.mean = lambda *a, **k: 42.0
course.planted = "first student"
course.testing.assert_close = lambda *a, **k: None
builtins.planted = "first student"
sys.modules["planted"] = type(sys)("planted")
for path in ("in_cwd.txt", "/tmp/in_tmp.txt", os.path.expanduser("~/in_home.txt"), "/dev/shm/in_shm"):
    open(path, "w").write("first student")
os.environ["PLANTED"] = "first student"
np.random.seed(0)
torch.manual_seed(0)
random.seed(0)
"""
PROBE = """
def probe():
    import builtins, os, random, sys
    import numpy as np, torch
    import course, course.testing
    try:
        course.testing.assert_close(np.ones(1), np.zeros(1))
        check_patched = True
    except AssertionError:
        check_patched = False
    return {"np_mean": float(np.mean([1.0, 2.0])), "course": hasattr(course, "planted"),
            "check_patched": check_patched, "builtins": hasattr(builtins, "planted"), "module": "planted" in sys.modules,
            "files": sorted(p for p in ("in_cwd.txt", "/tmp/in_tmp.txt", os.path.expanduser("~/in_home.txt"),
                                        "/dev/shm/in_shm") if os.path.exists(p)),
            "env": os.environ.get("PLANTED"), "np": float(np.random.rand()), "torch": float(torch.rand(1)),
            "random": random.random(), "torch_sum": float(torch.ones(64, 64).matmul(torch.ones(64)).sum()),
            "ns": [os.readlink(f"/proc/self/ns/{n}") for n in ("pid", "mnt", "user", "net", "ipc")],
            "pid": os.getpid()}
"""
# What the first draws are right after seeding with 0 (np.random.rand, torch.rand, random.random).
SEEDED = {"np": 0.5488135039273248, "torch": 0.49625658988952637, "random": 0.8444218515250481}


def _job(*student_cells: str) -> dict:
    cells = [["student", c] for c in student_cells] + [["test", "import json\nprint(json.dumps(probe()))"]]
    return {"cells": cells, "names": ["probe"], "files": {"data.txt": b"mine"}, "warm": True,
            "limits": {"call_timeout": 60, "memory_mb": 2048, "max_pids": 64}, "timeout": 120}


def _seen(result: dict) -> dict:
    assert result["warm"], "the notebook's worker started cold"
    out = result["outputs"][-1]
    assert out and out[0]["output_type"] == "stream", out
    return json.loads(out[0]["text"])


def test_nothing_passes_from_one_student_to_the_next(zygote):
    """Module state, files, environment and random seeds of one notebook are gone for the next two."""
    first = _seen(run_job(_job(ATTACK, PROBE)))
    # The control: the first notebook does see its own changes.
    assert first["np_mean"] == 42.0 and first["course"] and first["check_patched"] and first["builtins"]
    assert first["module"] and first["env"] == "first student" and len(first["files"]) == 4, first
    assert {k: first[k] for k in SEEDED} == pytest.approx(SEEDED)
    later = [_seen(run_job(_job(PROBE))) for _ in range(2)]
    for seen in later:
        assert seen["np_mean"] == 1.5 and not seen["course"] and not seen["check_patched"], seen
        assert not seen["builtins"] and not seen["module"] and seen["files"] == [] and seen["env"] is None, seen
        assert all(seen[k] != pytest.approx(v) for k, v in SEEDED.items()), "a seed of the first student stuck"
        assert seen["torch_sum"] == 64 * 64 and seen["pid"] == 1  # PyTorch works after the fork; PID 1 of its own
        ours = [os.readlink(f"/proc/self/ns/{n}") for n in ("pid", "mnt", "user", "net", "ipc")]
        assert not set(seen["ns"]) & set(ours), "a namespace shared with the grader"
    # Fresh seeds for every worker, not one stream shared by all forks of the zygote.
    assert all(later[0][k] != later[1][k] for k in SEEDED), later
    assert warm.wait_ready(zygote)["threads"] == 1


def test_killing_a_warm_worker_ends_everything_it_started(tmp_path):
    """A worker's children, even one that left its session, die with it, and its cgroups are emptied."""
    with Sandbox(tmp_path, Limits(call_timeout=30, memory_mb=1024, max_pids=32, tmp_mb=32)) as s:
        ok, outs = s.run_cell("import os, subprocess\nsubprocess.Popen(['sleep', '300'], start_new_session=True)\n"
                              "if os.fork() == 0:\n    os.setsid()\n    import time\n    time.sleep(300)\n")
        assert ok, outs
        pids = [int(p) for c in s.cgroups for p in (c / "cgroup.procs").read_text().split()]
        assert len(set(pids)) >= 3 or not s.cgroups, pids
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    assert not [p for p in pids if _alive(p)], "processes of a killed worker are still running"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_plain_workers_are_warm_too(tmp_path):
    """Without the sandbox (--no-sandbox) workers fork from a zygote as well, and still start clean."""
    with warm.warm(sandboxed=False) as z:
        first = _seen(run_job(dict(_job(ATTACK.replace("/tmp/", "./").replace("/dev/shm/", "./"), PROBE),
                                   sandboxed=False)))
        second = _seen(run_job(dict(_job(PROBE), sandboxed=False)))
        assert z.spawned == 2 and z.broken is None, z.broken
    assert first["np_mean"] == 42.0 and second["np_mean"] == 1.5 and not second["course"], second
    assert second["env"] is None and not second["builtins"] and second["files"] == [], second
    assert all(second[k] != pytest.approx(v) for k, v in SEEDED.items())
    assert os.environ.get("PLANTED") is None and signal.getsignal(signal.SIGCHLD) != signal.SIG_IGN
