"""Wrong and alternative-correct implementations for chapter 01 (machine-learning basics).

Each entry redefines the function(s) of one solution cell (or assigns one answer
variable).  The harness executes the chapter once, runs a variant in that kernel,
runs the exercise's test cells, and then restores the reference solution.
WRONG variants must fail at least one test cell; CORRECT variants must pass all.
"""

CHAPTER = "01_basics"

WRONG = {
    # ------------------------------------------------------------------ splits
    "split-indices": {
        "no-shuffle": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.arange(n)
    n_test, n_val = int(round(test_frac * n)), int(round(val_frac * n))
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "floor-sizes": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = int(test_frac * n), int(val_frac * n)
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "legacy-global-rng": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    np.random.seed(seed)
    perm = np.random.permutation(n)
    n_test, n_val = int(round(test_frac * n)), int(round(val_frac * n))
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "train-taken-first": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = int(round(test_frac * n)), int(round(val_frac * n))
    n_train = n - n_test - n_val
    if n_train <= 0:
        raise ValueError("no training data")
    return perm[:n_train], perm[n_train:n_train + n_val], perm[n_train + n_val:]
''',
        "seed-ignored": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(0).permutation(n)
    n_test, n_val = int(round(test_frac * n)), int(round(val_frac * n))
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "no-validation-of-fractions": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = int(round(test_frac * n)), int(round(val_frac * n))
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "float-indices": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n).astype(float)
    n_test, n_val = int(round(test_frac * n)), int(round(val_frac * n))
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "round-half-up": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = int(test_frac * n + 0.5), int(val_frac * n + 0.5)
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "only-checks-training-left": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0:
        raise ValueError("negative fraction")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = round(test_frac * n), round(val_frac * n)
    if n - n_test - n_val < 1:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "sum-above-one-only": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac > 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = round(test_frac * n), round(val_frac * n)
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "ceil-sizes": '''
import math


def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = math.ceil(test_frac * n), math.ceil(val_frac * n)
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "val-before-test": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = np.random.default_rng(seed).permutation(n)
    n_test, n_val = round(test_frac * n), round(val_frac * n)
    if n_test + n_val >= n:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[:n_val], perm[n_val:n_val + n_test]
''',
    },
    # ------------------------------------------------------------------ standardisation
    "standardize-splits": {
        "leak-all-data": '''
def standardize_splits(X_train, X_val, X_test):
    everything = np.concatenate([X_train, X_val, X_test])
    mu, sigma = everything.mean(axis=0), everything.std(axis=0)
    sigma = np.where(sigma == 0, 1.0, sigma)
    return tuple((X - mu) / sigma for X in (X_train, X_val, X_test))
''',
        "own-stats-per-split": '''
def standardize_splits(X_train, X_val, X_test):
    out = []
    for X in (X_train, X_val, X_test):
        mu, sigma = X.mean(axis=0), X.std(axis=0)
        out.append((X - mu) / np.where(sigma == 0, 1.0, sigma))
    return tuple(out)
''',
        "sample-std": '''
def standardize_splits(X_train, X_val, X_test):
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    sigma = np.where(sigma == 0, 1.0, sigma)
    return tuple((X - mu) / sigma for X in (X_train, X_val, X_test))
''',
        "per-sample-axis": '''
def standardize_splits(X_train, X_val, X_test):
    out = []
    for X in (X_train, X_val, X_test):
        mu, sigma = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
        out.append((X - mu) / np.where(sigma == 0, 1.0, sigma))
    return tuple(out)
''',
        "epsilon-instead-of-guard": '''
def standardize_splits(X_train, X_val, X_test):
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    return tuple((X - mu) / (sigma + 1e-8) for X in (X_train, X_val, X_test))
''',
        "modifies-inputs": '''
def standardize_splits(X_train, X_val, X_test):
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma = np.where(sigma == 0, 1.0, sigma)
    for X in (X_val, X_test, X_train):
        X -= mu
        X /= sigma
    return X_train, X_val, X_test
''',
        "centre-only": '''
def standardize_splits(X_train, X_val, X_test):
    mu = X_train.mean(axis=0)
    return tuple(X - mu for X in (X_train, X_val, X_test))
''',
        "divides-by-variance": '''
def standardize_splits(X_train, X_val, X_test):
    mu, var = X_train.mean(axis=0), X_train.var(axis=0)
    var = np.where(var == 0, 1.0, var)
    return tuple((X - mu) / var for X in (X_train, X_val, X_test))
''',
        "cs231n-style-in-place": '''
def standardize_splits(X_train, X_val, X_test):
    mean_image = np.mean(X_train, axis=0)
    std = np.std(X_train, axis=0)
    std[std == 0] = 1
    X_train -= mean_image
    X_val -= mean_image
    X_test -= mean_image
    return X_train / std, X_val / std, X_test / std
''',
        "zero-for-constant": '''
def standardize_splits(X_train, X_val, X_test):
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    return tuple(np.divide(X - mu, sigma, out=np.zeros_like(X, dtype=float), where=sigma > 0)
                 for X in (X_train, X_val, X_test))
''',
    },
    # ------------------------------------------------------------------ mini-batches
    "minibatch-indices": {
        "always-drop-last": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    return [order[s:s + batch_size] for s in range(0, n - n % batch_size, batch_size)]
''',
        "never-drop-last": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]
''',
        "off-by-one-stop": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    stop = n - batch_size if drop_last else n
    return [order[s:s + batch_size] for s in range(0, stop, batch_size)]
''',
        "shuffle-ignored": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.arange(n)
    stop = n - n % batch_size if drop_last else n
    return [order[s:s + batch_size] for s in range(0, stop, batch_size)]
''',
        "legacy-global-rng": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    if shuffle:
        np.random.seed(seed)
        order = np.random.permutation(n)
    else:
        order = np.arange(n)
    stop = n - n % batch_size if drop_last else n
    return [order[s:s + batch_size] for s in range(0, stop, batch_size)]
''',
        "array-split-evens-out": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    if n == 0:
        return []
    count = n // batch_size if drop_last else -(-n // batch_size)
    return list(np.array_split(order, count)) if count else []
''',
        "no-batch-size-check": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    if batch_size < 1:
        return [order]
    stop = n - n % batch_size if drop_last else n
    return [order[s:s + batch_size] for s in range(0, stop, batch_size)]
''',
        "float-indices": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.linspace(0, n - 1, n)
    if shuffle:
        order = np.random.default_rng(seed).permutation(n) * 1.0
    stop = n - n % batch_size if drop_last else n
    return [order[s:s + batch_size] for s in range(0, stop, batch_size)]
''',
        "only-zero-rejected": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size == 0:
        raise ValueError("batch_size must not be 0")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    stop = n - n % batch_size if drop_last else n
    return [order[s:s + batch_size] for s in range(0, stop, batch_size)]
''',
        "generator": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    stop = n - n % batch_size if drop_last else n
    return (order[s:s + batch_size] for s in range(0, stop, batch_size))
''',
    },
    # ------------------------------------------------------------------ augmentation
    "shift-images": {
        "np-roll-wraps": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    return np.roll(images, shift=(dy, dx), axis=(1, 2))
''',
        "axes-swapped": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    out = np.zeros_like(images)
    for r in range(H):
        for c in range(W):
            if 0 <= r - dx < H and 0 <= c - dy < W:
                out[:, r, c] = images[:, r - dx, c - dy]
    return out
''',
        "opposite-direction": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    out = np.zeros_like(images)
    for r in range(H):
        for c in range(W):
            if 0 <= r + dy < H and 0 <= c + dx < W:
                out[:, r, c] = images[:, r + dy, c + dx]
    return out
''',
        "large-shift-crashes": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    out = np.zeros_like(images)
    out[:, max(0, dy):H + min(0, dy), max(0, dx):W + min(0, dx)] = \\
        images[:, max(0, -dy):H - max(0, dy), max(0, -dx):W - max(0, dx)]
    return out
''',
        "modifies-input": '''
def shift_images(images, dy, dx):
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    shifted = np.zeros_like(images)
    for r in range(H):
        for c in range(W):
            if 0 <= r - dy < H and 0 <= c - dx < W:
                shifted[:, r, c] = images[:, r - dy, c - dx]
    images[...] = shifted
    return images
''',
        "float32-result": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    out = np.zeros(images.shape, dtype=np.float32)
    rows = np.arange(H) - dy
    cols = np.arange(W) - dx
    ok_r, ok_c = (rows >= 0) & (rows < H), (cols >= 0) & (cols < W)
    out[:, np.ix_(ok_r, ok_c)[0], np.ix_(ok_r, ok_c)[1]] = images[:, rows[ok_r]][:, :, cols[ok_c]]
    return out
''',
        "upcast-to-float64": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    N, H, W = images.shape
    out = np.zeros((N, H, W))
    for r in range(H):
        for c in range(W):
            if 0 <= r - dy < H and 0 <= c - dx < W:
                out[:, r, c] = images[:, r - dy, c - dx]
    return out
''',
        "no-ndim-check": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    H, W = images.shape[-2:]
    out = np.zeros_like(images)
    for r in range(H):
        for c in range(W):
            if 0 <= r - dy < H and 0 <= c - dx < W:
                out[..., r, c] = images[..., r - dy, c - dx]
    return out
''',
    },
    "augment-shifts": {
        "originals-missing": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    blocks = [shift_images(images, dy, dx) for dy, dx in shifts]
    return np.concatenate(blocks, axis=0), np.tile(np.asarray(labels), len(blocks))
''',
        "labels-repeated-not-tiled": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    blocks = [images] + [shift_images(images, dy, dx) for dy, dx in shifts]
    return np.concatenate(blocks, axis=0), np.repeat(np.asarray(labels), len(blocks))
''',
        "interleaved-per-image": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    blocks = [images] + [shift_images(images, dy, dx) for dy, dx in shifts]
    stacked = np.stack(blocks, axis=1)
    return stacked.reshape(-1, *images.shape[1:]), np.repeat(np.asarray(labels), len(blocks))
''',
        "shift-pairs-swapped": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    blocks = [images] + [shift_images(images, dx, dy) for dy, dx in shifts]
    return np.concatenate(blocks, axis=0), np.tile(np.asarray(labels), len(blocks))
''',
        "float-labels-from-empty": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    all_labels = np.array([])
    blocks = []
    for shift in [(0, 0)] + list(shifts):
        blocks.append(shift_images(images, *shift))
        all_labels = np.concatenate([all_labels, labels])
    return np.concatenate(blocks, axis=0), all_labels
''',
        "originals-last": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    blocks = [shift_images(images, dy, dx) for dy, dx in shifts] + [images]
    return np.concatenate(blocks, axis=0), np.tile(np.asarray(labels), len(blocks))
''',
    },
    # ------------------------------------------------------------------ k-NN
    "distances-loops": {
        "no-sqrt": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.sum((A[i] - B[j]) ** 2)
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sum((A[i] - B) ** 2, axis=1)
    return dist
''',
        "transposed": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(B), len(A)))
    for j in range(len(B)):
        for i in range(len(A)):
            dist[j, i] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(B), len(A)))
    for j in range(len(B)):
        dist[j] = np.sqrt(np.sum((A - B[j]) ** 2, axis=1))
    return dist
''',
        "expanded-form-per-pair": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            sq = A[i] @ A[i] + B[j] @ B[j] - 2.0 * A[i] @ B[j]
            dist[i, j] = np.sqrt(max(sq, 0.0))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        sq = A[i] @ A[i] + (B ** 2).sum(axis=1) - 2.0 * B @ A[i]
        dist[i] = np.sqrt(np.maximum(sq, 0.0))
    return dist
''',
        "square-of-sum": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.sqrt(np.sum(A[i] - B[j]) ** 2)
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sqrt(np.sum(A[i] - B, axis=1) ** 2)
    return dist
''',
        "last-column-skipped": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B) - 1):
            dist[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sqrt(np.sum((A[i] - B) ** 2, axis=1))
    return dist
''',
        "manhattan": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.sum(np.abs(A[i] - B[j]))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sum(np.abs(A[i] - B), axis=1)
    return dist
''',
        "integer-matrix": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)), dtype=int)
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)), dtype=int)
    for i in range(len(A)):
        dist[i] = np.sqrt(np.sum((A[i] - B) ** 2, axis=1))
    return dist
''',
        "centres-inputs-in-place": '''
def distances_two_loops(A, B):
    centre = A.mean(axis=0)
    A -= centre                      # distances do not change ... but the caller's arrays do
    B -= centre
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sqrt(np.sum((A[i] - B) ** 2, axis=1))
    return dist
