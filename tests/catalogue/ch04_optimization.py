"""Wrong and alternative-correct implementations for chapter 04_optimization.

Every WRONG variant is a mistake a learner plausibly makes (several come from the course
material itself: epsilon inside Adam's square root, a Kaiming-uniform bound of 2*sqrt(3)/sqrt(d),
dropout of "exactly" p of the units); every CORRECT variant is a different but valid solution
(another formula order, a loop, float32 arithmetic, a library routine).
"""

CHAPTER = "04_optimization"


def _train_mlp_source(bugs=(), init="kaiming-normal", float32=False):
    """Source of a train_mlp with the chosen planted bugs left in (or alternative correct choices)."""
    inits = {
        "kaiming-normal": ("rng.standard_normal((D, n_hidden)) * math.sqrt(2.0 / D)",
                           "rng.standard_normal((n_hidden, n_classes)) * math.sqrt(2.0 / n_hidden)"),
        "kaiming-uniform": ("rng.uniform(-1, 1, (D, n_hidden)) * math.sqrt(6.0 / D)",
                            "rng.uniform(-1, 1, (n_hidden, n_classes)) * math.sqrt(6.0 / n_hidden)"),
        "constant": ("np.full((D, n_hidden), 0.1)", "np.full((n_hidden, n_classes), 0.1)"),
        "std-0.01": ("0.01 * rng.standard_normal((D, n_hidden))", "0.01 * rng.standard_normal((n_hidden, n_classes))"),
    }
    w1, w2 = inits[init]
    dt = "np.float32" if float32 else "float"
    labels = "y[start:start + batch_size]" if "labels" in bugs else "y[idx]"
    axis = "0" if "softmax-axis" in bugs else "1"
    inner_decay = "            lr = lr * lr_decay\n" if "decay-per-iteration" in bugs else ""
    outer_decay = "" if "decay-per-iteration" in bugs else "        lr = lr * lr_decay\n"
    return f"""
def train_mlp(X, y, n_classes, n_hidden=32, n_epochs=60, batch_size=32, lr=0.5, lr_decay=0.97, seed=0):
    rng = np.random.default_rng(seed)
    X = np.asarray(X, dtype={dt})
    N, D = X.shape
    W1 = ({w1}).astype({dt})
    b1 = np.zeros(n_hidden, dtype={dt})
    W2 = ({w2}).astype({dt})
    b2 = np.zeros(n_classes, dtype={dt})
    for epoch in range(n_epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            Xb, yb = X[idx], {labels}
            Z1 = Xb @ W1 + b1
            H1 = np.maximum(Z1, 0)
            logits = H1 @ W2 + b2
            logits = logits - logits.max(axis=1, keepdims=True)
            with np.errstate(all="ignore"):
                P = np.exp(logits)
                P = P / P.sum(axis={axis}, keepdims=True)
            dlogits = P.copy()
            dlogits[np.arange(len(yb)), yb] -= 1
            dlogits /= len(yb)
            dW2, db2 = H1.T @ dlogits, dlogits.sum(axis=0)
            dZ1 = (dlogits @ W2.T) * (Z1 > 0)
            dW1, db1 = Xb.T @ dZ1, dZ1.sum(axis=0)
            W1, b1 = W1 - {dt}(lr) * dW1, b1 - {dt}(lr) * db1
            W2, b2 = W2 - {dt}(lr) * dW2, b2 - {dt}(lr) * db2
{inner_decay}{outer_decay}    return W1, b1, W2, b2
"""


