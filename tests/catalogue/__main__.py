"""Print how many wrong and correct variants the catalogue holds, per chapter and per exercise.

    python -m tests.catalogue          # one line per chapter
    python -m tests.catalogue -v       # and one per exercise
    python -m tests.catalogue --diagnoses LOG   # the share of wrong variants named, from a test run's log

The log is what ``DLCOURSE_DIAGNOSIS_LOG=LOG pytest tests/test_catalogue.py -k wrong_implementation``
writes: one line per wrong variant with the diagnosis its failed test got.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

from . import __name__ as package, __path__ as path


def diagnosis_shares(log: str, verbose: bool = False) -> None:
    """Per chapter: variants named alone, named among several that behave alike, not named and why."""
    import collections
    import json

    rows = [json.loads(line) for line in open(log, encoding="utf-8") if line.strip()]
    table = collections.defaultdict(collections.Counter)
    for r in rows:
        found, name, c = r.get("found", []), r["variant"], table[r["chapter"]]
        c["variants"] += 1
        if name in found:
            c["named" if len(found) == 1 else "tied"] += 1
        elif found:
            c["misnamed"] += 1
        elif name in r.get("differs", []) and name not in r.get("consistent", []):
            c["not reproducible"] += 1  # random on every run: no replay can match it
        else:
            c["indistinguishable"] += 1  # behaves like the reference on every call the failed test made
        if verbose and name not in found:
            print(f"  {r['chapter']} {r['exercise']}:{name} -> {found or 'nothing'}")
    print(f"{'chapter':20s} {'variants':>8s} {'named':>6s} {'tied':>5s} {'share':>6s} {'misnamed':>8s} "
          f"{'indist.':>7s} {'random':>6s}")
    total = collections.Counter()
    for ch in sorted(table):
        c = table[ch]
        total.update(c)
        print(f"{ch:20s} {c['variants']:8d} {c['named']:6d} {c['tied']:5d} "
              f"{(c['named'] + c['tied']) / c['variants']:6.1%} {c['misnamed']:8d} {c['indistinguishable']:7d} "
              f"{c['not reproducible']:6d}")
    if total["variants"]:
        print(f"{'all':20s} {total['variants']:8d} {total['named']:6d} {total['tied']:5d} "
              f"{(total['named'] + total['tied']) / total['variants']:6.1%} {total['misnamed']:8d} "
              f"{total['indistinguishable']:7d} {total['not reproducible']:6d}")


def main(argv: list[str]) -> int:
    if "--diagnoses" in argv:
        diagnosis_shares(argv[argv.index("--diagnoses") + 1], "-v" in argv)
        return 0
    verbose = "-v" in argv
    total_w = total_c = 0
    for info in pkgutil.iter_modules(path):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        slugs = sorted(set(mod.WRONG) | set(mod.CORRECT))
        w = sum(len(v) for v in mod.WRONG.values())
        c = sum(len(v) for v in mod.CORRECT.values())
        low_w = min((len(mod.WRONG.get(s, {})) for s in slugs), default=0)
        low_c = min((len(mod.CORRECT.get(s, {})) for s in slugs), default=0)
        print(f"{mod.CHAPTER:20s} {len(slugs):3d} exercises {w:4d} wrong {c:4d} correct "
              f"(fewest per exercise: {low_w} wrong, {low_c} correct)")
        if verbose:
            for s in slugs:
                print(f"    {s:30s} {len(mod.WRONG.get(s, {})):3d} wrong {len(mod.CORRECT.get(s, {})):3d} correct")
        total_w, total_c = total_w + w, total_c + c
    print(f"{'all chapters':20s} {'':13s} {total_w:4d} wrong {total_c:4d} correct")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