''',
        "one-loop-sums-wrong-axis": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sqrt(np.sum((A[i] - B) ** 2))
    return dist
''',
    },
    "pairwise-distances": {
        "no-sqrt": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    sq = (A ** 2).sum(axis=1)[:, None] + (B ** 2).sum(axis=1)[None, :] - 2.0 * A @ B.T
    return np.maximum(sq, 0.0)
''',
        "plus-cross-term": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    sq = (A ** 2).sum(axis=1)[:, None] + (B ** 2).sum(axis=1)[None, :] + 2.0 * A @ B.T
    return np.sqrt(np.maximum(sq, 0.0))
''',
        "manhattan": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)
''',
        "transposed": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return np.sqrt(((B[:, None, :] - A[None, :, :]) ** 2).sum(axis=2))
''',
        "norms-broadcast-wrong-way": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    sq = (A ** 2).sum(axis=1)[:, None] + (A ** 2).sum(axis=1)[:, None] - 2.0 * A @ B.T
    return np.sqrt(np.maximum(sq, 0.0))
''',
        "no-clip": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    sq = (A ** 2).sum(axis=1)[:, None] + (B ** 2).sum(axis=1)[None, :] - 2.0 * A @ B.T
    with np.errstate(invalid="ignore"):
        return np.sqrt(sq)
''',
        "broadcast-no-validation": '''
def pairwise_distances(A, B):
    diff = A[:, None, :] - B[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=-1))
''',
        "atleast-2d-accepts-vectors": '''
def pairwise_distances(A, B):
    A, B = np.atleast_2d(np.asarray(A, dtype=float)), np.atleast_2d(np.asarray(B, dtype=float))
    sq = (A ** 2).sum(axis=1)[:, None] + (B ** 2).sum(axis=1)[None, :] - 2.0 * A @ B.T
    return np.sqrt(np.maximum(sq, 0.0))
''',
    },
    "knn-predict": {
        "vote-tie-largest-label": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return K - 1 - np.argmax(counts[:, ::-1], axis=1)
''',
        "k-plus-one-neighbours": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k + 1]
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "farthest-neighbours": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(-pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "distance-tie-larger-index": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    n = len(y_train)
    if not 1 <= k <= n:
        raise ValueError("k")
    dist = pairwise_distances(X_query, X_train)
    nearest = np.array([np.lexsort((-np.arange(n), row))[:k] for row in dist])
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "rounded-mean-label": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    return np.round(y_train[nearest].mean(axis=1)).astype(int)
''',
        "no-k-check": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :max(k, 1)]
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "float-predictions": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    dists = pairwise_distances(X_query, X_train)
    y_pred = np.zeros(dists.shape[0])
    for i in range(dists.shape[0]):
        closest_y = y_train[np.argsort(dists[i], kind="stable")[:k]]
        y_pred[i] = np.argmax(np.bincount(closest_y))
    return y_pred
''',
        "collections-counter": '''
from collections import Counter


def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in nearest])
''',
        "quicksort-ties": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    dist = pairwise_distances(X_query, X_train)
    nearest = np.argpartition(dist, k - 1, axis=1)[:, :k]
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "default-argsort": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1)[:, :k]
    K = int(y_train.max()) + 1
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "unique-K": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    K = len(np.unique(y_train))
    counts = (y_train[nearest][:, :, None] == np.arange(K)).sum(axis=1)
    return np.argmax(counts, axis=1)
''',
        "vote-tie-nearest-label": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    out = []
    for row in nearest:
        labels = y_train[row]
        counts = np.bincount(labels)
        best = np.flatnonzero(counts == counts.max())
        out.append(next(l for l in labels if l in best))
    return np.array(out)
''',
    },
    "choose-k": {
        "first-best-in-list": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = list(ks)
    accuracies = np.array([np.mean(knn_predict(X_train, y_train, X_val, k) == y_val) for k in ks])
    return ks[int(np.argmax(accuracies))], accuracies
''',
        "largest-best-k": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = list(ks)
    accuracies = np.array([np.mean(knn_predict(X_train, y_train, X_val, k) == y_val) for k in ks])
    return max(k for k, a in zip(ks, accuracies) if a == accuracies.max()), accuracies
''',
        "training-accuracy": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = list(ks)
    accuracies = np.array([np.mean(knn_predict(X_train, y_train, X_train, k) == y_train) for k in ks])
    return min(k for k, a in zip(ks, accuracies) if a == accuracies.max()), accuracies
''',
        "error-rate-instead-of-accuracy": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = list(ks)
    errors = np.array([np.mean(knn_predict(X_train, y_train, X_val, k) != y_val) for k in ks])
    return min(k for k, e in zip(ks, errors) if e == errors.min()), errors
''',
        "accuracies-sorted-by-k": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = sorted(ks)
    accuracies = np.array([np.mean(knn_predict(X_train, y_train, X_val, k) == y_val) for k in ks])
    return ks[int(np.argmax(accuracies))], accuracies
''',
        "float-best-k": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = np.asarray(ks)
    accuracies = np.array([np.mean(knn_predict(X_train, y_train, X_val, int(k)) == y_val) for k in ks])
    best_k = np.min(np.where(accuracies == accuracies.max(), ks, np.inf))
    return best_k, accuracies
''',
        "accuracy-in-percent": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = list(ks)
    accuracies = np.array([100.0 * np.mean(knn_predict(X_train, y_train, X_val, k) == y_val) for k in ks])
    return min(k for k, a in zip(ks, accuracies) if a == accuracies.max()), accuracies
''',
        "sorts-ks-in-place": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks.sort()
    accuracies = np.array([np.mean(knn_predict(X_train, y_train, X_val, k) == y_val) for k in ks])
    return ks[int(np.argmax(accuracies))], accuracies
''',
    },
    # ------------------------------------------------------------------ k-means
    "kfold-indices": {
        "remainder-in-last-fold": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    order = np.random.default_rng(seed).permutation(n)
    size = n // n_folds
    folds = [order[f * size:(f + 1) * size] for f in range(n_folds - 1)]
    return folds + [order[(n_folds - 1) * size:]]
''',
        "overlapping-folds": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    order = np.random.default_rng(seed).permutation(n)
    size = -(-n // n_folds)
    return [order[f * (n // n_folds):f * (n // n_folds) + size] for f in range(n_folds)]
''',
        "unshuffled": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    return np.array_split(np.arange(n), n_folds)
''',
        "seed-ignored": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    return np.array_split(np.random.default_rng().permutation(n), n_folds)
''',
        "fixed-seed": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    return np.array_split(np.random.default_rng(0).permutation(n), n_folds)
''',
        "float-indices": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    return np.array_split(np.random.default_rng(seed).permutation(n).astype(float), n_folds)
''',
        "larger-folds-last": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    order = np.random.default_rng(seed).permutation(n)
    bounds = [f * n // n_folds for f in range(n_folds + 1)]
    return [order[bounds[f]:bounds[f + 1]] for f in range(n_folds)]
''',
        "round-robin": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    order = np.random.default_rng(seed).permutation(n)
    return [order[f::n_folds] for f in range(n_folds)]
''',
        "legacy-global-rng": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    np.random.seed(seed)
    return np.array_split(np.random.permutation(n), n_folds)
''',
        "drops-the-remainder": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    order = np.random.default_rng(seed).permutation(n)
    size = n // n_folds
    return [order[f * size:(f + 1) * size] for f in range(n_folds)]
''',
        "no-check-for-one-fold": '''
def kfold_indices(n, n_folds=5, seed=0):
    if n_folds > n:
        raise ValueError("more folds than samples")
    return np.array_split(np.random.default_rng(seed).permutation(n), n_folds)
''',
        "generator": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    order = np.random.default_rng(seed).permutation(n)
    for fold in np.array_split(order, n_folds):
        yield fold
''',
    },
    "cross-validate-knn": {
        "fold-left-in-training": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = np.array([np.mean(knn_predict(X, y, X[fold], k) == y[fold]) for fold in folds])
    return accs, float(accs.mean()), float(accs.std())
''',
        "std-ddof-1": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        accs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], k) == y[fold]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std(ddof=1))
''',
        "seed-ignored": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, 0)
    accs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        accs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], k) == y[fold]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std())
''',
        "pooled-accuracy": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs, correct = [], 0
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        hits = knn_predict(X[rest], y[rest], X[fold], k) == y[fold]
        accs.append(np.mean(hits))
        correct += int(np.sum(hits))
    accs = np.array(accs)
    return accs, correct / len(y), float(accs.std())
''',
        "roles-swapped": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        accs.append(np.mean(knn_predict(X[fold], y[fold], X[rest], k) == y[rest]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std())
''',
        "n-folds-ignored": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), 5, seed)
    accs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        accs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], k) == y[fold]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std())
''',
        "error-rates": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    errs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        errs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], k) != y[fold]))
    errs = np.array(errs)
    return errs, float(errs.mean()), float(errs.std())
''',
        "own-unshuffled-folds": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = np.array_split(np.arange(len(y)), n_folds)
    accs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        accs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], k) == y[fold]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std())
''',
        "k-clipped-silently": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = []
    for f, fold in enumerate(folds):
        rest = np.concatenate([g for i, g in enumerate(folds) if i != f])
        k_ok = min(max(int(k), 1), len(rest))
        accs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], k_ok) == y[fold]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std())
''',
        "last-fold-only-in-training": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = []
    for f, fold in enumerate(folds):
        rest = folds[f - 1]                          # one neighbouring fold instead of all the others
        accs.append(np.mean(knn_predict(X[rest], y[rest], X[fold], min(k, len(rest))) == y[fold]))
    accs = np.array(accs)
    return accs, float(accs.mean()), float(accs.std())
''',
    },
    "kmeans-assign": {
        "argmax": '''
def kmeans_assign(X, centroids):
    sq = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmax(sq, axis=1)
''',
        "tie-largest-index": '''
def kmeans_assign(X, centroids):
    sq = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    K = sq.shape[1]
    return K - 1 - np.argmin(sq[:, ::-1], axis=1)
''',
        "manhattan": '''
def kmeans_assign(X, centroids):
    return np.argmin(np.abs(X[:, None, :] - centroids[None, :, :]).sum(axis=2), axis=1)
''',
        "wrong-axis": '''
def kmeans_assign(X, centroids):
    sq = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(sq, axis=0)
''',
        "float-labels": '''
def kmeans_assign(X, centroids):
    labels = np.zeros(len(X))
    for i, x in enumerate(X):
        labels[i] = np.argmin(((centroids - x) ** 2).sum(axis=1))
    return labels
''',
        "loop-less-or-equal": '''
def kmeans_assign(X, centroids):
    best = np.full(len(X), np.inf)
    labels = np.zeros(len(X), dtype=int)
    for k, c in enumerate(centroids):
        d = ((X - c) ** 2).sum(axis=1)
        closer = d <= best
        labels[closer], best[closer] = k, d[closer]
    return labels
''',
    },
    "kmeans-update": {
        "empty-cluster-to-origin": '''
def kmeans_update(X, labels, centroids):
    new = np.zeros_like(np.asarray(centroids, dtype=float))
    for k in range(len(new)):
        if np.any(labels == k):
            new[k] = X[labels == k].mean(axis=0)
    return new
''',
        "divides-by-n": '''
def kmeans_update(X, labels, centroids):
    new = np.array(centroids, dtype=float, copy=True)
    for k in range(len(new)):
        if np.any(labels == k):
            new[k] = X[labels == k].sum(axis=0) / len(X)
    return new
''',
        "modifies-centroids": '''
def kmeans_update(X, labels, centroids):
    for k in range(len(centroids)):
        if np.any(labels == k):
            centroids[k] = X[labels == k].mean(axis=0)
    return centroids
''',
        "empty-cluster-to-first-point": '''
def kmeans_update(X, labels, centroids):
    new = np.array(centroids, dtype=float, copy=True)
    for k in range(len(new)):
        new[k] = X[labels == k].mean(axis=0) if np.any(labels == k) else X[0]
    return new
''',
        "median-not-mean": '''
def kmeans_update(X, labels, centroids):
    new = np.array(centroids, dtype=float, copy=True)
    for k in range(len(new)):
        if np.any(labels == k):
            new[k] = np.median(X[labels == k], axis=0)
    return new
''',
        "k-from-labels": '''
def kmeans_update(X, labels, centroids):
    K = labels.max() + 1
    new = np.zeros((K, X.shape[1]))
    for k in range(K):
        points = X[labels == k]
        new[k] = points.mean(axis=0) if len(points) else centroids[k]
    return new
''',
        "nan-for-empty": '''
def kmeans_update(X, labels, centroids):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.array([np.asarray(X, dtype=float)[labels == k].mean(axis=0) for k in range(len(centroids))])
''',
    },
    # ------------------------------------------------------------------ PCA
    "pca-fit": {
        "not-centred": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    comps = Vt[:L]
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return X.mean(axis=0), comps, s[:L] ** 2 / np.sum(s ** 2)
''',
        "no-sign-convention": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    return mean, Vt[:L], s[:L] ** 2 / np.sum(s ** 2)
''',
        "sign-from-first-entry": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:L] * np.sign(Vt[:L, :1])
    return mean, comps, s[:L] ** 2 / np.sum(s ** 2)