WRONG = {
    # ------------------------------------------------------------------ epochs and iterations
    "epochs-iterations": {
        "floor-always": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    if n_samples < 1 or batch_size < 1:
        raise ValueError("bad sizes")
    n = n_samples // batch_size
    if n == 0:
        raise ValueError("no batch")
    return n
''',
        "float-division": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    if n_samples < 1 or batch_size < 1:
        raise ValueError("bad sizes")
    return n_samples / batch_size
''',
        "epochs-from-samples-seen": '''
def epochs_from_iterations(n_iterations, n_samples, batch_size, drop_last=False):
    iterations_per_epoch(n_samples, batch_size, drop_last)
    return n_iterations * batch_size / n_samples
''',
    },
    "q-epochs": {"iterations-over-batch": "q_epochs = 1000 / 20", "batches-per-epoch": "q_epochs = 5"},
    # ------------------------------------------------------------------ EMA
    "ema": {
        "no-one-minus-beta": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta")
    values = np.asarray(values, dtype=float)
    out, m = np.empty_like(values), np.zeros(values.shape[1:])
    for i in range(len(values)):
        m = beta * m + values[i]
        out[i] = m / (1 - beta ** (i + 1)) if bias_correction else m
    return out
''',
        "swapped-weights": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta")
    values = np.asarray(values, dtype=float)
    out, m = np.empty_like(values), np.zeros(values.shape[1:])
    for i in range(len(values)):
        m = (1 - beta) * m + beta * values[i]
        out[i] = m / (1 - beta ** (i + 1)) if bias_correction else m
    return out
''',
        "bias-correction-off-by-one": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta")
    values = np.asarray(values, dtype=float)
    out, m = np.empty_like(values), np.zeros(values.shape[1:])
    for i in range(len(values)):
        m = beta * m + (1 - beta) * values[i]
        out[i] = m / (1 - beta ** (i + 2)) if bias_correction else m
    return out
''',
        "bias-correction-ignored": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta")
    values = np.asarray(values, dtype=float)
    out, m = np.empty_like(values), np.zeros(values.shape[1:])
    for i in range(len(values)):
        m = beta * m + (1 - beta) * values[i]
        out[i] = m
    return out
''',
    },
    "q-ema": {"no-change": 'q_ema = "a"', "faster": 'q_ema = "c"'},
    # ------------------------------------------------------------------ SGD
    "sgd-step": {
        "ema-momentum": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    v = momentum * state.get("v", np.zeros_like(g)) + (1 - momentum) * g
    return w - lr * (g + momentum * v if nesterov else v), {"v": v}
''',
        "nesterov-as-plain-momentum": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    v = momentum * state.get("v", np.zeros_like(g)) + g
    return w - lr * v, {"v": v}
''',
        "weight-decay-ignored": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw
    if momentum == 0:
        return w - lr * g, {}
    v = momentum * state.get("v", np.zeros_like(g)) + g
    return w - lr * (g + momentum * v if nesterov else v), {"v": v}
''',
        "weight-decay-outside-velocity": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw
    if momentum == 0:
        return w - lr * (g + weight_decay * w), {}
    v = momentum * state.get("v", np.zeros_like(g)) + g
    d = g + momentum * v if nesterov else v
    return w - lr * (d + weight_decay * w), {"v": v}
''',
        "velocity-updated-in-place": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    if "v" not in state:
        state["v"] = np.zeros_like(g)
    v = state["v"]
    v *= momentum
    v += g
    return w - lr * (g + momentum * v if nesterov else v), state
''',
    },
    # ------------------------------------------------------------------ RMSprop
    "rmsprop-step": {
        "no-square-root": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(dL_dw)) + (1 - alpha) * dL_dw ** 2
    return w - lr * dL_dw / (s + eps), {"s": s}
''',
        "eps-inside-square-root": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(dL_dw)) + (1 - alpha) * dL_dw ** 2
    return w - lr * dL_dw / np.sqrt(s + eps), {"s": s}
''',
        "bias-corrected": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    t = state.get("t", 0) + 1
    s = alpha * state.get("s", np.zeros_like(dL_dw)) + (1 - alpha) * dL_dw ** 2
    return w - lr * dL_dw / (np.sqrt(s / (1 - alpha ** t)) + eps), {"s": s, "t": t}
''',
        "no-one-minus-alpha": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(dL_dw)) + dL_dw ** 2
    return w - lr * dL_dw / (np.sqrt(s) + eps), {"s": s}
''',
    },
    # ------------------------------------------------------------------ Adam
    "adam-step": {
        "no-bias-correction": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * m / (np.sqrt(v) + eps), {"t": t, "m": m, "v": v}
''',
        "eps-inside-square-root": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t) + eps), {"t": t, "m": m, "v": v}
''',
        "cheat-sheet-uncorrected-v": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / np.sqrt(v + eps), {"t": t, "m": m, "v": v}
''',
        "t-starts-at-zero": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t = state.get("t", 0)
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    with np.errstate(all="ignore"):
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
        return w - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t + 1, "m": m, "v": v}
