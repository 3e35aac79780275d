"""Print how many wrong and correct variants the catalogue holds, per chapter and per exercise.

    python -m tests.catalogue          # one line per chapter
    python -m tests.catalogue -v       # and one per exercise
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

from . import __name__ as package, __path__ as path


def main(argv: list[str]) -> int:
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
