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


def device():
    """The ``torch.device`` the chapters train on.

    ``DLCOURSE_DEVICE`` (``cpu``, ``cuda``, ``cuda:1``...) overrides the choice; asking
    for CUDA where there is none is an error that says so, rather than a silent CPU run
    that a GPU benchmark would then report as a GPU figure.
    """
    import torch

    wanted = os.environ.get(ENV, "").strip().lower()
    if wanted:
        dev = torch.device(wanted)
        if dev.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"{ENV}={wanted} but PyTorch sees no CUDA device; unset it to train on the CPU")
        return dev
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def on_gpu() -> bool:
    """True when the chapters train on a GPU."""
    return device().type == "cuda"


def to_numpy(t):
    """A tensor (on any device, with or without a graph) as a NumPy array on the CPU."""
    return t.detach().cpu().numpy()


def describe() -> str:
    """One line for a notebook to print: where this run trains."""
    import torch

    dev = device()
    if dev.type == "cuda":
        return f"training on {torch.cuda.get_device_name(dev)} (CUDA)"
    return f"training on the CPU ({torch.get_num_threads()} threads)"
