"""Wrong and alternative-correct implementations for chapter 02_neural_networks.

Every WRONG variant must lose points in at least one test cell of its exercise; every
CORRECT variant must pass all of them.  Variants may use the names of the notebook's
setup cell (np, torch, F, testing, ...) and the reference functions of other exercises.
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
    },
    # ------------------------------------------------------------------ sigmoid / tanh
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
    },
    # ------------------------------------------------------------------ ReLU family
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
    },
    # ------------------------------------------------------------------ PReLU
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
    },
    # ------------------------------------------------------------------ regression losses
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
    },
    # ------------------------------------------------------------------ classification losses
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
    },
    # ------------------------------------------------------------------ linear regression
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
    },
    # ------------------------------------------------------------------ logistic regression
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
    },
    # ------------------------------------------------------------------ the worked example
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
    },
    # ------------------------------------------------------------------ MLP
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
    },
    # ------------------------------------------------------------------ training loop
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
    },
    # ------------------------------------------------------------------ initialisation
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
    },
    # ------------------------------------------------------------------ vanishing gradients
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
    },
    # ------------------------------------------------------------------ quadratic layer
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
    # ------------------------------------------------------------------ questions
    "q-leaky-alpha": {"zero-centred-answer-of-the-summary": 'q_leaky_alpha = "b"', "monotone": 'q_leaky_alpha = "a"'},
    "q-affine-bias": {"sum-of-biases": 'q_affine_bias = "a"', "absorbed": 'q_affine_bias = "d"'},
    "q-why-scalar": {"chain-rule-scalar-only": 'q_why_scalar = "c"', "gpu": 'q_why_scalar = "a"'},
    "q-loss-numbers": {
        "divides-by-batch-size": 'q_mse_divisor = 4',
        "log-base-2": 'q_ce_at_init = np.log2(100)',
        "uniform-probability": 'q_ce_at_init = 0.01',
    },
    "q-uat": {"only-b": 'q_uat = "b"', "any-activation": 'q_uat = "abe"', "existence-means-learnable": 'q_uat = "bce"'},
    "q-first-layer-grad": {
        "homework-value": 'q_first_layer_grad = 0.25 ** 6',
        "weights-left-out": 'q_first_layer_grad = float(np.prod(0.25 * np.ones(6)) * 0.999)',
        "one-layer-only": 'q_first_layer_grad = 0.1 * 0.25',
    },
    "q-quadratic-ratio": {
        "full-matrix-count": 'q_quadratic_ratio = (30 * 30 + 30 + 1) / 31',
        "inputs-plus-one": 'q_quadratic_ratio = 31',
        "depends-on-outputs": 'q_quadratic_ratio = 16 * 7',
    },
}

CORRECT = {
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
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
    },
    "train-mlp": {
        "other-init-and-shuffling": '''
def train_mlp(X_train, y_train, X_val, y_val, hidden_sizes=(64,), epochs=10, batch_size=32, lr=0.1, seed=0):
    sizes = [X_train.shape[1], *hidden_sizes, int(y_train.max()) + 1]
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = init_weights(sizes[l - 1], sizes[l], "kaiming_uniform", seed=seed + 100 * l)
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
    },
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
    },
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
    },
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
    },
}
