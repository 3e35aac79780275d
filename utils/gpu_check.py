"""Every chapter's reference run on the CPU and on the GPU, side by side.

For each chapter the *source* notebook (reference solutions and all tests, hidden ones
included) runs top to bottom in a fresh kernel, once with ``DLCOURSE_DEVICE=cpu`` and,
when PyTorch here sees a CUDA device, once with ``DLCOURSE_DEVICE=cuda`` (see
:mod:`course.device`).  The table says how long each side took, their ratio, and whether
every cell passed both ways: the tests compare on the CPU, so a chapter whose demos or
references train on the GPU must still pass them.  Without CUDA only the CPU side runs,
and the report says so.

    python -m utils.gpu_check [--chapters 02_neural_networks,05]
    make gpu-check [CHAPTERS=02_neural_networks,05]

The seconds are the cells' own: starting the kernel, importing PyTorch and initialising
CUDA happen before the clock starts (once per kernel, not per chapter's work).  A cell
fails on an error only: as under ``dlcourse grade``, what it writes to stderr (a warning) is
just printed text.
Exit status: 0 every cell passed, 1 some cell failed, 2 bad usage.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course.device import ENV

from .kernel import Kernel
from .paths import find_root, resolve_chapters


@dataclass
class Side:
    """One chapter run on one device."""
    device: str
    seconds: float = 0.0
    cells: int = 0
    failed: list[str] = field(default_factory=list)  # "cell 12 (grade_id): Name: message"
    where: str = ""  # course.device.describe() as the kernel saw it

    @property
    def ok(self) -> bool:
        return not self.failed


def cuda_status() -> tuple[bool, str]:
    """Whether PyTorch in this environment sees a CUDA device, and a line that says what it sees."""
    import torch

    if torch.cuda.is_available():
        return True, f"CUDA: {torch.cuda.get_device_name(0)} (torch {torch.__version__}, CUDA {torch.version.cuda})"
    build = (f"built for CUDA {torch.version.cuda}" if torch.version.cuda
             else "a CPU-only build: the GPU side needs PyTorch's CUDA build")
    return False, (f"no CUDA device: PyTorch {torch.__version__} ({build}) sees no GPU here, "
                   "so only the CPU side runs (GPU columns stay empty)")


@contextlib.contextmanager
def _device_env(value: str):
    """DLCOURSE_DEVICE=value for the kernels started inside (a kernel copies os.environ when it starts)."""
    old = os.environ.get(ENV)
    os.environ[ENV] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = old


def run_notebook(path: Path, device: str, cell_timeout: float = 600) -> Side:
    """Execute every code cell of ``path`` in a fresh kernel told to train on ``device`` (cpu or cuda)."""
    side = Side(device)
    nb = nbformat.read(path, as_version=4)
    with _device_env(device):
        kernel = Kernel(path.parent)
    try:
        # Imports torch (and initialises CUDA) before the clock starts; fails at once if the device is unusable.
        probe = kernel.run("from course.device import describe\nprint(describe())", timeout=120)
        if not probe.ok:
            side.failed.append(f"the kernel cannot train on {device}: {probe.error}")
            return side
        side.where = probe.stdout.strip()
        start = time.perf_counter()
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            meta = cell.get("metadata", {}).get("nbgrader", {})
            res = kernel.run(cell.source, timeout=cell_timeout, stderr_fails=False)
            side.cells += 1
            if not res.ok:
                where = f"cell {i}" + (f" ({meta['grade_id']})" if meta.get("grade_id") else "")
                side.failed.append(f"{where}: {res.error}")
        side.seconds = time.perf_counter() - start
    finally:
        kernel.close()
    return side


def run_chapter(folder: Path, device: str, cell_timeout: float = 600) -> Side:
    """Every notebook of a chapter's source folder on ``device``, as one :class:`Side`."""
    from autograder.coursefile import notebooks_in

    names = notebooks_in(folder)
    total = Side(device)
    if not names:
        total.failed.append(f"no notebook in {folder}")
    for name in names:
        side = run_notebook(folder / f"{name}.ipynb", device, cell_timeout)
        total.seconds += side.seconds
        total.cells += side.cells
        total.where = total.where or side.where
        total.failed += [f"{name}.ipynb, {p}" if len(names) > 1 else p for p in side.failed]
    return total


def format_table(rows: dict[str, dict[str, Side]], gpu: bool) -> str:
    head = f"{'chapter':<20} {'cells':>5} {'CPU s':>8} {'GPU s':>8} {'CPU/GPU':>8}  passed"
    lines = [head, "-" * len(head)]
    for chapter, sides in rows.items():
        cpu, cuda = sides.get("cpu"), sides.get("cuda")
        cpu_s = f"{cpu.seconds:8.1f}"
        gpu_s = f"{cuda.seconds:8.1f}" if cuda else f"{'-':>8}"
        ratio = f"{cpu.seconds / cuda.seconds:8.2f}" if cuda and cuda.ok and cpu.ok and cuda.seconds else f"{'-':>8}"
        verdicts = [f"{s.device} FAILED ({len(s.failed)} cell(s))" for s in sides.values() if not s.ok]
        passed = ", ".join(verdicts) if verdicts else ("yes, both ways" if gpu else "yes (CPU only)")
        lines.append(f"{chapter:<20} {cpu.cells:>5} {cpu_s} {gpu_s} {ratio}  {passed}")
    lines.append("CPU/GPU above 1: the chapter ran faster on the GPU; tiny models often run slower there.")
    for chapter, sides in rows.items():
        for s in sides.values():
            for problem in s.failed[:5]:
                lines.append(f"  {chapter} on {s.device}: {problem}")
            if len(s.failed) > 5:
                lines.append(f"  {chapter} on {s.device}: ... and {len(s.failed) - 5} more cell(s)")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m utils.gpu_check",
        description="Run every chapter's source notebook with DLCOURSE_DEVICE=cpu and, when PyTorch sees CUDA, "
                    "=cuda; print the seconds of each side and whether every cell passed.")
    parser.add_argument("--chapters", action="append", default=[], metavar="CH[,CH...]",
                        help="chapters to run, comma-separated or repeated; a unique prefix such as 05 will do "
                             "(default: all)")
    parser.add_argument("--cell-timeout", type=float, default=600, metavar="S",
                        help="seconds one cell may run before it counts as failed (default 600)")
    args = parser.parse_args(argv)
    args.chapters = [c for arg in args.chapters for c in arg.split(",") if c.strip()]
    return args


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = find_root()
    try:
        chapters = resolve_chapters(root, args.chapters or None)
    except ValueError as exc:
        _say(f"gpu_check: {exc}")
        return 2
    gpu, line = cuda_status()
    print(line, flush=True)
    devices = ["cpu", "cuda"] if gpu else ["cpu"]
    rows: dict[str, dict[str, Side]] = {}
    for chapter in chapters:
        rows[chapter] = {}
        for device in devices:
            _say(f"{chapter} on {device} ...")
            side = rows[chapter][device] = run_chapter(root / "source" / chapter, device, args.cell_timeout)
            _say(f"{chapter} on {device}: {side.where or 'no kernel'}; {side.seconds:.1f} s, {side.cells} cells, "
                 + ("all passed" if side.ok else f"{len(side.failed)} failed"))
    print(format_table(rows, gpu))
    return 0 if all(s.ok for sides in rows.values() for s in sides.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
