"""Wrong and alternative correct implementations for chapter 07_derivatives.

Each WRONG variant is a mistake a learner plausibly makes and must lose points; each CORRECT
variant is a different valid solution (loops, float32, another formula) and must earn full marks.
Variants may use the names the notebook's setup cell defines (np, torch, special, stats, ...) and
the reference solutions of other exercises (softmax, softmax_jacobian, affine_backward).
"""

CHAPTER = "07_derivatives"

WRONG = {
    "numerical-jacobian": {
        "forward-differences": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    f0 = np.asarray(f(x.copy()), dtype=np.float64)
    J = np.zeros(f0.shape + x.shape)
    for j in np.ndindex(*x.shape):
        xp = x.copy()
        xp[j] += h
        J[(...,) + j] = (np.asarray(f(xp), dtype=np.float64) - f0) / h
    return J
''',
        "denominator-layout": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    out_shape = np.shape(f(x.copy()))
    J = np.zeros(x.shape + out_shape)                 # input axes first: the transposed layout
    for j in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[j] += h
        xm[j] -= h
        J[j] = (np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * h)
    return J
''',
        "float32-arithmetic": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x)                                    # keeps float32: x + h rounds
    out_shape = np.shape(f(x.copy()))
    J = np.zeros(out_shape + x.shape, dtype=x.dtype)
    for j in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[j] += h
        xm[j] -= h
        J[(...,) + j] = (np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * h)
    return J
''',
        "divides-by-h": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    out_shape = np.shape(f(x.copy()))
    J = np.zeros(out_shape + x.shape)
    for j in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[j] += h
        xm[j] -= h
        J[(...,) + j] = (np.asarray(f(xp)) - np.asarray(f(xm))) / h
    return J
''',
        "flattened-output": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    m = np.size(f(x.copy()))
    J = np.zeros((m, x.size))                          # a 2-D Jacobian whatever the shapes
    for j in range(x.size):
        e = np.zeros(x.size)
        e[j] = h
        e = e.reshape(x.shape)
        J[:, j] = (np.ravel(f(x + e)) - np.ravel(f(x - e))) / (2 * h)
    return J
''',
    },
    "affine-backward": {
        "transposed-dW": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.T, dL_dY.T @ X, dL_dY.sum(axis=0)
''',
        "bias-not-summed": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY.copy()
''',
        "bias-mean-not-sum": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY.mean(axis=0)
''',
        "missing-bias-gradient": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.T, X.T @ dL_dY, np.zeros(W.shape[1])
''',
        "dW-mean-over-batch": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.T, X.T @ dL_dY / X.shape[0], dL_dY.sum(axis=0)
''',
        "wrong-sign": '''
def affine_backward(dL_dY, X, W):
    return -(dL_dY @ W.T), -(X.T @ dL_dY), -dL_dY.sum(axis=0)
''',
        "dX-without-transpose": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.reshape(W.shape[1], W.shape[0]), X.T @ dL_dY, dL_dY.sum(axis=0)
''',
    },
    "affine-jacobians": {
        "denominator-layout": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.einsum("ap,dm->pdam", np.eye(N), W)       # (N, D, N, M): input axes first
    J_W = np.einsum("ad,mq->dqam", X, np.eye(M))       # (D, M, N, M)
    J_b = np.broadcast_to(np.eye(M), (N, M, M)).transpose(2, 0, 1).copy()
    return J_X, J_W, J_b
''',
        "no-batch-delta": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.broadcast_to(W.T[None, :, None, :], (N, M, N, D)).copy()   # every row depends on every row
    J_W = np.einsum("ad,mq->amdq", X, np.eye(M))
    J_b = np.broadcast_to(np.eye(M), (N, M, M)).copy()
    return J_X, J_W, J_b
''',
        "bias-jacobian-all-ones": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.einsum("ap,dm->ampd", np.eye(N), W)
    J_W = np.einsum("ad,mq->amdq", X, np.eye(M))
    return J_X, J_W, np.ones((N, M, M))
''',
        "W-indices-swapped": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.zeros((N, M, N, D))
    J_W = np.zeros((N, M, D, M))
    for n in range(N):
        for m in range(M):
            for d in range(D):
                J_X[n, m, n, d] = W.T.reshape(D, M)[d, m]   # W transposed, squeezed back into W's shape
                J_W[n, m, d, m] = X[n, d]
    J_b = np.broadcast_to(np.eye(M), (N, M, M)).copy()
    return J_X, J_W, J_b
''',
    },
    "square-net": {
        "loss-sums-Y-as-in-the-seed": '''
def square_net(X, W):
    Y = X @ W
    L = Y.sum()                                        # the seed's typo: sum of y instead of sum of f
    dL_dF = np.ones_like(Y)
    dL_dY = np.ones_like(Y)
    return L, dL_dF, dL_dY, dL_dY @ W.T, X.T @ dL_dY
''',
        "forgot-Y-in-derivative": '''
def square_net(X, W):
    Y = X @ W
    F = Y ** 2
    dL_dF = np.ones_like(F)
    dL_dY = 2 * dL_dF
    return F.sum(), dL_dF, dL_dY, dL_dY @ W.T, X.T @ dL_dY
''',
        "dW-without-transpose": '''
def square_net(X, W):
    Y = X @ W
    F = Y ** 2
    dL_dF = np.ones_like(F)
    dL_dY = dL_dF * 2 * Y
    return F.sum(), dL_dF, dL_dY, dL_dY @ W.T, X.reshape(X.shape[1], X.shape[0]) @ dL_dY   # reshape is no transpose
''',
        "dX-without-transpose": '''
def square_net(X, W):
    Y = X @ W
    F = Y ** 2
    dL_dF = np.ones_like(F)
    dL_dY = dL_dF * 2 * Y
    dL_dX = dL_dY @ W.reshape(W.shape[1], W.shape[0])
    return F.sum(), dL_dF, dL_dY, dL_dX, X.T @ dL_dY
''',
        "dL_dF-is-2Y": '''
def square_net(X, W):
    Y = X @ W
    F = Y ** 2
    dL_dF = 2 * Y
    dL_dY = dL_dF
    return F.sum(), dL_dF, dL_dY, dL_dY @ W.T, X.T @ dL_dY
''',
    },
    "sigmoid-jacobian": {
        "vector-not-matrix": '''
def sigmoid_jacobian(y):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("vector expected")
    s = 1 / (1 + np.exp(-y))
    return s * (1 - s)
''',
        "outer-product": '''
def sigmoid_jacobian(y):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("vector expected")
    s = 1 / (1 + np.exp(-y))
    return np.outer(s, 1 - s)
''',
        "sigma-only": '''
def sigmoid_jacobian(y):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("vector expected")
    return np.diag(1 / (1 + np.exp(-y)))
''',
        "no-ValueError": '''
def sigmoid_jacobian(y):
    s = 1 / (1 + np.exp(-np.ravel(y)))
    return np.diag(s * (1 - s))
''',
    },
    "sigmoid-backward": {
        "forgot-upstream": '''
def sigmoid_backward(dL_dS, Y):
    S = 1 / (1 + np.exp(-Y))
    return S * (1 - S)
''',
        "sigma-only": '''
def sigmoid_backward(dL_dS, Y):
    return dL_dS / (1 + np.exp(-Y))
''',
        "formula-on-the-input": '''
def sigmoid_backward(dL_dS, Y):
    return dL_dS * Y * (1 - Y)                         # sigma(1 - sigma) evaluated at Y instead of sigma(Y)
''',
        "sum-over-batch": '''
def sigmoid_backward(dL_dS, Y):
    S = 1 / (1 + np.exp(-Y))
    return np.sum(dL_dS * S * (1 - S), axis=0)
''',
        "modifies-input": '''
def sigmoid_backward(dL_dS, Y):
    np.negative(Y, out=Y)
    S = 1 / (1 + np.exp(Y))
    dL_dS *= S * (1 - S)
    return dL_dS
''',
    },
    "softmax": {
        "no-max-shift": '''
def softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=-1, keepdims=True)
''',
        "global-max-shift": '''
