"""In the student's own kernel: a visible test that fails says which known slip it matches.

The grader replays the catalogue of wrong implementations itself (``autograder.diagnose``);
a student's kernel has no catalogue -- its wrong implementations are one line away from
the solutions.  It has, in ``course/diagnoses/<chapter>.json``, for each visible test cell:
the calls that test makes (found again by a digest of their arguments) and, per catalogued
slip, a *sketch* of what that slip returns there (:func:`course.diagnosis.sketch`) and
whether that differs from the reference.  Nothing about the reference's own result is
shipped, and questions (answer variables) are left to the grader: a sketch of a single
answer could be searched.

:func:`install` (called when ``course.testing`` is imported in IPython) watches only the
cells whose source is one of those visible tests: it records their calls, and when such a
cell fails it adds the diagnosis to the error as a note, which the traceback shows last.
``python -m utils.lab_diagnoses`` writes the tables; a test keeps them current.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import diagnosis as dg

TABLES = Path(__file__).with_name("diagnoses")
_state: dict = {"table": None, "active": None}


def cell_hash(source: str) -> str:
    """The key of a visible test cell: its source, blind to trailing spaces and blank lines around it."""
    text = "\n".join(line.rstrip() for line in source.strip().splitlines())
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def table() -> dict:
    if _state["table"] is None:
        found = {}
        for path in sorted(TABLES.glob("*.json")):
            try:
                found.update(json.loads(path.read_text(encoding="utf-8"))["cells"])
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a damaged table costs its diagnoses, never the notebook
        _state["table"] = found
    return _state["table"]


def install(ip=None) -> bool:
    """Watch visible test cells in this IPython kernel; False outside IPython."""
    if ip is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        ip = get_ipython()
    if ip is None or not hasattr(ip, "events"):
        return False
    if getattr(ip, "_dlcourse_diagnosis", False):
        return True
    ip.events.register("pre_run_cell", lambda info: _begin(ip, info))
    ip.events.register("post_run_cell", lambda result: _end(ip))
    ip._dlcourse_diagnosis = True
    return True


def _begin(ip, info) -> None:
    try:
        entry = table().get(cell_hash(getattr(info, "raw_cell", "") or ""))
    except Exception:  # noqa: BLE001 -- diagnosis must never stand in a student's way
        return
    if not entry:
        return
    rec = dg.Recorder()
    wrapped, undo = dg.watch(rec, entry["names"], ip.user_ns)
    _state["active"] = (entry, rec, wrapped, undo)
    ip.set_custom_exc((Exception,), _handler)


def _end(ip) -> None:
    active, _state["active"] = _state["active"], None
    if active is None:
        return
    ip.set_custom_exc((), None)
    dg.unwatch(active[2], active[3], ip.user_ns)


def explain(entry: dict, calls: list) -> list[dg.Finding]:
    """The slips of ``entry`` that behave like the recorded ``calls`` on every call they share."""
    mine = {dg.call_key(c.name, c.args, c.kwargs, c.ctx): dg.sketch(c.outcome) for c in calls}
    found = []
    for variant, sentence in entry["sentences"].items():
        shared = [(mine[c["key"]], c["variants"][variant]) for c in entry["calls"]
                  if c["key"] in mine and variant in c["variants"]]
        for exact in (False, True):
            verdicts = [dg.same_sketch(s, v["sketch"], exact) for s, v in shared]
            evidence = any(r is True and v["differs_exact" if exact else "differs"]
                           for r, (_, v) in zip(verdicts, shared))
            if False not in verdicts and evidence:
                found.append(dg.Finding(variant, sentence))
                break
    return found


def _handler(shell, etype, value, tb, tb_offset=None):
    active = _state["active"]
    try:
        if active is not None:
            text = dg.message(explain(active[0], active[1].calls))
            if text and hasattr(value, "add_note"):
                value.add_note("\n" + text)
    except Exception:  # noqa: BLE001 -- the test's own error is what matters; show it unchanged
        pass
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
