"""The unit of grading work that can run anywhere: one notebook's execution.

:func:`run_job` takes and returns plain data (no paths into the course), so it
runs the same in a local process pool and on a Dask worker on another machine.
A grading slot is a long-lived process: NumPy and PyTorch are imported once,
by :func:`warm_up`, not once per notebook.
"""
from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path


def warm_up() -> None:
    """Import what test cells use, once per grading process."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import numpy  # noqa: F401

    import course.testing  # noqa: F401

    try:
        import torch  # noqa: F401
    except ImportError:
        pass


_warm = [False]


def run_job(payload: dict) -> dict:
    """Execute one planned notebook; returns outputs per cell and what happened."""
    from .sandbox.client import Limits
    from .sandbox.executor import CellPlan, execute

    if not _warm[0]:
        warm_up()
        _warm[0] = True
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
        res = execute(plan, payload["names"], work, Limits(**payload["limits"]), payload["timeout"],
                      payload.get("sandboxed", True))
    return {"outputs": res.outputs, "seconds": res.seconds, "restarts": res.restarts, "notes": res.notes,
            "graded_by": f"{socket.gethostname()}:{os.getpid()}"}