def softmax(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(axis=-1, keepdims=True)
''',
        "wrong-axis": '''
def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)
''',
        "in-place-shift": '''
def softmax(Z):
    Z -= Z.max(axis=-1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=-1, keepdims=True)
''',
        "shift-by-mean": '''
def softmax(Z):
    E = np.exp(Z - Z.mean(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)
''',
    },
    "softmax-jacobian": {
        "missing-diagonal": '''
def softmax_jacobian(z):
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("vector expected")
    s = softmax(z)
    return -np.outer(s, s)
''',
        "diagonal-only": '''
def softmax_jacobian(z):
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("vector expected")
    s = softmax(z)
    return np.diag(s * (1 - s))
''',
        "no-max-shift": '''
def softmax_jacobian(z):
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("vector expected")
    e = np.exp(z)
    s = e / e.sum()
    return np.diag(s) - np.outer(s, s)
''',
        "plus-sign": '''
def softmax_jacobian(z):
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("vector expected")
    s = softmax(z)
    return np.diag(s) + np.outer(s, s)
''',
        "no-ValueError": '''
def softmax_jacobian(z):
    s = softmax(np.ravel(z))
    return np.diag(s) - np.outer(s, s)
''',
    },
    "softmax-backward": {
        "diagonal-only": '''
def softmax_backward(dL_dS, Z):
    S = softmax(Z)
    return dL_dS * S * (1 - S)
''',
        "sum-over-wrong-axis": '''
def softmax_backward(dL_dS, Z):
    S = softmax(Z)
    return S * (dL_dS - np.sum(dL_dS * S, axis=0, keepdims=True))
''',
        "forgot-S-factor": '''
def softmax_backward(dL_dS, Z):
    S = softmax(Z)
    return dL_dS - np.sum(dL_dS * S, axis=-1, keepdims=True)
''',
        "no-max-shift": '''
def softmax_backward(dL_dS, Z):
    E = np.exp(Z)
    S = E / E.sum(axis=-1, keepdims=True)
    return S * (dL_dS - np.sum(dL_dS * S, axis=-1, keepdims=True))
''',
        "wrong-sign": '''
def softmax_backward(dL_dS, Z):
    S = softmax(Z)
    return S * (np.sum(dL_dS * S, axis=-1, keepdims=True) - dL_dS)
''',
    },
    "composition-jacobian": {
        "reversed-order": '''
def composition_jacobian(x, W):
    h = np.tanh(x)
    return np.diag(1 - h ** 2) @ W @ softmax_jacobian(h @ W)     # (D, C): the transposed layout
''',
        "W-not-transposed": '''
def composition_jacobian(x, W):
    h = np.tanh(x)
    J = softmax_jacobian(h @ W)
    return J @ W.reshape(W.shape[1], W.shape[0]) @ np.diag(1 - h ** 2)
''',
        "missing-tanh-derivative": '''
def composition_jacobian(x, W):
    h = np.tanh(x)
    return softmax_jacobian(h @ W) @ W.T
''',
        "softmax-diagonal-only": '''
def composition_jacobian(x, W):
    h = np.tanh(x)
    s = softmax(h @ W)
    return np.diag(s * (1 - s)) @ W.T @ np.diag(1 - h ** 2)
''',
        "tanh-derivative-wrong": '''
def composition_jacobian(x, W):
    h = np.tanh(x)
    return softmax_jacobian(h @ W) @ W.T @ np.diag(1 - h)
''',
    },
    "logit-normal-pdf": {
        "missing-jacobian-factor": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    p = np.zeros_like(y)
    m = (y > 0) & (y < 1)
    x = np.log(y[m] / (1 - y[m]))
    p[m] = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    return p
''',
        "sigmoid-derivative-instead-of-inverse": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    p = np.zeros_like(y)
    m = (y > 0) & (y < 1)
    t = y[m]
    x = np.log(t / (1 - t))
    p[m] = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi)) * t * (1 - t)
    return p
