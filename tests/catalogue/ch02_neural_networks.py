"""Wrong and alternative-correct implementations for chapter 02_neural_networks.

Every WRONG variant must lose points in at least one test cell of its exercise; every
CORRECT variant must pass all of them.  Variants may use the names of the notebook's
setup cell (np, testing, data, ...) and the reference functions of other exercises.
Classes covered for every function exercise, as far as the specification makes them
mistakes: a wrong formula or axis, an edge case of the specification (a raise, a tie,
sign(0) = 0, a last smaller minibatch), an input (or upstream gradient) modified in
place, and for the training functions a hard-coded learning rate, an ignored or
hard-coded seed, a summed loss history and gradients accumulated in place; correct
variants include loops, float32 arithmetic, other valid formulas, defensive copies and
public-student styles.
"""

CHAPTER = "02_neural_networks"

WRONG = {
    # ------------------------------------------------------------------ affine
    "affine": {
        "transposed-dW": '''
def affine_backward(dL_dout, cache):
    X, W = cache
    return dL_dout @ W.T, dL_dout.T @ X, dL_dout.sum(axis=0)
''',
        "missing-bias-gradient": '''
def affine_backward(dL_dout, cache):
    X, W = cache
    return dL_dout @ W.T, X.T @ dL_dout, np.zeros(W.shape[1])
''',
        "bias-gradient-not-summed": '''
def affine_backward(dL_dout, cache):
    X, W = cache
    return dL_dout @ W.T, X.T @ dL_dout, dL_dout
''',
        "bias-gradient-averaged": '''
def affine_backward(dL_dout, cache):
    X, W = cache
    return dL_dout @ W.T, X.T @ dL_dout, dL_dout.mean(axis=0)
''',
        "dX-without-transpose": '''
def affine_backward(dL_dout, cache):
    X, W = cache
    return dL_dout @ W, X.T @ dL_dout, dL_dout.sum(axis=0)
''',
        "forward-forgets-bias": '''
def affine_forward(X, W, b):
    return X @ W, (X, W)
''',
        "loop-without-shape-check": '''
def affine_forward(X, W, b):
    out = np.zeros((X.shape[0], W.shape[1])) + b
    for d in range(X.shape[1]):              # a W with more rows than X has features goes unnoticed
        out += X[:, d:d + 1] * W[d]
    return out, (X, W)
''',
        "bias-added-as-a-column": '''
def affine_forward(X, W, b):
    return X @ W + b[:, None], (X, W)
''',
        "dW-averaged-over-the-batch": '''
def affine_backward(dL_dout, cache):
    X, W = cache
    return dL_dout @ W.T, X.T @ dL_dout / X.shape[0], dL_dout.sum(axis=0)
''',
    },
    # ------------------------------------------------------------------ double-affine
    "double-affine": {
        "T-gradient-summed-like-a-bias": """
_reference_double_affine_backward = double_affine_backward
def double_affine_backward(dL_dY, cache):
    dX, dW, dZ, dR, dT, dA = _reference_double_affine_backward(dL_dY, cache)
    return dX, dW, dZ, dR, dL_dY.sum(axis=0), dA
""",
        "A-gradient-ones-whatever-the-upstream": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY @ R.T, Z.T @ dL_dY, dL_dY, np.ones_like(dL_dY)
""",
        "Z-gradient-uses-W": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY @ W.T, Z.T @ dL_dY, dL_dY, dL_dY
""",
        "R-gradient-uses-X": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY @ R.T, X.T @ dL_dY, dL_dY, dL_dY
""",
        "transposed-dR": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY @ R.T, dL_dY.T @ Z, dL_dY, dL_dY
""",
        "gradients-grouped-by-kind": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return dL_dY @ W.T, dL_dY @ R.T, X.T @ dL_dY, Z.T @ dL_dY, dL_dY, dL_dY
""",
        "forward-forgets-A": """
def double_affine_forward(X, W, Z, R, T, A):
    return X @ W + Z @ R + T, (X, W, Z, R)
""",
        "forward-accumulates-into-T": """
def double_affine_forward(X, W, Z, R, T, A):
    T += A                                  # saves one temporary array, and changes the caller's T
    T += X @ W
    T += Z @ R
    return T.copy(), (X, W, Z, R)
""",
        "weight-gradients-averaged": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    N = X.shape[0]
    return dL_dY @ W.T, X.T @ dL_dY / N, dL_dY @ R.T, Z.T @ dL_dY / N, dL_dY, dL_dY
""",
        "only-four-gradients": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY @ R.T, Z.T @ dL_dY
""",
    },
    # ------------------------------------------------------------------ q-flatten
    "q-flatten": {
        "whole-batch-as-features": "q_flat_features = 8 * 3 * 8 * 8\nq_flat_W_shape = (8 * 3 * 8 * 8, 1)",
        "one-channel-only": "q_flat_features = 8 * 8\nq_flat_W_shape = (64, 1)",
        "W-transposed": "q_flat_features = 192\nq_flat_W_shape = (1, 192)",
        "W-as-a-vector": "q_flat_features = 192\nq_flat_W_shape = (192,)",
        "shape-of-X-instead-of-W": "q_flat_features = 192\nq_flat_W_shape = (8, 192)",
        "one-output-per-image-in-the-batch": "q_flat_features = 192\nq_flat_W_shape = (192, 8)",
        "shape-as-a-string": "q_flat_features = 192\nq_flat_W_shape = '192x1'",
    },
    # ------------------------------------------------------------------ sigmoid-tanh
    "sigmoid-tanh": {
        "sigmoid-overflows-for-large-negative-x": '''
def sigmoid_forward(x):
    out = 1 / (1 + np.exp(-x))
    return out, out
''',
        "sigmoid-exp-ratio": '''
def sigmoid_forward(x):
    out = np.exp(x) / (1 + np.exp(x))
    return out, out
''',
        "sigmoid-where-evaluates-both-branches": '''
def sigmoid_forward(x):
    out = np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
    return out, out
''',
        "sigmoid-backward-missing-factor": '''
def sigmoid_backward(dL_dout, cache):
    return dL_dout * cache
''',
        "tanh-backward-not-squared": '''
def tanh_backward(dL_dout, cache):
    return dL_dout * (1 - cache)
''',
        "tanh-backward-ignores-upstream": '''
def tanh_backward(dL_dout, cache):
    return 1 - cache ** 2
''',
        "sigmoid-backward-in-place": '''
def sigmoid_backward(dL_dout, cache):
    dL_dout *= cache * (1 - cache)
    return dL_dout
''',
        "tanh-forward-in-place": '''
def tanh_forward(x):
    np.tanh(x, out=x)
    return x, x
''',
    },
    # ------------------------------------------------------------------ relu-family
    "relu-family": {
        "relu-backward-ignores-upstream": '''
def relu_backward(dL_dout, cache):
    return (cache > 0).astype(float)
''',
        "leaky-backward-zero-slope": '''
def leaky_relu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * (x > 0)
''',
        "leaky-default-alpha-0.1": '''
def leaky_relu_forward(x, alpha=0.1):
    return np.where(x > 0, x, alpha * x), (x, alpha)
''',
        "elu-backward-uses-output": '''
def elu_backward(dL_dout, cache):
    x, out, alpha = cache
    return dL_dout * np.where(x > 0, 1.0, out)
''',
        "elu-forward-without-minus-one": '''
def elu_forward(x, alpha=1.0):
    out = np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0)))
    return out, (x, out - alpha, alpha)
''',
        "elu-ignores-alpha": '''
def elu_forward(x, alpha=1.0):
    out = np.where(x > 0, x, np.expm1(np.minimum(x, 0)))
    return out, (x, out, 1.0)
''',
        "cs231n-dx-aliases-dout": '''
def relu_backward(dout, cache):
    x = cache
    dx = dout                       # not a copy: the next line zeroes the caller's upstream gradient
    dx[x <= 0] = 0
    return dx
''',
        "leaky-as-maximum": '''
def leaky_relu_forward(x, alpha=0.01):
    return np.maximum(alpha * x, x), (x, alpha)
''',
        "relu-forward-in-place": '''
def relu_forward(x):
    np.maximum(x, 0, out=x)
    return x, x
''',
    },
    # ------------------------------------------------------------------ prelu
    "prelu": {
        "alpha-gradient-not-summed": '''
def prelu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * np.where(x > 0, 1.0, alpha), dL_dout * np.where(x > 0, 0.0, x)
''',
        "alpha-gradient-averaged": '''
def prelu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * np.where(x > 0, 1.0, alpha), np.mean(dL_dout * np.where(x > 0, 0.0, x), axis=0)
''',
        "alpha-gradient-without-x": '''
def prelu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * np.where(x > 0, 1.0, alpha), np.sum(dL_dout * (x <= 0), axis=0)
''',
        "dx-ignores-alpha": '''
def prelu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * (x > 0), np.sum(dL_dout * np.where(x > 0, 0.0, x), axis=0)
''',
        "backward-in-place": '''
def prelu_backward(dL_dout, cache):
    x, alpha = cache
    dL_dalpha = np.sum(dL_dout * np.where(x > 0, 0.0, x), axis=0)
    neg = x <= 0
    dL_dout[neg] = (dL_dout * alpha)[neg]
    return dL_dout, dL_dalpha
''',
        "alpha-gradient-summed-to-a-scalar": '''
def prelu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * np.where(x > 0, 1.0, alpha), np.sum(dL_dout * np.where(x > 0, 0.0, x))
''',
    },
    # ------------------------------------------------------------------ maxout
    "maxout": {
        "gradient-to-every-piece": '''
def maxout_backward(dL_dout, cache):
    X, W, winner = cache
    K = W.shape[0]
    dL_dz = np.repeat(dL_dout[:, None, :], K, axis=1)
    return np.einsum("nkm,kdm->nd", dL_dz, W), np.einsum("nd,nkm->kdm", X, dL_dz), dL_dz.sum(axis=0)
''',
        "bias-gradient-not-summed": '''
def maxout_backward(dL_dout, cache):
    X, W, winner = cache
    K = W.shape[0]
    won = np.arange(K)[None, :, None] == winner[:, None, :]
    dL_dz = won * dL_dout[:, None, :]
    return np.einsum("nkm,kdm->nd", dL_dz, W), np.einsum("nd,nkm->kdm", X, dL_dz), dL_dz
''',
        "average-instead-of-max": '''
def maxout_forward(X, W, b):
    z = np.einsum("nd,kdm->nkm", X, W) + b[None]
    winner = np.argmax(z, axis=1)
    return z.mean(axis=1), (X, W, winner)
''',
        "dX-from-the-first-piece-only": '''
def maxout_backward(dL_dout, cache):
    X, W, winner = cache
    K = W.shape[0]
    won = np.arange(K)[None, :, None] == winner[:, None, :]
    dL_dz = won * dL_dout[:, None, :]
    return dL_dout @ W[0].T, np.einsum("nd,nkm->kdm", X, dL_dz), dL_dz.sum(axis=0)
''',
        "winner-over-the-output-axis": '''
def maxout_forward(X, W, b):
    z = np.einsum("nd,kdm->nkm", X, W) + b[None]
    return z.max(axis=1), (X, W, np.argmax(z, axis=2))
''',
        "bias-gradient-averaged": '''
def maxout_backward(dL_dout, cache):
    X, W, winner = cache
    K = W.shape[0]
    won = np.arange(K)[None, :, None] == winner[:, None, :]
    dL_dz = won * dL_dout[:, None, :]
    return np.einsum("nkm,kdm->nd", dL_dz, W), np.einsum("nd,nkm->kdm", X, dL_dz), dL_dz.mean(axis=0)
''',
    },
    # ------------------------------------------------------------------ softmax
    "softmax": {
        "no-max-shift": '''
def softmax_forward(x):
    e = np.exp(x)
    out = e / e.sum(axis=1, keepdims=True)
    return out, out
''',
        "diagonal-jacobian-only": '''
def softmax_backward(dL_dout, cache):
    s = cache
    return dL_dout * s * (1 - s)
''',
        "normalised-over-the-batch-axis": '''
def softmax_forward(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    out = e / e.sum(axis=0, keepdims=True)
    return out, out
''',
        "backward-sign-flipped": '''
def softmax_backward(dL_dout, cache):
    s = cache
    return s * (np.sum(dL_dout * s, axis=1, keepdims=True) - dL_dout)
''',
        "cs231n-shift-in-place": '''
def softmax_forward(x):
    x -= np.max(x, axis=1, keepdims=True)
    e = np.exp(x)
    out = e / e.sum(axis=1, keepdims=True)
    return out, out
''',
        "missing-keepdims": '''
def softmax_forward(x):
    e = np.exp(x - np.max(x, axis=1))
    out = e / np.sum(e, axis=1)
    return out, out
''',
    },
    # ------------------------------------------------------------------ q-leaky-alpha
    "q-leaky-alpha": {
        "zero-centred-answer-of-the-summary": 'q_leaky_alpha = "b"',
        "monotone": 'q_leaky_alpha = "a"',
        "nothing-changes": 'q_leaky_alpha = "d"',
        "two-letters": 'q_leaky_alpha = "ac"',
        "an-option-that-does-not-exist": 'q_leaky_alpha = "e"',
        "a-number": 'q_leaky_alpha = 3',
    },
    # ------------------------------------------------------------------ q-affine-bias
    "q-affine-bias": {
        "sum-of-biases": 'q_affine_bias = "a"',
        "absorbed": 'q_affine_bias = "d"',
        "transposed": 'q_affine_bias = "c"',
        "two-letters": 'q_affine_bias = "ab"',
        "the-formula-instead-of-the-letter": 'q_affine_bias = "b1 W2 + b2"',
    },
    # ------------------------------------------------------------------ q-zigzag
    "q-zigzag": {
        "all-positive": 'q_zigzag = "a"',
        "independent-signs": 'q_zigzag = "c"',
        "saturated": 'q_zigzag = "d"',
        "two-letters": 'q_zigzag = "ab"',
        "an-option-that-does-not-exist": 'q_zigzag = "e"',
        "an-index-instead-of-a-letter": "q_zigzag = 1",
    },
    # ------------------------------------------------------------------ regression-losses
    "regression-losses": {
        "mse-sum-instead-of-mean": '''
def mse_loss(pred, target):
    r = pred - target
    return np.sum(r ** 2), 2 * r
''',
        "mse-divides-by-batch-size": '''
def mse_loss(pred, target):
    r = pred - target
    return np.sum(r ** 2) / r.shape[0], 2 * r / r.shape[0]
''',
        "mse-gradient-wrong-sign": '''
def mse_loss(pred, target):
    r = pred - target
    return np.mean(r ** 2), 2 * (target - pred) / r.size
''',
        "mse-gradient-missing-factor-2": '''
def mse_loss(pred, target):
    r = pred - target
    return np.mean(r ** 2), r / r.size
''',
        "l1-sum-instead-of-mean": '''
def l1_loss(pred, target):
    r = pred - target
    return np.sum(np.abs(r)), np.sign(r)
''',
        "l1-gradient-not-divided": '''
def l1_loss(pred, target):
    r = pred - target
    return np.mean(np.abs(r)), np.sign(r)
''',
        "l1-gradient-at-zero-is-one": '''
def l1_loss(pred, target):
    r = pred - target
    return np.mean(np.abs(r)), np.where(r >= 0, 1.0, -1.0) / r.size
''',
        "mse-residual-in-place": '''
def mse_loss(pred, target):
    r = pred
    r -= target
    return np.mean(r ** 2), 2 * r / r.size
''',
    },
    # ------------------------------------------------------------------ classification-losses
    "classification-losses": {
        "bce-on-clipped-probabilities": '''
def bce_with_logits(z, y):
    p = np.clip(np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z)))), 1e-7, 1 - 1e-7)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return loss, (p - y) / z.shape[0]
''',
        "bce-log-of-sigmoid": '''
def bce_with_logits(z, y):
    p, _ = sigmoid_forward(z)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return loss, (p - y) / z.shape[0]
''',
        "bce-gradient-wrong-sign": '''
def bce_with_logits(z, y):
    e = np.exp(-np.abs(z))
    loss = np.mean(np.maximum(z, 0) - y * z + np.log1p(e))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return loss, (y - p) / z.shape[0]
''',
        "ce-no-max-shift": '''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    e = np.exp(scores)
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(N), y]))
    p[np.arange(N), y] -= 1
    return loss, p / N
''',
        "ce-sum-instead-of-mean": '''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    s = scores - scores.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    g = np.exp(logp)
    g[np.arange(N), y] -= 1
    return -np.sum(logp[np.arange(N), y]), g
''',
        "ce-gradient-without-one-hot": '''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    s = scores - scores.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    return -np.mean(logp[np.arange(N), y]), np.exp(logp) / N
''',
        "ce-shift-in-place": '''
def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    scores -= scores.max(axis=1, keepdims=True)
    log_probs = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    g = np.exp(log_probs)
    g[np.arange(N), y] -= 1
    return -np.mean(log_probs[np.arange(N), y]), g / N
''',
        "bce-gradient-not-averaged": '''
def bce_with_logits(z, y):
    e = np.exp(-np.abs(z))
    loss = np.mean(np.maximum(z, 0) - y * z + np.log1p(e))
    return loss, np.where(z >= 0, 1 / (1 + e), e / (1 + e)) - y
''',
    },
    # ------------------------------------------------------------------ q-why-scalar
    "q-why-scalar": {
        "chain-rule-scalar-only": 'q_why_scalar = "c"',
        "gpu": 'q_why_scalar = "a"',
        "always-zero": 'q_why_scalar = "d"',
        "two-letters": 'q_why_scalar = "bc"',
        "an-index-instead-of-a-letter": 'q_why_scalar = 1',
    },
    # ------------------------------------------------------------------ q-loss-numbers
    "q-loss-numbers": {
        "divides-by-batch-size": 'q_mse_divisor = 4',
        "log-base-2": 'q_ce_at_init = np.log2(100)',
        "uniform-probability": 'q_ce_at_init = 0.01',
        "per-image": 'q_mse_divisor = 3 * 8 * 8',
        "pixels-only": 'q_mse_divisor = 64',
        "number-of-classes": 'q_ce_at_init = 100',
        "log-base-10": 'q_ce_at_init = np.log10(100)',
    },
    # ------------------------------------------------------------------ q-ce-four-classes
    "q-ce-four-classes": {
        "summed-over-the-batch": "q_ce_four_classes = 1000 * np.log(4)",
        "log-base-2": "q_ce_four_classes = np.log2(4)",
        "log-base-10": "q_ce_four_classes = np.log10(4)",
        "the-probability": "q_ce_four_classes = 0.25",
        "log-of-the-batch-size": "q_ce_four_classes = np.log(1000)",
        "the-hundred-class-answer": "q_ce_four_classes = np.log(100)",
        "two-digits-only": "q_ce_four_classes = 1.4",
    },
    # ------------------------------------------------------------------ q-l1-noise
    "q-l1-noise": {
        "gaussian-answer": 'q_l1_noise = "a"',
        "bce": 'q_l1_noise = "c"',
        "no-likelihood": 'q_l1_noise = "d"',
        "two-letters": 'q_l1_noise = "ab"',
        "the-loss-name": 'q_l1_noise = "L1"',
    },
    # ------------------------------------------------------------------ q-large-logits
    "q-large-logits": {
        "explosion-only": 'q_large_logits = "a"',
        "misses-the-bce-cure": 'q_large_logits = "ab"',
        "believes-in-overflow": 'q_large_logits = "abcd"',
        "misses-the-saturation": 'q_large_logits = "ad"',
        "nothing-goes-wrong": 'q_large_logits = "e"',
        "an-option-that-does-not-exist": 'q_large_logits = "abdf"',
    },
    # ------------------------------------------------------------------ linear-regression
    "linear-regression": {
        "closed-form-without-intercept": '''
def fit_linear_closed_form(X, y):
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return w, 0.0
''',
        "closed-form-intercept-as-mean": '''
def fit_linear_closed_form(X, y):
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return w, float(np.mean(y))
''',
        "gd-missing-factor-2": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        r = X @ w + b - y
        losses[t] = np.mean(r ** 2)
        w = w - lr * (X.T @ r) / N
        b = b - lr * np.sum(r) / N
    return w, float(b), losses
''',
        "gd-loss-recorded-after-the-step": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        r = X @ w + b - y
        w = w - lr * (2 / N) * (X.T @ r)
        b = b - lr * (2 / N) * np.sum(r)
        losses[t] = np.mean((X @ w + b - y) ** 2)
    return w, float(b), losses
''',
        "gd-bias-never-updated": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    w = np.zeros(D)
    losses = np.empty(n_steps)
    for t in range(n_steps):
        r = X @ w - y
        losses[t] = np.mean(r ** 2)
        w = w - lr * (2 / N) * (X.T @ r)
    return w, 0.0, losses
''',
        "closed-form-centres-X-in-place": '''
def fit_linear_closed_form(X, y):
    mx, my = X.mean(axis=0), y.mean()
    X -= mx
    w = np.linalg.solve(X.T @ X, X.T @ (y - my))
    return w, float(my - mx @ w)
''',
        "gd-hard-coded-lr": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        r = X @ w + b - y
        losses[t] = np.mean(r ** 2)
        w = w - 0.1 * (2 / N) * (X.T @ r)
        b = b - 0.1 * (2 / N) * np.sum(r)
    return w, float(b), losses
''',
        "gd-summed-loss": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        r = X @ w + b - y
        losses[t] = np.sum(r ** 2)
        w = w - lr * (2 / N) * (X.T @ r)
        b = b - lr * (2 / N) * np.sum(r)
    return w, float(b), losses
''',
        "gd-gradient-accumulated-in-place": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    grad_w, grad_b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        r = X @ w + b - y
        losses[t] = np.mean(r ** 2)
        grad_w += (2 / N) * (X.T @ r)        # never reset: the gradients of all steps add up
        grad_b += (2 / N) * np.sum(r)
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b), losses
''',
    },
    # ------------------------------------------------------------------ logistic-regression
    "logistic-regression": {
        "gradient-ascent": '''
def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        losses[t], g = bce_with_logits(X @ w + b, y)
        w = w + lr * (X.T @ g)
        b = b + lr * np.sum(g)
    return w, float(b), losses
''',
        "gradient-not-averaged": '''
def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        losses[t], g = bce_with_logits(X @ w + b, y)
        w = w - lr * (X.T @ g) * N
        b = b - lr * np.sum(g) * N
    return w, float(b), losses
''',
        "predict-thresholds-the-logit-at-0.5": '''
def predict_logistic(X, w, b):
    return (X @ w + b >= 0.5).astype(np.int64)
''',
        "hard-coded-lr": '''
def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        losses[t], g = bce_with_logits(X @ w + b, y)
        w = w - 0.3 * (X.T @ g)
        b = b - 0.3 * np.sum(g)
    return w, float(b), losses
''',
        "summed-loss": '''
def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        loss, g = bce_with_logits(X @ w + b, y)
        losses[t] = loss * N
        w = w - lr * (X.T @ g)
        b = b - lr * np.sum(g)
    return w, float(b), losses
''',
        "gradient-accumulated-in-place": '''
def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    gw, gb = np.zeros(D), 0.0
    losses = np.empty(n_steps)
    for t in range(n_steps):
        losses[t], g = bce_with_logits(X @ w + b, y)
        gw += X.T @ g                          # never reset
        gb += np.sum(g)
        w, b = w - lr * gw, b - lr * gb
    return w, float(b), losses
''',
        "predict-float-labels": '''
def predict_logistic(X, w, b):
    return (X @ w + b >= 0).astype(float)
''',
        "predict-tie-goes-to-class-0": '''
def predict_logistic(X, w, b):
    return (X @ w + b > 0).astype(np.int64)
''',
        "predict-rounds-the-probability": '''
def predict_logistic(X, w, b):
    return np.round(1 / (1 + np.exp(-(X @ w + b)))).astype(int)
''',
    },
    # ------------------------------------------------------------------ two-layer-step
    "two-layer-step": {
        "loss-without-one-half": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.mean((o - t) ** 2))
    da, dW2, db2 = affine_backward(2 * (o - t) / N, c2)
    _, dW1, db1 = affine_backward(relu_backward(da, cr), c1)
    g = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return {k: params[k] - lr * g[k] for k in params}, loss
''',
        "updates-params-in-place": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.sum(0.5 * (o - t) ** 2) / N)
    da, dW2, db2 = affine_backward((o - t) / N, c2)
    _, dW1, db1 = affine_backward(relu_backward(da, cr), c1)
    g = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    for k in params:
        params[k] -= lr * g[k]
    return params, loss
''',
        "no-relu-mask-in-backward": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.sum(0.5 * (o - t) ** 2) / N)
    da, dW2, db2 = affine_backward((o - t) / N, c2)
    _, dW1, db1 = affine_backward(da, c1)
    g = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return {k: params[k] - lr * g[k] for k in params}, loss
''',
        "gradient-summed-over-batch": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.sum(0.5 * (o - t) ** 2) / N)
    da, dW2, db2 = affine_backward(o - t, c2)
    _, dW1, db1 = affine_backward(relu_backward(da, cr), c1)
    g = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return {k: params[k] - lr * g[k] for k in params}, loss
''',
        "hard-coded-lr": '''
def two_layer_step(params, X, t, lr):
    lr = 0.1
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.sum(0.5 * (o - t) ** 2) / N)
    da, dW2, db2 = affine_backward((o - t) / N, c2)
    _, dW1, db1 = affine_backward(relu_backward(da, cr), c1)
    g = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return {k: params[k] - lr * g[k] for k in params}, loss
''',
        "second-layer-updated-before-the-first-layer-gradient": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.sum(0.5 * (o - t) ** 2) / N)
    dL_do = (o - t) / N
    _, dW2, db2 = affine_backward(dL_do, c2)
    W2, b2 = params["W2"] - lr * dW2, params["b2"] - lr * db2
    dL_da = dL_do @ W2.T                  # the new W2: not the gradient at the old parameters
    _, dW1, db1 = affine_backward(relu_backward(dL_da, cr), c1)
    return {"W1": params["W1"] - lr * dW1, "b1": params["b1"] - lr * db1, "W2": W2, "b2": b2}, loss
''',
        "loss-summed-over-the-batch": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.sum(0.5 * (o - t) ** 2))
    da, dW2, db2 = affine_backward((o - t) / N, c2)
    _, dW1, db1 = affine_backward(relu_backward(da, cr), c1)
    g = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return {k: params[k] - lr * g[k] for k in params}, loss
''',
    },
    # ------------------------------------------------------------------ mlp
    "mlp": {
        "relu-after-the-last-layer": '''
def mlp_forward(X, params):
    L = len(params) // 2
    caches, h = [], X
    for l in range(1, L + 1):
        h, c_aff = affine_forward(h, params[f"W{l}"], params[f"b{l}"])
        h, c_relu = relu_forward(h)
        caches.append((c_aff, c_relu))
    return h, caches
''',
        "no-relu-mask-in-backward": '''
def mlp_backward(dL_dscores, cache):
    grads, g = {}, dL_dscores
    for l in range(len(cache), 0, -1):
        c_aff, c_relu = cache[l - 1]
        g, grads[f"W{l}"], grads[f"b{l}"] = affine_backward(g, c_aff)
    return grads
''',
        "gradient-keys-with-d-prefix": '''
def mlp_backward(dL_dscores, cache):
    grads, g = {}, dL_dscores
    for l in range(len(cache), 0, -1):
        c_aff, c_relu = cache[l - 1]
        if c_relu is not None:
            g = relu_backward(g, c_relu)
        g, grads[f"dW{l}"], grads[f"db{l}"] = affine_backward(g, c_aff)
    return grads
''',
        "bias-gradients-averaged": '''
def mlp_backward(dL_dscores, cache):
    grads, g = {}, dL_dscores
    for l in range(len(cache), 0, -1):
        c_aff, c_relu = cache[l - 1]
        if c_relu is not None:
            g = relu_backward(g, c_relu)
        g, grads[f"W{l}"], db = affine_backward(g, c_aff)
        grads[f"b{l}"] = db / g.shape[0]
    return grads
''',
        "hard-coded-two-layers": '''
def mlp_forward(X, params):
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    scores, c2 = affine_forward(a, params["W2"], params["b2"])
    return scores, [(c1, cr), (c2, None)]
''',
        "relu-mask-after-the-affine-backward": '''
def mlp_backward(dL_dscores, cache):
    grads, g = {}, dL_dscores
    for l in range(len(cache), 0, -1):
        c_aff, c_relu = cache[l - 1]
        g, grads[f"W{l}"], grads[f"b{l}"] = affine_backward(g, c_aff)
        if c_relu is not None:
            g = relu_backward(g, c_relu)
    return grads
''',
    },
    # ------------------------------------------------------------------ train-mlp
    "train-mlp": {
        "gradient-ascent": '''
_reference_train_mlp = train_mlp
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    return _reference_train_mlp(X_train, y_train, X_val, y_val, hidden_sizes, epochs, batch_size, -lr, seed)
''',
        "validation-accuracy-measured-on-training-data": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(len(X_train))
        losses = []
        for start in range(0, len(X_train), batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, d = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(d, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            losses.append(loss)
        history["train loss"].append(float(np.mean(losses)))
        s, _ = mlp_forward(X_train, params)
        history["val accuracy"].append(float(np.mean(s.argmax(axis=1) == y_train)))
    return params, history
''',
        "returns-the-initial-parameters": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    trained = dict(params)
    history = {"train loss": [], "val accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(len(X_train))
        losses = []
        for start in range(0, len(X_train), batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], trained)
            loss, d = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(d, cache)
            trained = {k: trained[k] - lr * grads[k] for k in trained}
            losses.append(loss)
        history["train loss"].append(float(np.mean(losses)))
        s, _ = mlp_forward(X_val, trained)
        history["val accuracy"].append(float(np.mean(s.argmax(axis=1) == y_val)))
    return params, history
''',
        "hard-coded-lr": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - 0.1 * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "unseeded-rng": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng()
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "hard-coded-seed": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(0)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "summed-loss-history": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.sum(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "gradients-accumulated-across-minibatches": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            acc = {k: acc[k] + grads[k] for k in acc}
            params = {k: params[k] - lr * acc[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "drops-the-last-partial-batch": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N - batch_size + 1, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "same-order-every-epoch": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    order = rng.permutation(N)
    for epoch in range(epochs):
        
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "no-shuffle": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = np.arange(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "batch-size-ignored": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, 32):
            idx = order[start:start + 32]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "accuracy-in-percent": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) * 100)
    return params, history
''',
        "xavier-init": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / (sizes[l - 1] + sizes[l])), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "variance-as-standard-deviation": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, 2.0 / sizes[l - 1], size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    
    for epoch in range(epochs):
        order = rng.permutation(N)
        batch_losses = []
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X_train[idx], params)
            loss, dL_dscores = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(dL_dscores, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        val_scores, _ = mlp_forward(X_val, params)
        history["val accuracy"].append(float(np.mean(np.argmax(val_scores, axis=1) == y_val)) )
    return params, history
''',
        "shuffles-the-inputs-in-place": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [X_train.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    history = {"train loss": [], "val accuracy": []}
    N = X_train.shape[0]
    for epoch in range(epochs):
        order = rng.permutation(N)
        X_train[:], y_train[:] = X_train[order], y_train[order]     # the caller's arrays are reordered
        losses = []
        for start in range(0, N, batch_size):
            scores, cache = mlp_forward(X_train[start:start + batch_size], params)
            loss, d = softmax_cross_entropy(scores, y_train[start:start + batch_size])
            grads = mlp_backward(d, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
            losses.append(loss)
        history["train loss"].append(float(np.mean(losses)))
        history["val accuracy"].append(float(np.mean(mlp_forward(X_val, params)[0].argmax(axis=1) == y_val)))
    return params, history
''',
    },
    # ------------------------------------------------------------------ q-uat
    "q-uat": {
        "only-b": 'q_uat = "b"',
        "any-activation": 'q_uat = "abe"',
        "existence-means-learnable": 'q_uat = "bce"',
        "only-e": 'q_uat = "e"',
        "size-bound": 'q_uat = "bde"',
        "everything": 'q_uat = "abcde"',
    },
    # ------------------------------------------------------------------ init
    "init": {
        "kaiming-uniform-cheat-sheet-bound": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=0):
    if scheme == "kaiming_uniform":
        a = 2 * np.sqrt(3) / np.sqrt(d_in)
        return np.random.default_rng(seed).uniform(-a, a, size=(d_in, d_out))
    return _reference_init_weights(d_in, d_out, scheme, seed)
''',
        "variance-passed-as-standard-deviation": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=0):
    rng = np.random.default_rng(seed)
    if scheme == "xavier_normal":
        return rng.normal(0.0, 2.0 / (d_in + d_out), size=(d_in, d_out))
    if scheme == "kaiming_normal":
        return rng.normal(0.0, 2.0 / d_in, size=(d_in, d_out))
    return _reference_init_weights(d_in, d_out, scheme, seed)
''',
        "kaiming-uses-fan-out": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=0):
    rng = np.random.default_rng(seed)
    if scheme == "kaiming_normal":
        return rng.normal(0.0, np.sqrt(2.0 / d_out), size=(d_in, d_out))
    if scheme == "kaiming_uniform":
        a = np.sqrt(6.0 / d_out)
        return rng.uniform(-a, a, size=(d_in, d_out))
    return _reference_init_weights(d_in, d_out, scheme, seed)
''',
        "normal-where-uniform-is-asked": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=0):
    if scheme == "xavier_uniform":
        return np.random.default_rng(seed).normal(0.0, np.sqrt(2.0 / (d_in + d_out)), size=(d_in, d_out))
    return _reference_init_weights(d_in, d_out, scheme, seed)
''',
        "ignores-the-seed": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=0):
    return _reference_init_weights(d_in, d_out, scheme, seed=int(np.random.default_rng().integers(1 << 30)))
''',
        "no-error-for-unknown-scheme": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=0):
    if scheme not in ("xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal"):
        return np.zeros((d_in, d_out))
    return _reference_init_weights(d_in, d_out, scheme, seed)
''',
        "default-seed-none": '''
_reference_init_weights = init_weights
def init_weights(d_in, d_out, scheme, seed=None):
    return _reference_init_weights(d_in, d_out, scheme, seed)
''',
    },
    # ------------------------------------------------------------------ sigmoid-chain
    "sigmoid-chain": {
        "weights-left-out-of-the-chain-rule": '''
def sigmoid_chain(x, w):
    w = np.asarray(w, dtype=float)
    L = len(w)
    a, prev = np.empty(L), float(x)
    for l in range(L):
        a[l] = 1 / (1 + np.exp(-w[l] * prev))
        prev = a[l]
    slope = a * (1 - a)
    dz = np.empty(L)
    dz[-1] = slope[-1]
    for l in range(L - 2, -1, -1):
        dz[l] = dz[l + 1] * slope[l]
    return a, dz, dz * np.concatenate([[float(x)], a[:-1]])
''',
        "slope-evaluated-at-the-activation": '''
def sigmoid_chain(x, w):
    w = np.asarray(w, dtype=float)
    L = len(w)
    a, prev = np.empty(L), float(x)
    for l in range(L):
        a[l] = 1 / (1 + np.exp(-w[l] * prev))
        prev = a[l]
    sa = 1 / (1 + np.exp(-a))
    slope = sa * (1 - sa)
    dz = np.empty(L)
    dz[-1] = slope[-1]
    for l in range(L - 2, -1, -1):
        dz[l] = dz[l + 1] * w[l + 1] * slope[l]
    return a, dz, dz * np.concatenate([[float(x)], a[:-1]])
''',
        "dw-without-the-layer-input": '''
_reference_sigmoid_chain = sigmoid_chain
def sigmoid_chain(x, w):
    a, dz, dw = _reference_sigmoid_chain(x, w)
    return a, dz, dz
''',
        "last-dz-is-one": '''
def sigmoid_chain(x, w):
    w = np.asarray(w, dtype=float)
    L = len(w)
    a, prev = np.empty(L), float(x)
    for l in range(L):
        a[l] = 1 / (1 + np.exp(-w[l] * prev))
        prev = a[l]
    slope = a * (1 - a)
    dz = np.empty(L)
    dz[-1] = 1.0
    for l in range(L - 2, -1, -1):
        dz[l] = dz[l + 1] * w[l + 1] * slope[l]
    return a, dz, dz * np.concatenate([[float(x)], a[:-1]])
''',
        "dw-times-the-layers-own-activation": '''
def sigmoid_chain(x, w):
    w = np.asarray(w, dtype=float)
    L = len(w)
    a, prev = np.empty(L), float(x)
    for l in range(L):
        a[l] = 1 / (1 + np.exp(-w[l] * prev))
        prev = a[l]
    slope = a * (1 - a)
    dz = np.empty(L)
    dz[-1] = slope[-1]
    for l in range(L - 2, -1, -1):
        dz[l] = dz[l + 1] * w[l + 1] * slope[l]
    return a, dz, dz * a
''',
        "recursion-uses-w-l": '''
def sigmoid_chain(x, w):
    w = np.asarray(w, dtype=float)
    L = len(w)
    a, prev = np.empty(L), float(x)
    for l in range(L):
        a[l] = 1 / (1 + np.exp(-w[l] * prev))
        prev = a[l]
    slope = a * (1 - a)
    dz = np.empty(L)
    dz[-1] = slope[-1]
    for l in range(L - 2, -1, -1):
        dz[l] = dz[l + 1] * w[l] * slope[l]
    return a, dz, dz * np.concatenate([[float(x)], a[:-1]])
''',
    },
    # ------------------------------------------------------------------ q-first-layer-grad
    "q-first-layer-grad": {
        "homework-value": 'q_first_layer_grad = 0.25 ** 6',
        "weights-left-out": 'q_first_layer_grad = float(np.prod(0.25 * np.ones(6)) * 0.999)',
        "one-layer-only": 'q_first_layer_grad = 0.1 * 0.25',
        "slopes-approximated-by-a-quarter": 'q_first_layer_grad = 0.25 ** 6 * 0.1 ** 5',
        "in-percent": 'q_first_layer_grad = 100 * sigmoid_chain(1.0, np.full(6, 0.1))[2][0]',
        "two-significant-digits": 'q_first_layer_grad = 2.4e-9',
        "last-layer-instead-of-first": 'q_first_layer_grad = sigmoid_chain(1.0, np.full(6, 0.1))[2][-1]',
    },
    # ------------------------------------------------------------------ quadratic-layer
    "quadratic-layer": {
        "dX-missing-lambda": '''
def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    dL_dX = np.einsum("nm,mde,ne->nd", dL_dout, A + np.transpose(A, (0, 2, 1)), X) + dL_dout @ B
    return dL_dX, lam * np.einsum("nm,nd,ne->mde", dL_dout, X, X), dL_dout.T @ X, dL_dout.sum(axis=0)
''',
        "dX-missing-factor-2": '''
def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    dL_dX = lam * np.einsum("nm,mde,ne->nd", dL_dout, A, X) + dL_dout @ B
    return dL_dX, lam * np.einsum("nm,nd,ne->mde", dL_dout, X, X), dL_dout.T @ X, dL_dout.sum(axis=0)
''',
        "dA-missing-lambda": '''
def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    dL_dX = 2 * lam * np.einsum("nm,mde,ne->nd", dL_dout, A, X) + dL_dout @ B
    return dL_dX, np.einsum("nm,nd,ne->mde", dL_dout, X, X), dL_dout.T @ X, dL_dout.sum(axis=0)
''',
        "b-inside-the-sum-over-inputs": '''
def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    D = X.shape[1]
    dL_dX = 2 * lam * np.einsum("nm,mde,ne->nd", dL_dout, A, X) + D * (dL_dout @ B)
    return dL_dX, lam * np.einsum("nm,nd,ne->mde", dL_dout, X, X), dL_dout.T @ X, dL_dout.sum(axis=0)
''',
        "dc-not-summed": '''
def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    dL_dX = 2 * lam * np.einsum("nm,mde,ne->nd", dL_dout, A, X) + dL_dout @ B
    return dL_dX, lam * np.einsum("nm,nd,ne->mde", dL_dout, X, X), dL_dout.T @ X, dL_dout
''',
    },
    # ------------------------------------------------------------------ q-quadratic-ratio
    "q-quadratic-ratio": {
        "full-matrix-count": 'q_quadratic_ratio = (30 * 30 + 30 + 1) / 31',
        "inputs-plus-one": 'q_quadratic_ratio = 31',
        "depends-on-outputs": 'q_quadratic_ratio = 16 * 7',
        "half-the-inputs": 'q_quadratic_ratio = 30 / 2',
        "off-by-one": 'q_quadratic_ratio = 17',
    },
}

CORRECT = {
    # ------------------------------------------------------------------ affine
    "affine": {
        "loops": '''
def affine_forward(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    N, D = X.shape
    if W.shape[0] != D:
        raise ValueError(f"X has {D} features but W expects {W.shape[0]}")
    M = W.shape[1]
    out = np.zeros((N, M))
    for n in range(N):
        for m in range(M):
            out[n, m] = b[m] + sum(X[n, d] * W[d, m] for d in range(D))
    return out, (X, W)


def affine_backward(dL_dout, cache):
    X, W = cache
    N, D = X.shape
    M = W.shape[1]
    dL_dX, dL_dW, dL_db = np.zeros((N, D)), np.zeros((D, M)), np.zeros(M)
    for n in range(N):
        for m in range(M):
            dL_db[m] += dL_dout[n, m]
            for d in range(D):
                dL_dX[n, d] += dL_dout[n, m] * W[d, m]
                dL_dW[d, m] += X[n, d] * dL_dout[n, m]
    return dL_dX, dL_dW, dL_db
''',
        "float32": '''
def affine_forward(X, W, b):
    X32, W32, b32 = (np.asarray(a, dtype=np.float32) for a in (X, W, b))
    return X32 @ W32 + b32, (X32, W32)


def affine_backward(dL_dout, cache):
    X32, W32 = cache
    g = np.asarray(dL_dout, dtype=np.float32)
    return g @ W32.T, X32.T @ g, g.sum(axis=0)
''',
        "einsum": '''
def affine_forward(X, W, b):
    return np.einsum("nd,dm->nm", X, W) + b[None, :], {"X": X, "W": W}


def affine_backward(dL_dout, cache):
    return (np.einsum("nm,dm->nd", dL_dout, cache["W"]), np.einsum("nd,nm->dm", cache["X"], dL_dout),
            np.einsum("nm->m", dL_dout))
''',
        "cs231n-reshape": '''
def affine_forward(x, w, b):
    out = x.reshape(x.shape[0], -1).dot(w) + b
    cache = (x, w, b)
    return out, cache


def affine_backward(dout, cache):
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db
''',
        "defensive-copies": '''
def affine_forward(X, W, b):
    X, W, b = np.array(X, dtype=float), np.array(W, dtype=float), np.array(b, dtype=float)
    if X.ndim != 2 or W.ndim != 2 or X.shape[1] != W.shape[0]:
        raise ValueError(f"shapes {X.shape} and {W.shape} do not fit")
    return np.matmul(X, W) + b[np.newaxis, :], (X.copy(), W.copy())


def affine_backward(dL_dout, cache):
    X, W = cache
    g = np.array(dL_dout, dtype=float)
    return np.matmul(g, W.T), np.matmul(X.T, g), np.sum(g, axis=0, keepdims=True)[0]
''',
    },
    # ------------------------------------------------------------------ double-affine
    "double-affine": {
        "returns-the-upstream-itself": """
def double_affine_forward(X, W, Z, R, T, A):
    return X @ W + Z @ R + T + A, {"X": X, "W": W, "Z": Z, "R": R}


def double_affine_backward(dL_dY, cache):
    c = cache
    return dL_dY @ c["W"].T, c["X"].T @ dL_dY, dL_dY @ c["R"].T, c["Z"].T @ dL_dY, dL_dY, dL_dY
""",
        "built-from-affine-layers": """
def double_affine_forward(X, W, Z, R, T, A):
    out1, cache1 = affine_forward(X, W, np.zeros(W.shape[1]))
    out2, cache2 = affine_forward(Z, R, np.zeros(R.shape[1]))
    return out1 + out2 + T + A, (cache1, cache2)


def double_affine_backward(dL_dY, cache):
    cache1, cache2 = cache
    dX, dW, _ = affine_backward(dL_dY, cache1)
    dZ, dR, _ = affine_backward(dL_dY, cache2)
    return dX, dW, dZ, dR, dL_dY.copy(), dL_dY.copy()
""",
        "loops": """
def double_affine_forward(X, W, Z, R, T, A):
    N, D = X.shape
    M = W.shape[1]
    Y = np.zeros((N, M))
    for n in range(N):
        for m in range(M):
            Y[n, m] = T[n, m] + A[n, m] + sum(X[n, d] * W[d, m] + Z[n, d] * R[d, m] for d in range(D))
    return Y, (X, W, Z, R)


def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    N, D = X.shape
    M = W.shape[1]
    dX, dW, dZ, dR = np.zeros((N, D)), np.zeros((D, M)), np.zeros((N, D)), np.zeros((D, M))
    dT = np.zeros((N, M))
    for n in range(N):
        for m in range(M):
            g = dL_dY[n, m]
            dT[n, m] = g
            for d in range(D):
                dX[n, d] += g * W[d, m]
                dW[d, m] += X[n, d] * g
                dZ[n, d] += g * R[d, m]
                dR[d, m] += Z[n, d] * g
    return dX, dW, dZ, dR, dT, dT.copy()
""",
        "float32": """
def double_affine_forward(X, W, Z, R, T, A):
    X, W, Z, R, T, A = (np.asarray(a, dtype=np.float32) for a in (X, W, Z, R, T, A))
    return X @ W + Z @ R + T + A, (X, W, Z, R)


def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    g = np.asarray(dL_dY, dtype=np.float32)
    return g @ W.T, X.T @ g, g @ R.T, Z.T @ g, g.copy(), g.copy()
""",
        "einsum-and-ones-times-upstream": """
def double_affine_forward(X, W, Z, R, T, A):
    Y = np.einsum("nd,dm->nm", X, W) + np.einsum("nd,dm->nm", Z, R) + T + A
    return Y, (X.copy(), W.copy(), Z.copy(), R.copy())


def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    ones = np.ones(dL_dY.shape)
    return (np.einsum("nm,dm->nd", dL_dY, W), np.einsum("nd,nm->dm", X, dL_dY),
            np.einsum("nm,dm->nd", dL_dY, R), np.einsum("nd,nm->dm", Z, dL_dY), ones * dL_dY, ones * dL_dY)
""",
        "returns-a-list": """
def double_affine_backward(dL_dY, cache):
    X, W, Z, R = cache
    return [np.dot(dL_dY, W.T), np.dot(X.T, dL_dY), np.dot(dL_dY, R.T), np.dot(Z.T, dL_dY), np.array(dL_dY),
            np.array(dL_dY)]
""",
    },
    # ------------------------------------------------------------------ q-flatten
    "q-flatten": {
        "expressions": "q_flat_features = 3 * 8 * 8\nq_flat_W_shape = (3 * 8 * 8, 1)",
        "numpy-ints-and-a-list": "q_flat_features = np.int64(192)\nq_flat_W_shape = [np.int64(192), 1]",
        "floats-and-an-array": "q_flat_features = 192.0\nq_flat_W_shape = np.array([192.0, 1.0])",
        "read-off-a-reshape": "q_flat_features = np.zeros((8, 3, 8, 8)).reshape(8, -1).shape[1]\nq_flat_W_shape = (q_flat_features, 1)",
    },
    # ------------------------------------------------------------------ sigmoid-tanh
    "sigmoid-tanh": {
        "via-tanh": '''
def sigmoid_forward(x):
    out = 0.5 * (1 + np.tanh(0.5 * np.asarray(x)))
    return out, out


def sigmoid_backward(dL_dout, cache):
    return dL_dout * cache - dL_dout * cache * cache


def tanh_forward(x):
    out = 2 * sigmoid_forward(2 * np.asarray(x))[0] - 1
    return out, out


def tanh_backward(dL_dout, cache):
    return dL_dout * (1 - cache) * (1 + cache)
''',
        "scipy-expit": '''
from scipy.special import expit


def sigmoid_forward(x):
    out = expit(x)
    return out, (x, out)


def sigmoid_backward(dL_dout, cache):
    x, out = cache
    return dL_dout * out * (1 - out)
''',
        "float32-masks": '''
def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float32)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out, out


def tanh_forward(x):
    out = np.tanh(np.asarray(x, dtype=np.float32))
    return out, out
''',
        "float-copies-and-in-place-on-own-arrays": '''
def sigmoid_forward(x):
    out = np.array(x, dtype=float)             # a copy: editing it in place is fine
    neg = out < 0
    e = np.exp(-np.abs(out))
    out[~neg] = 1 / (1 + e[~neg])
    out[neg] = e[neg] / (1 + e[neg])
    return out, out


def sigmoid_backward(dL_dout, cache):
    g = np.array(dL_dout, dtype=float)
    g *= cache * (1 - cache)
    return g
''',
    },
    # ------------------------------------------------------------------ relu-family
    "relu-family": {
        "arithmetic-masks": '''
def relu_forward(x):
    return x * (x > 0), x > 0


def relu_backward(dL_dout, cache):
    return dL_dout * cache


def leaky_relu_forward(x, alpha=0.01):
    neg = x <= 0
    return x * ~neg + alpha * x * neg, (neg, alpha)


def leaky_relu_backward(dL_dout, cache):
    neg, alpha = cache
    return dL_dout * (1 - neg) + alpha * dL_dout * neg


def elu_forward(x, alpha=1.0):
    neg = np.minimum(x, 0)
    return np.maximum(x, 0) + alpha * (np.exp(neg) - 1), (x, alpha)


def elu_backward(dL_dout, cache):
    x, alpha = cache
    return dL_dout * np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))
''',
        "float32": '''
def relu_forward(x):
    x = np.asarray(x, dtype=np.float32)
    return np.maximum(x, np.float32(0)), x


def leaky_relu_forward(x, alpha=0.01):
    x = np.asarray(x, dtype=np.float32)
    return np.where(x > 0, x, np.float32(alpha) * x), (x, np.float32(alpha))


def elu_forward(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float32)
    out = np.where(x > 0, x, np.float32(alpha) * np.expm1(np.minimum(x, 0)))
    return out, (x, out, np.float32(alpha))
''',
        "cs231n-copy": '''
def relu_forward(x):
    out = np.maximum(0, x)
    cache = x
    return out, cache


def relu_backward(dout, cache):
    x = cache
    dx = dout.copy()
    dx[x <= 0] = 0
    return dx


def leaky_relu_backward(dout, cache):
    x, alpha = cache
    dx = dout.copy()
    dx[x <= 0] *= alpha
    return dx
''',
    },
    # ------------------------------------------------------------------ prelu
    "prelu": {
        "loops": '''
def prelu_forward(x, alpha):
    N, D = x.shape
    out = np.empty((N, D))
    for n in range(N):
        for j in range(D):
            out[n, j] = x[n, j] if x[n, j] > 0 else alpha[j] * x[n, j]
    return out, (x.copy(), alpha.copy())


def prelu_backward(dL_dout, cache):
    x, alpha = cache
    N, D = x.shape
    dL_dx, dL_dalpha = np.empty((N, D)), np.zeros(D)
    for n in range(N):
        for j in range(D):
            if x[n, j] > 0:
                dL_dx[n, j] = dL_dout[n, j]
            else:
                dL_dx[n, j] = alpha[j] * dL_dout[n, j]
                dL_dalpha[j] += x[n, j] * dL_dout[n, j]
    return dL_dx, dL_dalpha
''',
        "min-max-split": '''
def prelu_forward(x, alpha):
    neg = np.minimum(x, 0)
    return np.maximum(x, 0) + alpha * neg, (x, alpha, neg)


def prelu_backward(dL_dout, cache):
    x, alpha, neg = cache
    return dL_dout * ((x > 0) + alpha * (x <= 0)), np.einsum("nd,nd->d", dL_dout, neg)
''',
        "float32": '''
def prelu_forward(x, alpha):
    x32, a32 = np.asarray(x, dtype=np.float32), np.asarray(alpha, dtype=np.float32)
    return np.where(x32 > 0, x32, a32 * x32), (x32, a32)


def prelu_backward(dL_dout, cache):
    x, alpha = cache
    g = np.asarray(dL_dout, dtype=np.float32)
    neg = x <= 0
    return np.where(neg, alpha * g, g), (g * x * neg).sum(axis=0)
''',
    },
    # ------------------------------------------------------------------ maxout
    "maxout": {
        "loop-over-pieces": '''
def maxout_forward(X, W, b):
    K = W.shape[0]
    best = X @ W[0] + b[0]
    winner = np.zeros(best.shape, dtype=int)
    for k in range(1, K):
        z = X @ W[k] + b[k]
        better = z > best
        best = np.where(better, z, best)
        winner = np.where(better, k, winner)
    return best, (X, W, winner)


def maxout_backward(dL_dout, cache):
    X, W, winner = cache
    K = W.shape[0]
    dL_dX = np.zeros_like(X, dtype=float)
    dL_dW = np.zeros(W.shape)
    dL_db = np.zeros((K, W.shape[2]))
    for k in range(K):
        g = dL_dout * (winner == k)
        dL_dX += g @ W[k].T
        dL_dW[k] = X.T @ g
        dL_db[k] = g.sum(axis=0)
    return dL_dX, dL_dW, dL_db
''',
        "float32-stack-and-max": '''
def maxout_forward(X, W, b):
    X32, W32, b32 = (np.asarray(a, dtype=np.float32) for a in (X, W, b))
    z = np.stack([X32 @ W32[k] + b32[k] for k in range(W32.shape[0])], axis=1)   # (N, K, M)
    return z.max(axis=1), (X32, W32, z)


def maxout_backward(dL_dout, cache):
    X, W, z = cache
    won = z == z.max(axis=1, keepdims=True)                    # no ties in the tests
    dL_dz = won * np.asarray(dL_dout, dtype=np.float32)[:, None, :]
    return (np.einsum("nkm,kdm->nd", dL_dz, W), np.einsum("nd,nkm->kdm", X, dL_dz), dL_dz.sum(axis=0))
''',
        "one-hot-mask-and-matmul": '''
def maxout_forward(X, W, b):
    z = np.matmul(X[None], W) + b[:, None, :]                  # (K, N, M)
    winner = z.argmax(axis=0)                                   # (N, M)
    return z.max(axis=0), (X, W, winner)


def maxout_backward(dL_dout, cache):
    X, W, winner = cache
    K = W.shape[0]
    mask = np.eye(K)[winner]                                    # (N, M, K)
    dL_dz = np.moveaxis(mask * dL_dout[:, :, None], 2, 0)       # (K, N, M)
    return (np.matmul(dL_dz, np.transpose(W, (0, 2, 1))).sum(axis=0), np.matmul(X.T[None], dL_dz),
            dL_dz.sum(axis=1))
''',
    },
    # ------------------------------------------------------------------ softmax
    "softmax": {
        "scipy-and-explicit-jacobian": '''
import scipy.special


def softmax_forward(x):
    out = scipy.special.softmax(x, axis=1)
    return out, out


def softmax_backward(dL_dout, cache):
    s = cache
    dL_dx = np.empty_like(s)
    for n in range(s.shape[0]):
        J = np.diag(s[n]) - np.outer(s[n], s[n])      # (C, C), symmetric
        dL_dx[n] = J @ dL_dout[n]
    return dL_dx
''',
        "float32-logsumexp": '''
def softmax_forward(x):
    x = np.asarray(x, dtype=np.float32)
    m = x.max(axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    out = np.exp(x - lse)
    return out, out
''',
        "row-loop": '''
def softmax_forward(x):
    out = np.empty(np.shape(x))
    for n, row in enumerate(np.asarray(x, dtype=float)):
        e = np.exp(row - row.max())
        out[n] = e / e.sum()
    return out, out


def softmax_backward(dL_dout, cache):
    s = cache
    out = np.empty_like(s)
    for n in range(s.shape[0]):
        out[n] = s[n] * (dL_dout[n] - np.dot(dL_dout[n], s[n]))
    return out
''',
    },
    # ------------------------------------------------------------------ q-leaky-alpha
    "q-leaky-alpha": {
        "upper-case": 'q_leaky_alpha = "C"',
        "with-parentheses": 'q_leaky_alpha = "(c)"',
    },
    # ------------------------------------------------------------------ q-affine-bias
    "q-affine-bias": {
        "upper-case": 'q_affine_bias = "B"',
        "spaces-around": 'q_affine_bias = " b "',
    },
    # ------------------------------------------------------------------ q-zigzag
    "q-zigzag": {
        "upper-case": 'q_zigzag = "B"',
        "with-parentheses": 'q_zigzag = "(b)"',
        "a-list": 'q_zigzag = ["b"]',
    },
    # ------------------------------------------------------------------ regression-losses
    "regression-losses": {
        "sum-over-size": '''
def mse_loss(pred, target):
    diff = np.subtract(pred, target)
    R = diff.size
    return float(np.sum(diff * diff) / R), diff * (2.0 / R)


def l1_loss(pred, target):
    diff = np.subtract(pred, target)
    R = np.prod(diff.shape)
    grad = np.where(diff > 0, 1.0, np.where(diff < 0, -1.0, 0.0)) / R
    return float(np.abs(diff).sum() / R), grad
''',
        "float32": '''
def mse_loss(pred, target):
    r = np.asarray(pred, dtype=np.float32) - np.asarray(target, dtype=np.float32)
    return np.mean(r ** 2), 2 * r / np.float32(r.size)


def l1_loss(pred, target):
    r = np.asarray(pred, dtype=np.float32) - np.asarray(target, dtype=np.float32)
    return np.mean(np.abs(r)), np.sign(r) / np.float32(r.size)
''',
        "float32-arithmetic-float-loss": '''
def mse_loss(pred, target):
    r = np.asarray(pred, dtype=np.float32) - np.asarray(target, dtype=np.float32)
    return float(np.mean(r * r)), (2 / r.size) * r


def l1_loss(pred, target):
    r = np.asarray(pred, dtype=np.float32) - np.asarray(target, dtype=np.float32)
    return float(np.abs(r).mean()), np.sign(r) / np.float32(r.size)
''',
    },
    # ------------------------------------------------------------------ classification-losses
    "classification-losses": {
        "logaddexp-and-logsumexp": '''
from scipy.special import logsumexp, expit


def bce_with_logits(z, y):
    return np.mean(np.logaddexp(0, z) - y * z), (expit(z) - y) / len(z)


def softmax_cross_entropy(scores, y):
    N = scores.shape[0]
    lse = logsumexp(scores, axis=1)
    loss = np.mean(lse - scores[np.arange(N), y])
    one_hot = np.eye(scores.shape[1])[y]
    return loss, (np.exp(scores - lse[:, None]) - one_hot) / N
''',
        "case-split-bce-float32": '''
def bce_with_logits(z, y):
    z = np.asarray(z, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    softplus_pos = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))      # log(1 + e^z)
    softplus_neg = softplus_pos - z                                      # log(1 + e^-z)
    loss = np.mean(np.where(y == 1, softplus_neg, softplus_pos))
    return loss, (sigmoid_forward(z)[0] - y) / np.float32(len(z))
''',
        "float32-float-loss-with-sigmoid-forward": '''
def bce_with_logits(z, y):
    z32, y32 = np.asarray(z, dtype=np.float32), np.asarray(y, dtype=np.float32)
    loss = np.mean(np.maximum(z32, 0) - y32 * z32 + np.log1p(np.exp(-np.abs(z32))))
    p, _ = sigmoid_forward(z32)
    return float(loss), (p - y32) / np.float32(len(z32))


def softmax_cross_entropy(scores, y):
    s = np.asarray(scores, dtype=np.float32)
    p, _ = softmax_forward(s)
    N = len(y)
    m = s.max(axis=1)
    lse = m + np.log(np.exp(s - m[:, None]).sum(axis=1))
    loss = float(np.mean(lse - s[np.arange(N), y]))
    g = p.copy()
    g[np.arange(N), y] -= 1
    return loss, g / np.float32(N)
''',
    },
    # ------------------------------------------------------------------ q-why-scalar
    "q-why-scalar": {
        "upper-case": 'q_why_scalar = "B"',
        "a-list": 'q_why_scalar = ["b"]',
    },
    # ------------------------------------------------------------------ q-loss-numbers
    "q-loss-numbers": {
        "float-divisor-and-three-digits": '''
q_mse_divisor = 768.0
q_ce_at_init = 4.61
''',
        "numpy-int-and-expression": '''
q_mse_divisor = np.int64(4 * 3 * 8 * 8)
q_ce_at_init = -np.log(1 / 100)
''',
    },
    # ------------------------------------------------------------------ q-ce-four-classes
    "q-ce-four-classes": {
        "four-digits": "q_ce_four_classes = 1.386",
        "minus-log-of-a-quarter": "q_ce_four_classes = -np.log(0.25)",
        "two-log-two": "q_ce_four_classes = 2 * np.log(2)",
        "math-log": "import math\nq_ce_four_classes = math.log(4)",
    },
    # ------------------------------------------------------------------ q-l1-noise
    "q-l1-noise": {
        "upper-case": 'q_l1_noise = "B"',
        "spaces-around": 'q_l1_noise = " b "',
    },
    # ------------------------------------------------------------------ q-large-logits
    "q-large-logits": {
        "upper-case": 'q_large_logits = "ABD"',
        "other-order-with-commas": 'q_large_logits = "d, b, a"',
        "a-list": 'q_large_logits = ["a", "b", "d"]',
    },
    # ------------------------------------------------------------------ linear-regression
    "linear-regression": {
        "lstsq-and-augmented-gd": '''
def fit_linear_closed_form(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    v = np.linalg.lstsq(A, y, rcond=None)[0]
    return v[:-1], float(v[-1])


def fit_linear_gd(X, y, lr, n_steps):
    A = np.column_stack([X, np.ones(len(X))])
    v = np.zeros(A.shape[1])
    losses = []
    for _ in range(n_steps):
        r = A @ v - y
        losses.append(r @ r / len(y))
        v = v - lr * 2 * A.T @ r / len(y)
    return v[:-1], float(v[-1]), np.array(losses)
''',
        "centred-data": '''
def fit_linear_closed_form(X, y):
    mx, my = X.mean(axis=0), y.mean()
    Xc, yc = X - mx, y - my
    w = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)
    return w, float(my - mx @ w)
''',
        "float32": '''
def fit_linear_closed_form(X, y):
    A = np.hstack([X, np.ones((len(X), 1))]).astype(np.float32)
    v = np.linalg.lstsq(A, np.asarray(y, dtype=np.float32), rcond=None)[0]
    return v[:-1], v[-1]


def fit_linear_gd(X, y, lr, n_steps):
    X, y = np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32)
    N, D = X.shape
    w, b = np.zeros(D, dtype=np.float32), np.float32(0)
    losses = np.empty(n_steps)                 # float64 array of float32 losses
    step = np.float32(lr * 2 / N)
    for t in range(n_steps):
        r = X @ w + b - y
        losses[t] = np.mean(r * r)
        w = w - step * (X.T @ r)
        b = b - step * r.sum()
    return w, float(b), losses
''',
        "with-the-affine-and-mse-pieces": '''
def fit_linear_gd(X, y, lr, n_steps):
    N, D = X.shape
    W, b = np.zeros((D, 1)), np.zeros(1)
    losses = []
    for _ in range(n_steps):
        pred, cache = affine_forward(X, W, b)
        loss, dL_dpred = mse_loss(pred, y[:, None])
        losses.append(loss)
        _, dW, db = affine_backward(dL_dpred, cache)
        W, b = W - lr * dW, b - lr * db
    return W[:, 0], float(b[0]), np.array(losses)
''',
    },
    # ------------------------------------------------------------------ logistic-regression
    "logistic-regression": {
        "self-contained": '''
from scipy.special import expit


def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b, losses = np.zeros(D), 0.0, []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(np.mean(np.logaddexp(0.0, z) - y * z))
        err = expit(z) - y
        w, b = w - lr * X.T @ err / N, b - lr * err.mean()
    return w, b, losses


def predict_logistic(X, w, b):
    return np.where(expit(X @ w + b) >= 0.5, 1, 0)
''',
        "float32": '''
def fit_logistic(X, y, lr, n_steps):
    X, y = np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32)
    N, D = X.shape
    w, b = np.zeros(D, dtype=np.float32), np.float32(0)
    losses = []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))))
        e = np.exp(-np.abs(z))
        g = (np.where(z >= 0, 1 / (1 + e), e / (1 + e)) - y) / np.float32(N)
        w, b = w - np.float32(lr) * (X.T @ g), b - np.float32(lr) * g.sum()
    return w, b, np.array(losses)


def predict_logistic(X, w, b):
    return (np.asarray(X, dtype=np.float32) @ np.asarray(w, dtype=np.float32) + np.float32(b) >= 0).astype(np.int32)
''',
        "sigmoid-forward-and-sample-loop": '''
def fit_logistic(X, y, lr, n_steps):
    N, D = X.shape
    w, b = np.zeros(D), 0.0
    losses = np.zeros(n_steps)
    for t in range(n_steps):
        losses[t], _ = bce_with_logits(X @ w + b, y)
        p, _ = sigmoid_forward(X @ w + b)
        gw, gb = np.zeros(D), 0.0
        for n in range(N):
            gw += (p[n] - y[n]) * X[n] / N
            gb += (p[n] - y[n]) / N
        w, b = w - lr * gw, b - lr * gb
    return w, b, losses


def predict_logistic(X, w, b):
    p, _ = sigmoid_forward(X @ w + b)
    return np.where(p >= 0.5, 1, 0)
''',
    },
    # ------------------------------------------------------------------ two-layer-step
    "two-layer-step": {
        "self-contained-numpy": '''
def two_layer_step(params, X, t, lr):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    N = len(X)
    h = X @ W1 + b1
    a = np.maximum(h, 0)
    o = a @ W2 + b2
    err = (o - t) / N
    g_W2, g_b2 = a.T @ err, err.sum(axis=0)
    g_h = (err @ W2.T) * (h > 0)
    g_W1, g_b1 = X.T @ g_h, g_h.sum(axis=0)
    new = {"W1": W1 - lr * g_W1, "b1": b1 - lr * g_b1, "W2": W2 - lr * g_W2, "b2": b2 - lr * g_b2}
    return new, float(0.5 * np.mean((o - t) ** 2))
''',
        "float32": '''
def two_layer_step(params, X, t, lr):
    p = {k: np.asarray(v, dtype=np.float32) for k, v in params.items()}
    X, t = np.asarray(X, dtype=np.float32), np.asarray(t, dtype=np.float32)
    N = X.shape[0]
    h = X @ p["W1"] + p["b1"]
    a = np.maximum(h, 0)
    o = a @ p["W2"] + p["b2"]
    d = (o - t) / np.float32(N)
    g = {"W2": a.T @ d, "b2": d.sum(axis=0)}
    dh = (d @ p["W2"].T) * (h > 0)
    g["W1"], g["b1"] = X.T @ dh, dh.sum(axis=0)
    return {k: p[k] - np.float32(lr) * g[k] for k in p}, float(0.5 * np.mean((o - t) ** 2))
''',
        "per-sample-loop": '''
def two_layer_step(params, X, t, lr):
    N = len(X)
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    loss = 0.0
    for n in range(N):
        h = X[n] @ params["W1"] + params["b1"]                   # (M,)
        a = np.maximum(h, 0)
        o = a @ params["W2"] + params["b2"]                       # (1,)
        loss += 0.5 * float(np.sum((o - t[n]) ** 2)) / N
        do = (o - t[n]) / N
        grads["W2"] += np.outer(a, do)
        grads["b2"] += do
        dh = (params["W2"] @ do) * (h > 0)
        grads["W1"] += np.outer(X[n], dh)
        grads["b1"] += dh
    return {k: params[k] - lr * grads[k] for k in params}, loss
''',
        "copies-then-in-place": '''
def two_layer_step(params, X, t, lr):
    N = X.shape[0]
    h, c1 = affine_forward(X, params["W1"], params["b1"])
    a, cr = relu_forward(h)
    o, c2 = affine_forward(a, params["W2"], params["b2"])
    loss = float(np.mean(0.5 * (o - t) ** 2))
    da, dW2, db2 = affine_backward((o - t) / N, c2)
    _, dW1, db1 = affine_backward(relu_backward(da, cr), c1)
    new = {k: v.copy() for k, v in params.items()}            # copies: editing them in place is fine
    for k, g in (("W1", dW1), ("b1", db1), ("W2", dW2), ("b2", db2)):
        new[k] -= lr * g
    return new, loss
''',
    },
    # ------------------------------------------------------------------ mlp
    "mlp": {
        "self-contained-activations-list": '''
def mlp_forward(X, params):
    L = len(params) // 2
    hs = [X]
    for l in range(1, L + 1):
        z = hs[-1] @ params[f"W{l}"] + params[f"b{l}"]
        hs.append(np.maximum(z, 0) if l < L else z)
    return hs[-1], {"hs": hs, "Ws": [params[f"W{l}"] for l in range(1, L + 1)]}


def mlp_backward(dL_dscores, cache):
    hs, Ws = cache["hs"], cache["Ws"]
    L = len(Ws)
    grads, g = {}, dL_dscores
    for l in range(L, 0, -1):
        grads[f"W{l}"] = hs[l - 1].T @ g
        grads[f"b{l}"] = g.sum(axis=0)
        if l > 1:
            g = (g @ Ws[l - 1].T) * (hs[l - 1] > 0)
    return grads
''',
        "float32": '''
def mlp_forward(X, params):
    L = len(params) // 2
    h = np.asarray(X, dtype=np.float32)
    cache = []
    for l in range(1, L + 1):
        W = np.asarray(params[f"W{l}"], dtype=np.float32)
        z = h @ W + np.asarray(params[f"b{l}"], dtype=np.float32)
        cache.append((h, W, z))
        h = np.maximum(z, 0) if l < L else z
    return h, cache


def mlp_backward(dL_dscores, cache):
    g = np.asarray(dL_dscores, dtype=np.float32)
    grads, L = {}, len(cache)
    for l in range(L, 0, -1):
        h, W, z = cache[l - 1]
        if l < L:
            g = g * (z > 0)
        grads[f"W{l}"], grads[f"b{l}"] = h.T @ g, g.sum(axis=0)
        g = g @ W.T
    return grads
''',
        "layer-list-cache": '''
def mlp_forward(X, params):
    layers = []
    h = X
    n_layers = len(params) // 2
    for i in range(n_layers):
        h, affine_cache = affine_forward(h, params["W" + str(i + 1)], params["b" + str(i + 1)])
        layers.append(("affine", affine_cache))
        if i < n_layers - 1:
            h, relu_cache = relu_forward(h)
            layers.append(("relu", relu_cache))
    return h, layers


def mlp_backward(dL_dscores, cache):
    grads, g = {}, dL_dscores
    i = sum(kind == "affine" for kind, _ in cache)
    for kind, c in reversed(cache):
        if kind == "relu":
            g = relu_backward(g, c)
        else:
            g, grads["W" + str(i)], grads["b" + str(i)] = affine_backward(g, c)
            i -= 1
    return grads
''',
    },
    # ------------------------------------------------------------------ train-mlp
    "train-mlp": {
        "other-init-and-shuffling": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    sizes = [X_train.shape[1], *hidden_sizes, int(y_train.max()) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = np.random.default_rng(seed + 100 * l).uniform(-np.sqrt(6 / sizes[l - 1]), np.sqrt(6 / sizes[l - 1]), size=(sizes[l - 1], sizes[l]))
        params[f"b{l}"] = np.zeros(sizes[l])
    shuffler = np.random.default_rng(seed + 1)
    history = {"train loss": [], "val accuracy": []}
    for epoch in range(epochs):
        idx_all = np.arange(len(X_train))
        shuffler.shuffle(idx_all)
        batch_losses = []
        for idx in np.array_split(idx_all, int(np.ceil(len(X_train) / batch_size))):
            scores, cache = mlp_forward(X_train[idx], params)
            loss, d = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(d, cache)
            for k in params:
                params[k] = params[k] - lr * grads[k]
            batch_losses.append(loss)
        history["train loss"].append(float(np.mean(batch_losses)))
        pred = mlp_forward(X_val, params)[0].argmax(axis=1)
        history["val accuracy"].append(float((pred == y_val).mean()))
    return params, history
''',
        "float32": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    X32, Xv32 = np.asarray(X_train, dtype=np.float32), np.asarray(X_val, dtype=np.float32)
    sizes = [X32.shape[1], *hidden_sizes, int(np.max(y_train)) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / sizes[l - 1]), size=(sizes[l - 1], sizes[l])).astype(np.float32)
        params[f"b{l}"] = np.zeros(sizes[l], dtype=np.float32)
    history = {"train loss": [], "val accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(len(X32))
        losses = []
        for start in range(0, len(X32), batch_size):
            idx = order[start:start + batch_size]
            scores, cache = mlp_forward(X32[idx], params)
            loss, d = softmax_cross_entropy(scores, y_train[idx])
            grads = mlp_backward(d, cache)
            params = {k: (params[k] - np.float32(lr) * grads[k]).astype(np.float32) for k in params}
            losses.append(float(loss))
        history["train loss"].append(sum(losses) / len(losses))
        history["val accuracy"].append(float((mlp_forward(Xv32, params)[0].argmax(axis=1) == y_val).mean()))
    return params, history
''',
        "in-place-updates-of-its-own-arrays": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    n_classes = y_train.max() + 1
    dims = (X_train.shape[1],) + tuple(hidden_sizes) + (n_classes,)
    params = {}
    for i, (d_in, d_out) in enumerate(zip(dims[:-1], dims[1:]), start=1):
        params["W%d" % i] = np.sqrt(2.0 / d_in) * rng.standard_normal((d_in, d_out))
        params["b%d" % i] = np.zeros(d_out)
    history = {"train loss": [], "val accuracy": []}
    for epoch in range(epochs):
        perm = np.arange(len(X_train))
        rng.shuffle(perm)
        epoch_losses = []
        for i in range(0, len(perm), batch_size):
            batch = perm[i:i + batch_size]
            scores, cache = mlp_forward(X_train[batch], params)
            loss, dscores = softmax_cross_entropy(scores, y_train[batch])
            grads = mlp_backward(dscores, cache)
            for name in params:
                params[name] -= lr * grads[name]          # the function's own arrays: fine
            epoch_losses.append(loss)
        history["train loss"].append(np.mean(epoch_losses))
        val_pred = np.argmax(mlp_forward(X_val, params)[0], axis=1)
        history["val accuracy"].append(np.mean(val_pred == y_val))
    return params, history
''',
    },
    # ------------------------------------------------------------------ q-uat
    "q-uat": {
        "other-order": 'q_uat = "eb"',
        "upper-case-with-comma": 'q_uat = "B, E"',
        "a-list": 'q_uat = ["b", "e"]',
    },
    # ------------------------------------------------------------------ init
    "init": {
        "torch-init": '''
def init_weights(d_in, d_out, scheme, seed=0):
    import torch
    fns = {"xavier_uniform": lambda t, g: torch.nn.init.xavier_uniform_(t, generator=g),
           "xavier_normal": lambda t, g: torch.nn.init.xavier_normal_(t, generator=g),
           "kaiming_uniform": lambda t, g: torch.nn.init.kaiming_uniform_(t, nonlinearity="relu", generator=g),
           "kaiming_normal": lambda t, g: torch.nn.init.kaiming_normal_(t, nonlinearity="relu", generator=g)}
    if scheme not in fns:
        raise ValueError(scheme)
    t = torch.empty(d_out, d_in, dtype=torch.float64)      # torch stores (out, in); fan_in = d_in
    fns[scheme](t, torch.Generator().manual_seed(seed))
    return t.T.numpy().copy()
''',
        "random-state-and-unit-draws": '''
def init_weights(d_in, d_out, scheme, seed=0):
    rs = np.random.RandomState(seed)
    var = {"xavier_uniform": 2.0 / (d_in + d_out), "xavier_normal": 2.0 / (d_in + d_out),
           "kaiming_uniform": 2.0 / d_in, "kaiming_normal": 2.0 / d_in}.get(scheme)
    if var is None:
        raise ValueError(f"unknown scheme {scheme}")
    if scheme.endswith("uniform"):
        return np.sqrt(3 * var) * (2 * rs.rand(d_in, d_out) - 1)
    return np.sqrt(var) * rs.randn(d_in, d_out)
''',
        "float32": '''
def init_weights(d_in, d_out, scheme, seed=0):
    rng = np.random.default_rng(seed)
    fan = {"xavier_uniform": d_in + d_out, "xavier_normal": d_in + d_out,
           "kaiming_uniform": d_in, "kaiming_normal": d_in}
    if scheme not in fan:
        raise ValueError(f"unknown scheme {scheme!r}")
    var = 2.0 / fan[scheme]
    if scheme.endswith("uniform"):
        return rng.uniform(-np.sqrt(3 * var), np.sqrt(3 * var), size=(d_in, d_out)).astype(np.float32)
    return (np.sqrt(var) * rng.standard_normal((d_in, d_out))).astype(np.float32)
''',
    },
    # ------------------------------------------------------------------ sigmoid-chain
    "sigmoid-chain": {
        "reverse-cumprod": '''
def sigmoid_chain(x, w):
    w = np.asarray(w, dtype=float)
    a = np.empty(len(w))
    h = x
    for l, wl in enumerate(w):
        h = 0.5 * (1 + np.tanh(0.5 * wl * h))
        a[l] = h
    slope = a * (1 - a)
    factors = np.append(w[1:] * slope[:-1], 1.0)            # factor l links dz[l] to dz[l+1]
    dz = slope[-1] * np.cumprod(factors[::-1])[::-1]
    inputs = np.concatenate([[x], a[:-1]])
    return a, dz, dz * inputs
''',
        "torch-autograd": '''
def sigmoid_chain(x, w):
    import torch
    wt = torch.tensor(np.asarray(w, dtype=float), requires_grad=True)
    h, zs, acts = torch.tensor(float(x), dtype=torch.float64), [], []
    for l in range(len(w)):
        z = wt[l] * h
        zs.append(z)
        h = torch.sigmoid(z)
        acts.append(h)
    g = torch.autograd.grad(h, zs + [wt])
    return (torch.stack(acts).detach().numpy(), torch.stack(list(g[:-1])).numpy(), g[-1].numpy())
''',
        "float32-lists": '''
def sigmoid_chain(x, w):
    a, inputs, h = [], [], np.float32(x)
    for wl in np.asarray(w, dtype=np.float32):
        inputs.append(h)
        h = np.float32(1) / (np.float32(1) + np.exp(-wl * h))
        a.append(h)
    a = np.array(a, dtype=np.float32)
    w32 = np.asarray(w, dtype=np.float32)
    dz = [a[-1] * (1 - a[-1])]
    for l in range(len(a) - 2, -1, -1):
        dz.insert(0, dz[0] * w32[l + 1] * a[l] * (1 - a[l]))
    dz = np.array(dz, dtype=np.float32)
    return a, dz, dz * np.array(inputs, dtype=np.float32)
''',
    },
    # ------------------------------------------------------------------ q-first-layer-grad
    "q-first-layer-grad": {
        "four-significant-digits": 'q_first_layer_grad = 2.427e-9',
        "numpy-float-from-the-formula": 'q_first_layer_grad = np.float64(0.1 ** 5 * np.prod([s * (1 - s) for s in sigmoid_chain(1.0, np.full(6, 0.1))[0]]))',
    },
    # ------------------------------------------------------------------ quadratic-layer
    "quadratic-layer": {
        "loops": '''
def quadratic_forward(X, A, B, c, lam):
    N, M = X.shape[0], A.shape[0]
    out = np.empty((N, M))
    for n in range(N):
        for m in range(M):
            out[n, m] = lam * X[n] @ A[m] @ X[n] + X[n] @ B[m] + c[m]
    return out, (X, A, B, lam)


def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    N, M = dL_dout.shape
    dL_dX, dL_dA = np.zeros(X.shape), np.zeros(A.shape)
    dL_dB, dL_dc = np.zeros(B.shape), np.zeros(M)
    for n in range(N):
        for m in range(M):
            g = dL_dout[n, m]
            dL_dX[n] += g * (2 * lam * A[m] @ X[n] + B[m])     # A[m] is symmetric
            dL_dA[m] += g * lam * np.outer(X[n], X[n])
            dL_dB[m] += g * X[n]
            dL_dc[m] += g
    return dL_dX, dL_dA, dL_dB, dL_dc
''',
        "general-form-matmul": '''
def quadratic_forward(X, A, B, c, lam):
    AX = np.matmul(A[:, None, :, :], X[None, :, :, None])[..., 0]      # (M, N, D): A[m] x_n
    quad = np.sum(AX * X[None], axis=2).T                               # (N, M)
    return lam * quad + X @ B.T + c, (X, A, B, lam)


def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    A_sym = A + np.swapaxes(A, 1, 2)
    dL_dX = lam * np.einsum("nm,mde,ne->nd", dL_dout, A_sym, X) + dL_dout @ B
    dL_dA = lam * np.einsum("nm,nd,ne->mde", dL_dout, X, X)
    return dL_dX, dL_dA, dL_dout.T @ X, dL_dout.sum(axis=0)
''',
        "float32": '''
def quadratic_forward(X, A, B, c, lam):
    X, A, B, c = (np.asarray(a, dtype=np.float32) for a in (X, A, B, c))
    return np.float32(lam) * np.einsum("nd,mde,ne->nm", X, A, X) + X @ B.T + c, (X, A, B, np.float32(lam))


def quadratic_backward(dL_dout, cache):
    X, A, B, lam = cache
    g = np.asarray(dL_dout, dtype=np.float32)
    dL_dX = lam * np.einsum("nm,mde,ne->nd", g, A + np.transpose(A, (0, 2, 1)), X) + g @ B
    return dL_dX, lam * np.einsum("nm,nd,ne->mde", g, X, X), g.T @ X, g.sum(axis=0)
''',
    },
    # ------------------------------------------------------------------ q-quadratic-ratio
    "q-quadratic-ratio": {
        "integer": 'q_quadratic_ratio = 16',
        "expression": 'q_quadratic_ratio = 30 / 2 + 1',
        "numpy-float": 'q_quadratic_ratio = np.float64(7 * (465 + 31)) / (7 * 31)',
    },
}

# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "affine": {
        "transposed-dW": "Your dL_dW has shape (M, D), the transpose; it must have the shape of W, (D, M): X^T times "
                         "dL_dout.",
        "missing-bias-gradient": "Your dL_db is all zeros; the bias gradient is the upstream gradient summed over the "
                                 "batch (axis 0).",
        "bias-gradient-not-summed": "Your dL_db has shape (N, M); the bias is shared by all samples, so sum the "
                                    "upstream gradient over the batch to get shape (M,).",
        "bias-gradient-averaged": "You average dL_db over the batch; the bias gradient is the sum over the batch, not "
                                  "the mean.",
        "dX-without-transpose": "Your dL_dX multiplies by W instead of W^T; dL_dX = dL_dout W^T, shape (N, D).",
        "forward-forgets-bias": "Your forward pass leaves out the bias; out = X W + b.",
        "loop-without-shape-check": "You do not raise a ValueError when X.shape[1] != W.shape[0] (extra rows of W are "
                                    "silently ignored); a matrix product raises it for mismatched shapes.",
        "bias-added-as-a-column": "You add b as a column, one value per sample; b holds one value per output and is "
                                  "added to every row of X W.",
        "dW-averaged-over-the-batch": "You divide dL_dW by the batch size; dL_dW = X^T dL_dout without averaging (any "
                                      "1/N is already in the upstream gradient).",
    },
    "double-affine": {
        "T-gradient-summed-like-a-bias": "You sum dL_dT over the batch as for a bias; T is a full (N, M) matrix whose "
                                         "entries are each used once, so dL_dT = dL_dY with no sum.",
        "A-gradient-ones-whatever-the-upstream": "Your dL_dA is a matrix of ones, which holds only for the loss "
                                                 "sum(Y); in general dL_dA equals the upstream gradient dL_dY.",
        "Z-gradient-uses-W": "Your dL_dZ uses W; Z is multiplied by R, so dL_dZ = dL_dY R^T.",
        "R-gradient-uses-X": "Your dL_dR uses X; R multiplies Z, so dL_dR = Z^T dL_dY.",
        "transposed-dR": "Your dL_dR has shape (M, D), the transpose; it must have the shape of R, (D, M): Z^T dL_dY.",
        "gradients-grouped-by-kind": "You return the gradients grouped by kind (inputs first, then weights); return "
                                     "them in the order of the forward's arguments: dX, dW, dZ, dR, dT, dA.",
        "forward-forgets-A": "Your forward pass leaves out A; Y = XW + ZR + T + A.",
        "forward-accumulates-into-T": "You add into `T` in place (+=), changing the caller's array; the function must "
                                      "leave its inputs unchanged (build a new array).",
        "weight-gradients-averaged": "You divide dL_dW and dL_dR by the batch size; the weight gradients are X^T "
                                     "dL_dY and Z^T dL_dY, without averaging.",
        "only-four-gradients": "You return four gradients; the backward returns six, one per forward argument, dL_dT "
                               "and dL_dA included.",
    },
    "q-flatten": {
        "whole-batch-as-features": "You counted the batch axis as features; D is the number of values in one image, "
                                   "C*H*W, and the batch of 8 is not a feature.",
        "one-channel-only": "You left out the channels: each image has 3 channels of 8x8 pixels, and all of them "
                            "become features.",
        "W-transposed": "Your W shape is transposed; in affine_forward W is (D, M), one row per input feature and one "
                        "column per output.",
        "W-as-a-vector": "Give W's shape as two numbers (rows, columns); in affine_forward W is a (D, M) matrix even "
                         "when M is 1.",
        "shape-of-X-instead-of-W": "That is the shape of the flattened batch X; W maps D features to M outputs, so "
                                   "its shape is (D, M).",
        "one-output-per-image-in-the-batch": "The columns of W are the outputs for one image, not the images: "
                                             "logistic regression has one logit per image, whatever the batch size.",
        "shape-as-a-string": "Give the shape as a tuple of two integers (rows, columns), not as a string.",
    },
    "sigmoid-tanh": {
        "sigmoid-overflows-for-large-negative-x": "Your sigmoid evaluates exp(-x), which overflows for large negative "
                                                  "x (below about -710 in float64, -89 in float32); only ever "
                                                  "exponentiate -|x|.",
        "sigmoid-exp-ratio": "exp(x) / (1 + exp(x)) overflows for large positive x and gives inf/inf = NaN; only ever "
                             "exponentiate -|x|, and pick the formula by the sign of x.",
        "sigmoid-where-evaluates-both-branches": "np.where evaluates both branches for every element, so the "
                                                 "exponential in the discarded branch still overflows; compute "
                                                 "exp(-|x|) once and select afterwards.",
        "sigmoid-backward-missing-factor": "Your sigmoid backward multiplies by sigma(x) only; the derivative is "
                                           "sigma(x) (1 - sigma(x)).",
        "tanh-backward-not-squared": "Your tanh backward uses 1 - tanh(x); the derivative is 1 - tanh(x)^2.",
        "tanh-backward-ignores-upstream": "Your tanh backward returns the local derivative only; multiply it by the "
                                          "upstream gradient dL_dout.",
        "sigmoid-backward-in-place": "You multiply into `dL_dout` in place (*=); a backward pass must leave its "
                                     "inputs unchanged (build a new array).",
        "tanh-forward-in-place": "You write tanh into `x` itself; the function must leave its input unchanged.",
    },
    "relu-family": {
        "relu-backward-ignores-upstream": "Your ReLU backward returns the mask only; multiply the upstream gradient "
                                          "dL_dout by it.",
        "leaky-backward-zero-slope": "Your Leaky ReLU backward passes 0 for x <= 0; the slope there is alpha, so the "
                                     "gradient is alpha * dL_dout.",
        "leaky-default-alpha-0.1": "Your Leaky ReLU's default alpha is 0.1; the spec's default is 0.01.",
        "elu-backward-uses-output": "For x <= 0 your ELU backward uses out; the derivative there is alpha * exp(x), "
                                    "which equals out + alpha.",
        "elu-forward-without-minus-one": "Your ELU gives alpha * exp(x) for x <= 0; the formula is alpha * (exp(x) - "
                                         "1), so negative outputs level off at -alpha.",
        "elu-ignores-alpha": "Your ELU ignores `alpha` and uses 1; scale the negative part by the alpha passed in.",
        "cs231n-dx-aliases-dout": "Your dx is the same array as dout, so zeroing its entries changes the caller's "
                                  "upstream gradient; build a new array (for instance a product with the mask).",
        "leaky-as-maximum": "max(alpha * x, x) equals Leaky ReLU only for alpha <= 1; for alpha > 1 it picks alpha * "
                            "x on the positive side. Decide by the sign of x.",
        "relu-forward-in-place": "You write the ReLU into `x` itself; the function must leave its input unchanged.",
    },
    "prelu": {
        "alpha-gradient-not-summed": "Your dL_dalpha has shape (N, D); alpha is shared by all samples, so sum over "
                                     "the batch to get shape (D,).",
        "alpha-gradient-averaged": "You average dL_dalpha over the batch; the gradient of a shared parameter is the "
                                   "sum over the batch.",
        "alpha-gradient-without-x": "Your dL_dalpha leaves out the factor x; on the negative side out = alpha * x, so "
                                    "the gradient is dL_dout * x there, summed over the batch.",
        "dx-ignores-alpha": "Your dL_dx passes 0 for x <= 0; the slope there is alpha_j, so the gradient is alpha_j * "
                            "dL_dout.",
        "backward-in-place": "You overwrite entries of `dL_dout` in place; a backward pass must leave its inputs "
                             "unchanged (build a new array).",
        "alpha-gradient-summed-to-a-scalar": "You sum dL_dalpha into a single number; alpha has one slope per "
                                             "feature, so sum over the batch only (axis 0), shape (D,).",
    },
    "maxout": {
        "gradient-to-every-piece": "You send the upstream gradient to all K pieces; only the winning piece of each "
                                   "output receives it, the others get 0.",
        "bias-gradient-not-summed": "Your dL_db has shape (N, K, M); each piece's bias is shared by the batch, so sum "
                                    "over the samples to get (K, M).",
        "average-instead-of-max": "Your forward averages the K pieces; maxout keeps the largest piece for each output.",
        "dX-from-the-first-piece-only": "Your dL_dX always goes back through W[0]; each output's gradient must flow "
                                        "through the weights of the piece that won there.",
        "winner-over-the-output-axis": "You record the winner with an argmax over the outputs; the winning piece is "
                                       "the argmax over the K pieces (axis 1 of z), per sample and output.",
        "bias-gradient-averaged": "You average dL_db over the batch; the bias gradient is the sum over the batch.",
    },
    "softmax": {
        "no-max-shift": "You exponentiate the raw logits, which overflows to inf/inf = NaN for large scores; subtract "
                        "each row's maximum first.",
        "diagonal-jacobian-only": "Your backward uses only the diagonal s(1 - s) of the Jacobian; every output "
                                  "depends on every input of its row: dx_j = s_j (dout_j - sum_i dout_i s_i).",
        "normalised-over-the-batch-axis": "You normalise over the batch (axis 0); softmax works on each row of C "
                                          "logits, so take the max and the sum over axis 1.",
        "backward-sign-flipped": "Your backward has the wrong sign: dx_j = s_j (dout_j - sum_i dout_i s_i), not the "
                                 "reverse.",
        "cs231n-shift-in-place": "You subtract the row maximum from `x` in place (-=); the function must leave its "
                                 "input unchanged (shift a copy).",
        "missing-keepdims": "Your row maxima and sums have shape (N,), which lines up with the columns, not the rows; "
                            "keep them as (N, 1) columns (keepdims=True).",
    },
    "q-leaky-alpha": {
        "zero-centred-answer-of-the-summary": "With alpha = -0.5 a negative x gives max(-0.5x, x) = -0.5x, which is "
                                              "positive: no output is negative. Evaluate f at a few negative x.",
        "monotone": "Compare f(-2) with f(-1): with a negative alpha, f grows as x becomes more negative, so it is "
                    "not increasing there.",
        "nothing-changes": "The sign of alpha matters: for x < 0, alpha * x with alpha = -0.5 is positive and larger "
                           "than x, so the max picks it.",
        "two-letters": "Give one letter; (a) and (c) disagree about monotonicity, so compare f(-2) with f(-1).",
        "an-option-that-does-not-exist": "There is no option (e); choose one of the letters a to d.",
        "a-number": "Give the letter of the option as a string, such as \"a\", not a number.",
    },
    "q-affine-bias": {
        "sum-of-biases": "b1 passes through W2 before b2 is added: expand (X W1 + b1) W2 + b2 and collect the terms "
                         "that do not contain X.",
        "absorbed": "b1 is not lost: multiplying (X W1 + b1) by W2 leaves a term b1 W2 that does not depend on X.",
        "transposed": "Check the shapes: W1 has one row per input and b2 one entry per output, so W1 b2 does not fit "
                      "in general. Expand (X W1 + b1) W2 + b2 and collect the terms without X.",
        "two-letters": "Give one letter: the bias is one expression, and expanding the product shows which.",
        "the-formula-instead-of-the-letter": "Give the letter of the option as a string, such as \"a\", not the "
                                             "formula.",
    },
    "q-zigzag": {
        "all-positive": "Each component is dL/dz times a_i; the a_i are positive, but dL/dz = -0.3 is negative and "
                        "multiplies all of them.",
        "independent-signs": "The components are not independent: each is the same number dL/dz times a positive a_i, "
                             "so they all share one sign.",
        "saturated": "Saturation would make dL/dz small, but here it is -0.3 and a_i > 0: the components are -0.3 "
                     "a_i, not zero.",
        "two-letters": "Give one letter: all components share one sign, and only one option names it correctly.",
        "an-option-that-does-not-exist": "There is no option (e); choose one of the letters a to d.",
        "an-index-instead-of-a-letter": "Give the letter of the option as a string, such as \"a\", not a number.",
    },
    "regression-losses": {
        "mse-sum-instead-of-mean": "Your MSE sums the squared residuals; the loss and its gradient are means over all "
                                   "R = pred.size elements, so divide both by R.",
        "mse-divides-by-batch-size": "You divide by the batch size pred.shape[0]; average over all elements, R = "
                                     "pred.size, whatever the shape.",
        "mse-gradient-wrong-sign": "Your MSE gradient has the wrong sign: it is 2 (pred - target) / R.",
        "mse-gradient-missing-factor-2": "Your MSE gradient lacks the factor 2: the derivative of r^2 is 2r, so "
                                         "dL_dpred = 2 (pred - target) / R.",
        "l1-sum-instead-of-mean": "Your L1 loss sums the absolute residuals; the loss and its gradient are means over "
                                  "all R = pred.size elements.",
        "l1-gradient-not-divided": "Your L1 gradient is sign(r) without the 1/R; the loss is a mean, so dL_dpred = "
                                   "sign(pred - target) / R.",
        "l1-gradient-at-zero-is-one": "Your L1 gradient is +1/R where pred == target; the spec uses sign(0) = 0 there.",
        "mse-residual-in-place": "You subtract `target` from `pred` in place, changing the caller's array; compute "
                                 "the residual as a new array.",
    },
    "classification-losses": {
        "bce-on-clipped-probabilities": "You clip the probabilities, which caps the loss of a confident mistake at "
                                        "about 16; compute the BCE from the logits, with log(1 + exp(-|z|)).",
        "bce-log-of-sigmoid": "You take logs of sigmoid(z), which rounds to exactly 1 for z above about 37 (and to 0 "
                              "far below zero), giving log(0) = -inf; compute the loss from the logits instead.",
        "bce-gradient-wrong-sign": "Your BCE gradient has the wrong sign: dL_dz = (sigmoid(z) - y) / N.",
        "ce-no-max-shift": "You exponentiate the raw scores, which overflows for large logits; subtract each row's "
                           "maximum first.",
        "ce-sum-instead-of-mean": "Your cross-entropy sums over the batch; the loss is the mean over the N samples, "
                                  "and its gradient carries the factor 1/N.",
        "ce-gradient-without-one-hot": "Your gradient is softmax / N; subtract the one-hot target: (softmax - "
                                       "one_hot(y)) / N.",
        "ce-shift-in-place": "You subtract the row maximum from `scores` in place (-=); the function must leave its "
                             "inputs unchanged (shift a copy).",
        "bce-gradient-not-averaged": "Your BCE gradient lacks the 1/N; the loss is a mean, so dL_dz = (sigmoid(z) - "
                                     "y) / N.",
    },
    "q-why-scalar": {
        "chain-rule-scalar-only": "The chain rule holds for vector-valued functions too, with Jacobians; the reason "
                                  "lies in what one backward pass computes and what an update can minimise.",
        "gpu": "GPUs store gradients of any shape; the reason lies in how reverse-mode differentiation works and what "
               "\"smaller\" means for a loss.",
        "always-zero": "A vector-valued loss has non-zero derivatives, a whole Jacobian of them; the problem is how "
                       "many backward passes that needs and how to trade the components off.",
        "two-letters": "Give one letter; the chain rule works for vector outputs too (with Jacobians), so (c) is not "
                       "the reason.",
        "an-index-instead-of-a-letter": "Give the letter of the option as a string, such as \"a\", not a number.",
    },
    "q-loss-numbers": {
        "divides-by-batch-size": "4 is only the batch size; MSE averages over every compared number, so R counts all "
                                 "elements of the (4, 3, 8, 8) batch.",
        "log-base-2": "You used the logarithm to base 2; the cross-entropy uses the natural logarithm (np.log).",
        "uniform-probability": "0.01 is the probability of the true class; the loss is the negative natural logarithm "
                               "of that probability.",
        "per-image": "192 counts the elements of one image; the mean runs over all elements of the batch, all 4 "
                     "images included.",
        "pixels-only": "64 counts the pixels of one channel of one image; R counts every element of the batch: "
                       "images, channels, rows and columns.",
        "number-of-classes": "100 is the number of classes; the loss is the negative natural logarithm of the "
                             "probability the near-uniform model gives the true class.",
        "log-base-10": "You used the logarithm to base 10; the cross-entropy uses the natural logarithm (np.log).",
    },
    "q-ce-four-classes": {
        "summed-over-the-batch": "You summed the loss over the 1000 samples; the cross-entropy is a mean over the "
                                 "batch, so the batch size does not enter.",
        "log-base-2": "You used the logarithm to base 2; the cross-entropy uses the natural logarithm (np.log).",
        "log-base-10": "You used the logarithm to base 10; the cross-entropy uses the natural logarithm (np.log).",
        "the-probability": "0.25 is the probability of the true class; the loss is the negative natural logarithm of "
                           "it.",
        "log-of-the-batch-size": "The batch size does not enter a mean loss; the loss depends on the probability the "
                                 "model gives the true class.",
        "the-hundred-class-answer": "That is the value for 100 classes; here there are C = 4 classes.",
        "two-digits-only": "1.4 is rounded too far: the answer is accepted within 0.1 %, so give four significant "
                           "digits or an expression.",
    },
    "q-l1-noise": {
        "gaussian-answer": "The squared error comes from Gaussian noise; write down -log p for the Laplace density "
                           "and see which power of the residual remains.",
        "bce": "Binary cross-entropy is the likelihood of 0/1 targets (Bernoulli); here y is real-valued with Laplace "
               "noise.",
        "no-likelihood": "Every density gives a likelihood; take -log of the Laplace density and see which loss "
                         "remains.",
        "two-letters": "Give one letter: -log of the Laplace density contains one power of the residual, so only one "
                       "loss fits.",
        "the-loss-name": "Give the letter of the option as a string, such as \"a\", not the name of the loss.",
    },
    "q-large-logits": {
        "explosion-only": "(a) is true, but it is not alone: think about what a sigmoid before the MSE does to the "
                          "gradient, and how large the BCE gradient can get.",
        "misses-the-bce-cure": "One more statement is true: look at the gradient of binary cross-entropy computed "
                               "from the logits for a confident mistake.",
        "believes-in-overflow": "The MSE of outputs around 1000 is about 10^6, far below float64's limit of about "
                                "10^308: nothing overflows there.",
        "misses-the-saturation": "One more statement is true: what does a sigmoid between the output and the MSE do "
                                 "to the gradient at z = 1000?",
        "nothing-goes-wrong": "Dividing by the number of elements does not shrink a residual of 1000; the gradient is "
                              "still proportional to it, so the first updates are huge.",
        "an-option-that-does-not-exist": "There is no option (f); the options are a to e.",
    },
    "linear-regression": {
        "closed-form-without-intercept": "Your closed form has no intercept (b = 0), so the line goes through the "
                                         "origin; append a column of ones to X to fit w and b together.",
        "closed-form-intercept-as-mean": "You fit w without an intercept and then set b to the mean of y; w and b "
                                         "must be fitted together (append a column of ones to X).",
        "gd-missing-factor-2": "Your gradient lacks the factor 2 of the MSE derivative: dL/dw = (2/N) X^T r and dL/db "
                               "= (2/N) sum(r).",
        "gd-loss-recorded-after-the-step": "You record the loss after each step; losses[t] is the loss before step t, "
                                           "so losses[0] is the loss of the all-zero model.",
        "gd-bias-never-updated": "You never update the bias; b takes its own gradient step with (2/N) sum(r).",
        "closed-form-centres-X-in-place": "You centre `X` in place (-=); the function must leave its inputs unchanged "
                                          "(work on a copy).",
        "gd-hard-coded-lr": "You ignore the `lr` argument and step with a fixed learning rate; use the lr passed in.",
        "gd-summed-loss": "You record the summed squared error; the loss is the mean over the N samples.",
        "gd-gradient-accumulated-in-place": "You add each step's gradient to a running total and step with that; each "
                                            "step uses only the gradient at the current parameters.",
    },
    "logistic-regression": {
        "gradient-ascent": "You add the gradient, which climbs the loss; gradient descent subtracts it: w <- w - lr * "
                           "dL/dw.",
        "gradient-not-averaged": "You multiply the gradient by N, stepping with the summed gradient; the gradient of "
                                 "the mean BCE is X^T (sigmoid(z) - y) / N.",
        "predict-thresholds-the-logit-at-0.5": "You compare the logit with 0.5; p >= 0.5 means z >= 0, so the "
                                               "threshold on the logit is 0.",
        "hard-coded-lr": "You ignore the `lr` argument and step with a fixed learning rate; use the lr passed in.",
        "summed-loss": "You record the loss times N, a sum over the samples; losses[t] is the mean BCE before step t.",
        "gradient-accumulated-in-place": "You add each step's gradient to a running total and step with that; each "
                                         "step uses only the gradient at the current parameters.",
        "predict-float-labels": "Your labels are floats; return an integer array of 0s and 1s.",
        "predict-tie-goes-to-class-0": "A sample with logit exactly 0 gets class 0 from you; p = 0.5 counts as class "
                                       "1 (p >= 0.5, that is z >= 0).",
        "predict-rounds-the-probability": "You round the probability, and NumPy rounds 0.5 to 0 (half to even), so p "
                                          "= 0.5 gives class 0; it must give class 1. Compare the logit with 0.",
    },
    "two-layer-step": {
        "loss-without-one-half": "You use (o - t)^2 without the factor 1/2; the loss is (1/N) sum 1/2 (o - t)^2, so "
                                 "its gradient is (o - t) / N, not twice that.",
        "updates-params-in-place": "You update the arrays in `params` in place (-=); return a new dict of new arrays "
                                   "and leave the caller's parameters unchanged.",
        "no-relu-mask-in-backward": "You skip the ReLU in the backward pass; the gradient reaching h must be zeroed "
                                    "where h <= 0.",
        "gradient-summed-over-batch": "You start the backward pass with o - t; the loss is a mean over the batch, so "
                                      "dL_do = (o - t) / N.",
        "hard-coded-lr": "You ignore the `lr` argument and step with a fixed learning rate; use the lr passed in.",
        "second-layer-updated-before-the-first-layer-gradient": "You back-propagate through the already updated W2; "
                                                                "every gradient must be taken at the old parameters, "
                                                                "before any update.",
        "loss-summed-over-the-batch": "The loss you return is summed over the batch; it is the mean, (1/N) sum 1/2 (o "
                                      "- t)^2.",
    },
    "mlp": {
        "relu-after-the-last-layer": "You apply a ReLU after the last layer too; the scores come straight from the "
                                     "final affine layer, so they can be negative.",
        "no-relu-mask-in-backward": "Your backward skips the ReLUs; before a hidden layer's affine backward, zero the "
                                    "gradient where that layer's pre-activation was <= 0.",
        "gradient-keys-with-d-prefix": "Your gradient keys are \"dW1\", \"db1\", ...; use the keys of params: \"W1\", "
                                       "\"b1\", ...",
        "bias-gradients-averaged": "You divide the bias gradients by the batch size; a bias gradient is the sum over "
                                   "the batch (any 1/N is already in dL_dscores).",
        "hard-coded-two-layers": "Your network always has two layers; the depth is L = len(params) // 2, so go "
                                 "through all the layers in params.",
        "relu-mask-after-the-affine-backward": "You apply each layer's ReLU mask after its affine backward; the ReLU "
                                               "came after the affine in the forward, so its mask comes first in the "
                                               "backward.",
    },
    "train-mlp": {
        "gradient-ascent": "You step along the gradient, which increases the loss; the update is p <- p - lr * dL/dp.",
        "validation-accuracy-measured-on-training-data": "Your \"val accuracy\" is measured on the training data; "
                                                         "evaluate X_val against y_val after each epoch.",
        "returns-the-initial-parameters": "You return the initial parameters, not the trained ones; return the "
                                          "parameters after the last update.",
        "hard-coded-lr": "You ignore the `lr` argument and step with a fixed learning rate; use the lr passed in.",
        "unseeded-rng": "Your generator is not seeded, so every run differs; make it with np.random.default_rng(seed) "
                        "from the `seed` argument.",
        "hard-coded-seed": "You ignore the `seed` argument and always use 0; make the generator from the seed passed "
                           "in.",
        "summed-loss-history": "Your \"train loss\" sums the minibatch losses; it is their mean over the epoch.",
        "gradients-accumulated-across-minibatches": "You add each minibatch's gradient to a running total and step "
                                                    "with that; each update uses only the current minibatch's "
                                                    "gradient.",
        "drops-the-last-partial-batch": "You skip the last, shorter minibatch; every sample is used in every epoch, "
                                        "and the last batch may be smaller than batch_size.",
        "same-order-every-epoch": "You draw one permutation and reuse it in every epoch; draw a new order from rng at "
                                  "the start of each epoch.",
        "no-shuffle": "You visit the samples in their original order; each epoch uses a new random order drawn from "
                      "rng (rng.permutation).",
        "batch-size-ignored": "You ignore the `batch_size` argument and always use 32; cut each epoch into "
                              "minibatches of the batch_size passed in.",
        "accuracy-in-percent": "Your \"val accuracy\" is a percentage; the spec asks for the fraction classified "
                               "correctly, between 0 and 1.",
        "xavier-init": "You initialise with Xavier's variance 2 / (D_in + D_out); the spec asks for Kaiming's N(0, 2 "
                       "/ D_in) for these ReLU layers.",
        "variance-as-standard-deviation": "You pass the variance 2 / D_in as rng.normal's scale; it expects the "
                                          "standard deviation, the square root of the variance.",
        "shuffles-the-inputs-in-place": "You reorder `X_train` and `y_train` in place; the inputs must stay "
                                        "unchanged, so index them with the permutation instead.",
    },
    "q-uat": {
        "only-b": "(b) is true, but it is not the only true statement: what can a network without any activation "
                  "function represent?",
        "any-activation": "The theorem needs a non-polynomial activation: with x^2, every network with one hidden "
                          "layer is a polynomial of degree 2.",
        "existence-means-learnable": "The theorem says that suitable weights exist; it says nothing about whether "
                                     "gradient descent finds them.",
        "only-e": "(e) is true, but it is not the only true statement: reread what the theorem promises for "
                  "continuous non-polynomial activations.",
        "size-bound": "The theorem gives no useful bound on the width; the number of hidden units it needs can be "
                      "enormous.",
        "everything": "Not all of these hold: the theorem needs a non-polynomial activation, and it says nothing "
                      "about training or about how many units are needed.",
    },
    "init": {
        "kaiming-uniform-cheat-sheet-bound": "Your Kaiming uniform bound is the cheat sheet's sqrt(12 / d_in), which "
                                             "doubles the variance; the bound is sqrt(6 / d_in), for a variance of 2 "
                                             "/ d_in.",
        "variance-passed-as-standard-deviation": "You pass the variance as rng.normal's scale; it expects the "
                                                 "standard deviation, the square root of the variance.",
        "kaiming-uses-fan-out": "Your Kaiming schemes scale with d_out; He initialisation scales with the number of "
                                "inputs, d_in.",
        "normal-where-uniform-is-asked": "For \"xavier_uniform\" you draw from a normal distribution; draw from U[-a, "
                                         "a] with a = sqrt(6 / (d_in + d_out)).",
        "ignores-the-seed": "Your matrix changes from call to call; draw it from np.random.default_rng(seed) so that "
                            "the same seed gives the same matrix.",
        "no-error-for-unknown-scheme": "You return zeros for an unknown scheme; any scheme other than the four listed "
                                       "must raise a ValueError.",
        "default-seed-none": "Your `seed` defaults to None, so a call without a seed gives a different matrix each "
                             "time; the default is seed=0.",
    },
    "sigmoid-chain": {
        "weights-left-out-of-the-chain-rule": "Your backward recursion leaves out the weights; each step back "
                                              "multiplies by w[l+1] as well as by the slope sigma'(z_l).",
        "slope-evaluated-at-the-activation": "You evaluate the sigmoid's slope at the activation a_l; it belongs at "
                                             "the pre-activation z_l, where sigma'(z_l) = a_l (1 - a_l).",
        "dw-without-the-layer-input": "Your dw equals dz; each weight multiplies its layer's input, so dw[l] = dz[l] "
                                      "* a_{l-1} (x for l = 0).",
        "last-dz-is-one": "Your dz[L-1] is 1; it is d a_{L-1} / d z_{L-1} = sigma'(z_{L-1}).",
        "dw-times-the-layers-own-activation": "Your dw multiplies by the layer's own output a_l; the weight "
                                              "multiplies the layer's input, a_{l-1} (x for layer 0).",
        "recursion-uses-w-l": "Your recursion multiplies by w[l]; going back from layer l+1 to layer l passes through "
                              "the weight of layer l+1, w[l+1].",
    },
    "q-first-layer-grad": {
        "homework-value": "0.25^6 is the product of the sigmoid slopes alone (the homework's slip); the chain rule "
                          "also multiplies by the weight of every layer passed.",
        "weights-left-out": "You left out the weights: every step back through a layer multiplies by its weight (0.1) "
                            "as well as by the slope.",
        "one-layer-only": "You multiplied one weight by one slope; the gradient of the first weight passes back "
                          "through all six layers, one factor per layer.",
        "slopes-approximated-by-a-quarter": "You take every slope as exactly 1/4; the slopes at the actual "
                                            "pre-activations are a little smaller, and the answer must be within 0.1 "
                                            "%.",
        "in-percent": "Your value is scaled by 100; a gradient is not a percentage, give the number itself.",
        "two-significant-digits": "2.4e-9 is rounded too far: the answer is accepted within 0.1 %, so give four "
                                  "significant digits or compute it.",
        "last-layer-instead-of-first": "That is the gradient of the last weight, w_5; the question asks for the first "
                                       "weight, w_0.",
    },
    "quadratic-layer": {
        "dX-missing-lambda": "Your dL_dX leaves out lambda in the quadratic term; it is sum_m g_nm (lam (A + A^T) x_n "
                             "+ b^(m)).",
        "dX-missing-factor-2": "Your dL_dX uses A x instead of (A + A^T) x; the quadratic form contributes both, 2 A "
                               "x for a symmetric A.",
        "dA-missing-lambda": "Your dL_dA leaves out lambda; the quadratic term is lam x^T A x, so dL_dA[m] = lam "
                             "sum_n g_nm x_n x_n^T.",
        "b-inside-the-sum-over-inputs": "Your dL_dX adds the b term D times (the exam's slip); b^(m) enters once per "
                                        "output: sum_m g_nm b^(m).",
        "dc-not-summed": "Your dL_dc has shape (N, M); c is shared by all samples, so sum the upstream gradient over "
                         "the batch to get (M,).",
    },
    "q-quadratic-ratio": {
        "full-matrix-count": "You counted all D^2 entries of A; a symmetric matrix has only D(D+1)/2 free entries, "
                             "those on or above the diagonal.",
        "inputs-plus-one": "31 is the parameter count of one linear unit, D + 1; the question asks for the ratio P_Q "
                           "/ P_L.",
        "depends-on-outputs": "The factor M appears in both counts and cancels; the ratio does not depend on the "
                              "number of outputs.",
        "half-the-inputs": "D/2 leaves out the linear weights and the bias of the quadratic unit: divide its full "
                           "count D(D+1)/2 + D + 1 by D + 1.",
        "off-by-one": "You are one too high: recount (D(D+1)/2 + D + 1) / (D + 1) step by step and check where the "
                      "extra 1 comes from.",
    },
}
