"""Where the chapters train: a GPU when PyTorch sees one, the CPU otherwise.

One helper so that every chapter decides the same way, and so that a maintainer can
force either side without editing a notebook (``DLCOURSE_DEVICE=cpu`` or ``=cuda``;
``make gpu-check`` runs every chapter both ways).  Nothing here is ever required:
on a laptop without CUDA every notebook runs on the CPU exactly as before.

The tests always compare on the CPU in float64, so results never depend on where a
demo trained; :func:`to_numpy` brings a tensor back from wherever it lives.
"""
from __future__ import annotations

import os

ENV = "DLCOURSE_DEVICE"

__all__ = ["ENV", "device", "on_gpu", "to_numpy", "describe"]


def _forced() -> str:
    return os.environ.get(ENV, "").strip().lower()


def device():
    """The ``torch.device`` the chapters train on.

    ``DLCOURSE_DEVICE`` (``cpu``, ``cuda``, ``cuda:1``...) overrides the choice; asking
    for CUDA where there is none is an error that says so, rather than a silent CPU run
    that a GPU benchmark would then report as a GPU figure.
    """
    import torch

    wanted = _forced()
    if not wanted:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(wanted)
    except RuntimeError:  # torch's own message lists a dozen backends the course never uses
        dev = None
    if dev is None or dev.type not in ("cpu", "cuda"):
        raise ValueError(f"{ENV}={wanted!r} is not a device the course trains on: set it to cpu or cuda "
                         "(cuda:N for another GPU), or unset it to use a GPU when there is one")
    if dev.type == "cuda":
        if not torch.cuda.is_available():
            build = f"CUDA {torch.version.cuda}" if torch.version.cuda else "no CUDA support (a CPU-only build)"
            raise RuntimeError(f"{ENV}={wanted} but PyTorch sees no CUDA device (torch {torch.__version__}, "
                               f"{build}); unset it to train on the CPU")
        if dev.index is not None and dev.index >= torch.cuda.device_count():
            raise RuntimeError(f"{ENV}={wanted} but PyTorch sees only {torch.cuda.device_count()} GPU(s), "
                               f"numbered from 0")
    return dev


def on_gpu() -> bool:
    """True when the chapters train on a GPU."""
    return device().type == "cuda"


def to_numpy(t):
    """A tensor (on any device, with or without a graph) as a NumPy array on the CPU."""
    return t.detach().cpu().numpy()


def describe() -> str:
    """One line for a notebook to print: where this run trains, and whether ``DLCOURSE_DEVICE`` chose it."""
    import torch

    dev = device()
    how = f" ({ENV}={_forced()})" if _forced() else ""
    if dev.type == "cuda":
        return f"training on {torch.cuda.get_device_name(dev)} (CUDA){how}"
    return f"training on the CPU, {torch.get_num_threads()} thread(s){how}"
