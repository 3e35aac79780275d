"""Pairs of students whose answers to one exercise are alike beyond chance, for the instructor's report.

Each code answer is fingerprinted by copydetect (winnowing, the method of MOSS) after
its tokenizer has replaced every name by one letter, so renaming variables, reformatting
and rewriting comments change nothing.  The release's stub of the cell (signature,
docstring, ``raise NotImplementedError``) is copydetect's boilerplate: it never counts as
shared.  A passage that more than ``COMMON`` students wrote is the natural way to answer,
not evidence (MOSS's ``-m``), and is treated as boilerplate too.  Answers equal to the
stub (unanswered) are skipped.  The pairs whose shared code reaches the threshold are kept
in ``OUT/.dlgrader/similarity/<assignment>.json``; :func:`autograder.report.write_report`
lists them.  Nothing here reaches a student: the instructor decides.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

#: Shared runs shorter than this many characters of tokenized code are noise (the k of the k-grams):
#: about one statement, since names become one letter and blanks go.  MOSS's and copydetect's
#: 25 suits whole files; exercise cells of 10 to 40 lines need a finer grain.
NOISE = 20
#: Every k-gram is kept (guarantee threshold = noise threshold): answers are short, so the
#: winnowing that makes large corpora cheap would only blur the share of shared code.
WINDOW = 1
#: A passage found in the answers of more students than this is the natural solution (MOSS's -m default).
COMMON = 10
#: Default share of the shorter answer that the other answer also contains, from which a pair is listed.
THRESHOLD = 0.8
MAX_CHARS = 20_000  # of one answer, ten times a long exercise; the rest is cut (the tokenizer is the cost)
MAX_PAIRS = 100  # listed per exercise; the rest are counted
STATE = Path(".dlgrader") / "similarity"


@dataclass
class Answer:
    student: str
    code: str
    tokens: tuple = ()
    fingerprint: object = None


def check_threshold(value: float) -> float:
    """``value`` if it is a usable threshold, else a ValueError that says what to give."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1:
        raise ValueError(f"the similarity threshold must be a share above 0 and at most 1, such as 0.8, not {value!r}")
    return float(value)


def _tokens(code: str) -> tuple:
    """copydetect's tokenized form of ``code`` (names one letter, no blanks or comments) and its offsets."""
    from copydetect.utils import filter_code

    return filter_code(code, "answer.py", "python")


def _fingerprint(code: str, tokens, boilerplate):
    """copydetect's fingerprint of an answer tokenized once, whatever boilerplate it is taken against.

    ``CodeFingerprint`` would tokenize the code again for each boilerplate, and tokenizing
    is most of the cost; the rest is its own constructor's steps, with copydetect's functions.
    """
    from copydetect import CodeFingerprint
    from copydetect.utils import get_document_fingerprints, get_token_coverage

    fp = CodeFingerprint.__new__(CodeFingerprint)
    fp.filename, fp.raw_code, fp.k = "answer.py", code, NOISE
    fp.filtered_code, fp.offsets = tokens
    fp.hashes, fp.hash_idx = get_document_fingerprints(fp.filtered_code, NOISE, WINDOW, boilerplate)
    fp.token_coverage = get_token_coverage(fp.hash_idx, NOISE, len(fp.filtered_code))
    return fp


def _boilerplate(hashes):
    import numpy as np

    return np.unique(np.fromiter(hashes, dtype=np.int64, count=len(hashes)))


def exercise_pairs(stub: str, answers: dict[str, str], threshold: float = THRESHOLD) -> tuple[list[dict], int]:
    """The pairs of students whose answers to one exercise reach ``threshold``, most alike first.

    ``stub`` is the release's cell, ``answers`` student -> the source of their cell.  Returns
    the pairs (each with both codes and the shared slices of each, as copydetect gives them)
    and the number of answers compared (answered, and long enough to hold a fingerprint).
    """
    from copydetect import compare_files

    threshold = check_threshold(threshold)
    stub_hashes = _fingerprint(stub, _tokens(stub), None).hashes
    base = _boilerplate(stub_hashes)
    todo = [Answer(s, c[:MAX_CHARS].replace("\x00", "")) for s, c in sorted(answers.items())
            if c.strip() != stub.strip()]
    tokens: dict[str, tuple] = {}  # identical answers are tokenized once
    for a in todo:
        if a.code not in tokens:
            tokens[a.code] = _tokens(a.code)
        a.tokens = tokens[a.code]
        a.fingerprint = _fingerprint(a.code, a.tokens, base)
    seen: dict[int, int] = {}
    for a in todo:
        for h in a.fingerprint.hashes:
            seen[h] = seen.get(h, 0) + 1
    common = {h for h, n in seen.items() if n > COMMON}
    if common:
        every = _boilerplate(set(stub_hashes) | common)
        for a in todo:
            if not common.isdisjoint(a.fingerprint.hashes):
                a.fingerprint = _fingerprint(a.code, a.tokens, every)
    todo = [a for a in todo if a.fingerprint.hashes]
    pairs = []
    for i, a in enumerate(todo):
        for b in todo[i + 1:]:
            if a.fingerprint.hashes.isdisjoint(b.fingerprint.hashes):
                continue
            _, shares, (slices_a, slices_b) = compare_files(a.fingerprint, b.fingerprint)
            share = float(max(shares))  # for two answers of different length: the share of the shorter one
            if share >= threshold:
                pairs.append({"a": a.student, "b": b.student, "similarity": round(share, 3),
                              "code_a": a.code, "code_b": b.code,
                              "slices_a": [[int(x) for x in row] for row in slices_a],
                              "slices_b": [[int(x) for x in row] for row in slices_b]})
    pairs.sort(key=lambda p: (-p["similarity"], p["a"], p["b"]))
    return pairs, len(todo)


