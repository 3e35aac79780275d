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
    },
    # ------------------------------------------------------------------ k-NN
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
    },
    # ------------------------------------------------------------------ k-means
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
    },
    # ------------------------------------------------------------------ questions
    "q-task-type": {
        "classification-tasks": 'q_task_type = "be"',
        "misses-keypoints": 'q_task_type = "ad"',
        "all": 'q_task_type = "abcde"',
    },
    "q-test-set": {
        "tune-on-test": 'q_test_set = "a"',
        "merge-val-test": 'q_test_set = "d"',
    },
    "q-augment-split": {
        "augment-everything": 'q_augment_split = "a"',
        "own-statistics": 'q_augment_split = "d"',
        "both-train-only": 'q_augment_split = "c"',
    },
    "q-digit-augment": {
        "mirror-too": 'q_digit_augment = "abd"',
        "shift-only": 'q_digit_augment = "a"',
    },
    "q-standardize-value": {
        "sample-std": "q_standardize_value = 6 / np.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1)",
        "test-value-in-statistics": (
            "q_standardize_value = float((11 - np.mean([2, 4, 4, 4, 5, 5, 7, 9, 11])) / np.std([2, 4, 4, 4, 5, 5, 7, 9, 11]))"),
        "variance-not-std": "q_standardize_value = 6 / 4",
    },
    "q-precision": {
        "recall-instead": "q_precision = 0.8",
        "accuracy-instead": "q_precision = 0.97",
    },
    "q-recall": {
        "precision-instead": "q_recall = 40 / 60",
        "flagged-share": "q_recall = 60 / 1000",
    },
    "q-f1": {
        "arithmetic-mean": "q_f1 = (40 / 60 + 40 / 50) / 2",
        "accuracy": "q_f1 = 0.97",
    },
    "q-kmeans-k": {
        "u-shaped": 'q_kmeans_k = "a"',
        "increases": 'q_kmeans_k = "d"',
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
    },
    "q-task-type": {"upper-case-with-commas": 'q_task_type = "D, A, C"'},
    "q-digit-augment": {"list-of-letters": 'q_digit_augment = ["d", "a"]'},
    "q-standardize-value": {"computed": "q_standardize_value = (11 - 5) / 2"},
    "q-precision": {"rounded": "q_precision = 0.667"},
    "q-recall": {"percentage-as-fraction": "q_recall = 0.80"},
    "q-f1": {"rounded": "q_f1 = 0.727"},
}