''',
        "t-off-by-one": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t = state.get("t", 1) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), {"t": t, "m": m, "v": v}
''',
        "decoupled-instead-of-l2": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    step = (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return w - lr * step - lr * weight_decay * w, {"t": t, "m": m, "v": v}
''',
    },
    # ------------------------------------------------------------------ AdamW
    "adamw-step": {
        "decay-coupled-into-gradient": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    return adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps, weight_decay=weight_decay)
''',
        "decay-without-lr": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w_adam, state_new = adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    return w_adam - weight_decay * w, state_new
''',
        "no-decay": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    return adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
''',
    },
    "q-first-order": {"newton-too": 'q_first_order = "abcd"', "only-newton": 'q_first_order = "d"',
                      "adaptive-are-second-order": 'q_first_order = "a"'},
    "q-bias-correction": {"different-minima": 'q_bias_correction = "a"', "eps": 'q_bias_correction = "d"'},
    # ------------------------------------------------------------------ quadratic rates
    "quadratic-rates": {
        "gd-lr-one-over-lambda-max": '''
def gd_optimal(lam_min, lam_max):
    if not 0 < lam_min <= lam_max:
        raise ValueError("eigenvalues")
    return 1.0 / lam_max, 1 - lam_min / lam_max
''',
        "gd-rate-over-kappa": '''
def gd_optimal(lam_min, lam_max):
    if not 0 < lam_min <= lam_max:
        raise ValueError("eigenvalues")
    kappa = lam_max / lam_min
    return 2.0 / (lam_min + lam_max), (kappa - 1) / kappa
''',
        "hb-beta-not-squared": '''
def heavy_ball_optimal(lam_min, lam_max):
    if not 0 < lam_min <= lam_max:
        raise ValueError("eigenvalues")
    r = math.sqrt(lam_max / lam_min)
    rate = (r - 1) / (r + 1)
    return 4.0 / (math.sqrt(lam_max) + math.sqrt(lam_min)) ** 2, rate, rate
''',
        "hb-with-gd-learning-rate": '''
def heavy_ball_optimal(lam_min, lam_max):
    if not 0 < lam_min <= lam_max:
        raise ValueError("eigenvalues")
    r = math.sqrt(lam_max / lam_min)
    rate = (r - 1) / (r + 1)
    return 2.0 / (lam_min + lam_max), rate ** 2, rate
''',
    },
    # ------------------------------------------------------------------ Newton
    "newton-step": {
        "multiply-by-hessian": '''
def newton_step(w, dL_dw, H):
    w, dL_dw, H = np.asarray(w, float), np.asarray(dL_dw, float), np.asarray(H, float)
    if H.shape != (w.size, w.size) or dL_dw.shape != w.shape:
        raise ValueError("shapes")
    return w - H @ dL_dw
''',
        "diagonal-hessian-only": '''
def newton_step(w, dL_dw, H):
    w, dL_dw, H = np.asarray(w, float), np.asarray(dL_dw, float), np.asarray(H, float)
    if H.shape != (w.size, w.size) or dL_dw.shape != w.shape:
        raise ValueError("shapes")
    return w - dL_dw / np.diag(H)
''',
        "wrong-sign": '''
def newton_step(w, dL_dw, H):
    w, dL_dw, H = np.asarray(w, float), np.asarray(dL_dw, float), np.asarray(H, float)
    if H.shape != (w.size, w.size) or dL_dw.shape != w.shape:
        raise ValueError("shapes")
    return w + np.linalg.solve(H, dL_dw)
''',
    },
    "q-momentum-steps": {"sqrt-of-kappa-ratio": "q_momentum_steps = 0.5", "inverted": "q_momentum_steps = 2.15",
                         "ratio-of-rates": "q_momentum_steps = (1 / 3) / 0.6"},
    # ------------------------------------------------------------------ schedules
    "lr-schedules": {
        "step-without-floor": '''
def step_lr(t, lr0, step_size, gamma=0.1):
    return lr0 * gamma ** (t / step_size)
''',
        "step-off-by-one": '''
def step_lr(t, lr0, step_size, gamma=0.1):
    return lr0 * gamma ** ((t + 1) // step_size)
''',
        "exponential-off-by-one": '''
def exponential_lr(t, lr0, gamma):
    return lr0 * gamma ** (t + 1)
''',
        "cosine-off-by-one": '''
def cosine_lr(t, lr0, T_max, lr_min=0.0):
    return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * (t + 1) / T_max)) / 2
''',
        "cosine-period-minus-one": '''
def cosine_lr(t, lr0, T_max, lr_min=0.0):
    return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * t / max(T_max - 1, 1))) / 2
''',
        "cosine-ignores-lr-min": '''
def cosine_lr(t, lr0, T_max, lr_min=0.0):
    return lr0 * (1 + math.cos(math.pi * t / T_max)) / 2
''',
        "warmup-from-zero": '''
def warmup_lr(t, lr0, warmup_steps, start_factor=0.1):
    return lr0 * min(t, warmup_steps) / warmup_steps
''',
        "warmup-never-capped": '''
def warmup_lr(t, lr0, warmup_steps, start_factor=0.1):
    return lr0 * (start_factor + (1 - start_factor) * t / warmup_steps)
''',
    },
    # ------------------------------------------------------------------ init
    "init-weights": {
        "kaiming-uniform-cheat-sheet-bound": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    rng = np.random.default_rng(seed)
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    if scheme == "kaiming" and distribution == "uniform":
        a = 2 * math.sqrt(3) / math.sqrt(fan_in)
        return rng.uniform(-a, a, size=(fan_in, fan_out))
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return rng.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
    a = math.sqrt(3 * var)
    return rng.uniform(-a, a, size=(fan_in, fan_out))
''',
        "kaiming-uses-fan-out": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    rng = np.random.default_rng(seed)
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_out
    if distribution == "normal":
        return rng.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
    a = math.sqrt(3 * var)
    return rng.uniform(-a, a, size=(fan_in, fan_out))
''',
        "variance-passed-as-std": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    rng = np.random.default_rng(seed)
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return rng.normal(0.0, var, size=(fan_in, fan_out))
    a = math.sqrt(3 * var)
    return rng.uniform(-a, a, size=(fan_in, fan_out))
''',
        "uniform-bound-without-3": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    rng = np.random.default_rng(seed)
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return rng.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
    a = math.sqrt(var)
    return rng.uniform(-a, a, size=(fan_in, fan_out))
''',
        "xavier-fan-in-only": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    rng = np.random.default_rng(seed)
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    var = 1.0 / fan_in if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return rng.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
    a = math.sqrt(3 * var)
    return rng.uniform(-a, a, size=(fan_in, fan_out))
''',
        "ignores-seed": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return np.random.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
    a = math.sqrt(3 * var)
    return np.random.uniform(-a, a, size=(fan_in, fan_out))
''',
    },
    "q-initial-loss": {"probability": "q_initial_loss = 0.1", "classes": "q_initial_loss = 10",
                       "log10": "q_initial_loss = 1.0"},
    # ------------------------------------------------------------------ clipping
    "clip-grad-norm": {
        "per-array-norm": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    out = []
    for g in grads:
        n = float(np.sqrt(np.sum(np.square(g))))
        out.append(np.asarray(g) * min(1.0, max_norm / (n + 1e-6)))
    return out, total
''',
        "clip-each-value": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    return [np.clip(g, -max_norm, max_norm) for g in grads], total
''',
        "always-rescale": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    return [np.asarray(g) * max_norm / (total + 1e-6) for g in grads], total
''',
        "returns-norm-after-clipping": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    scale = min(1.0, max_norm / (total + 1e-6))
    return [np.asarray(g) * scale for g in grads], total * scale
''',
    },
    # ------------------------------------------------------------------ early stopping
    "early-stopping": {
        "compares-with-previous-epoch": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if not losses or patience < 1:
        raise ValueError("bad input")
    best, best_epoch, waited = losses[0], 0, 0
    for e in range(1, len(losses)):
        if losses[e] < losses[e - 1] - min_delta:
            waited = 0
            if losses[e] < best:
                best, best_epoch = losses[e], e
        else:
            waited += 1
            if waited == patience:
                return best_epoch, e
    return best_epoch, len(losses) - 1
''',
        "patience-off-by-one": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if not losses or patience < 1:
        raise ValueError("bad input")
    best, best_epoch, waited = losses[0], 0, 0
    for e in range(1, len(losses)):
        if losses[e] < best - min_delta:
            best, best_epoch, waited = losses[e], e, 0
        else:
            waited += 1
            if waited > patience:
                return best_epoch, e
    return best_epoch, len(losses) - 1
''',
        "restores-last-epoch": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if not losses or patience < 1:
        raise ValueError("bad input")
    best, waited = losses[0], 0
    for e in range(1, len(losses)):
        if losses[e] < best - min_delta:
            best, waited = losses[e], 0
        else:
            waited += 1
            if waited == patience:
                return e, e
    return len(losses) - 1, len(losses) - 1
''',
        "ignores-min-delta": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if not losses or patience < 1:
        raise ValueError("bad input")
    best, best_epoch, waited = losses[0], 0, 0
    for e in range(1, len(losses)):
        if losses[e] < best:
            best, best_epoch, waited = losses[e], e, 0
        else:
            waited += 1
            if waited == patience:
                return best_epoch, e
    return best_epoch, len(losses) - 1
''',
    },
    # ------------------------------------------------------------------ dropout
    "dropout": {
        "no-rescaling": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    scale = np.ones_like(x, dtype=float) if not train else (np.random.default_rng(seed).random(x.shape) >= p) * 1.0
    return x * scale, scale
''',
        "divides-by-p": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        scale = (np.random.default_rng(seed).random(x.shape) >= p) / p
    return x * scale, scale
''',
        "multiplies-by-p": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        scale = (np.random.default_rng(seed).random(x.shape) >= p) * p
    return x * scale, scale
''',
        "drops-exactly-p": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        k = int(round(p * x.size))
        keep = np.ones(x.size, dtype=bool)
        keep[np.random.default_rng(seed).permutation(x.size)[:k]] = False
        scale = keep.reshape(x.shape) / (1 - p)
    return x * scale, scale
''',
        "p-is-keep-probability": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        scale = (np.random.default_rng(seed).random(x.shape) < p) / p
    return x * scale, scale
''',
        "one-mask-per-feature": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        scale = np.broadcast_to((np.random.default_rng(seed).random(x.shape[-1:]) >= p) / (1 - p), x.shape)
    return x * scale, scale
''',
        "scales-at-evaluation": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train:
        scale = np.full(x.shape, 1.0 - p)
    else:
        scale = (np.random.default_rng(seed).random(x.shape) >= p) / (1 - p)
    return x * scale, scale
''',
        "backward-forgets-scale": '''
def dropout_backward(dout, cache):
    return dout * (cache != 0)
''',
    },
    "q-dropout": {"exactly": 'q_dropout = "a"', "non-inverted": 'q_dropout = "d"'},
    # ------------------------------------------------------------------ batch norm
    "batchnorm-forward": {
        "batch-statistics-at-evaluation": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    mu, var = x.mean(axis=0), x.var(axis=0)
    if train:
        if N < 2:
            raise ValueError("N")
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "running-variance-biased": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "momentum-weights-old-value": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = momentum * running_mean + (1 - momentum) * mu
        new_var = momentum * running_var + (1 - momentum) * var * N / (N - 1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "eps-outside-square-root": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var) + eps
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "normalises-with-unbiased-variance": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0, ddof=1)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "evaluation-updates-running-statistics": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train and N < 2:
        raise ValueError("N")
    bmu, bvar = x.mean(axis=0), x.var(axis=0)
    new_mean = (1 - momentum) * running_mean + momentum * bmu
    new_var = (1 - momentum) * running_var + momentum * bvar * N / max(N - 1, 1)
    mu, var = (bmu, bvar) if train else (running_mean, running_var)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
    },
    "batchnorm-backward": {
        "statistics-treated-as-constants": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    return dout * gamma / std, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
''',
        "mean-path-only": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    dx_hat = dout * gamma
    return (dx_hat - dx_hat.mean(axis=0)) / std, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
''',
        "dgamma-without-x-hat": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    N = dout.shape[0]
    dx_hat = dout * gamma
    dx = (N * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (N * std)
    return dx, dout.sum(axis=0), dout.sum(axis=0)
''',
        "dx-forgets-gamma": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    N = dout.shape[0]
    dx_hat = dout
    dx = (N * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (N * std)
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
''',
    },
    "q-bn-eval": {"batch-statistics": 'q_bn_eval = "a"', "recomputed": 'q_bn_eval = "d"'},
    # ------------------------------------------------------------------ search
    "log-uniform": {
        "uniform-in-values": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low < high:
        raise ValueError("range")
    return np.random.default_rng(seed).uniform(low, high, size=n)
''',
        "log10-bounds-natural-exp": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low < high:
        raise ValueError("range")
    return np.exp(np.random.default_rng(seed).uniform(math.log10(low), math.log10(high), size=n))
''',
        "ignores-seed": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low < high:
        raise ValueError("range")
    return np.exp(np.random.uniform(math.log(low), math.log(high), size=n))
''',
        "geometric-grid": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low < high:
        raise ValueError("range")
    return np.geomspace(low, high, n)
''',
    },
    "q-grid": {"same": 'q_grid = "a"', "both-four": 'q_grid = "b"'},
    # ------------------------------------------------------------------ debugging
    "debug-training": {
        "buggy-as-given": '''
def train_mlp(X, y, n_classes, n_hidden=32, n_epochs=60, batch_size=32, lr=0.5, lr_decay=0.97, seed=0):
    with np.errstate(all="ignore"):
        return buggy_train_mlp(X, y, n_classes, n_hidden, n_epochs, batch_size, lr, lr_decay, seed)
''',
        "left-constant-init": _train_mlp_source(init="constant"),
        "left-label-shuffling": _train_mlp_source(bugs=("labels",)),
        "left-softmax-axis": _train_mlp_source(bugs=("softmax-axis",)),
        "left-decay-per-iteration": _train_mlp_source(bugs=("decay-per-iteration",)),
        "init-std-0.01": _train_mlp_source(init="std-0.01"),
    },
    "q-transfer": {"from-scratch": 'q_transfer = "a"', "fine-tune-everything-fast": 'q_transfer = "d"'},
    "q-exam-mlp": {"dropout-too": 'q_exam_mlp = "abcd"', "missed-learning-rate": 'q_exam_mlp = "ab"'},
}

CORRECT = {
    "epochs-iterations": {
        "math-ceil-floor": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    if n_samples < 1 or batch_size < 1:
        raise ValueError("sizes must be positive")
    n = math.floor(n_samples / batch_size) if drop_last else math.ceil(n_samples / batch_size)
    if n < 1:
        raise ValueError("no batch left")
    return n


def epochs_from_iterations(n_iterations, n_samples, batch_size, drop_last=False):
    return float(n_iterations) / iterations_per_epoch(n_samples, batch_size, drop_last)
''',
        "count-batches": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    if n_samples < 1 or batch_size < 1:
        raise ValueError("sizes must be positive")
    sizes = [min(batch_size, n_samples - s) for s in range(0, n_samples, batch_size)]
    if drop_last:
        sizes = [b for b in sizes if b == batch_size]
    if not sizes:
        raise ValueError("no batch left")
    return len(sizes)


def epochs_from_iterations(n_iterations, n_samples, batch_size, drop_last=False):
    per_epoch = iterations_per_epoch(n_samples, batch_size, drop_last)
    return n_iterations / per_epoch
''',
    },
    "ema": {
        "explicit-weighted-sum": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta must be in [0, 1)")
    g = np.asarray(values, dtype=float)
    out = np.zeros_like(g)
    for t in range(len(g)):
        weights = (1 - beta) * beta ** np.arange(t, -1, -1.0)       # weight of g_0 .. g_t
        out[t] = np.tensordot(weights, g[: t + 1], axes=(0, 0))
        if bias_correction:
            out[t] /= weights.sum()
    return out
''',
        "float32": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta must be in [0, 1)")
    g = np.asarray(values, dtype=np.float32)
    b = np.float32(beta)
    out = np.empty_like(g)
    m = np.zeros(g.shape[1:], dtype=np.float32)
    for t in range(len(g)):
        m = b * m + (np.float32(1) - b) * g[t]
        out[t] = m / (np.float32(1) - b ** np.float32(t + 1)) if bias_correction else m
    return out
''',
    },
    "sgd-step": {
        "torch-style-buffer": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum")
    d_p = dL_dw + weight_decay * w if weight_decay else np.array(dL_dw, dtype=float)
    new_state = {}
    if momentum:
        buf = d_p.copy() if "buf" not in state else momentum * state["buf"] + d_p
        new_state["buf"] = buf
        d_p = d_p + momentum * buf if nesterov else buf
    return w - lr * d_p, new_state
''',
        "float32": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum")
    w32 = np.asarray(w, dtype=np.float32)
    g = np.asarray(dL_dw, dtype=np.float32) + np.float32(weight_decay) * w32
    v = np.float32(momentum) * state.get("v", np.zeros_like(g)) + g
    direction = g + np.float32(momentum) * v if nesterov else (v if momentum else g)
    return w32 - np.float32(lr) * direction, {"v": v}
''',
    },
    "rmsprop-step": {
        "float32": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    g = np.asarray(dL_dw, dtype=np.float32)
    s = np.float32(alpha) * state.get("s", np.zeros_like(g)) + np.float32(1 - alpha) * g * g
    return np.asarray(w, dtype=np.float32) - np.float32(lr) * g / (np.sqrt(s) + np.float32(eps)), {"s": s}
''',
        "running-rms-in-state": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    old = state.get("mean_square")
    mean_square = (1 - alpha) * np.square(dL_dw) if old is None else alpha * old + (1 - alpha) * np.square(dL_dw)
    rms = np.sqrt(mean_square)
    return w - lr * (dL_dw / (rms + eps)), {"mean_square": mean_square}
''',
    },
    "adam-step": {
        "torch-arithmetic": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    step = state.get("step", 0) + 1
    exp_avg = state.get("exp_avg", 0.0) * beta1 + g * (1 - beta1)
    exp_avg_sq = state.get("exp_avg_sq", 0.0) * beta2 + g * g * (1 - beta2)
    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    denom = np.sqrt(exp_avg_sq) / math.sqrt(bias_correction2) + eps
    return w - (lr / bias_correction1) * exp_avg / denom, {"step": step, "exp_avg": exp_avg, "exp_avg_sq": exp_avg_sq}
''',
        "float32": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    w32 = np.asarray(w, dtype=np.float32)
    g = np.asarray(dL_dw, dtype=np.float32) + np.float32(weight_decay) * w32
    t = state.get("t", 0) + 1
    m = np.float32(beta1) * state.get("m", np.zeros_like(g)) + np.float32(1 - beta1) * g
    v = np.float32(beta2) * state.get("v", np.zeros_like(g)) + np.float32(1 - beta2) * g * g
    m_hat = m / np.float32(1 - beta1 ** t)
    v_hat = v / np.float32(1 - beta2 ** t)
    return w32 - np.float32(lr) * m_hat / (np.sqrt(v_hat) + np.float32(eps)), {"t": t, "m": m, "v": v}
''',
    },
    "adamw-step": {
        "decay-first-then-adam": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    shrunk = w * (1 - lr * weight_decay)
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(dL_dw)) + (1 - beta1) * dL_dw
    v = beta2 * state.get("v", np.zeros_like(dL_dw)) + (1 - beta2) * dL_dw ** 2
    update = (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return shrunk - lr * update, {"t": t, "m": m, "v": v}
''',
        "float32": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w32 = np.asarray(w, dtype=np.float32)
    g = np.asarray(dL_dw, dtype=np.float32)
    t = state.get("t", 0) + 1
    m = np.float32(beta1) * state.get("m", np.zeros_like(g)) + np.float32(1 - beta1) * g
    v = np.float32(beta2) * state.get("v", np.zeros_like(g)) + np.float32(1 - beta2) * g * g
    update = (m / np.float32(1 - beta1 ** t)) / (np.sqrt(v / np.float32(1 - beta2 ** t)) + np.float32(eps))
    return w32 - np.float32(lr * weight_decay) * w32 - np.float32(lr) * update, {"t": t, "m": m, "v": v}
''',
    },
    "quadratic-rates": {
        "eigenvalue-forms": '''
def gd_optimal(lam_min, lam_max):
    if lam_min <= 0 or lam_max < lam_min:
        raise ValueError("need 0 < lam_min <= lam_max")
    return 2.0 / (lam_max + lam_min), (lam_max - lam_min) / (lam_max + lam_min)


def heavy_ball_optimal(lam_min, lam_max):
    if lam_min <= 0 or lam_max < lam_min:
        raise ValueError("need 0 < lam_min <= lam_max")
    a, b = math.sqrt(lam_max), math.sqrt(lam_min)
    beta = ((a - b) / (a + b)) ** 2
    return (2.0 / (a + b)) ** 2, beta, math.sqrt(beta)
''',
        "float32": '''
def gd_optimal(lam_min, lam_max):
    if not 0 < lam_min <= lam_max:
        raise ValueError("need 0 < lam_min <= lam_max")
    lo, hi = np.float32(lam_min), np.float32(lam_max)
    return np.float32(2) / (lo + hi), (hi / lo - 1) / (hi / lo + 1)


def heavy_ball_optimal(lam_min, lam_max):
    if not 0 < lam_min <= lam_max:
        raise ValueError("need 0 < lam_min <= lam_max")
    lo, hi = np.float32(lam_min), np.float32(lam_max)
    r = np.sqrt(hi / lo)
    rate = (r - 1) / (r + 1)
    return np.float32(4) / (np.sqrt(hi) + np.sqrt(lo)) ** 2, rate * rate, rate
''',
    },
    "newton-step": {
        "explicit-inverse": '''
def newton_step(w, dL_dw, H):
    w, dL_dw, H = np.asarray(w, float), np.asarray(dL_dw, float), np.asarray(H, float)
    if w.ndim != 1 or dL_dw.shape != w.shape or H.shape != (len(w), len(w)):
        raise ValueError("shapes do not fit")
    return w - np.linalg.inv(H) @ dL_dw
''',
        "float32-lstsq": '''
def newton_step(w, dL_dw, H):
    w, dL_dw, H = (np.asarray(a, dtype=np.float32) for a in (w, dL_dw, H))
    if w.ndim != 1 or dL_dw.shape != w.shape or H.shape != (len(w), len(w)):
        raise ValueError("shapes do not fit")
    delta = np.linalg.lstsq(H, dL_dw, rcond=None)[0]
    return w - delta
''',
    },
    "lr-schedules": {
        "other-formulas": '''
def step_lr(t, lr0, step_size, gamma=0.1):
    lr = lr0
    for k in range(1, t + 1):
        if k % step_size == 0:
            lr *= gamma
    return lr


def exponential_lr(t, lr0, gamma):
    return lr0 * math.exp(t * math.log(gamma))


def cosine_lr(t, lr0, T_max, lr_min=0.0):
    return lr0 - (lr0 - lr_min) * math.sin(math.pi * t / (2 * T_max)) ** 2


def warmup_lr(t, lr0, warmup_steps, start_factor=0.1):
    return float(np.interp(t, [0, warmup_steps], [start_factor * lr0, lr0]))
''',
        "float32": '''
def step_lr(t, lr0, step_size, gamma=0.1):
    return np.float32(lr0) * np.float32(gamma) ** (t // step_size)


def exponential_lr(t, lr0, gamma):
    return np.float32(lr0) * np.float32(gamma) ** np.float32(t)


def cosine_lr(t, lr0, T_max, lr_min=0.0):
    c = np.cos(np.float32(np.pi) * np.float32(t) / np.float32(T_max))
    return np.float32(lr_min) + np.float32(lr0 - lr_min) * (np.float32(1) + c) / np.float32(2)


def warmup_lr(t, lr0, warmup_steps, start_factor=0.1):
    frac = np.float32(min(t, warmup_steps)) / np.float32(warmup_steps)
    return np.float32(lr0) * (np.float32(start_factor) + np.float32(1 - start_factor) * frac)
''',
    },
    "init-weights": {
        "torch-init": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown scheme or distribution")
    gen = torch.Generator().manual_seed(seed)
    W = torch.empty(fan_out, fan_in, dtype=torch.float64)          # torch's (out, in) layout
    if scheme == "kaiming" and distribution == "normal":
        torch.nn.init.kaiming_normal_(W, nonlinearity="relu", generator=gen)
    elif scheme == "kaiming":
        torch.nn.init.kaiming_uniform_(W, nonlinearity="relu", generator=gen)
    elif distribution == "normal":
        torch.nn.init.xavier_normal_(W, generator=gen)
    else:
        torch.nn.init.xavier_uniform_(W, generator=gen)
    return W.T.numpy().copy()
''',
        "float32-from-unit-samples": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    if scheme == "xavier":
        std = math.sqrt(2.0 / (fan_in + fan_out))
    elif scheme == "kaiming":
        std = math.sqrt(2.0 / fan_in)
    else:
        raise ValueError("unknown scheme")
    rng = np.random.default_rng(seed)
    if distribution == "normal":
        unit = rng.standard_normal((fan_in, fan_out), dtype=np.float32)
    elif distribution == "uniform":
        unit = (2 * rng.random((fan_in, fan_out), dtype=np.float32) - 1) * np.float32(math.sqrt(3.0))
    else:
        raise ValueError("unknown distribution")
    return unit * np.float32(std)
''',
    },
    "clip-grad-norm": {
        "guarded-division": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm must be positive")
    total = float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads])))
    if total > max_norm:
        return [np.asarray(g) * (max_norm / total) for g in grads], total
    return [np.array(g, copy=True) for g in grads], total
''',
        "float32": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm must be positive")
    g32 = [np.asarray(g, dtype=np.float32) for g in grads]
    total = np.sqrt(sum(np.sum(g * g) for g in g32))
    scale = np.float32(min(1.0, max_norm / (float(total) + 1e-6)))
    return [g * scale for g in g32], total
''',
    },
    "early-stopping": {
        "running-minimum": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = np.asarray(val_losses, dtype=float)
    if losses.size == 0 or patience < 1:
        raise ValueError("need losses and patience >= 1")
    best_epoch, last_improvement = 0, 0
    epoch = 1
    while epoch < len(losses):
        if losses[epoch] < losses[best_epoch] - min_delta:
            best_epoch = last_improvement = epoch
        elif epoch - last_improvement >= patience:
            return best_epoch, epoch
        epoch += 1
    return best_epoch, len(losses) - 1
''',
    },
    "dropout": {
        "binomial-mask": '''
def dropout_forward(x, p, train=True, seed=0):
    if not (0 <= p < 1):
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    if not train:
        return x.copy(), None
    mask = np.random.default_rng(seed).binomial(1, 1 - p, size=x.shape)
    return x * mask / (1 - p), (mask, p)


def dropout_backward(dout, cache):
    if cache is None:
        return np.array(dout, copy=True)
    mask, p = cache
    return dout * mask / (1 - p)
''',
        "float32": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=np.float32)
    if not train:
        return x, np.ones_like(x)
    keep = np.random.default_rng(seed).random(x.shape, dtype=np.float32) >= np.float32(p)
    scale = keep.astype(np.float32) / np.float32(1 - p)
    return x * scale, scale


def dropout_backward(dout, cache):
    return np.asarray(dout, dtype=np.float32) * cache
''',
    },
    "batchnorm-forward": {
        "sums-and-squares": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = len(x)
    if train:
        if N <= 1:
            raise ValueError("need N >= 2 in training mode")
        mu = x.sum(axis=0) / N
        centred = x - mu
        var = (centred ** 2).sum(axis=0) / N
        unbiased = (centred ** 2).sum(axis=0) / (N - 1)
        new_mean = running_mean + momentum * (mu - running_mean)
        new_var = running_var + momentum * (unbiased - running_var)
    else:
        mu, var = np.asarray(running_mean, dtype=float), np.asarray(running_var, dtype=float)
        new_mean, new_var = mu.copy(), var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return x_hat * gamma + beta, new_mean, new_var, (x_hat, gamma, 1.0 / inv_std)
''',
        "float32": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=np.float32)
    gamma, beta = np.asarray(gamma, dtype=np.float32), np.asarray(beta, dtype=np.float32)
    rm, rv = np.asarray(running_mean, dtype=np.float32), np.asarray(running_var, dtype=np.float32)
    N = x.shape[0]
    m = np.float32(momentum)
    if train:
        if N < 2:
            raise ValueError("need N >= 2 in training mode")
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = (1 - m) * rm + m * mu
        new_var = (1 - m) * rv + m * var * np.float32(N / (N - 1))
    else:
        mu, var = rm, rv
        new_mean, new_var = rm.copy(), rv.copy()
    std = np.sqrt(var + np.float32(eps))
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
    },
    "batchnorm-backward": {
        "mean-form": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    dx_hat = dout * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / std
    return dx, np.einsum("nd,nd->d", dout, x_hat), np.einsum("nd->d", dout)
''',
        "float32": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = (np.asarray(a, dtype=np.float32) for a in cache)
    dout = np.asarray(dout, dtype=np.float32)
    N = np.float32(dout.shape[0])
    dx_hat = dout * gamma
    dx = (N * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (N * std)
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
''',
    },
    "log-uniform": {
        "base-10": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low < high:
        raise ValueError("need 0 < low < high")
    rng = np.random.default_rng(seed)
    return 10.0 ** rng.uniform(np.log10(low), np.log10(high), size=n)
''',
        "scipy-loguniform": '''
def sample_log_uniform(low, high, n, seed=0):
    from scipy import stats
    if not 0 < low < high:
        raise ValueError("need 0 < low < high")
    return stats.loguniform.rvs(low, high, size=n, random_state=np.random.default_rng(seed))
''',
    },
    "debug-training": {
        "kaiming-uniform-init": _train_mlp_source(init="kaiming-uniform"),
        "float32": _train_mlp_source(float32=True),
    },
}