def highlight(code: str, slices: list[list[int]]) -> str:
    """``code`` as HTML, every character escaped, the shared passages in ``<mark>``."""
    import html

    import numpy as np
    from copydetect.utils import highlight_overlap

    arr = np.array(slices, dtype=int).reshape(2, -1)
    if not arr.size:
        return html.escape(code)
    marked, _ = highlight_overlap(code, arr, "<mark>", "</mark>", escape_html=True)
    return marked


def answers_of(out: Path, chapter: str, skip: set[str] = frozenset()) -> tuple[list, dict]:
    """The code exercises of an assignment in notebook order, as ``(notebook, grade_id, stub)``, and
    ``{(notebook, grade_id): {student: source}}`` from the copies the grader made in ``OUT/submitted``
    (but those of the students in ``skip``)."""
    from .coursedir import GradingError, read_notebook
    from .coursefile import notebooks_in

    exercises, answers = [], {}
    for name in notebooks_in(out / "release" / chapter):
        for cell in read_notebook(out / "release" / chapter / f"{name}.ipynb").cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("solution") and meta.get("grade_id"):
                exercises.append((name, meta["grade_id"], cell.source))
                answers[(name, meta["grade_id"])] = {}
    folder = out / "submitted"
    for student in sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []:
        if student in skip:
            continue
        for name in sorted({n for n, _, _ in exercises}):
            path = folder / student / chapter / f"{name}.ipynb"
            if not path.is_file():
                continue
            try:
                nb = read_notebook(path)
            except GradingError:
                continue
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                key = (name, meta.get("grade_id"))
                if cell.get("cell_type") == "code" and key in answers and isinstance(cell.get("source"), str):
                    answers[key].setdefault(student, cell.source)
    return exercises, answers


def check(out: Path, chapters: list[str], threshold: float = THRESHOLD, say=lambda msg: None) -> dict:
    """Compare the answers of every assignment in ``chapters``; keep the pairs for the report.

    Every copy in OUT/submitted is compared, but those whose row in grades.csv is an error
    or missing (a copy left by an earlier run).  Returns assignment -> ``(pairs found,
    answers compared, seconds)``.
    """
    from .report import ungraded

    threshold = check_threshold(threshold)
    skip = ungraded(out)
    done = {}
    for ch in chapters:
        if not (out / "release" / ch).is_dir():
            continue
        t0 = time.perf_counter()
        exercises, answers = answers_of(out, ch, {s for s, a in skip if a == ch})
        found, compared = [], 0
        for name, gid, stub in exercises:
            pairs, n = exercise_pairs(stub, answers[(name, gid)], threshold)
            compared += n
            found.append({"notebook": name, "exercise": gid, "answers": n, "pairs": pairs[:MAX_PAIRS],
                          "more": max(0, len(pairs) - MAX_PAIRS)})
        seconds = time.perf_counter() - t0
        _write(out / STATE / f"{ch}.json", {"threshold": threshold, "noise": NOISE, "common": COMMON,
                                             "seconds": round(seconds, 3), "exercises": found})
        done[ch] = (sum(len(e["pairs"]) + e["more"] for e in found), compared, seconds)
        say(f"{ch}: compared {compared} answers in {seconds:.1f} s; {done[ch][0]} pairs of similar answers are "
            "listed in report.html, for you to judge")
    return done


def load(out: Path, chapter: str) -> dict | None:
    """What :func:`check` kept for ``chapter``, or None."""
    try:
        return json.loads((out / STATE / f"{chapter}.json").read_text())
    except (OSError, ValueError):
        return None


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
