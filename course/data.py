"""Offline data: small data sets that ship with installed packages, and synthetic ones.

Nothing here touches the network.  Every function takes a ``seed`` so that a
figure or a test sees the same data on every run.  Splits come back as a
:class:`Split` with ``train``, ``val`` and ``test`` pairs ``(X, y)``.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = [
    "Split",
    "split",
    "load_digits",
    "load_iris",
    "load_sample_image",
    "make_blobs",
    "make_moons",
    "make_spirals",
    "make_regression_curve",
]


class Split(NamedTuple):
    """Train, validation and test parts, each a pair ``(X, y)``."""

    train: tuple[np.ndarray, np.ndarray]
    val: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]


def split(X: np.ndarray, y: np.ndarray, val: float = 0.15, test: float = 0.15, seed: int = 0) -> Split:
    """Shuffle ``(X, y)`` with ``seed`` and cut it into train / val / test parts.

    ``val`` and ``test`` are fractions of the whole set; the rest is training data.
    Raises ValueError when the fractions leave no training data or when X and y
    have different lengths.
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)}")
    if not (0 <= val < 1 and 0 <= test < 1 and val + test < 1):
        raise ValueError(f"val={val} and test={test} must be fractions that leave some training data")
    n = len(X)
    order = np.random.default_rng(seed).permutation(n)
    n_test, n_val = int(round(test * n)), int(round(val * n))
    te, va, tr = order[:n_test], order[n_test:n_test + n_val], order[n_test + n_val:]
    return Split((X[tr], y[tr]), (X[va], y[va]), (X[te], y[te]))


def load_digits(val: float = 0.15, test: float = 0.15, seed: int = 0, flat: bool = True) -> Split:
    """scikit-learn's 1,797 handwritten digits (8x8, grey levels 0..16), split.

    ``X`` is float64 of shape (N, 64) when ``flat`` else (N, 8, 8); ``y`` is int64 in 0..9.
    """
    from sklearn.datasets import load_digits as _load

    d = _load()
    X = d.images.astype(np.float64)
    X = X.reshape(len(X), -1) if flat else X
    return split(X, d.target.astype(np.int64), val, test, seed)


def load_iris(val: float = 0.2, test: float = 0.2, seed: int = 0) -> Split:
    """scikit-learn's 150 iris flowers: 4 float64 features, 3 classes (int64)."""
    from sklearn.datasets import load_iris as _load

    d = _load()
    return split(d.data.astype(np.float64), d.target.astype(np.int64), val, test, seed)


def load_sample_image(name: str = "china.jpg", grey: bool = False, scale: int = 1) -> np.ndarray:
    """One of scikit-learn's bundled photos (``"china.jpg"`` or ``"flower.jpg"``).

    Returns float64 values in [0, 1], shape (H, W, 3), or (H, W) when ``grey``.
    ``scale`` > 1 keeps every ``scale``-th pixel, for fast demos.
    """
    from sklearn.datasets import load_sample_image as _load

    img = _load(name).astype(np.float64)[::scale, ::scale] / 255.0
    if grey:
        img = img @ np.array([0.299, 0.587, 0.114])
    return img


def make_blobs(n: int = 300, centers: int = 3, std: float = 1.0, dim: int = 2, seed: int = 0, spread: float = 5.0):
    """Gaussian blobs: ``n`` points around ``centers`` random centres.

    Returns ``X`` float64 (n, dim) and ``y`` int64 (n,) giving each point's blob.
    """
    rng = np.random.default_rng(seed)
    mu = rng.uniform(-spread, spread, size=(centers, dim))
    y = np.arange(n) % centers
    rng.shuffle(y)
    X = mu[y] + std * rng.standard_normal((n, dim))
    return X, y.astype(np.int64)


def make_moons(n: int = 300, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    X = np.where(y[:, None] == 0,
                 np.c_[np.cos(t), np.sin(t)],
                 np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    return X + noise * rng.standard_normal((n, 2)), y.astype(np.int64)


def make_spirals(n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0):
    """``classes`` interleaved spiral arms in the plane: not linearly separable."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    theta = y * 2 * np.pi / classes + 4 * r + noise * rng.standard_normal(n)
    return np.c_[r * np.sin(theta), r * np.cos(theta)], y.astype(np.int64)


def make_regression_curve(n: int = 50, noise: float = 0.1, seed: int = 0, kind: str = "sin"):
    """Noisy samples of a 1-D curve on [0, 1]: ``"sin"`` (one period) or ``"line"``.

    Returns ``x`` float64 (n, 1) sorted, and ``y`` float64 (n,).
    """
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0, 1, n))
    clean = {"sin": np.sin(2 * np.pi * x), "line": 2 * x - 0.5}
    if kind not in clean:
        raise ValueError(f"kind must be one of {sorted(clean)}, got {kind!r}")
    return x[:, None], clean[kind] + noise * rng.standard_normal(n)