''',
        "missing-1-over-sigma": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    p = np.zeros_like(y)
    m = (y > 0) & (y < 1)
    t = y[m]
    x = np.log(t / (1 - t))
    p[m] = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (np.sqrt(2 * np.pi) * t * (1 - t))
    return p
''',
        "sigma-not-squared-in-exponent": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    p = np.zeros_like(y)
    m = (y > 0) & (y < 1)
    t = y[m]
    x = np.log(t / (1 - t))
    p[m] = np.exp(-(x - mu) ** 2 / (2 * sigma)) / (sigma * np.sqrt(2 * np.pi) * t * (1 - t))
    return p
''',
        "flipped-logit": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    p = np.zeros_like(y)
    m = (y > 0) & (y < 1)
    t = y[m]
    x = np.log((1 - t) / t)
    p[m] = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi) * t * (1 - t))
    return p
''',
        "nan-at-the-ends": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(all="ignore"):
        x = np.log(y) - np.log(1 - y)
        p = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi) * y * (1 - y))
    return p
''',
        "no-ValueError": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    y = np.asarray(y, dtype=np.float64)
    p = np.zeros_like(y)
    m = (y > 0) & (y < 1)
    t = y[m]
    x = np.log(t / (1 - t))
    p[m] = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (abs(sigma) * np.sqrt(2 * np.pi) * t * (1 - t))
    return p
''',
    },
    "q-layout": {
        "numerator": 'q_layout = "a"',
        "flattened": 'q_layout = "c"',
    },
    "q-shape-dw": {
        "gradient-for-both": 'q_shape_dw = "a"',
        "denominator": 'q_shape_dw = "c"',
        "gradient-like-Y": 'q_shape_dw = "d"',
    },
    "q-jacobian-entries": {
        "non-zeros-only": "q_jacobian_entries = 64 * 1024",
        "one-example": "q_jacobian_entries = 1024 ** 2",
        "batch-once": "q_jacobian_entries = 64 * 1024 ** 2",
    },
    "q-modes": {
        "swapped": 'q_modes = "c"',
        "one-each": 'q_modes = "a"',
    },
}