''',
        "ratio-over-kept-only": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:L]
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return mean, comps, s[:L] ** 2 / np.sum(s[:L] ** 2)
''',
        "ratio-of-singular-values": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:L]
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return mean, comps, s[:L] / np.sum(s)
''',
        "columns-of-vt": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:, :L].T
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return mean, comps, s[:L] ** 2 / np.sum(s ** 2)
''',
        "smallest-components": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    w, V = np.linalg.eigh(np.cov(X - mean, rowvar=False))
    comps = V[:, :L].T
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return mean, comps, w[:L] / w.sum()
''',
        "rejects-L-equal-min": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L < min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:L]
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return mean, comps, s[:L] ** 2 / np.sum(s ** 2)
''',
        "centres-in-place": '''
def pca_fit(X_train, L):
    if not 1 <= L <= min(X_train.shape):
        raise ValueError("L")
    mean = X_train.mean(axis=0)
    X_train -= mean
    _, s, Vt = np.linalg.svd(X_train, full_matrices=False)
    comps = Vt[:L]
    comps = comps * np.sign(comps[np.arange(L), np.argmax(np.abs(comps), axis=1)])[:, None]
    return mean, comps, s[:L] ** 2 / np.sum(s ** 2)
''',
        "sign-by-sum": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:L] * np.sign(Vt[:L].sum(axis=1))[:, None]
    return mean, comps, s[:L] ** 2 / np.sum(s ** 2)
''',
    },
    "pca-project": {
        "transform-not-centred": '''
def pca_transform(X, mean, components):
    return np.asarray(X, dtype=float) @ np.asarray(components).T
''',
        "reconstruct-without-mean": '''
def pca_reconstruct(Z, mean, components):
    return np.asarray(Z, dtype=float) @ np.asarray(components)
''',
        "reconstruct-subtracts-mean": '''
def pca_reconstruct(Z, mean, components):
    return np.asarray(Z, dtype=float) @ np.asarray(components) - mean
''',
        "transform-divides-by-norm": '''
def pca_transform(X, mean, components):
    X = np.asarray(X, dtype=float) - mean
    return X @ np.asarray(components).T / np.linalg.norm(X, axis=1, keepdims=True)
''',
        "transform-centres-in-place": '''
def pca_transform(X, mean, components):
    X -= mean
    return X @ np.asarray(components).T
''',
        "transform-uses-own-mean": '''
def pca_transform(X, mean, components):
    X = np.asarray(X, dtype=float)
    return (X - X.mean(axis=0)) @ np.asarray(components).T
''',
    },
    # ------------------------------------------------------------------ metrics
    "confusion-matrix": {
        "transposed": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or (y_true.size and (min(y_true.min(), y_pred.min()) < 0
                                                         or max(y_true.max(), y_pred.max()) >= K)):
        raise ValueError("labels")
    C = np.zeros((K, K), dtype=np.int64)
    np.add.at(C, (y_pred, y_true), 1)
    return C
''',
        "fancy-index-increment": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or (y_true.size and (min(y_true.min(), y_pred.min()) < 0
                                                         or max(y_true.max(), y_pred.max()) >= K)):
        raise ValueError("labels")
    C = np.zeros((K, K), dtype=np.int64)
    C[y_true, y_pred] += 1
    return C
''',
        "k-from-the-data": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("shapes")
    K = int(max(y_true.max(), y_pred.max())) + 1
    C = np.zeros((K, K), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C
''',
        "row-normalised": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or (y_true.size and (min(y_true.min(), y_pred.min()) < 0
                                                         or max(y_true.max(), y_pred.max()) >= K)):
        raise ValueError("labels")
    C = np.zeros((K, K))
    np.add.at(C, (y_true, y_pred), 1)
    rows = C.sum(axis=1, keepdims=True)
    return np.divide(C, rows, out=np.zeros_like(C), where=rows > 0)
