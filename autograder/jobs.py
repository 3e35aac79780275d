"""The unit of grading work that can run anywhere: one notebook's execution.

:func:`run_job` takes and returns plain data (no paths into the course), so it
runs the same in a local process pool and on a Dask worker on another machine.
A grading slot is a long-lived process: what tests import (NumPy, PyTorch) is
imported once per slot, not once per notebook.
"""
from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path


def warm_up(memory_mb: int | None = None, grader_pid: int | None = None, zygote: bool | None = None,
            preload: list[str] | None = None) -> None:
    """Import what every test cell uses, once per grading process; bound the process itself.

    PyTorch is not imported here: a slot pays for it once, the first time a
    chapter's tests need it, and chapters that never use it do not pay at all.
    With ``memory_mb`` the slot enters a memory cgroup of its own (as root), so
    that whatever a reply makes it hold costs at most this slot and its job.
    ``zygote`` (True: sandboxed, False: not) starts the slot's zygote now, so that
    its imports (``preload``: what the assignments import) overlap the grader's set-up;
    jobs that ask for warm workers fork theirs from it (:mod:`autograder.sandbox.warm`).
    """
    _warm[0] = True
    os.environ.setdefault("MPLBACKEND", "Agg")
    _die_with_grader(grader_pid)
    if memory_mb:
        from .sandbox.client import enter_memory_cgroup

        enter_memory_cgroup(f"dlgrader-slot-{os.getpid()}", memory_mb)
    import numpy  # noqa: F401

    import course.testing  # noqa: F401

    if zygote is not None:
        from .sandbox.warm import slot_zygote

        slot_zygote(zygote, preload)


def _die_with_grader(grader_pid: int | None) -> None:
    """End this slot the moment the grader that started it ends, even by SIGKILL.

    A slot's parent is the pool's fork server, which itself waits for its slots
    before it exits, so neither notices a killed grader by itself: a thread here
    waits on a pidfd of the grader and kills the slot when it goes.  The slot's
    sandboxes die with it (bubblewrap's --die-with-parent), then the fork server
    and the resource tracker see their last peer gone and exit too.
    """
    import select
    import signal
    import threading

    if not grader_pid or not hasattr(os, "pidfd_open"):
        return
    try:
        fd = os.pidfd_open(grader_pid)
    except OSError:  # already gone
        os.kill(os.getpid(), signal.SIGKILL)
        return

    def watch():
        select.select([fd], [], [])
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="die-with-grader", daemon=True).start()


_warm = [False]


class _GlobalState:
    """What instructor cells on the grader's side commonly change for the whole process.

    A grading slot runs many notebooks one after another; a chapter that sets, say,
    torch's default dtype to float64 must not change the next chapter's tests.
    """

    def __init__(self):
        import warnings

        import numpy as np

        self.cwd = os.getcwd()
        self.environ = dict(os.environ)
        self.np_err = np.geterr()
        self.np_print = np.get_printoptions()
        self.np_random = np.random.get_state()
        self.warnings = list(warnings.filters)
        self.torch = None
        try:
            import torch

            self.torch = (torch.get_default_dtype(), torch.get_num_threads(), torch.random.get_rng_state())
        except ImportError:
            pass
        self.blas = None
        try:
            from threadpoolctl import threadpool_info

            self.blas = {i["user_api"]: i["num_threads"] for i in threadpool_info()}
        except ImportError:
            pass
        import matplotlib

        self.rc = matplotlib.rcParams.copy()

    def restore(self) -> None:
        import warnings

        import matplotlib
        import numpy as np

        os.chdir(self.cwd)
        os.environ.clear()
        os.environ.update(self.environ)
        np.seterr(**self.np_err)
        np.set_printoptions(**self.np_print)
        np.random.set_state(self.np_random)
        warnings.filters[:] = self.warnings
        if self.torch is not None:
            import torch

            torch.set_default_dtype(self.torch[0])
            torch.set_num_threads(self.torch[1])
            torch.random.set_rng_state(self.torch[2])
        if self.blas:
            from threadpoolctl import threadpool_limits

            threadpool_limits(limits=self.blas)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rcParams.update(self.rc)


def run_job(payload: dict) -> dict:
    """Execute one planned notebook; returns outputs per cell and what happened."""
    from .sandbox.client import Limits
    from .sandbox.executor import CellPlan, execute
    from .sandbox.warm import current_zygote, slot_zygote

    if not _warm[0]:
        warm_up()
    if payload.get("warm"):  # this process's zygote (started now if need be) forks the job's workers
        slot_zygote(payload.get("sandboxed", True), payload.get("preload"))
    zygote = current_zygote(payload.get("sandboxed", True))
    forked = zygote.spawned if zygote else 0
    with tempfile.TemporaryDirectory(prefix="dlgrader-job-") as tmp:
        work = Path(tmp) / "submission"
        work.mkdir()
        os.chmod(tmp, 0o755)
        os.chmod(work, 0o755)
        for rel, data in payload.get("files", {}).items():
            dest = (work / rel).resolve()
            if work.resolve() not in dest.parents:
                continue  # a file name that escapes the folder
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
            os.chmod(dest, 0o644)
        plan = [CellPlan(role, src) for role, src in payload["cells"]]
        state = _GlobalState()
        try:
            res = execute(plan, payload["names"], work, Limits(**payload["limits"]), payload["timeout"],
                          payload.get("sandboxed", True), payload.get("diagnosis"),
                          payload.get("demos") == "verify")
        finally:
            state.restore()
    return {"outputs": res.outputs, "seconds": res.seconds, "restarts": res.restarts, "notes": res.notes,
            "diagnoses": res.diagnoses, "graded_by": f"{socket.gethostname()}:{os.getpid()}",
            # whether its workers were forked from the slot's zygote (else started cold)
            "warm": bool(zygote and zygote.spawned > forked and not zygote.broken)}
