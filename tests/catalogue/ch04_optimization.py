"""Wrong and alternative-correct implementations for chapter 04_optimization.

Every WRONG variant is a mistake a learner plausibly makes (several come from the course
material itself: epsilon inside Adam's square root, a Kaiming-uniform bound of 2*sqrt(3)/sqrt(d),
dropout of "exactly" p of the units), or ignores what the specification says an argument does (a
hard-coded learning rate, an ignored seed, an unseeded shuffle, a summed loss, a state read by position),
or edits an input in place; every CORRECT variant is a different but valid solution (another formula
order, a loop, float32 arithmetic, a library routine, defensive copies and validation).
"""

CHAPTER = "04_optimization"


def _train_mlp_source(bugs=(), init="kaiming-normal", float32=False, defensive=False):
    """Source of a train_mlp with the chosen planted bugs left in (or alternative correct choices)."""
    inits = {
        "kaiming-normal": ("rng.standard_normal((D, n_hidden)) * math.sqrt(2.0 / D)",
                           "rng.standard_normal((n_hidden, n_classes)) * math.sqrt(2.0 / n_hidden)"),
        "rng-normal": ("rng.normal(0.0, math.sqrt(2.0 / D), size=(D, n_hidden))",
                       "rng.normal(0.0, math.sqrt(2.0 / n_hidden), size=(n_hidden, n_classes))"),
        "kaiming-uniform": ("rng.uniform(-1, 1, (D, n_hidden)) * math.sqrt(6.0 / D)",
                            "rng.uniform(-1, 1, (n_hidden, n_classes)) * math.sqrt(6.0 / n_hidden)"),
        "constant": ("np.full((D, n_hidden), 0.1)", "np.full((n_hidden, n_classes), 0.1)"),
        "std-0.01": ("0.01 * rng.standard_normal((D, n_hidden))", "0.01 * rng.standard_normal((n_hidden, n_classes))"),
    }
    w1, w2 = inits[init]
    dt = "np.float32" if float32 else "float"
    rng = "np.random.default_rng(0)" if "ignores-seed" in bugs else "np.random.default_rng(seed)"
    prologue = ""
    if "hard-coded-lr" in bugs:
        prologue += "    lr = 0.5\n"
    if "ignores-n-hidden" in bugs:
        prologue += "    n_hidden = 32\n"
    if "ignores-batch-size" in bugs:
        prologue += "    batch_size = 32\n"
    if "classes-from-labels" in bugs:
        prologue += "    n_classes = int(np.max(y)) + 1\n"
    copy = f"X = np.array(X, dtype={dt}, copy=True)\n    y = np.array(y, copy=True)" if defensive \
        else f"X = np.asarray(X, dtype={dt})"
    if "standardises-X-in-place" in bugs:
        copy += "\n    X -= X.mean(axis=0)\n    X /= X.std(axis=0)"
    order = "np.random.permutation(N)" if "unseeded-shuffle" in bugs else "rng.permutation(N)"
    if "no-shuffle" in bugs:
        order = "np.arange(N)"
    labels = "y[start:start + batch_size]" if "labels" in bugs else "y[idx]"
    axis = "0" if "softmax-axis" in bugs else "1"
    average = "" if "summed-loss" in bugs else "            dlogits /= len(yb)\n"
    if "averages-over-batch-size" in bugs:
        average = "            dlogits /= batch_size\n"
    before_decay = "        lr = lr * lr_decay\n" if "decay-before-epoch" in bugs else ""
    inner_decay = "            lr = lr * lr_decay\n" if "decay-per-iteration" in bugs else ""
    outer_decay = "" if {"decay-per-iteration", "decay-before-epoch"} & set(bugs) else "        lr = lr * lr_decay\n"
    return f"""
def train_mlp(X, y, n_classes, n_hidden=32, n_epochs=60, batch_size=32, lr=0.5, lr_decay=0.97, seed=0):
{prologue}    rng = {rng}
    {copy}
    N, D = X.shape
    W1 = ({w1}).astype({dt})
    b1 = np.zeros(n_hidden, dtype={dt})
    W2 = ({w2}).astype({dt})
    b2 = np.zeros(n_classes, dtype={dt})
    for epoch in range(n_epochs):
{before_decay}        order = {order}
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
{average}            dW2, db2 = H1.T @ dlogits, dlogits.sum(axis=0)
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
        "no-raise-when-drop-last-leaves-nothing": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    if n_samples < 1 or batch_size < 1:
        raise ValueError("bad sizes")
    return n_samples // batch_size if drop_last else -(-n_samples // batch_size)
''',
        "float-ceil": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    if n_samples < 1 or batch_size < 1:
        raise ValueError("bad sizes")
    n = np.floor(n_samples / batch_size) if drop_last else np.ceil(n_samples / batch_size)
    if n == 0:
        raise ValueError("no batch")
    return n
''',
        "epochs-ignore-drop-last": '''
def epochs_from_iterations(n_iterations, n_samples, batch_size, drop_last=False):
    return n_iterations / iterations_per_epoch(n_samples, batch_size)
''',
        "epochs-integer-division": '''
def epochs_from_iterations(n_iterations, n_samples, batch_size, drop_last=False):
    return n_iterations // iterations_per_epoch(n_samples, batch_size, drop_last)
''',
    },
    "q-epochs": {
        "iterations-over-batch": 'q_epochs = 1000 / 20',
        "batches-per-epoch": 'q_epochs = 5',
        "samples-seen": 'q_epochs = 1000 * 20',
        "iterations-over-samples": 'q_epochs = 1000 / 100',
        "inverted": 'q_epochs = 5 / 1000',
        "string": 'q_epochs = "200"',
    },
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
        "modifies-input": '''
def ema(values, beta, bias_correction=False):
    if not 0 <= beta < 1:
        raise ValueError("beta")
    values = np.asarray(values, dtype=float)
    m = np.zeros(values.shape[1:])
    for i in range(len(values)):
        m = beta * m + (1 - beta) * values[i]
        values[i] = m / (1 - beta ** (i + 1)) if bias_correction else m
    return values
''',
        "accepts-negative-beta": '''
def ema(values, beta, bias_correction=False):
    if beta >= 1:
        raise ValueError("beta")
    values = np.asarray(values, dtype=float)
    out, m = np.empty_like(values), np.zeros(values.shape[1:])
    for i in range(len(values)):
        m = beta * m + (1 - beta) * values[i]
        out[i] = m / (1 - beta ** (i + 1)) if bias_correction else m
    return out
''',
    },
    "q-ema": {
        "no-change": 'q_ema = "a"',
        "faster": 'q_ema = "c"',
        "second-order": 'q_ema = "d"',
        "two-letters": 'q_ema = "bc"',
    },
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
        "hard-coded-lr": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    lr = 0.1
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    v = momentum * state.get("v", np.zeros_like(g)) + g
    return w - lr * (g + momentum * v if nesterov else v), {"v": v}
''',
        "gradient-edited-in-place": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw
    g += weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    v = momentum * state.get("v", np.zeros_like(g)) + g
    return w - lr * (g + momentum * v if nesterov else v), {"v": v}
''',
        "w-updated-in-place": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw + weight_decay * w
    v = momentum * state.get("v", np.zeros_like(g)) + g
    w -= lr * (g if momentum == 0 else (g + momentum * v if nesterov else v))
    return w, {"v": v}
''',
        "state-dict-mutated": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, state
    state["v"] = momentum * state.get("v", np.zeros_like(g)) + g
    return w - lr * (g + momentum * state["v"] if nesterov else state["v"]), state
''',
        "cs231n-velocity-includes-lr": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("nesterov")
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    u = momentum * state.get("u", np.zeros_like(g)) - lr * g      # CS231n: the velocity carries the learning rate
    if nesterov:
        return w - lr * g + momentum * u, {"u": u}
    return w + u, {"u": u}
''',
        "no-raise-nesterov-without-momentum": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    if momentum == 0:
        return w - lr * g, {}
    v = momentum * state.get("v", np.zeros_like(g)) + g
    return w - lr * (g + momentum * v if nesterov else v), {"v": v}
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
        "hard-coded-lr": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(dL_dw)) + (1 - alpha) * dL_dw ** 2
    return w - 0.01 * dL_dw / (np.sqrt(s) + eps), {"s": s}
''',
        "scales-gradient-in-place": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = alpha * state.get("s", np.zeros_like(dL_dw)) + (1 - alpha) * dL_dw ** 2
    dL_dw /= np.sqrt(s) + eps
    return w - lr * dL_dw, {"s": s}
''',
        "state-updated-in-place": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = state.get("s")
    if s is None:
        s = np.zeros_like(dL_dw)
    s *= alpha
    s += (1 - alpha) * dL_dw ** 2
    return w - lr * dL_dw / (np.sqrt(s) + eps), {"s": s}
''',
        "alpha-ignored": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    s = 0.99 * state.get("s", np.zeros_like(dL_dw)) + 0.01 * dL_dw ** 2
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
        "hard-coded-lr": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    lr = 0.1
    g = dL_dw + weight_decay * w
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), {"t": t, "m": m, "v": v}
''',
        "gradient-edited-in-place": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw
    g += weight_decay * w
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), {"t": t, "m": m, "v": v}
''',
        "unpacks-state-values": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t, m, v = state.values() if state else (0, np.zeros_like(g), np.zeros_like(g))
    t += 1
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), {"t": t, "m": m, "v": v}
''',
        "moments-updated-in-place": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = dL_dw + weight_decay * w
    t = state.get("t", 0) + 1
    m, v = state.get("m"), state.get("v")
    if m is None:
        m, v = np.zeros_like(g), np.zeros_like(g)
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), {"t": t, "m": m, "v": v}
''',
        "beta2-hard-coded": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    beta2 = 0.999
    g = dL_dw + weight_decay * w
    t = state.get("t", 0) + 1
    m = beta1 * state.get("m", np.zeros_like(g)) + (1 - beta1) * g
    v = beta2 * state.get("v", np.zeros_like(g)) + (1 - beta2) * g * g
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), {"t": t, "m": m, "v": v}
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
        "decay-uses-updated-weights": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w_adam, state_new = adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    return w_adam * (1 - lr * weight_decay), state_new
''',
        "hard-coded-weight-decay": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w_adam, state_new = adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    return w_adam - lr * 1e-2 * w, state_new
''',
        "w-decayed-in-place": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w *= 1 - lr * weight_decay
    return adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
''',
        "forgets-betas": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w_adam, state_new = adam_step(w, dL_dw, state, lr=lr, eps=eps)
    return w_adam - lr * weight_decay * w, state_new
''',
    },
    "q-first-order": {
        "newton-too": 'q_first_order = "abcd"',
        "only-newton": 'q_first_order = "d"',
        "adaptive-are-second-order": 'q_first_order = "a"',
        "forgot-adam": 'q_first_order = "ab"',
        "only-adaptive": 'q_first_order = "bc"',
    },
    "q-bias-correction": {
        "different-minima": 'q_bias_correction = "a"',
        "eps": 'q_bias_correction = "d"',
        "mini-batch-error": 'q_bias_correction = "c"',
        "two-letters": 'q_bias_correction = "bd"',
    },
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
        "gd-no-raise": '''
def gd_optimal(lam_min, lam_max):
    kappa = lam_max / lam_min if lam_min else float("inf")
    return 2.0 / (lam_min + lam_max), (kappa - 1) / (kappa + 1) if kappa != float("inf") else 1.0
''',
        "hb-accepts-swapped-eigenvalues": '''
def heavy_ball_optimal(lam_min, lam_max):
    if lam_min <= 0:
        raise ValueError("eigenvalues")
    root_kappa = math.sqrt(lam_max / lam_min)
    rate = (root_kappa - 1) / (root_kappa + 1)
    return 4.0 / (math.sqrt(lam_max) + math.sqrt(lam_min)) ** 2, rate ** 2, rate
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
        "no-shape-check": '''
def newton_step(w, dL_dw, H):
    return w - np.linalg.solve(H, dL_dw)
''',
        "modifies-w-in-place": '''
def newton_step(w, dL_dw, H):
    w, dL_dw, H = np.asarray(w, dtype=float), np.asarray(dL_dw, dtype=float), np.asarray(H, dtype=float)
    if w.ndim != 1 or dL_dw.shape != w.shape or H.shape != (w.size, w.size):
        raise ValueError("shapes")
    w -= np.linalg.solve(H, dL_dw)
    return w
''',
    },
    "q-momentum-steps": {
        "sqrt-of-kappa-ratio": 'q_momentum_steps = 0.5',
        "inverted": 'q_momentum_steps = 2.15',
        "ratio-of-rates": 'q_momentum_steps = (1 / 3) / 0.6',
        "beta-as-rate": 'q_momentum_steps = math.log(0.6) / math.log(1 / 9)',
        "percent": 'q_momentum_steps = 46.5',
        "string": 'q_momentum_steps = "0.465"',
    },
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
        "warmup-ignores-start-factor": '''
def warmup_lr(t, lr0, warmup_steps, start_factor=0.1):
    return lr0 * (0.1 + 0.9 * min(t, warmup_steps) / warmup_steps)
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
        "global-seed-ignores-argument": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    np.random.seed(0)
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return np.random.normal(0.0, math.sqrt(var), size=(fan_in, fan_out))
    a = math.sqrt(3 * var)
    return np.random.uniform(-a, a, size=(fan_in, fan_out))
''',
        "torch-layout-out-in": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    rng = np.random.default_rng(seed)
    if scheme not in ("xavier", "kaiming") or distribution not in ("normal", "uniform"):
        raise ValueError("unknown")
    var = 2.0 / (fan_in + fan_out) if scheme == "xavier" else 2.0 / fan_in
    if distribution == "normal":
        return rng.normal(0.0, math.sqrt(var), size=(fan_out, fan_in))
    a = math.sqrt(3 * var)
    return rng.uniform(-a, a, size=(fan_out, fan_in))
''',
    },
    "q-initial-loss": {
        "probability": 'q_initial_loss = 0.1',
        "classes": 'q_initial_loss = 10',
        "log10": 'q_initial_loss = 1.0',
        "log2": 'q_initial_loss = math.log2(10)',
        "perfect-loss": 'q_initial_loss = 0.0',
        "string": 'q_initial_loss = "2.303"',
    },
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
        "scales-inputs-in-place": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    scale = min(1.0, max_norm / (total + 1e-6))
    for g in grads:
        g *= scale
    return grads, total
''',
        "no-raise": '''
def clip_grad_norm(grads, max_norm):
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    scale = min(1.0, max_norm / (total + 1e-6))
    return [np.asarray(g) * scale for g in grads], total
''',
        "divides-by-zero": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    scale = min(1.0, max_norm / total)
    return [np.asarray(g) * scale for g in grads], total
''',
        "squared-norm": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm")
    total = sum(float(np.sum(np.square(g))) for g in grads)
    scale = min(1.0, max_norm / (total + 1e-6))
    return [np.asarray(g) * scale for g in grads], total
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
        "float-epochs": '''
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
            if waited == patience:
                return float(best_epoch), float(e)
    return float(best_epoch), float(len(losses) - 1)
''',
        "empty-returns-zeros": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if patience < 1:
        raise ValueError("patience")
    if not losses:
        return 0, 0
    best, best_epoch, waited = losses[0], 0, 0
    for e in range(1, len(losses)):
        if losses[e] < best - min_delta:
            best, best_epoch, waited = losses[e], e, 0
        else:
            waited += 1
            if waited == patience:
                return best_epoch, e
    return best_epoch, len(losses) - 1
''',
        "ties-improve": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if not losses or patience < 1:
        raise ValueError("bad input")
    best, best_epoch, waited = losses[0], 0, 0
    for e in range(1, len(losses)):
        if losses[e] <= best - min_delta:
            best, best_epoch, waited = losses[e], e, 0
        else:
            waited += 1
            if waited == patience:
                return best_epoch, e
    return best_epoch, len(losses) - 1
''',
        "argmin-best-epoch": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = [float(v) for v in val_losses]
    if not losses or patience < 1:
        raise ValueError("bad input")
    best, best_epoch, waited = losses[0], 0, 0
    stop = len(losses) - 1
    for e in range(1, len(losses)):
        if losses[e] < best - min_delta:
            best, waited = losses[e], 0
        else:
            waited += 1
            if waited == patience:
                stop = e
                break
    return int(np.argmin(losses[:stop + 1])), stop
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
        "modifies-input-in-place": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x, np.ones_like(x, dtype=float)
    scale = (np.random.default_rng(seed).random(x.shape) >= p) / (1 - p)
    x *= scale
    return x, scale
''',
        "unseeded-rng": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        scale = (np.random.default_rng().random(x.shape) >= p) / (1 - p)
    return x * scale, scale
''',
        "global-seed-fixed": '''
def dropout_forward(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        scale = np.ones_like(x, dtype=float)
    else:
        np.random.seed(0)
        scale = (np.random.rand(*x.shape) >= p) / (1 - p)
    return x * scale, scale
''',
        "backward-modifies-dout": '''
def dropout_backward(dout, cache):
    dout *= cache
    return dout
''',
    },
    "q-dropout": {
        "exactly": 'q_dropout = "a"',
        "non-inverted": 'q_dropout = "d"',
        "kept-halved": 'q_dropout = "c"',
        "two-letters": 'q_dropout = "bd"',
    },
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
        "running-stats-updated-in-place": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0)
        running_mean *= 1 - momentum
        running_mean += momentum * mu
        running_var *= 1 - momentum
        running_var += momentum * var * N / (N - 1)
    else:
        mu, var = running_mean, running_var
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, running_mean, running_var, (x_hat, gamma, std)
''',
        "hard-coded-eps": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    eps = 1e-5
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = (1 - momentum) * running_mean + momentum * mu
        new_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "hard-coded-momentum": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        if N < 2:
            raise ValueError("N")
        mu, var = x.mean(axis=0), x.var(axis=0)
        new_mean = 0.9 * running_mean + 0.1 * mu
        new_var = 0.9 * running_var + 0.1 * var * N / (N - 1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "no-raise-for-one-sample": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N = x.shape[0]
    if train:
        mu, var = x.mean(axis=0), x.var(axis=0)
        with np.errstate(all="ignore"):
            new_mean = (1 - momentum) * running_mean + momentum * mu
            new_var = (1 - momentum) * running_var + momentum * var * N / max(N - 1, 1)
    else:
        mu, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, std)
''',
        "cache-std-without-eps": '''
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
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, new_mean, new_var, (x_hat, gamma, np.sqrt(var))
''',
        "cache-in-another-format": '''
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
    x_hat = (x - mu) / np.sqrt(var + eps)
    return gamma * x_hat + beta, new_mean, new_var, (x, mu, var, gamma, eps)
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
        "modifies-dout-in-place": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    N = dout.shape[0]
    dbeta, dgamma = dout.sum(axis=0), (dout * x_hat).sum(axis=0)
    dout *= gamma
    dx = (N * dout - dout.sum(axis=0) - x_hat * (dout * x_hat).sum(axis=0)) / (N * std)
    return dx, dgamma, dbeta
''',
        "batch-size-from-feature-axis": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    N = dout.shape[1]
    dx_hat = dout * gamma
    dx = (N * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (N * std)
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
''',
    },
    "q-bn-eval": {
        "batch-statistics": 'q_bn_eval = "a"',
        "recomputed": 'q_bn_eval = "d"',
        "switched-off": 'q_bn_eval = "c"',
        "two-letters": 'q_bn_eval = "ab"',
    },
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
        "accepts-equal-bounds": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low <= high:
        raise ValueError("range")
    return np.exp(np.random.default_rng(seed).uniform(math.log(low), math.log(high), size=n))
''',
        "unseeded-rng": '''
def sample_log_uniform(low, high, n, seed=0):
    if not 0 < low < high:
        raise ValueError("range")
    return np.exp(np.random.default_rng().uniform(math.log(low), math.log(high), size=n))
''',
        "no-validation": '''
def sample_log_uniform(low, high, n, seed=0):
    with np.errstate(all="ignore"):
        return np.exp(np.random.default_rng(seed).uniform(np.log(low), np.log(high), size=n))
''',
    },
    "q-grid": {
        "same": 'q_grid = "a"',
        "both-four": 'q_grid = "b"',
        "inverted": 'q_grid = "d"',
        "two-letters": 'q_grid = "cd"',
    },
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
        "hard-coded-lr": _train_mlp_source(bugs=("hard-coded-lr",)),
        "ignores-seed": _train_mlp_source(bugs=("ignores-seed",)),
        "unseeded-shuffle": _train_mlp_source(bugs=("unseeded-shuffle",)),
        "summed-loss": _train_mlp_source(bugs=("summed-loss",)),
        "decay-before-each-epoch": _train_mlp_source(bugs=("decay-before-epoch",)),
        "ignores-n-hidden": _train_mlp_source(bugs=("ignores-n-hidden",)),
        "standardises-X-in-place": _train_mlp_source(bugs=("standardises-X-in-place",)),
        "ignores-batch-size": _train_mlp_source(bugs=("ignores-batch-size",)),
        "averages-over-batch-size": _train_mlp_source(bugs=("averages-over-batch-size",)),
        "classes-from-labels": _train_mlp_source(bugs=("classes-from-labels",)),
        "no-shuffle": _train_mlp_source(bugs=("no-shuffle",)),
    },
    "q-transfer": {
        "from-scratch": 'q_transfer = "a"',
        "fine-tune-everything-fast": 'q_transfer = "d"',
        "retrain-body": 'q_transfer = "c"',
        "two-letters": 'q_transfer = "bd"',
    },
    "q-exam-mlp": {
        "dropout-too": 'q_exam_mlp = "abcd"',
        "missed-learning-rate": 'q_exam_mlp = "ab"',
        "only-tanh": 'q_exam_mlp = "a"',
        "missed-tanh": 'q_exam_mlp = "bc"',
        "only-dropout": 'q_exam_mlp = "d"',
    },
    # ------------------------------------------------------------------ gradient ascent, RMSprop's first steps
    "q-gradient-ascent": {
        "descent-step": 'q_gradient_ascent = 0.4 - 0.01 * (7 / 0.4 - 3 / 0.6)',
        "sign-error-in-derivative": 'q_gradient_ascent = 0.4 + 0.01 * (7 / 0.4 + 3 / 0.6)',
        "maximum-likelihood-estimate": 'q_gradient_ascent = 0.7',
        "mean-log-likelihood": 'q_gradient_ascent = 0.4 + 0.01 * (7 / 0.4 - 3 / 0.6) / 10',
        "the-step-only": 'q_gradient_ascent = 0.01 * (7 / 0.4 - 3 / 0.6)',
        "string": 'q_gradient_ascent = "0.525"',
    },
    "q-rmsprop-steps": {
        "first-step": 'q_rmsprop_steps = 10',
        "bias-corrected": 'q_rmsprop_steps = 1',
        "no-square-root": 'q_rmsprop_steps = 1 / (1 - 0.99 ** 10)',
        "inverted": 'q_rmsprop_steps = math.sqrt(1 - 0.99 ** 10)',
        "exponent-9": 'q_rmsprop_steps = 1 / math.sqrt(1 - 0.99 ** 9)',
        "two-digits": 'q_rmsprop_steps = 3.2',
    },
    # ------------------------------------------------------------------ the two senses of "regularisation term"
    "q-reg-term": {
        "only-l2": 'q_reg_term = "a"',
        "every-regulariser": 'q_reg_term = "abcd"',
        "with-early-stopping": 'q_reg_term = "ace"',
        "loss-free-ones": 'q_reg_term = "bd"',
        "with-dropout": 'q_reg_term = "abc"',
        "unknown-option": 'q_reg_term = "acf"',
    },
    # ------------------------------------------------------------------ spatial dropout
    "spatial-dropout": {
        "element-wise": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    return x * (np.random.default_rng(seed).random(x.shape) >= p) / (1 - p)
''',
        "one-mask-for-all-samples": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.default_rng(seed).random(x.shape[1]) >= p                 # (C,): shared by the samples
    return x * keep.reshape((1, -1) + (1,) * (x.ndim - 2)) / (1 - p)
''',
        "one-variable-per-sample": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.default_rng(seed).random(x.shape[0]) >= p                 # (N,): whole samples
    return x * keep.reshape((-1,) + (1,) * (x.ndim - 1)) / (1 - p)
''',
        "not-rescaled": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2))
''',
        "p-is-keep-probability": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 1:
        return x.copy()
    if p == 0:
        return np.zeros_like(x)
    keep = np.random.default_rng(seed).random(x.shape[:2]) < p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / p
''',
        "p-one-divides-by-zero": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train:
        return x.copy()
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    with np.errstate(all="ignore"):
        return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
''',
        "rejects-p-one": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
''',
        "ignores-train": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
''',
        "global-unseeded-rng": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.rand(*x.shape[:2]) >= p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
''',
        "ignores-seed": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.default_rng(0).random(x.shape[:2]) >= p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
''',
        "modifies-input": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    if not train or p == 0:
        return x
    if p == 1:
        x *= 0
        return x
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    x *= keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
    return x
''',
        "four-d-only-mask": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    N, C = x.shape[:2]
    keep = np.random.default_rng(seed).random((N, C, 1, 1)) >= p               # CS231n-style, for (N, C, H, W) only
    return x * keep / (1 - p)
''',
        "no-validation": '''
def spatial_dropout(x, p, train=True, seed=0):
    x = np.asarray(x)
    if not train or p == 0:
        return x.copy()
    if p >= 1:
        return np.zeros_like(x)
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    return x * keep.reshape(x.shape[:2] + (1,) * (x.ndim - 2)) / (1 - p)
''',
    },
    # ------------------------------------------------------------------ layer, instance and group norm
    "normalize": {
        "eps-outside-square-root": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes, keepdims=True)
    return gamma * (x - mu) / (x.std(axis=axes, keepdims=True) + eps) + beta
''',
        "unbiased-variance": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, ddof=1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        "statistics-over-everything": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean()) / np.sqrt(x.var() + eps) + beta
''',
        "first-axis-only": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes[0], keepdims=True)
    var = x.var(axis=axes[0], keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        "missing-keepdims": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes)
    var = x.var(axis=axes)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        "axes-read-as-kept-axes": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    kept = tuple(a % x.ndim for a in axes)
    reduce = tuple(a for a in range(x.ndim) if a not in kept)
    mu = x.mean(axis=reduce, keepdims=True)
    var = x.var(axis=reduce, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        "gamma-beta-swapped": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return beta * (x - mu) / np.sqrt(var + eps) + gamma
''',
        "no-affine": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mu) / np.sqrt(var + eps)
''',
        "modifies-input": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    x -= mu
    x /= np.sqrt(var + eps)
    return gamma * x + beta
''',
        "no-negative-axes": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    axes = tuple(a for a in axes if a >= 0)                # drops what it does not understand
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        "eps-ignored": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + 1e-5) + beta
''',
    },
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
        "numpy-ints-and-validation": '''
def iterations_per_epoch(n_samples, batch_size, drop_last=False):
    n_samples, batch_size = int(n_samples), int(batch_size)
    if min(n_samples, batch_size) < 1:
        raise ValueError(f"need n_samples >= 1 and batch_size >= 1, got {n_samples}, {batch_size}")
    full, rest = divmod(n_samples, batch_size)
    n = np.int64(full + (1 if rest and not drop_last else 0))
    if n < 1:
        raise ValueError("drop_last leaves no batch")
    return n


def epochs_from_iterations(n_iterations, n_samples, batch_size, drop_last=False):
    return np.float64(n_iterations) / iterations_per_epoch(n_samples, batch_size, drop_last)
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
        "d2l-style-list": '''
def ema(values, beta, bias_correction=False):
    if beta < 0 or beta >= 1:
        raise ValueError("beta must be in [0, 1)")
    v, out = 0.0, []
    for t, g in enumerate(values, start=1):
        v = beta * v + (1 - beta) * np.asarray(g, dtype=float)
        out.append(v / (1 - beta ** t) if bias_correction else v)
    return np.array(out)
''',
        "scipy-lfilter": '''
def ema(values, beta, bias_correction=False):
    from scipy.signal import lfilter
    if not 0.0 <= beta < 1.0:
        raise ValueError("beta must be in [0, 1)")
    g = np.asarray(values, dtype=float)
    m = lfilter([1.0 - beta], [1.0, -beta], g, axis=0)            # m_t = beta m_{t-1} + (1 - beta) g_t
    if bias_correction:
        t = np.arange(1, len(g) + 1).reshape((-1,) + (1,) * (g.ndim - 1))
        m = m / (1.0 - beta ** t)
    return m
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
        "defensive-copies": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    w = np.array(w, dtype=float, copy=True)
    g = np.array(dL_dw, dtype=float, copy=True)
    lr, momentum, weight_decay = float(lr), float(momentum), float(weight_decay)
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("hyperparameters must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov momentum needs momentum > 0")
    g = g + weight_decay * w
    new_state = dict(state)
    if momentum > 0:
        v = momentum * np.asarray(state.get("v", 0.0)) + g
        new_state["v"] = v
        g = g + momentum * v if nesterov else v
    return w - lr * g, new_state
''',
        "elementwise-loop": '''
def sgd_step(w, dL_dw, state, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum")
    w_flat, g_flat = np.ravel(w), np.ravel(dL_dw)
    v_old = np.ravel(state["v"]) if "v" in state else np.zeros(w_flat.size)
    w_new, v_new = np.empty(w_flat.size), np.empty(w_flat.size)
    for i in range(w_flat.size):
        g = g_flat[i] + weight_decay * w_flat[i]
        v_new[i] = momentum * v_old[i] + g
        if momentum == 0:
            d = g
        elif nesterov:
            d = g + momentum * v_new[i]
        else:
            d = v_new[i]
        w_new[i] = w_flat[i] - lr * d
    return w_new.reshape(np.shape(w)), {"v": v_new}
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
        "defensive-float-casts": '''
def rmsprop_step(w, dL_dw, state, lr=0.01, alpha=0.99, eps=1e-8):
    lr, alpha, eps = float(lr), float(alpha), float(eps)
    if not 0 <= alpha < 1 or eps <= 0:
        raise ValueError("need 0 <= alpha < 1 and eps > 0")
    g = np.array(dL_dw, dtype=float, copy=True)
    s_old = np.array(state["s"], dtype=float) if "s" in state else np.zeros_like(g)
    s = alpha * s_old + (1.0 - alpha) * np.square(g)
    return np.asarray(w, dtype=float) - lr * np.divide(g, np.sqrt(s) + eps), {"s": s}
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
        "d2l-style-names": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    grad = dL_dw + weight_decay * w
    s = dict(state)
    s["t"] = s.get("t", 0) + 1
    s["v"] = beta1 * s.get("v", 0) + (1 - beta1) * grad                # d2l calls the first moment v ...
    s["s"] = beta2 * s.get("s", 0) + (1 - beta2) * np.square(grad)     # ... and the second one s
    v_corr = s["v"] / (1 - beta1 ** s["t"])
    s_corr = s["s"] / (1 - beta2 ** s["t"])
    return w - lr * v_corr / (np.sqrt(s_corr) + eps), s
''',
        "defensive-validation": '''
def adam_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    lr, beta1, beta2, eps, weight_decay = (float(h) for h in (lr, beta1, beta2, eps, weight_decay))
    if not (0 <= beta1 < 1 and 0 <= beta2 < 1 and eps > 0):
        raise ValueError("need betas in [0, 1) and eps > 0")
    w = np.array(w, dtype=float, copy=True)
    g = np.array(dL_dw, dtype=float, copy=True) + weight_decay * w
    t = int(state.get("t", 0)) + 1
    m = beta1 * np.array(state.get("m", np.zeros_like(g)), dtype=float) + (1 - beta1) * g
    v = beta2 * np.array(state.get("v", np.zeros_like(g)), dtype=float) + (1 - beta2) * g ** 2
    step = (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return w - lr * step, {"t": t, "m": m, "v": v}
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
        "explicit-zero-decay-call": '''
def adamw_step(w, dL_dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    decayed = w - lr * weight_decay * w
    stepped, new_state = adam_step(w, dL_dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps, weight_decay=0.0)
    return decayed + (stepped - w), new_state
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
        "numpy-spectral-radius": '''
def gd_optimal(lam_min, lam_max):
    lam = np.array([lam_min, lam_max], dtype=float)
    if not (lam[0] > 0 and lam[1] >= lam[0]):
        raise ValueError("need 0 < lam_min <= lam_max")
    lr = 2.0 / lam.sum()
    return lr, float(np.max(np.abs(1 - lr * lam)))


def heavy_ball_optimal(lam_min, lam_max):
    if not (lam_min > 0 and lam_max >= lam_min):
        raise ValueError("need 0 < lam_min <= lam_max")
    s_min, s_max = np.sqrt(lam_min), np.sqrt(lam_max)
    rate = (s_max - s_min) / (s_max + s_min)
    return float(4.0 / (s_max + s_min) ** 2), float(rate * rate), float(rate)
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
        "torch-solve": '''
def newton_step(w, dL_dw, H):
    w_t, g_t, H_t = (torch.as_tensor(np.asarray(a, dtype=np.float64)) for a in (w, dL_dw, H))
    if w_t.dim() != 1 or g_t.shape != w_t.shape or tuple(H_t.shape) != (w_t.numel(), w_t.numel()):
        raise ValueError("shapes do not fit")
    return (w_t - torch.linalg.solve(H_t, g_t)).numpy()
''',
        "pinv": '''
def newton_step(w, dL_dw, H):
    w, g, H = np.asarray(w, dtype=float), np.asarray(dL_dw, dtype=float), np.asarray(H, dtype=float)
    K = w.shape[0] if w.ndim == 1 else -1
    if K < 0 or g.shape != (K,) or H.shape != (K, K):
        raise ValueError("w and dL_dw need shape (K,), H shape (K, K)")
    return w - np.linalg.pinv(H) @ g
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
        "validated-python-floats": '''
def step_lr(t, lr0, step_size, gamma=0.1):
    t, step_size = int(t), int(step_size)
    if t < 0 or step_size < 1:
        raise ValueError("need t >= 0 and step_size >= 1")
    return float(lr0) * float(gamma) ** (t // step_size)


def exponential_lr(t, lr0, gamma):
    if t < 0:
        raise ValueError("need t >= 0")
    lr = float(lr0)
    for _ in range(int(t)):
        lr *= gamma
    return lr


def cosine_lr(t, lr0, T_max, lr_min=0.0):
    if not 0 <= t <= T_max:
        raise ValueError("need 0 <= t <= T_max")
    return float(lr_min + 0.5 * (lr0 - lr_min) * (1.0 + np.cos(np.pi * t / T_max)))


def warmup_lr(t, lr0, warmup_steps, start_factor=0.1):
    if t < 0 or warmup_steps < 1:
        raise ValueError("need t >= 0 and warmup_steps >= 1")
    if t >= warmup_steps:
        return float(lr0)
    return float(lr0) * (start_factor + (1.0 - start_factor) * t / warmup_steps)
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
        "he-standard-normal-times-std": '''
def init_weights(fan_in, fan_out, scheme="kaiming", distribution="normal", seed=0):
    schemes = {"xavier": 2.0 / (fan_in + fan_out), "kaiming": 2.0 / fan_in}
    if scheme not in schemes or distribution not in ("normal", "uniform"):
        raise ValueError(f"unknown scheme {scheme!r} or distribution {distribution!r}")
    std = np.sqrt(schemes[scheme])
    rng = np.random.default_rng(seed)
    if distribution == "normal":
        return rng.standard_normal((fan_in, fan_out)) * std
    bound = np.sqrt(3.0) * std
    return rng.uniform(low=-bound, high=bound, size=(fan_in, fan_out))
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
        "torch-utility": '''
def clip_grad_norm(grads, max_norm):
    if max_norm <= 0:
        raise ValueError("max_norm must be positive")
    params = [torch.nn.Parameter(torch.zeros(np.shape(g), dtype=torch.float64)) for g in grads]
    for p, g in zip(params, grads):
        p.grad = torch.tensor(np.array(g, dtype=np.float64))
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad.numpy().copy() for p in params], float(total)
''',
        "python-loops": '''
def clip_grad_norm(grads, max_norm):
    if not max_norm > 0:
        raise ValueError("max_norm must be positive")
    squares = 0.0
    for g in grads:
        for value in np.ravel(g):
            squares += float(value) ** 2
    total = squares ** 0.5
    clipped = []
    for g in grads:
        g = np.array(g, dtype=float, copy=True)
        if total > max_norm:
            g = g * (max_norm / total)
        clipped.append(g)
    return clipped, total
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
        "keras-callback-style": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    if patience < 1 or len(val_losses) == 0:
        raise ValueError("need at least one loss and patience >= 1")
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
''',
        "numpy-int-results": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    losses = np.array(val_losses, dtype=float)
    if losses.size == 0 or patience < 1:
        raise ValueError("need at least one loss and patience >= 1")
    best_epoch, since = np.int64(0), 0
    for epoch in range(1, losses.size):
        if losses[epoch] < losses[best_epoch] - min_delta:
            best_epoch, since = np.int64(epoch), 0
        else:
            since += 1
            if since == patience:
                return best_epoch, np.int64(epoch)
    return best_epoch, np.int64(losses.size - 1)
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
        "cs231n-mask": '''
def dropout_forward(x, p, train=True, seed=0):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    if not train:
        return np.array(x, copy=True), None
    rng = np.random.default_rng(seed)
    mask = (rng.random(np.shape(x)) < 1 - p) / (1 - p)
    return x * mask, mask


def dropout_backward(dout, cache):
    return dout if cache is None else dout * cache
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
        "torch-functional": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    if train and x.shape[0] < 2:
        raise ValueError("need N >= 2 in training mode")
    rm = torch.tensor(running_mean, dtype=torch.float64)           # copies: batch_norm updates them in place
    rv = torch.tensor(running_var, dtype=torch.float64)
    out = torch.nn.functional.batch_norm(torch.tensor(x), rm, rv, torch.tensor(gamma, dtype=torch.float64),
                                         torch.tensor(beta, dtype=torch.float64), training=train,
                                         momentum=momentum, eps=eps)
    if train:
        mu, var = x.mean(axis=0), x.var(axis=0)
    else:
        mu, var = np.asarray(running_mean, dtype=float), np.asarray(running_var, dtype=float)
    std = np.sqrt(var + eps)
    return out.numpy(), rm.numpy(), rv.numpy(), ((x - mu) / std, gamma, std)
''',
        "loop-over-features": '''
def batchnorm_forward(x, gamma, beta, running_mean, running_var, train=True, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    N, D = x.shape
    if train and N < 2:
        raise ValueError("need at least two samples in training mode")
    out, x_hat = np.empty((N, D)), np.empty((N, D))
    new_mean, new_var, std = np.empty(D), np.empty(D), np.empty(D)
    for j in range(D):
        col = x[:, j]
        if train:
            mu = sum(col) / N
            var = sum((c - mu) ** 2 for c in col) / N
            new_mean[j] = (1 - momentum) * running_mean[j] + momentum * mu
            new_var[j] = (1 - momentum) * running_var[j] + momentum * var * N / (N - 1)
        else:
            mu, var = running_mean[j], running_var[j]
            new_mean[j], new_var[j] = running_mean[j], running_var[j]
        std[j] = math.sqrt(var + eps)
        x_hat[:, j] = (col - mu) / std[j]
        out[:, j] = gamma[j] * x_hat[:, j] + beta[j]
    return out, new_mean, new_var, (x_hat, gamma, std)
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
        "cs231n-staged-graph": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    N = dout.shape[0]
    xmu = x_hat * std
    ivar = 1.0 / std
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx_hat = dout * gamma
    divar = np.sum(dx_hat * xmu, axis=0)
    dxmu1 = dx_hat * ivar
    dsqrtvar = -1.0 / (std ** 2) * divar
    dvar = 0.5 / std * dsqrtvar
    dsq = np.ones_like(dout) / N * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=0)
    dx2 = np.ones_like(dout) / N * dmu
    return dx1 + dx2, dgamma, dbeta
''',
        "torch-autograd": '''
def batchnorm_backward(dout, cache):
    x_hat, gamma, std = (np.asarray(a, dtype=np.float64) for a in cache)
    centred = x_hat * std                                    # x - mu: the gradient does not depend on mu
    eps = std ** 2 - centred.var(axis=0)                     # what the forward pass added to the variance
    xt = torch.tensor(centred, requires_grad=True)
    gt = torch.tensor(gamma, requires_grad=True)
    bt = torch.zeros(gamma.shape, dtype=torch.float64, requires_grad=True)
    mean = xt.mean(dim=0)
    var = ((xt - mean) ** 2).mean(dim=0)
    y = gt * (xt - mean) / torch.sqrt(var + torch.tensor(eps)) + bt
    y.backward(torch.tensor(np.asarray(dout, dtype=np.float64)))
    return xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()
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
        "inverse-cdf": '''
def sample_log_uniform(low, high, n, seed=0):
    if low <= 0 or high <= low:
        raise ValueError("need 0 < low < high")
    u = np.random.default_rng(seed).random(n)
    return low * (high / low) ** u
''',
        "python-loop": '''
def sample_log_uniform(low, high, n, seed=0):
    if not (0 < low < high):
        raise ValueError("need 0 < low < high")
    rng = np.random.default_rng(seed)
    samples = [math.exp(rng.uniform(math.log(low), math.log(high))) for _ in range(n)]
    return np.array(samples, dtype=float)
''',
    },
    "debug-training": {
        "kaiming-uniform-init": _train_mlp_source(init="kaiming-uniform"),
        "float32": _train_mlp_source(float32=True),
        "rng-normal-init": _train_mlp_source(init="rng-normal"),
        "defensive-copies": _train_mlp_source(defensive=True),
    },
    "q-epochs": {
        "int": 'q_epochs = 200',
        "float": 'q_epochs = 200.0',
        "numpy": 'q_epochs = np.float64(200)',
        "expression": 'q_epochs = 1000 / (100 / 20)',
        "within-precision": 'q_epochs = 200.1',
    },
    "q-ema": {
        "letter": 'q_ema = "b"',
        "upper-case": 'q_ema = "B"',
        "list": 'q_ema = ["b"]',
    },
    "q-first-order": {
        "letters": 'q_first_order = "abc"',
        "upper-case": 'q_first_order = "ABC"',
        "reordered-with-commas": 'q_first_order = "c, b, a"',
        "list": 'q_first_order = ["a", "b", "c"]',
    },
    "q-bias-correction": {
        "letter": 'q_bias_correction = "b"',
        "upper-case": 'q_bias_correction = "B"',
    },
    "q-momentum-steps": {
        "exact": 'q_momentum_steps = math.log(3 / 5) / math.log(1 / 3)',
        "three-digits": 'q_momentum_steps = 0.465',
        "numpy": 'q_momentum_steps = np.log(0.6) / np.log(1 / 3)',
        "four-digits": 'q_momentum_steps = 0.4650',
    },
    "q-initial-loss": {
        "math-log": 'q_initial_loss = math.log(10)',
        "numpy": 'q_initial_loss = np.log(10)',
        "three-digits": 'q_initial_loss = 2.30',
        "negative-log": 'q_initial_loss = -math.log(1 / 10)',
    },
    "q-dropout": {
        "letter": 'q_dropout = "b"',
        "upper-case": 'q_dropout = "B"',
    },
    "q-bn-eval": {
        "letter": 'q_bn_eval = "b"',
        "padded-upper-case": 'q_bn_eval = " B "',
    },
    "q-grid": {
        "letter": 'q_grid = "c"',
        "upper-case": 'q_grid = "C"',
    },
    "q-transfer": {
        "letter": 'q_transfer = "b"',
        "upper-case": 'q_transfer = "B"',
    },
    "q-exam-mlp": {
        "letters": 'q_exam_mlp = "abc"',
        "reordered-upper-case": 'q_exam_mlp = "C, B, A"',
        "list": 'q_exam_mlp = ["a", "b", "c"]',
    },
    "q-gradient-ascent": {
        "exact": 'q_gradient_ascent = 0.525',
        "fraction": 'q_gradient_ascent = 21 / 40',
        "numpy": 'q_gradient_ascent = np.float64(0.4) + 0.01 * (7 / 0.4 - 3 / 0.6)',
        "four-digits": 'q_gradient_ascent = 0.5251',
    },
    "q-rmsprop-steps": {
        "exact": 'q_rmsprop_steps = 1 / math.sqrt(1 - 0.99 ** 10)',
        "four-digits": 'q_rmsprop_steps = 3.234',
        "numpy": 'q_rmsprop_steps = np.float32(1) / np.sqrt(np.float32(1) - np.float32(0.99) ** 10)',
        "power": 'q_rmsprop_steps = (1 - 0.99 ** 10) ** -0.5',
    },
    "q-reg-term": {
        "letters": 'q_reg_term = "ac"',
        "reordered-upper-case": 'q_reg_term = "C, A"',
        "list": 'q_reg_term = ["a", "c"]',
    },
    "spatial-dropout": {
        "loop-over-channels": '''
def spatial_dropout(x, p, train=True, seed=0):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    out = np.array(x, dtype=float, copy=True)
    if not train:
        return out
    rng = np.random.default_rng(seed)
    for n in range(out.shape[0]):
        for c in range(out.shape[1]):
            if rng.random() < p:
                out[n, c] = 0.0
            else:
                out[n, c] = out[n, c] / (1 - p)
    return out
''',
        "binomial-expand-dims": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0.0 <= float(p) <= 1.0:
        raise ValueError(f"p = {p} is not a probability")
    x = np.asarray(x, dtype=float)
    if not train or p == 0:
        return x
    keep = np.random.default_rng(seed).binomial(1, 1.0 - p, size=x.shape[:2]).astype(float)   # (N, C)
    scale = np.divide(keep, 1.0 - p, out=np.zeros_like(keep), where=keep > 0)                 # p = 1: all zeros
    return x * scale[(...,) + (None,) * (x.ndim - 2)]
''',
        "float32": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not 0 <= p <= 1:
        raise ValueError("p")
    x = np.asarray(x, dtype=np.float32)
    if not train or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.default_rng(seed).random(x.shape[:2]) >= p
    return x * (keep / np.float32(1 - p)).astype(np.float32).reshape(x.shape[:2] + (1,) * (x.ndim - 2))
''',
        "where-with-choice": '''
def spatial_dropout(x, p, train=True, seed=0):
    if not (0 <= p <= 1):
        raise ValueError("p out of range")
    x = np.array(x, copy=True)
    if not train:
        return x
    N, C = x.shape[0], x.shape[1]
    dropped = np.random.default_rng(seed).choice([True, False], size=(N, C), p=[p, 1 - p])
    dropped = dropped.reshape((N, C) + (1,) * (x.ndim - 2))
    return np.where(dropped, 0.0, x / max(1 - p, 1e-12))
''',
    },
    "normalize": {
        "move-axes-and-reshape": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    axes = sorted(a % x.ndim for a in axes)
    rest = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, rest + axes)                                  # (*rest, *axes)
    flat = moved.reshape(moved.shape[:len(rest)] + (-1,))                 # (*rest, k)
    mu = flat.mean(axis=-1, keepdims=True)
    var = ((flat - mu) ** 2).mean(axis=-1, keepdims=True)
    x_hat = ((flat - mu) / np.sqrt(var + eps)).reshape(moved.shape)
    x_hat = np.transpose(x_hat, np.argsort(rest + axes))                  # back to x's axis order
    return gamma * x_hat + beta
''',
        "second-moment-formula": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=axes, keepdims=True)
    var = np.mean(x * x, axis=axes, keepdims=True) - mu * mu
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        "torch": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    t = torch.as_tensor(np.asarray(x, dtype=np.float64))
    mu = t.mean(dim=tuple(axes), keepdim=True)
    var = ((t - mu) ** 2).mean(dim=tuple(axes), keepdim=True)
    out = torch.as_tensor(gamma) * (t - mu) / torch.sqrt(var + eps) + torch.as_tensor(beta)
    return out.numpy()
''',
        "defensive": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    x = np.array(x, dtype=np.float64, copy=True)
    axes = tuple(int(a) % x.ndim for a in axes)
    if len(set(axes)) != len(axes):
        raise ValueError(f"repeated axes {axes}")
    if eps <= 0:
        raise ValueError("eps must be positive")
    centred = x - x.mean(axis=axes, keepdims=True)
    std = np.sqrt((centred ** 2).mean(axis=axes, keepdims=True) + eps)
    return np.asarray(gamma, dtype=float) * (centred / std) + np.asarray(beta, dtype=float)
''',
        "float32": '''
def normalize(x, axes, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float32)
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    out = np.asarray(gamma, dtype=np.float32) * (x - mu) / np.sqrt(var + np.float32(eps)) + np.asarray(beta, dtype=np.float32)
    return out.astype(np.float32)
''',
    },
}


# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "epochs-iterations": {
        "floor-always": "You always round down; unless drop_last is True the smaller last batch is still an "
                        "iteration, so round up (ceil).",
        "float-division": "You return the plain quotient n_samples / batch_size, a float; the count is an int: "
                          "rounded up, or down with drop_last=True.",
        "epochs-from-samples-seen": "You count epochs as samples seen over n_samples; an epoch is a number of "
                                    "iterations (the smaller last batch is a whole one), so divide by "
                                    "iterations_per_epoch.",
        "no-raise-when-drop-last-leaves-nothing": "With drop_last=True and batch_size > n_samples you return 0; raise "
                                                  "ValueError instead, since not a single batch is left.",
        "float-ceil": "You return a float (np.ceil and np.floor give floats); the number of iterations must be an "
                      "int.",
        "epochs-ignore-drop-last": "epochs_from_iterations ignores `drop_last`; pass it on to iterations_per_epoch.",
        "epochs-integer-division": "You divide with //, which drops the incomplete last epoch; the number of epochs "
                                   "is a float, n_iterations / iterations_per_epoch.",
    },
    "q-epochs": {
        "iterations-over-batch": "You divide the iterations by the batch size; divide them by the number of "
                                 "iterations in one epoch instead.",
        "batches-per-epoch": "5 is the number of iterations in one epoch; the question asks how many epochs 1,000 "
                             "iterations make.",
        "samples-seen": "20,000 is the number of samples seen; an epoch is one pass over the 100 samples, so count "
                        "the passes.",
        "iterations-over-samples": "You divide the iterations by the number of samples; each iteration uses a whole "
                                   "mini-batch of 20 samples, not one.",
        "inverted": "Your ratio is upside down: divide the iterations by the iterations per epoch.",
        "string": "You assign a string; assign the number itself.",
    },
    "ema": {
        "no-one-minus-beta": "You add g_t without the factor (1 - beta); the new value enters with weight 1 - beta.",
        "swapped-weights": "You weight the old average by 1 - beta and the new value by beta; beta belongs to "
                           "m_{t-1}.",
        "bias-correction-off-by-one": "Your bias correction uses t + 1; t = 1 for the first value, so the first "
                                      "corrected output equals g_1.",
        "bias-correction-ignored": "You ignore `bias_correction`: when it is True, divide each m_t by 1 - beta**t.",
        "modifies-input": "You change `values` in place; the function must leave its inputs unchanged (work on a "
                          "copy).",
        "accepts-negative-beta": "You accept a negative beta; raise ValueError unless 0 <= beta < 1.",
    },
    "q-ema": {
        "no-change": "The two averages weight gradients differently: the plain one gives a new gradient weight 1/t, "
                     "so it follows changes ever more slowly.",
        "faster": "Less noise is not the whole story: think about how much weight the plain average gives a new "
                  "gradient after many steps.",
        "second-order": "Averaging gradients, in whatever way, uses no second derivatives, so it cannot make a method "
                        "second-order.",
        "two-letters": "Give one letter; and the plain average does not speed training up: it follows changes of the "
                       "gradient ever more slowly.",
    },
    "sgd-step": {
        "ema-momentum": "Your velocity is an EMA with a (1 - momentum) factor; PyTorch's SGD adds the whole gradient: "
                        "v = momentum * v + g.",
        "nesterov-as-plain-momentum": "With nesterov=True you take the heavy-ball step along v; Nesterov steps along "
                                      "g + momentum * v, with v already updated.",
        "weight-decay-ignored": "You ignore `weight_decay`: add weight_decay * w to the gradient before the momentum "
                                "update.",
        "weight-decay-outside-velocity": "You add weight_decay * w to the step but not to the velocity; add it to the "
                                         "gradient first, so that the velocity accumulates it too.",
        "velocity-updated-in-place": "You update the velocity array inside `state` in place; return a new array in a "
                                     "new dict and leave the caller's state unchanged.",
        "hard-coded-lr": "You ignore `lr` (your step uses a fixed learning rate); use the lr of each call.",
        "gradient-edited-in-place": "You change `dL_dw` in place (adding the weight decay to it); the function must "
                                    "leave its inputs unchanged (work on a copy).",
        "w-updated-in-place": "You change `w` in place; the function must leave its inputs unchanged (work on a "
                              "copy).",
        "state-dict-mutated": "You write the new velocity into the caller's `state` dict; return a new dict and leave "
                              "`state` unchanged.",
        "cs231n-velocity-includes-lr": "Your velocity carries the learning rate (CS231n's form); PyTorch's velocity "
                                       "is momentum * v + g and the step is lr * v, which differs when lr changes "
                                       "between calls.",
        "no-raise-nesterov-without-momentum": "You raise no ValueError for nesterov=True with momentum=0; Nesterov "
                                              "momentum needs momentum > 0.",
    },
    "rmsprop-step": {
        "no-square-root": "You divide by s + eps; RMSprop divides by the root of the average, sqrt(s) + eps.",
        "eps-inside-square-root": "You put eps inside the square root; the denominator is sqrt(s) + eps.",
        "bias-corrected": "You bias-correct s; RMSprop, like torch.optim.RMSprop, applies no bias correction.",
        "no-one-minus-alpha": "You add g**2 without the factor (1 - alpha); the new squared gradient enters with "
                              "weight 1 - alpha.",
        "hard-coded-lr": "You ignore `lr` (your step uses a fixed learning rate); use the lr of each call.",
        "scales-gradient-in-place": "You change `dL_dw` in place (dividing it); the function must leave its inputs "
                                    "unchanged (work on a copy).",
        "state-updated-in-place": "You update the array `s` inside `state` in place; build a new array for the new "
                                  "state and leave the caller's unchanged.",
        "alpha-ignored": "You ignore `alpha` (your average uses a fixed decay); use the alpha of each call.",
    },
    "adam-step": {
        "no-bias-correction": "You leave out the bias correction; divide m by 1 - beta1**t and v by 1 - beta2**t, "
                              "with t = 1 at the first step.",
        "eps-inside-square-root": "You put eps inside the square root; Adam's denominator is sqrt(v_hat) + eps.",
        "cheat-sheet-uncorrected-v": "You divide by the root of the uncorrected v with eps inside (the cheat sheet's "
                                     "form); Adam divides by sqrt(v / (1 - beta2**t)) + eps.",
        "t-starts-at-zero": "Your step counter is 0 at the first step, so the bias correction divides by 1 - beta**0 "
                            "= 0; t must be 1 at the first step.",
        "t-off-by-one": "Your step counter is 2 at the first step; t must be 1 then (0 in an empty state, plus 1).",
        "decoupled-instead-of-l2": "You shrink the weights directly (AdamW's decoupled decay); Adam's weight_decay "
                                   "adds weight_decay * w to the gradient before the moment updates.",
        "hard-coded-lr": "You ignore `lr` (your step uses a fixed learning rate); use the lr of each call.",
        "gradient-edited-in-place": "You change `dL_dw` in place (adding the weight decay to it); the function must "
                                    "leave its inputs unchanged (work on a copy).",
        "unpacks-state-values": "You read the state by position; read its entries by key, since the dict may come "
                                "back with its keys in another order.",
        "moments-updated-in-place": "You update m and v inside `state` in place; build new arrays for the new state "
                                    "and leave the caller's unchanged.",
        "beta2-hard-coded": "You ignore `beta2` (your second moment uses a fixed decay); use the beta2 of each call.",
    },
    "adamw-step": {
        "decay-coupled-into-gradient": "You add the decay to the gradient (Adam's L2 form), so it passes through m "
                                       "and v; AdamW subtracts lr * weight_decay * w directly and gives Adam the "
                                       "plain gradient.",
        "decay-without-lr": "Your decay leaves out the learning rate; AdamW subtracts lr * weight_decay * w.",
        "no-decay": "You ignore `weight_decay`: AdamW also subtracts lr * weight_decay * w, even when the gradient is "
                    "zero.",
        "decay-uses-updated-weights": "You decay the weights after the Adam step; the decay uses w from before the "
                                      "step.",
        "hard-coded-weight-decay": "You ignore `weight_decay` (your decay uses a fixed coefficient); use the "
                                   "weight_decay of each call.",
        "w-decayed-in-place": "You change `w` in place (decaying it); the function must leave its inputs unchanged "
                              "(work on a copy).",
        "forgets-betas": "Your Adam part ignores `beta1` and `beta2` (it runs with the defaults); pass the betas of "
                         "the call on.",
    },
    "q-first-order": {
        "newton-too": "Newton's method uses the Hessian, second derivatives, so it is not a first-order method.",
        "only-newton": "Newton's method is the one that uses second derivatives (the Hessian); first-order methods "
                       "use gradients only.",
        "adaptive-are-second-order": "RMSprop and Adam use only gradients: their 'second moment' is the average of "
                                     "the squared gradient, not a second derivative.",
        "forgot-adam": "Adam, like RMSprop, uses only gradients; its 'second moment' is an average of squared "
                       "gradients, not a second derivative.",
        "only-adaptive": "SGD with momentum uses only gradients too: averaging them involves no second derivatives.",
    },
    "q-bias-correction": {
        "different-minima": "Bias correction only rescales the moment estimates, mostly in the first steps; it does "
                            "not change the loss, so the minima stay the same.",
        "eps": "Bias correction has nothing to do with where eps sits; it undoes the start of m and v at zero.",
        "mini-batch-error": "Bias correction does not touch mini-batch noise; it undoes the bias of m and v towards "
                            "zero that comes from starting them at zero.",
        "two-letters": "Give one letter; and eps has nothing to do with it: the correction undoes the start of m and "
                       "v at zero.",
    },
    "quadratic-rates": {
        "gd-lr-one-over-lambda-max": "Your learning rate is 1/lam_max; the best one balances both ends, |1 - lr "
                                     "lam_min| = |1 - lr lam_max|, which gives 2 / (lam_min + lam_max).",
        "gd-rate-over-kappa": "Your rate is (kappa - 1) / kappa; at the best learning rate the error shrinks by "
                              "(kappa - 1) / (kappa + 1) per step.",
        "hb-beta-not-squared": "Your momentum equals the rate; the best beta is the square of (sqrt(kappa) - 1) / "
                               "(sqrt(kappa) + 1), and the rate is its square root.",
        "hb-with-gd-learning-rate": "You give the heavy ball gradient descent's learning rate; its best one is 4 / "
                                    "(sqrt(lam_max) + sqrt(lam_min))**2.",
        "gd-no-raise": "You raise no ValueError for impossible eigenvalues; raise unless 0 < lam_min <= lam_max.",
        "hb-accepts-swapped-eigenvalues": "You accept lam_min > lam_max; raise ValueError unless 0 < lam_min <= "
                                          "lam_max.",
    },
    "newton-step": {
        "multiply-by-hessian": "You multiply the gradient by H; Newton's step uses the inverse: solve H delta = dL_dw "
                               "(np.linalg.solve) and subtract delta.",
        "diagonal-hessian-only": "You divide by the diagonal of H only; the off-diagonal entries matter too, so solve "
                                 "the full system H delta = dL_dw.",
        "wrong-sign": "You add the Newton step; the update is w - H^{-1} dL_dw.",
        "no-shape-check": "You raise no ValueError when the shapes do not fit (broadcasting hides some mismatches); w "
                          "and dL_dw must have shape (K,) and H shape (K, K).",
        "modifies-w-in-place": "You change `w` in place; the function must leave its inputs unchanged (work on a "
                               "copy).",
    },
    "q-momentum-steps": {
        "sqrt-of-kappa-ratio": "0.5 is the large-kappa rule of thumb (sqrt(kappa) against kappa); for kappa = 4 use "
                               "the exact rates of both methods.",
        "inverted": "Your ratio is upside down: the question asks for n_mom / n, and momentum needs fewer steps.",
        "ratio-of-rates": "You divide the rates; the step counts go with their logarithms, since n ln(rate) is the "
                          "same for both methods.",
        "beta-as-rate": "You use the best momentum beta as momentum's rate; the rate per step is its square root, "
                        "(sqrt(kappa) - 1) / (sqrt(kappa) + 1).",
        "percent": "You give a percentage; the question asks for the ratio itself.",
        "string": "You assign a string; assign the number itself.",
    },
    "lr-schedules": {
        "step-without-floor": "Your step decay changes at every step; it stays constant within each block of "
                              "step_size steps, since the exponent is floor(t / step_size).",
        "step-off-by-one": "Your step decay comes one step early; the exponent is floor(t / step_size), with t = 0 "
                           "giving lr0.",
        "exponential-off-by-one": "Your rate at t = 0 is already lr0 * gamma; exponential decay gives lr0 at t = 0.",
        "cosine-off-by-one": "Your cosine is one step ahead; at t = 0 the rate must be lr0, and at t = T_max exactly "
                             "lr_min.",
        "cosine-period-minus-one": "Your cosine reaches lr_min one step early (a period of T_max - 1); it must reach "
                                   "it at t = T_max.",
        "cosine-ignores-lr-min": "You ignore `lr_min`: the cosine runs from lr0 down to lr_min, not down to 0.",
        "warmup-from-zero": "Your warm-up starts at 0 and ignores `start_factor`; at t = 0 the rate is start_factor * "
                            "lr0.",
        "warmup-never-capped": "Your rate keeps growing after warmup_steps; it stays at lr0 once t reaches "
                               "warmup_steps.",
        "warmup-ignores-start-factor": "You ignore `start_factor` (your ramp starts from a fixed fraction); use the "
                                       "start_factor of each call.",
    },
    "init-weights": {
        "kaiming-uniform-cheat-sheet-bound": "Your Kaiming-uniform bound is the cheat sheet's 2 sqrt(3)/sqrt(fan_in), "
                                             "whose variance is 4/fan_in; the bound is sqrt(3 x variance) with "
                                             "variance 2/fan_in.",
        "kaiming-uses-fan-out": "Your Kaiming variance uses fan_out; He's variance is 2 / fan_in.",
        "variance-passed-as-std": "You pass the variance where the normal distribution takes the standard deviation; "
                                  "use sqrt(variance).",
        "uniform-bound-without-3": "Your uniform bound is sqrt(variance); U(-a, a) has variance a^2 / 3, so a = "
                                   "sqrt(3 x variance).",
        "xavier-fan-in-only": "Your Xavier variance uses fan_in only; Xavier averages both fans: 2 / (fan_in + "
                              "fan_out).",
        "ignores-seed": "You draw from NumPy's global generator and ignore `seed`; draw from "
                        "np.random.default_rng(seed), so that equal seeds give equal matrices.",
        "global-seed-ignores-argument": "You ignore `seed` (the same fixed seed every time), so different seeds give "
                                        "the same matrix; draw from np.random.default_rng(seed).",
        "torch-layout-out-in": "You return shape (fan_out, fan_in), PyTorch's layout; the spec asks for (fan_in, "
                               "fan_out), for x @ W.",
    },
    "q-initial-loss": {
        "probability": "0.1 is the probability of the right class under a uniform softmax; the loss is minus its "
                       "natural log.",
        "classes": "10 is the number of classes; the loss of a uniform softmax is -ln of the probability it gives "
                   "each class.",
        "log10": "You use the base-10 logarithm; the cross-entropy uses the natural log.",
        "log2": "You use the base-2 logarithm; the cross-entropy uses the natural log.",
        "perfect-loss": "0 is the loss of a perfect classifier; with nearly equal logits each class gets probability "
                        "about 1/C.",
        "string": "You assign a string; assign the number itself.",
    },
    "clip-grad-norm": {
        "per-array-norm": "You clip each array by its own norm; clipping uses one norm over all arrays together and "
                          "scales every array by the same factor.",
        "clip-each-value": "You clip each value separately, which changes the direction; clipping by the norm scales "
                           "all arrays by min(1, max_norm / total).",
        "always-rescale": "You rescale even when the norm is below max_norm (scaling gradients up); the factor is "
                          "min(1, max_norm / total).",
        "returns-norm-after-clipping": "You return the norm after clipping; return the total norm measured before "
                                       "clipping.",
        "scales-inputs-in-place": "You change the arrays in `grads` in place; the function must leave its inputs "
                                  "unchanged (return new arrays).",
        "no-raise": "You raise no ValueError for max_norm <= 0.",
        "divides-by-zero": "With all-zero gradients you divide by a total norm of 0; add 1e-6 to the norm (or skip "
                           "the scaling), so that zero gradients come back as zeros.",
        "squared-norm": "You use the sum of squares without the square root; the norm is the square root of the sum "
                        "of g**2 over all arrays.",
    },
    "early-stopping": {
        "compares-with-previous-epoch": "You compare each loss with the previous epoch's; an epoch improves only if "
                                        "it beats the best loss so far by more than min_delta.",
        "patience-off-by-one": "You stop one epoch late: stop at the first epoch where the count of epochs without "
                               "improvement reaches `patience`.",
        "restores-last-epoch": "Your best_epoch is the stop epoch; it is the last epoch that improved (the weights "
                               "you would restore).",
        "ignores-min-delta": "You ignore `min_delta`: an epoch improves only if its loss is below best - min_delta.",
        "float-epochs": "You return floats; best_epoch and stop_epoch must be ints.",
        "empty-returns-zeros": "For an empty list of losses you return (0, 0); raise ValueError instead.",
        "ties-improve": "You count a loss equal to best - min_delta as an improvement; it must be strictly below.",
        "argmin-best-epoch": "Your best_epoch is the epoch of the smallest loss; it is the last epoch that improved "
                             "by more than min_delta, which can be an earlier one.",
    },
    "dropout": {
        "no-rescaling": "You do not rescale the kept units; inverted dropout divides them by 1 - p, so that the "
                        "expected output equals x.",
        "divides-by-p": "You divide the kept units by p; inverted dropout divides by the keep probability 1 - p.",
        "multiplies-by-p": "You multiply the kept units by p; inverted dropout divides them by the keep probability 1 "
                           "- p.",
        "drops-exactly-p": "You drop exactly a fraction p of the units; each unit is dropped independently with "
                           "probability p, so the count varies between passes.",
        "p-is-keep-probability": "You keep each unit with probability p; `p` is the drop probability (PyTorch's "
                                 "convention), so keep with probability 1 - p and divide by 1 - p.",
        "one-mask-per-feature": "You share one mask across all samples; draw an independent keep variable for every "
                                "element of x.",
        "scales-at-evaluation": "You scale by 1 - p at evaluation; with inverted dropout the evaluation output is x "
                                "itself.",
        "backward-forgets-scale": "Your backward pass applies the mask but not the factor 1 / (1 - p); the gradient "
                                  "goes through the same mask and scale as the forward pass.",
        "modifies-input-in-place": "You change `x` in place; the function must leave its inputs unchanged (work on a "
                                   "copy).",
        "unseeded-rng": "You ignore `seed`: your mask comes from an unseeded generator, so equal seeds give different "
                        "masks; draw it from np.random.default_rng(seed).",
        "global-seed-fixed": "You ignore `seed` (the same fixed seed every time), so different seeds give the same "
                             "mask; draw it from np.random.default_rng(seed).",
        "backward-modifies-dout": "You change `dout` in place; the function must leave its inputs unchanged (work on "
                                  "a copy).",
    },
    "q-dropout": {
        "exactly": "Each unit is zeroed independently, so the number zeroed varies between passes; it is 5 only on "
                   "average.",
        "non-inverted": "With inverted dropout nothing is rescaled at evaluation; multiplying by the keep probability "
                        "then belongs to the original, non-inverted dropout.",
        "kept-halved": "Inverted dropout divides the kept units by 1 - p during training; it does not multiply them "
                       "by 0.5.",
        "two-letters": "Give one letter; and with inverted dropout the outputs are not rescaled at evaluation.",
    },
    "batchnorm-forward": {
        "batch-statistics-at-evaluation": "In evaluation mode you normalise with the batch's own statistics; use the "
                                          "running mean and variance.",
        "running-variance-biased": "Your running variance averages the biased batch variance; the update uses the "
                                   "unbiased one, var * N / (N - 1).",
        "momentum-weights-old-value": "Your running averages give weight `momentum` to the old value; PyTorch's "
                                      "momentum is the weight of the new batch: (1 - m) * old + m * new.",
        "eps-outside-square-root": "You add eps to the standard deviation; it goes inside the square root, sqrt(var + "
                                   "eps).",
        "normalises-with-unbiased-variance": "You normalise with the unbiased variance; the normalisation uses the "
                                             "biased one, and only the running variance uses N / (N - 1).",
        "evaluation-updates-running-statistics": "In evaluation mode you update the running statistics; they must "
                                                 "come back unchanged.",
        "running-stats-updated-in-place": "You change `running_mean` and `running_var` in place; the function must "
                                          "leave its inputs unchanged (return new arrays).",
        "hard-coded-eps": "You ignore `eps` (a fixed value); use the eps of each call.",
        "hard-coded-momentum": "You ignore `momentum` (fixed weights in the running averages); use the momentum of "
                               "each call.",
        "no-raise-for-one-sample": "You raise no ValueError for a training batch of one sample; no variance can be "
                                   "estimated from N < 2.",
        "cache-std-without-eps": "Your cache holds sqrt(var) without eps; it must be (x_hat, gamma, std) with std = "
                                 "sqrt(var + eps).",
        "cache-in-another-format": "Your cache is not the tuple (x_hat, gamma, std) the spec fixes; return exactly "
                                   "that, with std = sqrt(var + eps) of shape (D,).",
    },
    "batchnorm-backward": {
        "statistics-treated-as-constants": "Your dx treats the mean and variance as constants; subtract the two paths "
                                           "through mu and var, which depend on every sample.",
        "mean-path-only": "Your dx includes the path through the mean but not the one through the variance (the term "
                          "with x_hat times the sum of dx_hat * x_hat).",
        "dgamma-without-x-hat": "Your dgamma is the sum of dout; gamma multiplies x_hat, so sum dout * x_hat over the "
                                "batch.",
        "dx-forgets-gamma": "Your dx forgets gamma: the gradient reaching x_hat is dout * gamma.",
        "modifies-dout-in-place": "You change `dout` in place; the function must leave its inputs unchanged (work on "
                                  "a copy).",
        "batch-size-from-feature-axis": "You take N from the feature axis; the batch size is the length of axis 0.",
    },
    "q-bn-eval": {
        "batch-statistics": "At evaluation BN does not use the current batch's statistics (one image has no "
                            "variance); it uses estimates it kept from training.",
        "recomputed": "Nothing is recomputed when eval() is called; BN uses estimates it accumulated during training.",
        "switched-off": "BN still normalises at evaluation, with statistics kept from training; it is not switched "
                        "off.",
        "two-letters": "Give one letter; and at evaluation BN does not use the current batch's statistics.",
    },
    "log-uniform": {
        "uniform-in-values": "You sample uniformly between low and high; the logarithm must be uniform: draw z "
                             "between log(low) and log(high) and return exp(z).",
        "log10-bounds-natural-exp": "You mix bases (log10 bounds with a natural exp), so values land outside [low, "
                                    "high]; use the same base for the log and the exp.",
        "ignores-seed": "You draw from NumPy's global generator and ignore `seed`; draw from "
                        "np.random.default_rng(seed).",
        "geometric-grid": "You return an evenly spaced grid; the spec asks for n random samples drawn from "
                          "np.random.default_rng(seed).",
        "accepts-equal-bounds": "You accept low == high; raise ValueError unless 0 < low < high.",
        "unseeded-rng": "You ignore `seed`: your generator is unseeded, so equal seeds give different samples; use "
                        "np.random.default_rng(seed).",
        "no-validation": "You raise no ValueError for invalid bounds; raise unless 0 < low < high.",
    },
    "q-grid": {
        "same": "A 4x4 grid tries only 4 distinct learning rates, each 4 times; random search draws a new one in "
                "every trial.",
        "both-four": "Random search draws a fresh learning rate in each of its 16 trials, so it tests 16 distinct "
                     "values.",
        "inverted": "You have them swapped: the grid repeats each of its 4 learning rates, and random search draws a "
                    "new one per trial.",
        "two-letters": "Give one letter; and a 4x4 grid tests only 4 distinct learning rates.",
    },
    "debug-training": {
        "buggy-as-given": "Your loop still behaves like the buggy script: all four bugs are still there (the hints "
                          "under the exercise lead to them one by one).",
        "left-constant-init": "Your weights still start at a constant, so all hidden units stay identical; draw "
                              "Kaiming/He normal weights from np.random.default_rng(seed).",
        "left-label-shuffling": "Your labels do not follow the shuffled inputs; take X and y with the same shuffled "
                                "indices in every batch.",
        "left-softmax-axis": "Your softmax still normalises over the batch; each sample's probabilities must sum to "
                             "one over the classes (axis 1).",
        "left-decay-per-iteration": "Your learning rate still decays after every mini-batch; decay it once per epoch, "
                                    "so that epoch e uses lr * lr_decay**e.",
        "init-std-0.01": "You initialise with standard deviation 0.01; the spec asks for Kaiming/He normal weights, "
                         "std sqrt(2 / fan_in).",
        "hard-coded-lr": "You ignore `lr` (a fixed learning rate); epoch e must use the lr passed in, times "
                         "lr_decay**e.",
        "ignores-seed": "You ignore `seed` (the generator always gets the same seed); seed np.random.default_rng with "
                        "the argument.",
        "unseeded-shuffle": "Your shuffling does not use the seeded generator, so equal seeds give different runs; "
                            "draw the order from np.random.default_rng(seed).",
        "summed-loss": "Your gradient is that of the summed loss; the cross-entropy is averaged over the samples of "
                       "the batch.",
        "decay-before-each-epoch": "Your first epoch already uses lr * lr_decay; epoch e must use lr * lr_decay**e, "
                                   "so decay after each epoch, not before.",
        "ignores-n-hidden": "You ignore `n_hidden` (a fixed width); the hidden layer must have n_hidden units.",
        "standardises-X-in-place": "You change `X` in place (standardising it); the function must leave its inputs "
                                   "unchanged (work on a copy).",
        "ignores-batch-size": "You ignore `batch_size` (a fixed size); use consecutive mini-batches of batch_size "
                              "samples.",
        "averages-over-batch-size": "You divide by batch_size; the last batch can be smaller, so average over the "
                                    "samples actually in the batch.",
        "classes-from-labels": "You take the number of classes from the labels and ignore `n_classes`; the output "
                               "layer must have n_classes units even when a class is missing from y.",
        "no-shuffle": "You visit the samples in the same order every epoch; draw a new random order each epoch from "
                      "the seeded generator.",
    },
    "q-transfer": {
        "from-scratch": "200 photos are far too few to train a whole network from scratch; reuse the pretrained "
                        "features.",
        "fine-tune-everything-fast": "Fine-tuning every layer with a large learning rate on 200 photos destroys the "
                                     "pretrained features and overfits; start with far fewer free parameters.",
        "retrain-body": "The old head belongs to the old classes; the new problem needs a new 4-class head, and "
                        "retraining the body with a large learning rate throws away what it learned.",
        "two-letters": "Give one letter; and fine-tuning every layer with a large learning rate on 200 photos is not "
                       "a sensible first try.",
    },
    "q-exam-mlp": {
        "dropout-too": "Dropout with a small p between hidden layers is a common regulariser, not always a bug.",
        "missed-learning-rate": "You miss the learning rate: Adam's steps are about lr in every coordinate, so 0.1 is "
                                "far too large.",
        "only-tanh": "The tanh is not the only problem: look at the initialisation scale and at Adam's learning rate "
                     "too.",
        "missed-tanh": "The tanh on the logits hurts too: it caps them to [-1, 1], so the softmax can never become "
                       "confident.",
        "only-dropout": "Dropout with a small p is not a bug; the real problems lie in the output layer, the "
                        "initialisation and the learning rate.",
    },
    "q-gradient-ascent": {
        "descent-step": "You step against the gradient (descent); to maximise J, gradient ascent adds lr * dJ/dtheta.",
        "sign-error-in-derivative": "Your derivative adds 3 / (1 - theta); by the chain rule the derivative of 3 ln(1 "
                                    "- theta) is -3 / (1 - theta).",
        "maximum-likelihood-estimate": "0.7 is where J is largest, not one step from 0.4; take a single step of size "
                                       "lr * dJ/dtheta.",
        "mean-log-likelihood": "You divide the derivative by 10 (a mean over the tosses); J is the sum 7 ln theta + 3 "
                               "ln(1 - theta), not its mean.",
        "the-step-only": "Your number is the step lr * dJ/dtheta alone; theta_1 is theta_0 plus that step.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-rmsprop-steps": {
        "first-step": "10 is the factor of the first step; by the 10th step s holds more of g^2, so work out s_10 for "
                      "a constant gradient.",
        "bias-corrected": "1 is what a bias-corrected method gives; RMSprop has no correction, so s_t underestimates "
                          "g^2 at first and the steps are larger than lr.",
        "no-square-root": "You divide by s_10 / g^2 itself; the step divides by the square root of s.",
        "inverted": "Your number is below 1, but the early steps are larger than the learning rate: your factor is "
                    "upside down.",
        "exponent-9": "You use alpha^9; the 10th step has t = 10, so after it s holds alpha^10 in its bias factor.",
        "two-digits": "3.2 is rounded too far; give four significant digits (or the expression itself).",
    },
    "q-reg-term": {
        "only-l2": "An L1 penalty is also a term added to the loss that makes the training set harder to fit, so it "
                   "counts in both senses too.",
        "every-regulariser": "Dropout and data augmentation add nothing to the loss, so they are regularisers only in "
                             "the second sense.",
        "with-early-stopping": "Early stopping adds no term to the loss (and, by the summary's definition, does not "
                               "make training harder either).",
        "loss-free-ones": "Dropout and augmentation add no term to the loss; the question asks for terms added to the "
                          "loss that also fight overfitting.",
        "with-dropout": "Dropout adds nothing to the loss, so it is a regulariser only in the second sense.",
        "unknown-option": "Your answer contains a letter that is not an option; choose among a, b, c, d and e.",
    },
    "spatial-dropout": {
        "element-wise": "You drop single elements; spatial dropout drops whole channels: one keep variable per "
                        "(sample, channel), shared by all its positions.",
        "one-mask-for-all-samples": "Every sample drops the same channels; draw a keep variable per (sample, "
                                    "channel), so that each sample drops its own.",
        "one-variable-per-sample": "You drop or keep whole samples; draw one keep variable per (sample, channel) "
                                   "pair.",
        "not-rescaled": "You do not rescale the kept channels; inverted dropout divides them by 1 - p.",
        "p-is-keep-probability": "You treat `p` as the keep probability; it is the drop probability, so keep each "
                                 "channel with probability 1 - p.",
        "p-one-divides-by-zero": "With p = 1 you divide by 1 - p = 0 and get nan; return all zeros for p = 1 without "
                                 "dividing.",
        "rejects-p-one": "You raise ValueError for p = 1; here p = 1 is allowed and drops every channel, giving all "
                         "zeros.",
        "ignores-train": "You ignore `train`: in evaluation mode nothing is dropped or rescaled, so return x.",
        "global-unseeded-rng": "You draw from NumPy's global generator and ignore `seed`; draw from "
                               "np.random.default_rng(seed).",
        "ignores-seed": "You ignore `seed` (the same fixed seed every time), so different seeds drop the same "
                        "channels; draw from np.random.default_rng(seed).",
        "modifies-input": "You change `x` in place; the function must leave its inputs unchanged (work on a copy).",
        "four-d-only-mask": "Your mask only fits (N, C, H, W) inputs; shape it (N, C) plus one 1 per spatial axis, so "
                            "that (N, C, L) and (N, C, D, H, W) work too.",
        "no-validation": "You raise no ValueError for p outside [0, 1].",
    },
    "normalize": {
        "eps-outside-square-root": "You add eps to the standard deviation; it goes inside the square root, sqrt(var + "
                                   "eps).",
        "unbiased-variance": "You use the unbiased variance; the normalisation uses the biased one (divide by the "
                             "number of values).",
        "statistics-over-everything": "You take one mean and variance over the whole array; take them over `axes` "
                                      "only, separately for every combination of the other indices.",
        "first-axis-only": "You use only the first entry of `axes`; take the statistics over all the listed axes "
                           "together.",
        "missing-keepdims": "Your mean and variance lose the reduced axes, so they broadcast against the wrong axes "
                            "of x (or not at all); keep them with keepdims=True.",
        "axes-read-as-kept-axes": "You take the statistics over the axes that are not listed; `axes` names the axes "
                                  "to reduce over.",
        "gamma-beta-swapped": "You swap gamma and beta: gamma scales the normalised x and beta shifts it.",
        "no-affine": "You return the normalised x without gamma and beta; scale by gamma, then shift by beta.",
        "modifies-input": "You change `x` in place; the function must leave its inputs unchanged (work on a copy).",
        "no-negative-axes": "You ignore negative entries of `axes`; they count from the end, as in NumPy (-1 is the "
                            "last axis).",
        "eps-ignored": "You ignore `eps` (a fixed value); use the eps of each call.",
    },
}