''',
        "no-label-checks": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    n = min(len(y_true), len(y_pred))
    C = np.zeros((K, K), dtype=np.int64)
    for a, b in zip(y_true[:n], y_pred[:n]):
        C[a % K, b % K] += 1
    return C
''',
        "float-counts": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or (y_true.size and (min(y_true.min(), y_pred.min()) < 0
                                                         or max(y_true.max(), y_pred.max()) >= K)):
        raise ValueError("labels")
    C = np.zeros((K, K))
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C
''',
        "histogram2d": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or (y_true.size and (min(y_true.min(), y_pred.min()) < 0
                                                         or max(y_true.max(), y_pred.max()) >= K)):
        raise ValueError("labels")
    C, _, _ = np.histogram2d(y_true, y_pred, bins=K, range=[[0, K], [0, K]])
    return C
''',
    },
    "classification-metrics": {
        "precision-recall-swapped": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    rows, cols = C.sum(axis=1), C.sum(axis=0)
    precision = np.divide(tp, rows, out=np.zeros_like(tp), where=rows > 0)
    recall = np.divide(tp, cols, out=np.zeros_like(tp), where=cols > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    return {"accuracy": tp.sum() / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
        "micro-instead-of-macro": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    cols, rows = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, cols, out=np.zeros_like(tp), where=cols > 0)
    recall = np.divide(tp, rows, out=np.zeros_like(tp), where=rows > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    acc = tp.sum() / C.sum()
    return {"accuracy": acc, "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": acc, "macro_recall": acc, "macro_f1": acc}
''',
        "f1-of-macro-averages": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    cols, rows = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, cols, out=np.zeros_like(tp), where=cols > 0)
    recall = np.divide(tp, rows, out=np.zeros_like(tp), where=rows > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    P, R = precision.mean(), recall.mean()
    return {"accuracy": tp.sum() / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": P, "macro_recall": R, "macro_f1": 2 * P * R / (P + R)}
''',
        "f1-arithmetic-mean": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    cols, rows = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, cols, out=np.zeros_like(tp), where=cols > 0)
    recall = np.divide(tp, rows, out=np.zeros_like(tp), where=rows > 0)
    f1 = (precision + recall) / 2
    return {"accuracy": tp.sum() / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
        "zero-division-gives-one": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    cols, rows = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, cols, out=np.ones_like(tp), where=cols > 0)
    recall = np.divide(tp, rows, out=np.ones_like(tp), where=rows > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    return {"accuracy": tp.sum() / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
        "macro-over-present-classes-only": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    cols, rows = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, cols, out=np.zeros_like(tp), where=cols > 0)
    recall = np.divide(tp, rows, out=np.zeros_like(tp), where=rows > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    present = rows > 0
    return {"accuracy": tp.sum() / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision[present].mean(), "macro_recall": recall[present].mean(),
            "macro_f1": f1[present].mean()}
''',
        "no-empty-check": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError("C")
    tp = np.diag(C)
    cols, rows = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, cols, out=np.zeros_like(tp), where=cols > 0)
    recall = np.divide(tp, rows, out=np.zeros_like(tp), where=rows > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    total = C.sum()
    return {"accuracy": tp.sum() / total if total else 0.0, "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
        "integer-zeros-like": '''
def classification_metrics(C):
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C)
    precision, recall, f1 = np.zeros_like(tp), np.zeros_like(tp), np.zeros_like(tp)
    for k in range(len(tp)):
        if C[:, k].sum():
            precision[k] = tp[k] / C[:, k].sum()
        if C[k, :].sum():
            recall[k] = tp[k] / C[k, :].sum()
        if precision[k] + recall[k]:
            f1[k] = 2 * precision[k] * recall[k] / (precision[k] + recall[k])
    return {"accuracy": tp.sum() / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
        "fill-diagonal-modifies": '''
def classification_metrics(C):
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    tp = np.diag(C).astype(float)
    total = C.sum()
    np.fill_diagonal(C, 0)
    fp, fn = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=tp + fp > 0)
    recall = np.divide(tp, tp + fn, out=np.zeros_like(tp), where=tp + fn > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    return {"accuracy": tp.sum() / total, "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
    },
    # ------------------------------------------------------------------ questions
    "precision-recall-at": {
        "strictly-greater": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    flagged = scores[None, :] > np.asarray(thresholds, dtype=float)[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1)
    fp = (flagged & (y_true != 1)).sum(axis=1)
    fn = (y_true == 1).sum() - tp
    return (np.divide(tp, tp + fp, out=np.zeros(len(tp)), where=tp + fp > 0),
            np.divide(tp, tp + fn, out=np.zeros(len(tp)), where=tp + fn > 0))
''',
        "precision-and-recall-swapped": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    flagged = scores[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1)
    fp = (flagged & (y_true != 1)).sum(axis=1)
    fn = (y_true == 1).sum() - tp
    return (np.divide(tp, tp + fn, out=np.zeros(len(tp)), where=tp + fn > 0),
            np.divide(tp, tp + fp, out=np.zeros(len(tp)), where=tp + fp > 0))
''',
        "nan-for-zero-division": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    flagged = scores[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1)
    fp = (flagged & (y_true != 1)).sum(axis=1)
    fn = (y_true == 1).sum() - tp
    with np.errstate(divide="ignore", invalid="ignore"):
        return tp / (tp + fp), tp / (tp + fn)
''',
        "precision-one-when-nothing-flagged": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    flagged = scores[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1)
    fp = (flagged & (y_true != 1)).sum(axis=1)
    fn = (y_true == 1).sum() - tp
    return (np.divide(tp, tp + fp, out=np.ones(len(tp)), where=tp + fp > 0),
            np.divide(tp, tp + fn, out=np.zeros(len(tp)), where=tp + fn > 0))
''',
        "thresholds-sorted": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    thresholds = np.sort(np.asarray(thresholds, dtype=float))
    flagged = scores[None, :] >= thresholds[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1)
    fp = (flagged & (y_true != 1)).sum(axis=1)
    fn = (y_true == 1).sum() - tp
    return (np.divide(tp, tp + fp, out=np.zeros(len(tp)), where=tp + fp > 0),
            np.divide(tp, tp + fn, out=np.zeros(len(tp)), where=tp + fn > 0))
''',
        "zero-is-positive": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    flagged = scores[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tp = (flagged & (y_true == 0)).sum(axis=1)
    fp = (flagged & (y_true != 0)).sum(axis=1)
    fn = (y_true == 0).sum() - tp
    return (np.divide(tp, tp + fp, out=np.zeros(len(tp)), where=tp + fp > 0),
            np.divide(tp, tp + fn, out=np.zeros(len(tp)), where=tp + fn > 0))
''',
        "no-shape-check": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    flagged = scores[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1)
    fp = (flagged & (y_true != 1)).sum(axis=1)
    fn = (y_true == 1).sum() - tp
    return (np.divide(tp, tp + fp, out=np.zeros(len(tp)), where=tp + fp > 0),
            np.divide(tp, tp + fn, out=np.zeros(len(tp)), where=tp + fn > 0))
''',
        "integer-division": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    P, R = [], []
    for t in thresholds:
        tp = int(np.sum((scores >= t) & (y_true == 1)))
        fp = int(np.sum((scores >= t) & (y_true == 0)))
        fn = int(np.sum((scores < t) & (y_true == 1)))
        P.append(tp // (tp + fp) if tp + fp else 0)
        R.append(tp // (tp + fn) if tp + fn else 0)
    return np.array(P), np.array(R)
''',
        "recall-over-negatives": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    P, R = [], []
    for t in thresholds:
        tp = np.sum((scores >= t) & (y_true == 1))
        fp = np.sum((scores >= t) & (y_true == 0))
        tn = np.sum((scores < t) & (y_true == 0))
        P.append(tp / (tp + fp) if tp + fp else 0.0)
        R.append(tp / (tp + tn) if tp + tn else 0.0)
    return np.array(P), np.array(R)
''',
    },
    "q-task-type": {
        "classification-tasks": 'q_task_type = "be"',
        "misses-keypoints": 'q_task_type = "ad"',
        "all": 'q_task_type = "abcde"',
        "misses-depth": 'q_task_type = "cd"',
        "adds-next-word": 'q_task_type = "acde"',
    },
    "q-test-set": {
        "tune-on-test": 'q_test_set = "a"',
        "merge-val-test": 'q_test_set = "d"',
        "training-loss": 'q_test_set = "c"',
        "two-letters": 'q_test_set = "bd"',
    },
    "q-augment-split": {
        "augment-everything": 'q_augment_split = "a"',
        "own-statistics": 'q_augment_split = "d"',
        "both-train-only": 'q_augment_split = "c"',
        "two-letters": 'q_augment_split = "ab"',
    },
    "q-digit-augment": {
        "mirror-too": 'q_digit_augment = "abd"',
        "shift-only": 'q_digit_augment = "a"',
        "rotation-only": 'q_digit_augment = "d"',
        "all": 'q_digit_augment = "abcd"',
        "rotate-180": 'q_digit_augment = "ac"',
    },
    "q-standardize-value": {
        "sample-std": 'q_standardize_value = 6 / np.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1)',
        "test-value-in-statistics": ("q_standardize_value = float((11 - np.mean([2, 4, 4, 4, 5, 5, 7, 9, 11]))"
                                     " / np.std([2, 4, 4, 4, 5, 5, 7, 9, 11]))"),
        "variance-not-std": 'q_standardize_value = 6 / 4',
        "not-centred": 'q_standardize_value = 11 / 2',
        "sign-flipped": 'q_standardize_value = (5 - 11) / 2',
    },
    "q-precision": {
        "recall-instead": 'q_precision = 0.8',
        "accuracy-instead": 'q_precision = 0.97',
        "percent": 'q_precision = 66.67',
        "flagged-share": 'q_precision = 60 / 1000',
        "too-coarse": 'q_precision = 0.67',
    },
    "q-recall": {
        "precision-instead": 'q_recall = 40 / 60',
        "flagged-share": 'q_recall = 60 / 1000',
        "percent": 'q_recall = 80',
        "defective-share": 'q_recall = 50 / 1000',
    },
    "q-f1": {
        "arithmetic-mean": 'q_f1 = (40 / 60 + 40 / 50) / 2',
        "accuracy": 'q_f1 = 0.97',
        "percent": 'q_f1 = 72.73',
        "product": 'q_f1 = (40 / 60) * (40 / 50)',
        "missing-factor-2": 'q_f1 = (40 / 60) * (40 / 50) / ((40 / 60) + (40 / 50))',
    },
    "q-kmeans-k": {
        "u-shaped": 'q_kmeans_k = "a"',
        "increases": 'q_kmeans_k = "d"',
        "initialisation": 'q_kmeans_k = "c"',
        "two-letters": 'q_kmeans_k = "ab"',
    },
    "q-distribution-shift": {
        "only-a": 'q_distribution_shift = "a"',
        "a-and-c": 'q_distribution_shift = "ac"',
        "all-but-d": 'q_distribution_shift = "abce"',
        "with-more-data": 'q_distribution_shift = "acde"',
        "only-e": 'q_distribution_shift = "e"',
        "test-set-guarantee": 'q_distribution_shift = "b"',
    },
}

CORRECT = {
    "split-indices": {
        "shuffle-an-arange": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if min(val_frac, test_frac) < 0 or val_frac + test_frac >= 1:
        raise ValueError("fractions must be non-negative and sum to less than 1")
    order = np.arange(n)
    np.random.default_rng(seed).shuffle(order)
    n_test, n_val = round(test_frac * n), round(val_frac * n)
    n_train = n - n_test - n_val
    if n_train < 1:
        raise ValueError("no training data left")
    test_idx, val_idx, train_idx = np.split(order, [n_test, n_test + n_val])
    return train_idx, val_idx, test_idx
''',
        "python-lists": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    if val_frac < 0 or test_frac < 0 or val_frac + test_frac >= 1:
        raise ValueError("bad fractions")
    perm = [int(i) for i in np.random.default_rng(seed).permutation(n)]
    n_test = int(np.round(test_frac * n))
    n_val = int(np.round(val_frac * n))
    if n - n_test - n_val <= 0:
        raise ValueError("no training data")
    return perm[n_test + n_val:], perm[n_test:n_test + n_val], perm[:n_test]
''',
        "defensive-validation": '''
def split_indices(n, val_frac=0.15, test_frac=0.15, seed=0):
    n = int(n)
    if n < 1:
        raise ValueError("n must be at least 1")
    val_frac, test_frac = float(val_frac), float(test_frac)
    if not (0 <= val_frac < 1 and 0 <= test_frac < 1) or val_frac + test_frac >= 1:
        raise ValueError("fractions must be non-negative with a sum below 1")
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n).astype(np.int64)
    n_test = int(round(test_frac * n))
    n_val = int(round(val_frac * n))
    n_train = n - n_test - n_val
    if n_train <= 0:
        raise ValueError("no training data")
    test_idx = perm[:n_test].copy()
    val_idx = perm[n_test:n_test + n_val].copy()
    train_idx = perm[n_test + n_val:].copy()
    assert len(train_idx) + len(val_idx) + len(test_idx) == n
    return train_idx, val_idx, test_idx
''',
    },
    "standardize-splits": {
        "float32": '''
def standardize_splits(X_train, X_val, X_test):
    Xs = [np.asarray(X, dtype=np.float32) for X in (X_train, X_val, X_test)]
    mu = Xs[0].mean(axis=0)
    sigma = Xs[0].std(axis=0)
    sigma[sigma == 0] = 1
    return tuple((X - mu) / sigma for X in Xs)
''',
        "loop-over-features": '''
def standardize_splits(X_train, X_val, X_test):
    outs = [np.array(X, dtype=float, copy=True) for X in (X_train, X_val, X_test)]
    n = X_train.shape[0]
    for j in range(X_train.shape[1]):
        col = X_train[:, j]
        mu = sum(col) / n
        sigma = (sum((v - mu) ** 2 for v in col) / n) ** 0.5
        if sigma < 1e-12:
            sigma = 1.0
        for out in outs:
            out[:, j] = (out[:, j] - mu) / sigma
    return tuple(outs)
''',
        "variance-then-sqrt": '''
def standardize_splits(X_train, X_val, X_test):
    mu = np.mean(X_train, axis=0, keepdims=True)
    var = np.mean((X_train - mu) ** 2, axis=0, keepdims=True)
    sigma = np.sqrt(np.where(var > 0, var, 1.0))
    return (X_train - mu) / sigma, (X_val - mu) / sigma, (X_test - mu) / sigma
''',
        "defensive-copies": '''
def standardize_splits(X_train, X_val, X_test):
    X_train, X_val, X_test = (np.array(X, dtype=np.float64, copy=True) for X in (X_train, X_val, X_test))
    if not (X_train.shape[1] == X_val.shape[1] == X_test.shape[1]):
        raise ValueError("different numbers of features")
    mu = X_train.mean(axis=0)
    sigma = X_train.std(axis=0)
    sigma[sigma == 0] = 1.0
    for X in (X_train, X_val, X_test):
        X -= mu
        X /= sigma
    return X_train, X_val, X_test
''',
        "sklearn-scaler": '''
from sklearn.preprocessing import StandardScaler


def standardize_splits(X_train, X_val, X_test):
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_val), scaler.transform(X_test)
''',
    },
    "minibatch-indices": {
        "while-loop": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    order = np.arange(n)
    if shuffle:
        order = np.random.default_rng(seed).permutation(n)
    batches, start = [], 0
    while start < n:
        batch = order[start:start + batch_size]
        if len(batch) == batch_size or not drop_last:
            batches.append(batch)
        start += batch_size
    return batches
''',
        "lists-of-ints": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    order = list(np.random.default_rng(seed).permutation(n)) if shuffle else list(range(n))
    n_batches = n // batch_size if drop_last else -(-n // batch_size)
    return [[int(i) for i in order[b * batch_size:(b + 1) * batch_size]] for b in range(n_batches)]
''',
        "array-split-at-multiples": '''
def minibatch_indices(n, batch_size, shuffle=False, seed=0, drop_last=False):
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError("batch_size must be a positive integer")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n, dtype=np.int64)
    batches = np.split(order, np.arange(batch_size, n, batch_size)) if n else []
    if drop_last and batches and len(batches[-1]) < batch_size:
        batches = batches[:-1]
    return list(batches)
''',
    },
    "shift-images": {
        "pixel-loop": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    out = np.zeros_like(images)
    for r in range(H):
        for c in range(W):
            if 0 <= r - dy < H and 0 <= c - dx < W:
                out[:, r, c] = images[:, r - dy, c - dx]
    return out
''',
        "pad-and-crop": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    py, px = abs(dy), abs(dx)
    padded = np.pad(images, ((0, 0), (py, py), (px, px)))
    return padded[:, py - dy:py - dy + H, px - dx:px - dx + W].copy()
''',
        "validated-slices": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"expected (N, H, W), got {images.shape}")
    dy, dx = int(dy), int(dx)
    _, H, W = images.shape
    out = np.zeros(images.shape, dtype=images.dtype)
    r0, r1 = max(dy, 0), min(H, H + dy)
    c0, c1 = max(dx, 0), min(W, W + dx)
    if r0 < r1 and c0 < c1:
        out[:, r0:r1, c0:c1] = images[:, r0 - dy:r1 - dy, c0 - dx:c1 - dx]
    return out
''',
        "scipy-ndimage": '''
from scipy import ndimage


def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    return ndimage.shift(images, (0, dy, dx), order=0, mode="constant", cval=0)
''',
        "roll-then-zero": '''
def shift_images(images, dy, dx):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    out = np.roll(images, (dy, dx), axis=(1, 2))
    if dy > 0: out[:, :min(dy, H)] = 0
    if dy < 0: out[:, max(H + dy, 0):] = 0
    if dx > 0: out[:, :, :min(dx, W)] = 0
    if dx < 0: out[:, :, max(W + dx, 0):] = 0
    return out
''',
    },
    "augment-shifts": {
        "append-loop": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    all_images, all_labels = [np.asarray(images)], [np.asarray(labels)]
    for dy, dx in shifts:
        all_images.append(shift_images(images, dy, dx))
        all_labels.append(np.asarray(labels).copy())
    return np.vstack(all_images), np.hstack(all_labels)
''',
        "preallocated": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images, labels = np.asarray(images), np.asarray(labels)
    N = len(images)
    S = len(shifts)
    out = np.empty((N * (1 + S),) + images.shape[1:], dtype=images.dtype)
    out[:N] = images
    for s, (dy, dx) in enumerate(shifts, start=1):
        out[s * N:(s + 1) * N] = shift_images(images, dy, dx)
    return out, np.tile(labels, 1 + S)
''',
        "own-padding-no-shift-images": '''
def augment_with_shifts(images, labels, shifts=((-1, 0), (1, 0), (0, -1), (0, 1))):
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError("expected (N, H, W)")
    _, H, W = images.shape
    padded = np.pad(images, ((0, 0), (H, H), (W, W)))
    blocks = [images] + [padded[:, H - dy:2 * H - dy, W - dx:2 * W - dx] for dy, dx in shifts]
    return np.concatenate(blocks), np.concatenate([np.asarray(labels)] * len(blocks))
''',
    },
    "distances-loops": {
        "linalg-norm": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            dist[i, j] = np.linalg.norm(A[i] - B[j])
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.linalg.norm(A[i] - B, axis=1)
    return dist
''',
        "pure-python": '''
import math


def distances_two_loops(A, B):
    rows = []
    for a in A.tolist():
        rows.append([math.sqrt(sum((u - v) ** 2 for u, v in zip(a, b))) for b in B.tolist()])
    return np.array(rows, dtype=float).reshape(len(A), len(B))


def distances_one_loop(A, B):
    return np.stack([np.sqrt(((B - a) ** 2).sum(axis=1)) for a in A]).reshape(len(A), len(B))
''',
        "no-loop-broadcasting": '''
def distances_two_loops(A, B):
    return np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=-1))


def distances_one_loop(A, B):
    return np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=-1))
''',
        "einsum-and-copies": '''
def distances_two_loops(A, B):
    A, B = np.array(A, dtype=np.float64), np.array(B, dtype=np.float64)
    M, N = A.shape[0], B.shape[0]
    dist = np.empty((M, N))
    for i in range(M):
        for j in range(N):
            d = A[i] - B[j]
            dist[i, j] = np.sqrt(d @ d)
    return dist


def distances_one_loop(A, B):
    A, B = np.array(A, dtype=np.float64), np.array(B, dtype=np.float64)
    dist = np.empty((A.shape[0], B.shape[0]))
    for i, a in enumerate(A):
        diff = a - B                                   # (N, D)
        dist[i, :] = np.sqrt(np.einsum("nd,nd->n", diff, diff))
    return dist
''',
        "cs231n-style": '''
def distances_two_loops(A, B):
    num_test, num_train = A.shape[0], B.shape[0]
    dists = np.zeros((num_test, num_train))
    for i in range(num_test):
        for j in range(num_train):
            dists[i][j] = np.sqrt(np.sum(np.square(A[i, :] - B[j, :])))
    return dists


def distances_one_loop(A, B):
    num_test, num_train = A.shape[0], B.shape[0]
    dists = np.zeros((num_test, num_train))
    for i in range(num_test):
        dists[i, :] = np.sqrt(np.sum(np.square(B - A[i, :]), axis=1))
    return dists
''',
        "hypot-scaled": '''
def distances_two_loops(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            diff = np.abs(A[i] - B[j])
            scale = diff.max()
            dist[i, j] = scale * np.sqrt(np.sum((diff / scale) ** 2)) if scale > 0 else 0.0
    return dist


def distances_one_loop(A, B):
    dist = np.zeros((len(A), len(B)))
    for i in range(len(A)):
        dist[i] = np.sqrt(np.sum((A[i] - B) ** 2, axis=1))
    return dist
''',
    },
    "pairwise-distances": {
        "double-loop": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("shapes")
    out = np.empty((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            out[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return out
''',
        "broadcast-float32": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=np.float32), np.asarray(B, dtype=np.float32)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("expected (M, D) and (N, D)")
    diff = A[:, None, :] - B[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=-1))
''',
        "einsum-expanded": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    a2 = np.einsum("md,md->m", A, A)
    b2 = np.einsum("nd,nd->n", B, B)
    sq = a2[:, None] - 2 * np.einsum("md,nd->mn", A, B) + b2[None, :]
    sq[sq < 0] = 0
    return sq ** 0.5
''',
        "expanded-float32": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=np.float32), np.asarray(B, dtype=np.float32)
    sq = (A * A).sum(1)[:, None] + (B * B).sum(1)[None, :] - 2 * A @ B.T
    return np.sqrt(np.clip(sq, 0, None))
''',
        "linalg-norm": '''
def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("A and B must be 2-D")
    if A.shape[1] != B.shape[1]:
        raise ValueError("A and B must have the same number of columns")
    return np.linalg.norm(A[:, None, :] - B[None, :, :], axis=2)
''',
        "scipy-cdist": '''
from scipy.spatial.distance import cdist


def pairwise_distances(A, B):
    return cdist(A, B)
''',
    },
    "knn-predict": {
        "sorted-loops": '''
def knn_predict(X_train, y_train, X_query, k):
    n = len(y_train)
    if k < 1 or k > n:
        raise ValueError("k out of range")
    predictions = []
    for q in np.asarray(X_query, dtype=float):
        d = [float(np.sum((q - x) ** 2)) for x in np.asarray(X_train, dtype=float)]
        nearest = sorted(range(n), key=lambda j: (d[j], j))[:k]
        votes = {}
        for j in nearest:
            votes[int(y_train[j])] = votes.get(int(y_train[j]), 0) + 1
        best = max(votes.values())
        predictions.append(min(label for label, count in votes.items() if count == best))
    return np.array(predictions)
''',
        "squared-distances-bincount": '''
def knn_predict(X_train, y_train, X_query, k):
    y_train = np.asarray(y_train)
    if not 1 <= k <= len(y_train):
        raise ValueError("k out of range")
    sq = ((np.asarray(X_query)[:, None, :] - np.asarray(X_train)[None, :, :]) ** 2).sum(-1)
    nearest = np.argsort(sq, axis=1, kind="mergesort")[:, :k]
    K = y_train.max() + 1
    return np.array([np.bincount(y_train[row], minlength=K).argmax() for row in nearest])
''',
        "cs231n-style-loop": '''
def knn_predict(X_train, y_train, X_query, k):
    num_train = X_train.shape[0]
    if k < 1 or k > num_train:
        raise ValueError("k must lie in 1..N")
    dists = pairwise_distances(X_query, X_train)
    num_test = dists.shape[0]
    y_pred = np.zeros(num_test, dtype=np.int64)
    for i in range(num_test):
        closest_y = y_train[np.argsort(dists[i], kind="stable")[:k]]
        y_pred[i] = np.argmax(np.bincount(closest_y))
    return y_pred
''',
        "scipy-mode": '''
from scipy import stats


def knn_predict(X_train, y_train, X_query, k):
    if not 1 <= k <= len(y_train):
        raise ValueError("k")
    nearest = np.argsort(pairwise_distances(X_query, X_train), axis=1, kind="stable")[:, :k]
    return stats.mode(np.asarray(y_train)[nearest], axis=1, keepdims=False).mode
''',
    },
    "choose-k": {
        "sort-by-accuracy-then-k": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    accuracies = []
    for k in ks:
        pred = knn_predict(X_train, y_train, X_val, k)
        accuracies.append(float(np.sum(np.asarray(pred) == np.asarray(y_val))) / len(y_val))
    ranked = sorted(zip(ks, accuracies), key=lambda pair: (-pair[1], pair[0]))
    return ranked[0][0], np.array(accuracies)
''',
        "float32-accuracies": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    ks = np.asarray(ks)
    accuracies = np.array([(knn_predict(X_train, y_train, X_val, int(k)) == y_val).mean() for k in ks],
                          dtype=np.float32)
    best = ks[accuracies == accuracies.max()].min()
    return int(best), accuracies
''',
        "dict-of-results": '''
def choose_k(X_train, y_train, X_val, y_val, ks):
    results = {}
    for k in ks:
        y_hat = knn_predict(X_train, y_train, X_val, k)
        results[k] = float(np.sum(y_hat == np.asarray(y_val))) / len(y_val)
    accuracies = np.array([results[k] for k in ks], dtype=np.float64)
    best_acc = max(results.values())
    return int(min(k for k in ks if results[k] == best_acc)), accuracies
''',
    },
    "kfold-indices": {
        "array-split": '''
def kfold_indices(n, n_folds=5, seed=0):
    if n_folds < 2 or n_folds > n:
        raise ValueError(f"need 2 <= n_folds <= n, got {n_folds} for n={n}")
    return np.array_split(np.random.default_rng(seed).permutation(n), n_folds)
''',
        "split-at-cumulative-sizes": '''
def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("n_folds out of range")
    sizes = np.full(n_folds, n // n_folds)
    sizes[: n % n_folds] += 1
    return np.split(np.random.default_rng(seed).permutation(n), np.cumsum(sizes)[:-1])
''',
        "while-loop-int64": '''
def kfold_indices(n, n_folds=5, seed=0):
    n, n_folds = int(n), int(n_folds)
    if n_folds < 2:
        raise ValueError("at least two folds")
    if n_folds > n:
        raise ValueError("at most n folds")
    order = np.random.default_rng(seed).permutation(n).astype(np.int64)
    folds, start, f = [], 0, 0
    while f < n_folds:
        size = n // n_folds + (f < n % n_folds)
        folds.append(order[start:start + size].copy())
        start += size
        f += 1
    return folds
''',
        "ceil-then-floor": '''
import math


def kfold_indices(n, n_folds=5, seed=0):
    if not 2 <= n_folds <= n:
        raise ValueError("bad number of folds")
    order = np.random.default_rng(seed).permutation(n)
    big, small, n_big = math.ceil(n / n_folds), n // n_folds, n % n_folds
    edge = n_big * big
    first = [order[f * big:(f + 1) * big] for f in range(n_big)]
    rest = [order[edge + f * small:edge + (f + 1) * small] for f in range(n_folds - n_big)]
    return first + rest
''',
    },
    "cross-validate-knn": {
        "boolean-masks": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    X, y = np.asarray(X), np.asarray(y)
    accs = []
    for fold in kfold_indices(len(y), n_folds, seed):
        train = np.ones(len(y), dtype=bool)
        train[fold] = False                          # the training points in index order
        accs.append(np.mean(knn_predict(X[train], y[train], X[fold], k) == y[fold]))
    accs = np.array(accs)
    return accs, float(np.mean(accs)), float(np.std(accs))
''',
        "via-choose-k": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = np.empty(len(folds))
    for f, fold in enumerate(folds):
        rest = np.concatenate(folds[:f] + folds[f + 1:])
        accs[f] = choose_k(X[rest], y[rest], X[fold], y[fold], [k])[1][0]
    return accs, accs.mean(), np.sqrt(np.mean((accs - accs.mean()) ** 2))
''',
        "float32-accuracies": '''
def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = np.zeros(n_folds, dtype=np.float32)
    for f in range(n_folds):
        rest = np.setdiff1d(np.arange(len(y)), folds[f])
        accs[f] = np.mean(knn_predict(X[rest], y[rest], X[folds[f]], k) == y[folds[f]])
    return accs, float(accs.mean()), float(accs.std())
''',
        "list-and-statistics-module": '''
import statistics


def cross_validate_knn(X, y, k, n_folds=5, seed=0):
    folds = kfold_indices(len(y), n_folds, seed)
    accs = []
    for f in range(len(folds)):
        rest = np.hstack([folds[g] for g in range(len(folds)) if g != f])
        pred = knn_predict(X[rest], y[rest], X[folds[f]], k)
        accs.append(float(np.sum(pred == y[folds[f]]) / len(folds[f])))
    return np.array(accs), statistics.fmean(accs), statistics.pstdev(accs)
''',
    },
    "kmeans-assign": {
        "loop-over-centroids": '''
def kmeans_assign(X, centroids):
    X = np.asarray(X, dtype=float)
    best = np.full(len(X), np.inf)
    labels = np.zeros(len(X), dtype=int)
    for k, c in enumerate(np.asarray(centroids, dtype=float)):
        d = np.sqrt(((X - c) ** 2).sum(axis=1))
        closer = d < best
        labels[closer], best[closer] = k, d[closer]
    return labels
''',
        "via-pairwise-distances": '''
def kmeans_assign(X, centroids):
    return np.argmin(pairwise_distances(X, centroids), axis=1)
''',
        "float32-broadcast": '''
def kmeans_assign(X, centroids):
    X32 = np.asarray(X, dtype=np.float32)
    C32 = np.asarray(centroids, dtype=np.float32)
    return np.argmin(((X32[:, None, :] - C32[None, :, :]) ** 2).sum(axis=-1), axis=1)
''',
    },
    "kmeans-update": {
        "add-at-vectorised": '''
def kmeans_update(X, labels, centroids):
    X = np.asarray(X, dtype=float)
    K, D = np.shape(centroids)
    sums = np.zeros((K, D))
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=K)[:, None]
    return np.where(counts > 0, sums / np.maximum(counts, 1), centroids)
''',
        "float32-loop": '''
def kmeans_update(X, labels, centroids):
    new = np.array(centroids, dtype=np.float32)
    for k in range(len(new)):
        idx = np.flatnonzero(labels == k)
        if len(idx) > 0:
            new[k] = np.asarray(X, dtype=np.float32)[idx].mean(axis=0)
    return new
''',
        "one-hot-matrix": '''
def kmeans_update(X, labels, centroids):
    X = np.asarray(X, dtype=np.float64)
    centroids = np.asarray(centroids, dtype=np.float64)
    K = centroids.shape[0]
    onehot = (np.asarray(labels)[:, None] == np.arange(K)[None, :]).astype(np.float64)   # (N, K)
    counts = onehot.sum(axis=0)
    sums = onehot.T @ X
    safe = np.maximum(counts, 1.0)[:, None]
    return np.where(counts[:, None] > 0, sums / safe, centroids.copy())
''',
    },
    "pca-fit": {
        "eigh-of-covariance": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    N, D = X.shape
    if L < 1 or L > min(N, D):
        raise ValueError("L out of range")
    mean = X.mean(axis=0)
    Xc = X - mean
    w, V = np.linalg.eigh(Xc.T @ Xc)
    order = np.argsort(w)[::-1]
    w, V = np.clip(w[order], 0, None), V[:, order]
    comps = V[:, :L].T.copy()
    for l in range(L):
        if comps[l, np.argmax(np.abs(comps[l]))] < 0:
            comps[l] = -comps[l]
    return mean, comps, w[:L] / w.sum()
''',
        "float32-svd": '''
def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=np.float32)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L out of range")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:L]
    signs = np.sign(comps[np.arange(L), np.abs(comps).argmax(axis=1)])
    var = s.astype(np.float64) ** 2
    return mean, comps * signs[:, None], (var[:L] / var.sum()).astype(np.float32)
''',
        "loop-sign-fix-and-checks": '''
def pca_fit(X_train, L):
    X = np.array(X_train, dtype=np.float64, copy=True)
    if X.ndim != 2:
        raise ValueError("X_train must be 2-D")
    N, D = X.shape
    if not isinstance(L, (int, np.integer)) or L < 1 or L > min(N, D):
        raise ValueError("L out of range")
    mean = np.mean(X, axis=0)
    X -= mean
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    components = np.empty((L, D))
    for l in range(L):
        v = Vt[l]
        components[l] = v if v[np.argmax(np.abs(v))] > 0 else -v
    total = np.sum(s * s)
    ratio = np.array([s[l] * s[l] / total for l in range(L)])
    return mean, components, ratio
''',
        "sklearn-pca": '''
from sklearn.decomposition import PCA


def pca_fit(X_train, L):
    X = np.asarray(X_train, dtype=float)
    if not 1 <= L <= min(X.shape):
        raise ValueError("L")
    p = PCA(n_components=L, svd_solver="full").fit(X)
    comps = p.components_ * np.sign(p.components_[np.arange(L), np.abs(p.components_).argmax(1)])[:, None]
    return p.mean_, comps, p.explained_variance_ratio_
''',
    },
    "pca-project": {
        "einsum": '''
def pca_transform(X, mean, components):
    return np.einsum("nd,ld->nl", np.asarray(X) - mean, components)


def pca_reconstruct(Z, mean, components):
    return np.einsum("nl,ld->nd", Z, components) + mean
''',
        "float32": '''
def pca_transform(X, mean, components):
    X = np.asarray(X, dtype=np.float32)
    return (X - np.float32(1) * np.asarray(mean, dtype=np.float32)) @ np.asarray(components, dtype=np.float32).T


def pca_reconstruct(Z, mean, components):
    Z = np.asarray(Z, dtype=np.float32)
    return Z @ np.asarray(components, dtype=np.float32) + np.asarray(mean, dtype=np.float32)
''',
        "loops": '''
def pca_transform(X, mean, components):
    X, components = np.asarray(X, dtype=float), np.asarray(components, dtype=float)
    Z = np.zeros((X.shape[0], components.shape[0]))
    for n in range(X.shape[0]):
        centred = X[n] - mean
        for l in range(components.shape[0]):
            Z[n, l] = np.dot(centred, components[l])
    return Z


def pca_reconstruct(Z, mean, components):
    Z, components = np.asarray(Z, dtype=float), np.asarray(components, dtype=float)
    X_hat = np.tile(np.asarray(mean, dtype=float), (Z.shape[0], 1))
    for l in range(components.shape[0]):
        X_hat += Z[:, l:l + 1] * components[l][None, :]
    return X_hat
''',
    },
    "confusion-matrix": {
        "bincount": '''
def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in length")
    if np.any((y_true < 0) | (y_true >= K) | (y_pred < 0) | (y_pred >= K)):
        raise ValueError("label out of range")
    return np.bincount(y_true * K + y_pred, minlength=K * K).reshape(K, K)
''',
        "loop": '''
def confusion_matrix(y_true, y_pred, K):
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    C = [[0] * K for _ in range(K)]
    for a, b in zip(y_true, y_pred):
        if not (0 <= a < K and 0 <= b < K):
            raise ValueError("label out of range")
        C[a][b] += 1
    return np.array(C)
''',
        "ravel-multi-index": '''
def confusion_matrix(y_true, y_pred, K):
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in shape")
    if np.any(y_true < 0) or np.any(y_true >= K) or np.any(y_pred < 0) or np.any(y_pred >= K):
        raise ValueError("label out of range")
    flat = np.ravel_multi_index((y_true, y_pred), (K, K))
    return np.bincount(flat, minlength=K * K).reshape(K, K)
''',
        "sklearn-with-checks": '''
from sklearn.metrics import confusion_matrix as _sk_cm


def confusion_matrix(y_true, y_pred, K):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape")
    if ((y_true < 0) | (y_true >= K) | (y_pred < 0) | (y_pred >= K)).any():
        raise ValueError("range")
    return _sk_cm(y_true, y_pred, labels=np.arange(K))
''',
    },
    "classification-metrics": {
        "count-formulas-loop": '''
def classification_metrics(C):
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C must be a non-empty square matrix")
    K = C.shape[0]
    precision, recall, f1 = np.zeros(K), np.zeros(K), np.zeros(K)
    for k in range(K):
        tp = C[k, k]
        fp = C[:, k].sum() - tp
        fn = C[k, :].sum() - tp
        precision[k] = tp / (tp + fp) if tp + fp else 0.0
        recall[k] = tp / (tp + fn) if tp + fn else 0.0
        f1[k] = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
    return {"accuracy": np.trace(C) / C.sum(), "precision": precision, "recall": recall, "f1": f1,
            "macro_precision": precision.mean(), "macro_recall": recall.mean(), "macro_f1": f1.mean()}
''',
        "lists-and-floats": '''
def classification_metrics(C):
    C = np.asarray(C, dtype=np.float32)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C must be a non-empty square matrix")
    tp = np.diag(C)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(tp / C.sum(axis=0))
        recall = np.nan_to_num(tp / C.sum(axis=1))
        f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    return {"accuracy": float(tp.sum() / C.sum()), "precision": precision.tolist(), "recall": recall.tolist(),
            "f1": f1.tolist(), "macro_precision": float(np.mean(precision)), "macro_recall": float(np.mean(recall)),
            "macro_f1": float(np.mean(f1))}
''',
        "f1-from-counts": '''
def classification_metrics(C):
    C = np.array(C, dtype=np.float64, copy=True)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError("C must be square")
    n = C.sum()
    if n <= 0:
        raise ValueError("C holds no samples")
    tp = np.diag(C)
    fp = C.sum(axis=0) - tp
    fn = C.sum(axis=1) - tp
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), 0.0)
    return dict(accuracy=float(tp.sum() / n), precision=precision, recall=recall, f1=f1,
                macro_precision=float(np.mean(precision)), macro_recall=float(np.mean(recall)),
                macro_f1=float(np.mean(f1)))
''',
        "sklearn-prfs": '''
from sklearn.metrics import precision_recall_fscore_support as _prfs


def classification_metrics(C):
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.sum() == 0:
        raise ValueError("C")
    K = C.shape[0]
    y_true = np.repeat(np.arange(K), C.sum(axis=1))
    y_pred = np.concatenate([np.repeat(np.arange(K), row) for row in C])
    p, r, f, _ = _prfs(y_true, y_pred, labels=np.arange(K), zero_division=0)
    return {"accuracy": np.trace(C) / C.sum(), "precision": p, "recall": r, "f1": f,
            "macro_precision": p.mean(), "macro_recall": r.mean(), "macro_f1": f.mean()}
''',
    },
    "precision-recall-at": {
        "loop-over-thresholds": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("scores and y_true differ in shape")
    P, R = np.zeros(len(thresholds)), np.zeros(len(thresholds))
    for i, t in enumerate(thresholds):
        flagged = scores >= t
        tp = np.sum(flagged & (y_true == 1))
        fp = np.sum(flagged & (y_true == 0))
        fn = np.sum(~flagged & (y_true == 1))
        P[i] = tp / (tp + fp) if tp + fp > 0 else 0.0
        R[i] = tp / (tp + fn) if tp + fn > 0 else 0.0
    return P, R
''',
        "via-confusion-matrix": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("scores and y_true differ in shape")
    P, R = [], []
    for t in thresholds:
        C = confusion_matrix(y_true, (scores >= t).astype(int), 2)
        report = classification_metrics(C)
        P.append(report["precision"][1])
        R.append(report["recall"][1])
    return np.array(P, dtype=float), np.array(R, dtype=float)
''',
        "sort-and-cumsum": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape mismatch")
    order = np.argsort(-scores, kind="stable")
    s_sorted, pos_sorted = scores[order], (y_true[order] == 1)
    tp_cum = np.concatenate([[0], np.cumsum(pos_sorted)])
    # number of scores >= t: the position of t in the descending scores, counting equal ones
    n_flagged = np.searchsorted(-s_sorted, -np.asarray(thresholds, dtype=float), side="right")
    tp = tp_cum[n_flagged]
    n_pos = pos_sorted.sum()
    precision = np.where(n_flagged > 0, tp / np.maximum(n_flagged, 1), 0.0)
    recall = np.where(n_pos > 0, tp / max(n_pos, 1), 0.0)
    return precision, recall
''',
        "float32": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.asarray(scores), np.asarray(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    flagged = scores[None, :] >= np.asarray(thresholds)[:, None]
    tp = (flagged & (y_true == 1)).sum(axis=1).astype(np.float32)
    n_flagged = flagged.sum(axis=1).astype(np.float32)
    n_pos = np.float32((y_true == 1).sum())
    precision = np.divide(tp, n_flagged, out=np.zeros_like(tp), where=n_flagged > 0)
    recall = np.divide(tp, n_pos, out=np.zeros_like(tp), where=n_pos > 0)
    return precision, recall
''',
        "nan-to-num": '''
def precision_recall_at(scores, y_true, thresholds):
    scores, y_true = np.array(scores, dtype=float), np.array(y_true)
    if scores.shape != y_true.shape:
        raise ValueError("shape")
    t = np.asarray(thresholds, dtype=float).reshape(-1, 1)
    flagged = scores.reshape(1, -1) >= t
    tp = np.sum(flagged * (y_true == 1), axis=1)
    fp = np.sum(flagged * (y_true == 0), axis=1)
    fn = np.sum(~flagged * (y_true == 1), axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(tp / (tp + fp)), np.nan_to_num(tp / (tp + fn))
''',
    },
    "q-task-type": {
        "upper-case-with-commas": 'q_task_type = "D, A, C"',
        "list-of-letters": 'q_task_type = ["c", "a", "d"]',
    },
    "q-test-set": {
        "upper-case": 'q_test_set = "B"',
        "option-in-parentheses": 'q_test_set = "(b)"',
    },
    "q-augment-split": {
        "upper-case": 'q_augment_split = "B"',
        "list": 'q_augment_split = ["b"]',
    },
    "q-digit-augment": {
        "list-of-letters": 'q_digit_augment = ["d", "a"]',
        "upper-case-spaced": 'q_digit_augment = "A D"',
    },
    "q-standardize-value": {
        "computed": 'q_standardize_value = (11 - 5) / 2',
        "int": 'q_standardize_value = 3',
        "numpy-scalar": 'q_standardize_value = np.float64(3.0)',
    },
    "q-precision": {
        "rounded": 'q_precision = 0.667',
        "fraction": 'q_precision = 2 / 3',
        "four-digits": 'q_precision = 0.6667',
    },
    "q-recall": {
        "percentage-as-fraction": 'q_recall = 0.80',
        "fraction": 'q_recall = 4 / 5',
        "numpy-scalar": 'q_recall = np.float64(0.8)',
    },
    "q-f1": {
        "rounded": 'q_f1 = 0.727',
        "fraction": 'q_f1 = 8 / 11',
        "from-counts": 'q_f1 = 2 * 40 / (2 * 40 + 20 + 10)',
    },
    "q-kmeans-k": {
        "upper-case": 'q_kmeans_k = "B"',
        "list": 'q_kmeans_k = ["b"]',
    },
    "q-distribution-shift": {
        "upper-case-shuffled": 'q_distribution_shift = "ECA"',
        "list-of-letters": 'q_distribution_shift = ["c", "a", "e"]',
        "with-commas": 'q_distribution_shift = "a, c, e"',
    },
}

# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "split-indices": {
        "no-shuffle": "Your splits hold the indices in their original order (0, 1, 2, ...); shuffle first with "
                      "np.random.default_rng(seed).permutation(n), then cut.",
        "floor-sizes": "You round the split sizes down (int() truncates); the spec asks for Python's round(), so 0.15 "
                       "* 10 = 1.5 gives 2 test indices, not 1.",
        "legacy-global-rng": "You shuffle with np.random.seed and np.random.permutation, the legacy global generator, "
                             "which gives another permutation; draw it from np.random.default_rng(seed).",
        "train-taken-first": "You take the training indices from the front of the permutation; the recipe cuts the "
                             "test indices first, then the validation indices, and training gets the rest.",
        "seed-ignored": "Your split is the same whatever `seed` is passed; make the generator from the `seed` "
                        "argument, not from a fixed number.",
        "no-validation-of-fractions": "You never raise: a negative fraction, val_frac + test_frac >= 1, or no index "
                                      "left for training must each raise a ValueError.",
        "float-indices": "Your indices are floats; the spec asks for integer index arrays (an integer dtype).",
        "round-half-up": "You round exact halves up (as int(x + 0.5) does); the spec uses Python's round(), which "
                         "takes a half to the even neighbour: round(2.5) == 2.",
        "only-checks-training-left": "You raise only when no training index is left; val_frac + test_frac >= 1 must "
                                     "raise a ValueError too, even when rounding happens to leave a training index.",
        "sum-above-one-only": "You accept val_frac + test_frac == 1 (you raise only above 1); a sum of exactly 1 must "
                              "raise too, even when rounding happens to leave a training index.",
        "ceil-sizes": "You round the split sizes up (ceil); the spec asks for Python's round() to the nearest "
                      "integer, so 1.2 becomes 1, not 2.",
        "val-before-test": "You take the validation indices before the test indices; the first N_test entries of the "
                           "permutation are the test split, the next N_val the validation split.",
    },
    "standardize-splits": {
        "leak-all-data": "You compute mu and sigma on all three splits together; fit them on X_train only and apply "
                         "those training statistics to every split.",
        "own-stats-per-split": "You standardise each split with its own mean and std; the validation and test splits "
                               "must use the mu and sigma of the training split.",
        "sample-std": "You use the sample standard deviation (ddof=1, dividing by N - 1); the spec asks for the "
                      "population std, dividing by N_train, which is np.std's default.",
        "per-sample-axis": "You compute the statistics per sample (over each row, axis=1); standardisation is per "
                           "feature, a reduction over the training samples (axis=0).",
        "epsilon-instead-of-guard": "You add a small epsilon to sigma instead of replacing sigma = 0 by 1; a constant "
                                    "feature then divides by about 1e-8 and blows up any value off the training mean.",
        "modifies-inputs": "You change `X_train`, `X_val` and `X_test` in place (-=, /=); the function must leave its "
                           "inputs unchanged (work on new arrays).",
        "centre-only": "You subtract the mean but never divide by the standard deviation; scale each feature by the "
                       "training sigma_j as well (by 1 where sigma_j is 0).",
        "divides-by-variance": "You divide by the variance; divide by the standard deviation, its square root (by 1 "
                               "where it is 0).",
        "cs231n-style-in-place": "You subtract the mean from `X_train`, `X_val` and `X_test` in place (-=); the "
                                 "function must leave its inputs unchanged (work on a copy).",
        "zero-for-constant": "For a feature that is constant in training you return 0 everywhere; such a feature is "
                             "divided by 1, so validation and test values are centred (x - mu_j), not zeroed.",
    },
    "minibatch-indices": {
        "always-drop-last": "You drop the short last batch even when drop_last is False; by default it is kept, so "
                            "that every index appears in one batch.",
        "never-drop-last": "You ignore drop_last: with drop_last=True a last batch shorter than batch_size must be "
                           "left out.",
        "off-by-one-stop": "With drop_last you stop at n - batch_size, which also throws away a full last batch when "
                           "batch_size divides N; only a batch shorter than batch_size may be dropped.",
        "shuffle-ignored": "You ignore shuffle: with shuffle=True the order must be "
                           "np.random.default_rng(seed).permutation(n), not 0, 1, ..., N-1.",
        "legacy-global-rng": "You shuffle with np.random.seed and np.random.permutation, the legacy global generator, "
                             "which gives another order; use np.random.default_rng(seed).permutation(n).",
        "array-split-evens-out": "You split into pieces of even size (4, 3, 3 for N = 10, B = 4); every batch must "
                                 "hold exactly batch_size indices, only the last one may be shorter.",
        "no-batch-size-check": "For a batch_size below 1 you return all indices as one batch; the spec asks for a "
                               "ValueError instead.",
        "float-indices": "Your batches hold floats; they are indices, so they must have an integer dtype.",
        "only-zero-rejected": "You reject batch_size == 0 only; a negative batch_size must raise a ValueError too "
                              "(any value below 1).",
        "generator": "You return a generator; the spec asks for a list of arrays, because callers need len() and "
                     "indexing.",
    },
    "shift-images": {
        "np-roll-wraps": "Your shift wraps pixels pushed out on one side back in on the other (as np.roll does); they "
                         "must be lost, and the uncovered border filled with 0.",
        "axes-swapped": "You shift the rows by dx and the columns by dy; `dy` moves the content down (rows, axis 1) "
                        "and `dx` to the right (columns, axis 2).",
        "opposite-direction": "Your shift goes the wrong way: positive dy must move the content down and positive dx "
                              "to the right, out[r, c] = images[r - dy, c - dx].",
        "large-shift-crashes": "A shift larger than the image (|dy| > H or |dx| > W) makes your slices mismatch and "
                               "raise; such a shift must return an all-zero batch of the same shape and dtype.",
        "modifies-input": "You write the result into `images`; the function must leave its input unchanged and return "
                          "a new array.",
        "float32-result": "You return float32 whatever the input; the result must have the same dtype as `images` "
                          "(integer pixels stay integers).",
        "upcast-to-float64": "You return float64 whatever the input; the result must have the same dtype as `images` "
                             "(integer pixels stay integers).",
        "no-ndim-check": "You accept input that is not 3-dimensional; an array that is not (N, H, W) must raise a "
                         "ValueError.",
    },
    "augment-shifts": {
        "originals-missing": "You return only the shifted copies; the original images come first, followed by one "
                             "shifted block per shift, N * (1 + S) images in all.",
        "labels-repeated-not-tiled": "Your labels repeat each label in place (y0, y0, ..., y1, y1, ...); they must "
                                     "follow the image blocks: y0, ..., y_{N-1}, then that whole sequence again.",
        "interleaved-per-image": "You group the copies by image (I0 and its shifts, then I1, ...); the spec wants "
                                 "whole blocks: all originals, then all images shifted by shifts[0], and so on.",
        "shift-pairs-swapped": "You read each pair as (dx, dy); a pair in `shifts` is (dy, dx), rows first, with the "
                               "meaning of shift_images.",
        "float-labels-from-empty": "Your labels come out as floats (concatenated onto an empty float array); they "
                                   "must be an integer array.",
        "originals-last": "You put the original images last; they come first, followed by one shifted block per shift "
                          "in the order of `shifts`.",
    },
    "distances-loops": {
        "no-sqrt": "You return squared distances; take the square root of each sum of squared differences.",
        "transposed": "Your matrix is (N, M), one row per point of B; the spec asks for (M, N): row i for A[i], "
                      "column j for B[j].",
        "expanded-form-per-pair": "You use the expanded form ||a||^2 + ||b||^2 - 2 a.b, which loses precision for "
                                  "close points far from the origin; compute from the difference vectors A[i] - B[j].",
        "square-of-sum": "You square the sum of the differences; the distance is the square root of the sum of the "
                         "squared differences (square each coordinate first).",
        "last-column-skipped": "Your two-loop version leaves the last column at 0: the inner loop must run over all N "
                               "rows of B.",
        "manhattan": "You compute the L1 (Manhattan) distance, a sum of absolute differences; the spec asks for the "
                     "Euclidean distance, the square root of the sum of squared differences.",
        "integer-matrix": "You store the distances in an integer array, which truncates them; the result must be a "
                          "float array.",
        "centres-inputs-in-place": "You centre `A` and `B` in place (-=); the function must leave its inputs "
                                   "unchanged (work on a copy).",
        "one-loop-sums-wrong-axis": "In the one-loop version you sum all of A[i] - B into one number; sum over axis=1 "
                                    "(the D coordinates) to get one distance per row of B.",
    },
    "pairwise-distances": {
        "no-sqrt": "You return squared distances; take the square root after clipping at 0.",
        "plus-cross-term": "You add the cross term; the expansion is ||a||^2 + ||b||^2 minus 2 a.b.",
        "manhattan": "You compute the L1 (Manhattan) distance; the spec asks for the Euclidean distance ||a_i - "
                     "b_j||_2.",
        "transposed": "Your matrix is (N, M); the spec asks for (M, N), row i for A[i] and column j for B[j].",
        "norms-broadcast-wrong-way": "You add the squared norms of A twice; the second term must be the squared norms "
                                     "of the rows of B, broadcast along the columns.",
        "no-clip": "You take the square root without clipping; rounding can make a squared distance slightly "
                   "negative, which gives NaN. Clip at 0 first.",
        "broadcast-no-validation": "You do not check the inputs: an A or B that is not 2-dimensional, or differing "
                                   "numbers of columns, must raise a ValueError.",
        "atleast-2d-accepts-vectors": "You turn 1-D vectors into rows; the spec asks for a ValueError unless A and B "
                                      "are both 2-dimensional.",
    },
    "knn-predict": {
        "vote-tie-largest-label": "When labels tie in the vote you pick the largest one; the smallest tied label must "
                                  "win.",
        "k-plus-one-neighbours": "You vote among k + 1 neighbours; take exactly the k nearest training points.",
        "farthest-neighbours": "You vote among the k farthest training points; sort by increasing distance and take "
                               "the k nearest.",
        "distance-tie-larger-index": "Among equally distant training points you take the larger index first; the one "
                                     "with the smaller index must come first.",
        "rounded-mean-label": "You average the neighbours' labels and round; labels are classes, not quantities: take "
                              "the label that occurs most often among the k neighbours.",
        "no-k-check": "You do not check k: a k below 1 or above N must raise a ValueError.",
        "float-predictions": "Your predictions are floats; return the labels as an integer array.",
        "collections-counter": "On a vote tie you return the tied label that appears first among the neighbours; the "
                               "smallest tied label must win.",
        "quicksort-ties": "You pick among equally distant training points in no fixed order (np.argpartition); "
                          "distance ties go to the smaller index, which a stable sort guarantees.",
        "default-argsort": "np.argsort's default sort is not stable, so equally distant training points can come in "
                           "any order; the smaller index must come first (kind=\"stable\").",
        "unique-K": "You take K as the number of distinct labels, so when a label value is missing (say only 0 and 2 "
                    "occur) the larger labels are never counted; K is y_train.max() + 1.",
        "vote-tie-nearest-label": "On a vote tie you return the tied label of the nearest neighbour; the smallest "
                                  "tied label must win.",
    },
    "choose-k": {
        "first-best-in-list": "On a tie you return the best k that comes first in `ks`; return the smallest k with "
                              "the highest accuracy, wherever it sits in ks.",
        "largest-best-k": "On a tie you return the largest of the best k; return the smallest one.",
        "training-accuracy": "You measure the accuracy on the training points, where k = 1 is always perfect; predict "
                             "the validation points and compare with y_val.",
        "error-rate-instead-of-accuracy": "You return error rates; the spec asks for validation accuracies, the share "
                                          "of correct predictions.",
        "accuracies-sorted-by-k": "Your accuracies come in increasing order of k; return them in the order of `ks` as "
                                  "given.",
        "float-best-k": "Your best k comes back as a float; return it as an integer.",
        "accuracy-in-percent": "Your accuracies are percentages; the spec asks for fractions between 0 and 1.",
        "sorts-ks-in-place": "You sort `ks` in place, which reorders the caller's list; leave it unchanged and return "
                             "the accuracies in its original order.",
    },
    "kfold-indices": {
        "remainder-in-last-fold": "You put the whole remainder into the last fold; the first N mod F folds get one "
                                  "extra index each (the rule of np.array_split).",
        "overlapping-folds": "Your folds overlap, so some indices appear twice and others not at all; every index "
                             "must be in exactly one fold.",
        "unshuffled": "Your folds hold consecutive indices; shuffle first with "
                      "np.random.default_rng(seed).permutation(n).",
        "seed-ignored": "Your folds change from call to call; seed the generator with the `seed` argument.",
        "fixed-seed": "Your folds are the same whatever `seed` is passed; make the generator from the `seed` "
                      "argument, not from a fixed number.",
        "float-indices": "Your folds hold floats; they are indices and must have an integer dtype.",
        "larger-folds-last": "Your larger folds come last; when F does not divide N, the first N mod F folds get the "
                             "extra index.",
        "round-robin": "You deal the permutation out in turns (every F-th entry); fold 0 takes the first indices of "
                       "the permutation, fold 1 the next ones, and so on.",
        "legacy-global-rng": "You shuffle with np.random.seed and np.random.permutation, the legacy global generator; "
                             "the recipe uses np.random.default_rng(seed).permutation(n).",
        "drops-the-remainder": "You drop the N mod F indices left over; every index must land in a fold, the first N "
                               "mod F folds getting one extra.",
        "no-check-for-one-fold": "You accept n_folds = 1, which leaves nothing to train on; raise a ValueError unless "
                                 "2 <= n_folds <= N.",
        "generator": "You return a generator; the spec asks for a list of F arrays.",
    },
    "cross-validate-knn": {
        "fold-left-in-training": "You keep the held-out fold among the neighbours, so every point finds itself; take "
                                 "the neighbours from the other folds only.",
        "std-ddof-1": "You divide by F - 1 in the standard deviation (ddof=1); the spec's s divides by F, as np.std "
                      "does by default.",
        "seed-ignored": "Your folds do not change with `seed`; pass the seed argument on to kfold_indices.",
        "pooled-accuracy": "Your mean is the share of all N points classified correctly; return the mean of the F "
                           "fold accuracies, which differs when the folds differ in size.",
        "roles-swapped": "You take the neighbours from one fold and classify the rest; fold f is the held-out set, "
                         "and its neighbours come from all the other folds together.",
        "n-folds-ignored": "You always use 5 folds; pass `n_folds` on to kfold_indices.",
        "error-rates": "You return error rates; the spec asks for the accuracy on each fold, and their mean and "
                       "standard deviation.",
        "own-unshuffled-folds": "You cut your own unshuffled folds; take them from kfold_indices(N, n_folds, seed).",
        "k-clipped-silently": "You clip an out-of-range k silently; an invalid k must raise a ValueError (the one "
                              "knn_predict raises).",
        "last-fold-only-in-training": "You take the neighbours from a single other fold; for fold f they must come "
                                      "from all the other folds together.",
    },
    "kmeans-assign": {
        "argmax": "You assign each point to its farthest centroid; take the nearest one (argmin).",
        "tie-largest-index": "On equal distances you pick the largest centroid index; ties go to the smallest index.",
        "manhattan": "You measure L1 (Manhattan) distances; the assignment uses Euclidean distance (the squared one "
                     "gives the same argmin).",
        "wrong-axis": "You take the argmin over the points, one value per centroid; take it over the centroids to get "
                      "one label per point, shape (N,).",
        "float-labels": "Your labels are floats; return them as an integer array.",
        "loop-less-or-equal": "On equal distances a later centroid replaces an earlier one (<=); ties go to the "
                              "smallest index, so replace only when strictly closer.",
    },
    "kmeans-update": {
        "empty-cluster-to-origin": "An empty cluster's centroid moves to the origin; it must keep its old position "
                                   "from `centroids`.",
        "divides-by-n": "You divide each cluster's sum by the total number of points N; divide by the number of "
                        "points in that cluster (take their mean).",
        "modifies-centroids": "You change `centroids` in place; the function must leave its inputs unchanged (start "
                              "from a copy).",
        "empty-cluster-to-first-point": "An empty cluster's centroid jumps to the first data point; it must keep its "
                                        "old position from `centroids`.",
        "median-not-mean": "You move each centroid to the median of its points; the update uses the mean.",
        "k-from-labels": "You take K from the labels that occur, so empty clusters at the end vanish; K is the number "
                         "of rows of `centroids`, and an empty cluster keeps its old centroid.",
        "nan-for-empty": "An empty cluster gets NaN (the mean of no points); it must keep its old centroid from "
                         "`centroids`.",
    },
    "pca-fit": {
        "not-centred": "You run the SVD on the raw data; subtract the training mean first, or the first component "
                       "points towards the mean rather than along the spread.",
        "no-sign-convention": "You return the components with whatever sign the SVD gives; flip each one so that its "
                              "entry of largest absolute value is positive.",
        "sign-from-first-entry": "You fix each component's sign by its first entry; the convention uses the entry of "
                                 "largest absolute value.",
        "ratio-over-kept-only": "You divide by the sum over the kept components only; the explained variance ratio "
                                "divides by the sum of all squared singular values.",
        "ratio-of-singular-values": "You use the singular values themselves; the explained variance goes with their "
                                    "squares, s_l^2 / sum_j s_j^2.",
        "columns-of-vt": "You take columns of Vt; the principal components are its rows.",
        "smallest-components": "You keep the directions of smallest variance; PCA keeps the L components of largest "
                               "variance, in decreasing order.",
        "rejects-L-equal-min": "You reject L = min(N, D); the allowed range is 1 <= L <= min(N, D), both ends "
                               "included.",
        "centres-in-place": "You centre `X_train` in place (-=); the function must leave its inputs unchanged (work "
                            "on a copy).",
        "sign-by-sum": "You fix each component's sign by the sign of its sum; the convention makes the entry of "
                       "largest absolute value positive.",
    },
    "pca-project": {
        "transform-not-centred": "pca_transform does not subtract the mean; project the centred data, Z = (X - mu) "
                                 "V_L.",
        "reconstruct-without-mean": "pca_reconstruct does not add the mean back; X_hat = Z V_L^T + mu.",
        "reconstruct-subtracts-mean": "pca_reconstruct subtracts the mean; it must add it back: X_hat = Z V_L^T + mu.",
        "transform-divides-by-norm": "pca_transform divides each projection by the sample's norm; the coordinates are "
                                     "the plain projections (X - mu) V_L.",
        "transform-centres-in-place": "pca_transform subtracts the mean from `X` in place; the function must leave "
                                      "its inputs unchanged (work on a copy).",
        "transform-uses-own-mean": "pca_transform centres X with its own mean; use the training mean `mean` that is "
                                   "passed in, for every split.",
    },
    "confusion-matrix": {
        "transposed": "Your rows are the predictions and your columns the true classes; rows must be true classes, "
                      "columns predictions.",
        "fancy-index-increment": "You count with C[y_true, y_pred] += 1, which adds only 1 for a pair that occurs "
                                 "several times; use np.add.at, np.bincount or a loop.",
        "k-from-the-data": "You take K from the largest label in the data; use the K passed in (a class may be "
                           "missing), and raise a ValueError for labels outside 0..K-1.",
        "row-normalised": "You divide each row by its total; the confusion matrix holds raw counts, as integers.",
        "no-label-checks": "You never raise: y_true and y_pred of different shapes, or a label outside 0..K-1, must "
                           "raise a ValueError.",
        "float-counts": "Your counts are floats; the spec asks for an integer dtype.",
        "histogram2d": "Your counts are floats (np.histogram2d returns float64); the spec asks for an integer dtype.",
    },
    "classification-metrics": {
        "precision-recall-swapped": "Your precision and recall are swapped: precision divides TP by the column sum "
                                    "(all predicted as k), recall by the row sum (all truly k).",
        "micro-instead-of-macro": "Your macro averages are the accuracy (the micro average); macro means the plain "
                                  "mean of the per-class values over all K classes.",
        "f1-of-macro-averages": "Your macro F1 is the F1 of the macro precision and recall; it must be the mean of "
                                "the per-class F1 values.",
        "f1-arithmetic-mean": "Your F1 is the arithmetic mean of precision and recall; F1 is their harmonic mean, 2PR "
                              "/ (P + R).",
        "zero-division-gives-one": "A zero denominator gives 1 in your precision or recall; the spec counts 0/0 as 0.",
        "macro-over-present-classes-only": "You average only over the classes present in the data; the macro average "
                                           "is the mean over all K classes.",
        "no-empty-check": "You accept an all-zero matrix; a C that holds no samples has no accuracy and must raise a "
                          "ValueError.",
        "integer-zeros-like": "Your precision, recall and F1 arrays have an integer dtype, so every fraction is "
                              "truncated to 0 or 1; they must be float arrays.",
        "fill-diagonal-modifies": "You zero the diagonal of `C` in place; the function must leave its input unchanged "
                                  "(work on a copy).",
    },
    "precision-recall-at": {
        "strictly-greater": "You flag a sample only when its score is above t; a score equal to the threshold counts "
                            "as positive (s >= t).",
        "precision-and-recall-swapped": "Your precision and recall are swapped: precision is TP / (TP + FP), recall "
                                        "TP / (TP + FN).",
        "nan-for-zero-division": "A zero denominator gives NaN in your result; the spec counts 0/0 as 0 (precision 0 "
                                 "when nothing is flagged).",
        "precision-one-when-nothing-flagged": "When nothing is flagged your precision is 1; the spec counts 0/0 as 0.",
        "thresholds-sorted": "Your results follow the thresholds in sorted order; return them in the order of "
                             "`thresholds` as given.",
        "zero-is-positive": "You treat label 0 as the positive class; the positive class is 1.",
        "no-shape-check": "You do not check the shapes: scores and y_true of different shapes must raise a ValueError.",
        "integer-division": "You divide with //, so every precision and recall is 0 or 1 (and an integer); use true "
                            "division and return float arrays.",
        "recall-over-negatives": "Your recall divides by TP + TN; recall is TP / (TP + FN), the share of the true "
                                 "positives that get flagged.",
    },
    "q-task-type": {
        "classification-tasks": "You picked the tasks whose targets are classes (a class per pixel, a word from a "
                                "vocabulary); regression predicts continuous numbers.",
        "misses-keypoints": "You left out the facial key points: their image coordinates are real numbers, so "
                            "predicting them is regression too.",
        "all": "Not every task here predicts numbers: a class for each pixel, or one word out of a vocabulary, is a "
               "discrete choice, which makes it classification.",
        "misses-depth": "You left out the depth estimation: a depth in metres for every pixel is a continuous number, "
                        "so it is regression too.",
        "adds-next-word": "The next word is one choice out of a fixed vocabulary, a discrete class: that task is "
                          "classification, not regression.",
    },
    "q-test-set": {
        "tune-on-test": "Choosing the setting by its test accuracy turns the test set into a second validation set, "
                        "and its score is no longer an unbiased estimate.",
        "merge-val-test": "A score measured on data that also chose the setting is optimistic; the test set must stay "
                          "out of every decision and be used once, at the end.",
        "training-loss": "The lowest training loss favours overfitting, and stopping on the test set uses it for a "
                         "decision; settings are compared on validation data.",
        "two-letters": "Give one letter: only one statement describes good practice, and merging the test set into "
                       "the validation set lets it help choose the setting.",
    },
    "q-augment-split": {
        "augment-everything": "Augmenting the validation and test splits measures performance on an artificial "
                              "distribution, and every split needs the same standardisation.",
        "own-statistics": "Standardising each split with its own statistics changes the transformation from split to "
                          "split; all splits must use the statistics of the training split.",
        "both-train-only": "Augmentation is for the training split only, but standardisation is part of the model: "
                           "every split needs it, with the training statistics.",
        "two-letters": "Give one letter: only one option gets both rules right.",
    },
    "q-digit-augment": {
        "mirror-too": "A left-right mirror turns many digits into shapes nobody writes (a mirrored 2 or 7), so it "
                      "does not keep the label.",
        "shift-only": "A small rotation keeps a digit's label too: people write slightly slanted digits all the time.",
        "rotation-only": "A one-pixel shift keeps a digit's label too: the digit stays the same, only its position in "
                         "the frame moves.",
        "all": "Not every transformation keeps the label: a mirror makes shapes nobody writes, and a half turn makes "
               "a 6 into a 9.",
        "rotate-180": "A half turn makes a 6 into a 9, so it changes labels; also check again which rotations a "
                      "writer produces naturally.",
    },
    "q-standardize-value": {
        "sample-std": "You divided by the sample standard deviation (N - 1); the spec uses the population std, "
                      "dividing by N.",
        "test-value-in-statistics": "You included the test value 11 in the mean and standard deviation; the "
                                    "statistics come from the training values only.",
        "variance-not-std": "You divided by the variance; divide by the standard deviation, its square root.",
        "not-centred": "You divided the raw value by sigma without subtracting the training mean first.",
        "sign-flipped": "Your sign is flipped: z is the value minus the mean, divided by sigma, so a value above the "
                        "mean has a positive z.",
    },
    "q-precision": {
        "recall-instead": "0.8 divides the true positives by all defective parts, which is the recall; precision "
                          "divides them by the parts that were flagged.",
        "accuracy-instead": "0.97 is the share of all parts classified correctly, the accuracy; precision asks how "
                            "many of the flagged parts are really defective.",
        "percent": "Your answer is a percentage; give the precision as a fraction between 0 and 1.",
        "flagged-share": "60/1000 is the share of parts that were flagged; precision is the share of the flagged "
                         "parts that are really defective.",
        "too-coarse": "0.67 is rounded too far: the answer is accepted within 0.1 %, so give four significant digits "
                      "or the fraction itself.",
    },
    "q-recall": {
        "precision-instead": "You divided the true positives by the flagged parts, which is the precision; recall "
                             "divides them by all defective parts.",
        "flagged-share": "60/1000 is the share of parts that were flagged; recall is the share of the defective parts "
                         "that the detector finds.",
        "percent": "Your answer is a percentage; give the recall as a fraction between 0 and 1.",
        "defective-share": "50/1000 is the share of defective parts among all parts; recall is the share of the "
                           "defective parts that were flagged.",
    },
    "q-f1": {
        "arithmetic-mean": "You took the arithmetic mean of precision and recall; F1 is their harmonic mean, 2PR / (P "
                           "+ R).",
        "accuracy": "0.97 is the accuracy over all parts; F1 combines the precision and recall of the defective class "
                    "as their harmonic mean.",
        "percent": "Your answer is a percentage; give F1 as a fraction between 0 and 1.",
        "product": "You multiplied precision and recall; F1 is their harmonic mean, 2PR / (P + R).",
        "missing-factor-2": "You computed PR / (P + R), which is half of F1: the harmonic mean has a factor 2 in "
                            "front.",
    },
    "q-kmeans-k": {
        "u-shaped": "An extra centroid can never make the best J worse, since the old centroids are still available; "
                    "so the lowest J cannot rise after the true number of clusters.",
        "increases": "A centroid adds no term to J: J sums one squared distance per point, to its own centroid, and "
                     "more centroids can only shorten those distances.",
        "initialisation": "The initialisation decides which local minimum one run reaches, but the lowest achievable "
                          "J depends only on K and the data.",
        "two-letters": "Give one letter: these statements contradict each other about what happens beyond the true "
                       "number of clusters.",
    },
    "q-distribution-shift": {
        "only-a": "(a) holds, but it is not the only true statement: think about what a random test split can and "
                  "cannot tell you about new writers or scanners.",
        "a-and-c": "One more statement is true: look for the one that says what any test score describes, however "
                   "large the data set.",
        "all-but-d": "Keeping the test split out of all decisions makes its score unbiased only for the distribution "
                     "it was drawn from, not for any writer or scanner.",
        "with-more-data": "More digits from the same 13 writers are still a sample of the same distribution; they "
                          "narrow the error bar, not the gap to new writers.",
        "only-e": "(e) is true, but it is not the only true statement: apply it to this test split and ask what the "
                  "98 % does and does not estimate.",
        "test-set-guarantee": "An unbiased test score holds only for the distribution its test data came from; digits "
                              "of other writers or scanners can score lower.",
    },
}