CORRECT = {
    "numerical-jacobian": {
        "flat-loop": '''
def numerical_jacobian(f, x, h=1e-6):
    x64 = np.array(x, dtype=np.float64)
    flat = x64.ravel()
    out_shape = np.shape(f(x64.copy()))
    columns = []
    for j in range(flat.size):
        e = np.zeros(flat.size)
        e[j] = h
        fp = np.asarray(f((flat + e).reshape(x64.shape)), dtype=np.float64)
        fm = np.asarray(f((flat - e).reshape(x64.shape)), dtype=np.float64)
        columns.append(((fp - fm) / (2 * h)).ravel())
    J = np.stack(columns, axis=-1) if columns else np.zeros((int(np.prod(out_shape)), 0))
    return J.reshape(out_shape + x64.shape)
''',
        "perturb-and-restore": '''
def numerical_jacobian(f, x, h=1e-6):
    xw = np.array(x, dtype=np.float64, copy=True)       # a private copy, perturbed in place
    out_shape = np.shape(f(xw.copy()))
    J = np.empty(out_shape + xw.shape)
    for j in np.ndindex(*xw.shape):
        old = xw[j]
        xw[j] = old + h
        fp = np.array(f(xw), dtype=np.float64)
        xw[j] = old - h
        fm = np.array(f(xw), dtype=np.float64)
        xw[j] = old
        J[(Ellipsis,) + j] = (fp - fm) / (2 * h)
    return J
''',
    },
    "affine-backward": {
        "loops": '''
def affine_backward(dL_dY, X, W):
    N, D = X.shape
    M = W.shape[1]
    dL_dX = np.zeros((N, D))
    dL_dW = np.zeros((D, M))
    dL_db = np.zeros(M)
    for n in range(N):
        for m in range(M):
            g = dL_dY[n, m]
            dL_db[m] += g
            for d in range(D):
                dL_dX[n, d] += g * W[d, m]
                dL_dW[d, m] += g * X[n, d]
    return dL_dX, dL_dW, dL_db
''',
        "float32": '''
def affine_backward(dL_dY, X, W):
    dL_dY, X, W = (np.asarray(a, dtype=np.float32) for a in (dL_dY, X, W))
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY.sum(axis=0)
''',
        "einsum-and-ones": '''
def affine_backward(dL_dY, X, W):
    ones = np.ones(X.shape[0])
    return np.einsum("nm,dm->nd", dL_dY, W), np.einsum("nd,nm->dm", X, dL_dY), ones @ dL_dY
''',
    },
    "affine-jacobians": {
        "loops": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.zeros((N, M, N, D))
    J_W = np.zeros((N, M, D, M))
    J_b = np.zeros((N, M, M))
    for n in range(N):
        for m in range(M):
            J_b[n, m, m] = 1.0
            for d in range(D):
                J_X[n, m, n, d] = W[d, m]
                J_W[n, m, d, m] = X[n, d]
    return J_X, J_W, J_b
''',
        "broadcasting-float32": '''
def affine_jacobians(X, W):
    X, W = np.asarray(X, dtype=np.float32), np.asarray(W, dtype=np.float32)
    N, D = X.shape
    M = W.shape[1]
    eN, eM = np.eye(N, dtype=np.float32), np.eye(M, dtype=np.float32)
    J_X = eN[:, None, :, None] * W.T[None, :, None, :]       # (N, M, N, D)
    J_W = X[:, None, :, None] * eM[None, :, None, :]         # (N, M, D, M)
    J_b = np.tile(eM, (N, 1, 1))                             # (N, M, M)
    return J_X, J_W, J_b
''',
    },
    "square-net": {
        "uses-affine-backward": '''
def square_net(X, W):
    Y = X @ W
    F = Y * Y
    dL_dF = np.ones(F.shape)
    dL_dY = 2 * Y * dL_dF
    dL_dX, dL_dW, _ = affine_backward(dL_dY, X, W)
    return float(F.sum()), dL_dF, dL_dY, dL_dX, dL_dW
''',
        "float32-einsum": '''
def square_net(X, W):
    X, W = np.asarray(X, dtype=np.float32), np.asarray(W, dtype=np.float32)
    Y = np.einsum("nd,dm->nm", X, W)
    dL_dF = np.ones_like(Y)
    dL_dY = 2 * Y
    return np.sum(Y ** 2), dL_dF, dL_dY, np.einsum("nm,dm->nd", dL_dY, W), np.einsum("nd,nm->dm", X, dL_dY)
''',
    },
    "sigmoid-jacobian": {
        "loops-float32": '''
def sigmoid_jacobian(y):
    y = np.asarray(y, dtype=np.float32)
    if y.ndim != 1:
        raise ValueError("sigmoid_jacobian needs a vector")
    n = y.shape[0]
    J = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        s = 1 / (1 + np.exp(-y[i]))
        J[i, i] = s * (1 - s)
    return J
''',
        "tanh-identity": '''
def sigmoid_jacobian(y):
    if np.ndim(y) != 1:
        raise ValueError("sigmoid_jacobian needs a vector")
    return np.diag((1 - np.tanh(np.asarray(y) / 2) ** 2) / 4)
''',
    },
    "sigmoid-backward": {
        "expit": '''
def sigmoid_backward(dL_dS, Y):
    S = special.expit(Y)
    return dL_dS * S * (1 - S)
''',
        "float32-tanh-identity": '''
def sigmoid_backward(dL_dS, Y):
    Y32 = np.asarray(Y, dtype=np.float32)
    return np.asarray(dL_dS, dtype=np.float32) * (1 - np.tanh(Y32 / 2) ** 2) / 4
''',
    },
    "softmax": {
        "logsumexp": '''
def softmax(Z):
    return np.exp(Z - special.logsumexp(Z, axis=-1, keepdims=True))
''',
        "row-loops-float32": '''
def softmax(Z):
    Z = np.asarray(Z, dtype=np.float32)
    flat = Z.reshape(-1, Z.shape[-1])                  # (rows, C)
    out = np.empty_like(flat)
    for r in range(flat.shape[0]):
        e = np.exp(flat[r] - flat[r].max())
        out[r] = e / e.sum()
    return out.reshape(Z.shape)
''',
    },
    "softmax-jacobian": {
        "loops": '''
def softmax_jacobian(z):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1:
        raise ValueError("softmax_jacobian needs a vector")
    e = np.exp(z - z.max())
    s = e / e.sum()
    C = z.shape[0]
    J = np.empty((C, C))
    for i in range(C):
        for j in range(C):
            J[i, j] = s[i] * ((1.0 if i == j else 0.0) - s[j])
    return J
''',
        "float32-broadcast": '''
def softmax_jacobian(z):
    z = np.asarray(z, dtype=np.float32)
    if z.ndim != 1:
        raise ValueError("softmax_jacobian needs a vector")
    s = np.exp(z - special.logsumexp(z))
    return s[:, None] * (np.eye(z.size, dtype=np.float32) - s[None, :])
''',
    },
    "softmax-backward": {
        "jacobian-per-row": '''
def softmax_backward(dL_dS, Z):
    Z = np.asarray(Z)
    G = np.asarray(dL_dS).reshape(-1, Z.shape[-1])
    rows = Z.reshape(-1, Z.shape[-1])
    out = np.stack([G[r] @ softmax_jacobian(rows[r]) for r in range(rows.shape[0])])
    return out.reshape(Z.shape)
''',
        "float32-einsum": '''
def softmax_backward(dL_dS, Z):
    Z = np.asarray(Z, dtype=np.float32)
    G = np.asarray(dL_dS, dtype=np.float32)
    S = np.exp(Z - special.logsumexp(Z, axis=-1, keepdims=True)).astype(np.float32)
    return S * G - S * np.einsum("...c,...c->...", G, S)[..., None]
''',
    },
    "composition-jacobian": {
        "vjp-per-output": '''
def composition_jacobian(x, W):
    h = np.tanh(x)
    s = softmax(h @ W)
    rows = []
    for c in range(W.shape[1]):                 # row c = e_c^T J, by reverse mode through the 3 layers
        g = np.zeros(W.shape[1])
        g[c] = 1.0
        dz = s * (g - g @ s)
        dh = dz @ W.T
        rows.append(dh * (1 - h ** 2))
    return np.array(rows)
''',
        "float32-einsum": '''
def composition_jacobian(x, W):
    x, W = np.asarray(x, dtype=np.float32), np.asarray(W, dtype=np.float32)
    h = np.tanh(x)
    z = h @ W
    s = np.exp(z - z.max())
    s = s / s.sum()
    J_s = np.diag(s) - np.outer(s, s)
    return np.einsum("ck,dk,d->cd", J_s, W, 1 - h ** 2)
''',
    },
    "logit-normal-pdf": {
        "float32": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError(f"sigma must be positive, got {sigma}")
    y = np.asarray(y, dtype=np.float32)
    p = np.zeros_like(y)
    inside = (y > 0) & (y < 1)
    t = y[inside]
    x = np.log(t) - np.log1p(-t)
    p[inside] = np.exp(-0.5 * ((x - np.float32(mu)) / np.float32(sigma)) ** 2) / (np.float32(sigma * np.sqrt(2 * np.pi)) * t * (1 - t))
    return p
''',
        "scipy-stats": '''
from scipy import stats


def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if not sigma > 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)
    inside = (y > 0) & (y < 1)
    t = np.where(inside, y, 0.5)                       # a harmless stand-in outside (0, 1)
    p = stats.norm.pdf(special.logit(t), loc=mu, scale=sigma) / (t * (1 - t))
    return np.where(inside, p, 0.0)
''',
        "log-space-float32": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float32)
    out = np.zeros(y.shape, dtype=np.float32)
    for idx in np.ndindex(*y.shape):
        t = float(y[idx])
        if 0.0 < t < 1.0:
            x = np.log(t) - np.log1p(-t)
            log_p = -0.5 * ((x - mu) / sigma) ** 2 - np.log(sigma) - 0.5 * np.log(2 * np.pi) - np.log(t) - np.log1p(-t)
            out[idx] = np.exp(log_p)
    return out
''',
    },
}
