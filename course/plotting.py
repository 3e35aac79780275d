"""Figures the chapters draw again and again.

Each function draws on an ``ax`` it is given (or a new one) and returns it, so
notebooks and widgets can compose them.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

__all__ = ["new_axes", "scatter_classes", "decision_boundary", "training_curves", "image_grid"]

CLASS_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def new_axes(ax=None, figsize=(5, 4)):
    """Return ``ax`` or a fresh one on a new figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def scatter_classes(X: np.ndarray, y: np.ndarray, ax=None, marker: str = "o", s: float = 18, label_prefix: str = "class "):
    """Scatter 2-D points coloured by integer label."""
    ax = new_axes(ax)
    X, y = np.asarray(X), np.asarray(y)
    for k in np.unique(y):
        m = y == k
        ax.scatter(X[m, 0], X[m, 1], s=s, marker=marker, color=CLASS_COLOURS[int(k) % 10],
                   edgecolor="k", linewidth=0.3, label=f"{label_prefix}{k}")
    return ax


def decision_boundary(predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray, y: np.ndarray | None = None,
                      ax=None, resolution: int = 120, margin: float = 0.5):
    """Shade the plane by ``predict``'s label on a grid around ``X``, then scatter ``X``.

    ``predict`` maps an (M, 2) array to M integer labels.
    """
    from matplotlib.colors import ListedColormap

    ax = new_axes(ax)
    X = np.asarray(X)
    lo, hi = X.min(0) - margin, X.max(0) + margin
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    labels = np.asarray(predict(np.c_[gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, labels, levels=np.arange(11) - 0.5, cmap=ListedColormap(CLASS_COLOURS), alpha=0.25)
    if y is not None:
        scatter_classes(X, y, ax=ax)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    return ax


def training_curves(history: Mapping[str, Sequence[float]], ax=None, xlabel: str = "epoch", logy: bool = False):
    """Plot each named series of ``history`` (e.g. ``{"train loss": [...], "val loss": [...]}``)."""
    ax = new_axes(ax)
    for name, values in history.items():
        ax.plot(np.arange(1, len(values) + 1), values, label=name)
    ax.set_xlabel(xlabel)
    if logy:
        ax.set_yscale("log")
    ax.legend()
    ax.grid(alpha=0.3)
    return ax


def image_grid(images: np.ndarray, labels: Sequence | None = None, cols: int = 10, cmap: str = "gray_r", size: float = 1.0):
    """Show images of shape (N, H, W) or (N, H, W, 3) on a grid; returns the figure."""
    import matplotlib.pyplot as plt

    images = np.asarray(images)
    n = len(images)
    rows = max(1, int(np.ceil(n / cols)))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * size, rows * size * 1.1), squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < n:
            ax.imshow(images[i], cmap=cmap)
            if labels is not None:
                ax.set_title(str(labels[i]), fontsize=8)
    fig.tight_layout()
    return fig
