"""Wrong and alternative correct implementations for chapter 07_derivatives.

Each WRONG variant is a mistake a learner plausibly makes and must lose points; each CORRECT
variant is a different valid solution (loops, float32, another formula) and must earn full marks.
Variants may use the names the notebook's setup cell defines (np, torch, special, stats, ...) and
the reference solutions of other exercises (softmax, softmax_jacobian, affine_backward, topological_order), and
the engine's locked ops table OPS.
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
        "ignores-h": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    step = 1e-6                                        # the argument h is never used
    out_shape = np.shape(f(x.copy()))
    J = np.zeros(out_shape + x.shape)
    for j in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[j] += step
        xm[j] -= step
        J[(...,) + j] = (np.asarray(f(xp), dtype=np.float64) - np.asarray(f(xm), dtype=np.float64)) / (2 * step)
    return J
''',
        "perturbs-x-in-place": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.asarray(x, dtype=np.float64)                # no copy for a float64 x: the caller's array
    out_shape = np.shape(f(x.copy()))
    J = np.zeros(out_shape + x.shape)
    for j in np.ndindex(*x.shape):
        x[j] += h
        fp = np.array(f(x.copy()), dtype=np.float64)
        x[j] -= 2 * h
        fm = np.array(f(x.copy()), dtype=np.float64)
        J[(...,) + j] = (fp - fm) / (2 * h)            # and x[j] is never put back
    return J
''',
        "returns-x-dtype": '''
def numerical_jacobian(f, x, h=1e-6):
    x0 = np.asarray(x)
    x64 = np.array(x0, dtype=np.float64)
    out_shape = np.shape(f(x64.copy()))
    J = np.zeros(out_shape + x64.shape)
    for j in np.ndindex(*x64.shape):
        xp, xm = x64.copy(), x64.copy()
        xp[j] += h
        xm[j] -= h
        J[(...,) + j] = (np.asarray(f(xp), dtype=np.float64) - np.asarray(f(xm), dtype=np.float64)) / (2 * h)
    return J.astype(x0.dtype)                          # float32 for a float32 x; the spec says float64
''',
        "len-loop-vectors-only": '''
def numerical_jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64).reshape(-1)      # CS231n-style: treat x as a flat vector
    cols = []
    for i in range(len(x)):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        cols.append((np.asarray(f(xp), dtype=np.float64) - np.asarray(f(xm), dtype=np.float64)) / (2 * h))
    return np.stack(cols, axis=-1)                     # (out..., n): wrong for matrix inputs
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
        "upcasts-float32": '''
def affine_backward(dL_dY, X, W):
    dL_dY, X, W = (np.asarray(a, dtype=np.float64) for a in (dL_dY, X, W))   # float32 in, float64 out
    return dL_dY @ W.T, X.T @ dL_dY, dL_dY.sum(axis=0)
''',
        "zeroes-upstream-gradient": '''
def affine_backward(dL_dY, X, W):
    dL_dX = dL_dY @ W.T
    dL_dW = X.T @ dL_dY
    dL_db = dL_dY.sum(axis=0)
    dL_dY[...] = 0                                     # "consumes" the caller's gradient
    return dL_dX, dL_dW, dL_db
''',
        "returns-two-gradients": '''
def affine_backward(dL_dY, X, W):
    return dL_dY @ W.T, X.T @ dL_dY                    # forgot the bias gradient
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
        "rounds-X-in-place": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.einsum("ap,dm->ampd", np.eye(N), W)
    J_W = np.einsum("ad,mq->amdq", X, np.eye(M))
    J_b = np.broadcast_to(np.eye(M), (N, M, M)).copy()
    np.round(X, 3, out=X)                              # tidies the caller's X for printing
    return J_X, J_W, J_b
''',
        "dense-W-block-for-every-pair": '''
def affine_jacobians(X, W):
    N, D = X.shape
    M = W.shape[1]
    J_X = np.einsum("ap,dm->ampd", np.ones((N, N)), W)  # forgot delta(n, n2): every row depends on every row
    J_W = np.einsum("ad,mq->amdq", X, np.eye(M))
    J_b = np.broadcast_to(np.eye(M), (N, M, M)).copy()
    return J_X, J_W, J_b
''',
    },
    "flat-affine-backward": {
        "returns-flat-dX": '''
def flat_affine_backward(dL_dY, X, W):
    X_flat = X.reshape(X.shape[0], -1)
    return dL_dY @ W.T, X_flat.T @ dL_dY, dL_dY.sum(axis=0)      # dL_dX left as (N, D)
''',
        "channels-last-flattening": '''
def flat_affine_backward(dL_dY, X, W):
    N = X.shape[0]
    Xt = np.moveaxis(X, 1, -1) if X.ndim > 2 else X              # (N, H, W, C): channels last, not row-major
    dXt = (dL_dY @ W.T).reshape(Xt.shape)
    dX = np.moveaxis(dXt, -1, 1) if X.ndim > 2 else dXt
    return dX, Xt.reshape(N, -1).T @ dL_dY, dL_dY.sum(axis=0)
''',
        "fortran-order": '''
def flat_affine_backward(dL_dY, X, W):
    X_flat = X.reshape(X.shape[0], -1, order="F")                # column-major: the first image axis varies fastest
    dX = (dL_dY @ W.T).reshape(X.shape, order="F")
    return dX, X_flat.T @ dL_dY, dL_dY.sum(axis=0)
''',
        "reshape-D-by-N-then-transpose": '''
def flat_affine_backward(dL_dY, X, W):
    N, D = X.shape[0], W.shape[0]
    X_flat = X.reshape(D, N).T                                   # (N, D) by shape, but mixes the examples
    dX = (dL_dY @ W.T).T.reshape(X.shape)
    return dX, X_flat.T @ dL_dY, dL_dY.sum(axis=0)
''',
        "dW-transposed": '''
def flat_affine_backward(dL_dY, X, W):
    X_flat = X.reshape(X.shape[0], -1)
    return (dL_dY @ W.T).reshape(X.shape), dL_dY.T @ X_flat, dL_dY.sum(axis=0)
''',
        "flattens-X-in-place": '''
def flat_affine_backward(dL_dY, X, W):
    shape = X.shape
    X.shape = (shape[0], -1)                                     # flattens the caller's array too
    return (dL_dY @ W.T).reshape(shape), X.T @ dL_dY, dL_dY.sum(axis=0)
''',
        "upcasts-float32": '''
def flat_affine_backward(dL_dY, X, W):
    dL_dY, X, W = (np.asarray(a, dtype=np.float64) for a in (dL_dY, X, W))
    X_flat = X.reshape(X.shape[0], -1)
    return (dL_dY @ W.T).reshape(X.shape), X_flat.T @ dL_dY, dL_dY.sum(axis=0)
''',
        "bias-mean-over-batch": '''
def flat_affine_backward(dL_dY, X, W):
    X_flat = X.reshape(X.shape[0], -1)
    return (dL_dY @ W.T).reshape(X.shape), X_flat.T @ dL_dY, dL_dY.mean(axis=0)
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
        "dL_dX-written-into-X": '''
def square_net(X, W):
    Y = X @ W
    F = Y ** 2
    dL_dF = np.ones_like(F)
    dL_dY = 2 * Y * dL_dF
    dL_dW = X.T @ dL_dY
    X[...] = dL_dY @ W.T                               # reuses X's memory for dL_dX
    return F.sum(), dL_dF, dL_dY, X, dL_dW
''',
        "returns-four-values": '''
def square_net(X, W):
    Y = X @ W
    dL_dY = 2 * Y
    return (Y ** 2).sum(), dL_dY, dL_dY @ W.T, X.T @ dL_dY   # dL_dF left out
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
        "negates-y-in-place": '''
def sigmoid_jacobian(y):
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError("vector expected")
    np.negative(y, out=y)                              # the caller's y
    s = 1 / (1 + np.exp(y))
    return np.diag(s * (1 - s))
''',
        "squeezes-first": '''
def sigmoid_jacobian(y):
    y = np.squeeze(np.asarray(y))                      # a (1, n) row is accepted as a vector
    if y.ndim > 1:
        raise ValueError("vector expected")
    s = 1 / (1 + np.exp(-np.atleast_1d(y)))
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
        "upcasts-float32": '''
def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)                # float32 logits come back as float64
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)
''',
        "sum-without-keepdims": '''
def softmax(Z):
    E = np.exp(Z - np.max(Z, axis=-1, keepdims=True))
    return (E.T / np.sum(E, axis=-1)).T                # right for 1-D and 2-D, wrong for a 3-D batch
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
        "shifts-z-in-place": '''
def softmax_jacobian(z):
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("vector expected")
    z -= z.max()                                       # the caller's z
    e = np.exp(z)
    s = e / e.sum()
    return np.diag(s) - np.outer(s, s)
''',
        "squeezes-first": '''
def softmax_jacobian(z):
    z = np.squeeze(np.asarray(z))
    if z.ndim != 1:
        raise ValueError("vector expected")
    s = softmax(z)
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
        "subtracts-in-place": '''
def softmax_backward(dL_dS, Z):
    S = softmax(Z)
    dL_dS -= np.sum(dL_dS * S, axis=-1, keepdims=True)   # the caller's upstream gradient
    return S * dL_dS
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
        "tanh-in-place": '''
def composition_jacobian(x, W):
    h = np.tanh(x, out=x)                              # overwrites the caller's x
    return softmax_jacobian(h @ W) @ W.T @ np.diag(1 - h ** 2)
''',
    },
    "layernorm-jacobian": {
        "unbiased-variance": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    s = np.sqrt(np.var(x, ddof=1) + eps)                # divides by D - 1
    x_hat = (x - x.mean()) / s
    J = (np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D) / s
    return J if gamma is None else gamma[:, None] * J
''',
        "mean-as-constant": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    s = np.sqrt(np.var(x) + eps)
    x_hat = (x - x.mean()) / s
    J = (np.eye(D) - np.outer(x_hat, x_hat) / D) / s     # the path through the mean is missing
    return J if gamma is None else gamma[:, None] * J
''',
        "std-as-constant": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    s = np.sqrt(np.var(x) + eps)
    J = (np.eye(D) - 1.0 / D) / s                       # treats s as a constant
    return J if gamma is None else gamma[:, None] * J
''',
        "gamma-on-columns": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    s = np.sqrt(np.var(x) + eps)
    x_hat = (x - x.mean()) / s
    J = (np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D) / s
    return J if gamma is None else J * gamma[None, :]   # scales the inputs (columns), not the outputs
''',
        "eps-outside-root": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    std = np.std(x)
    s = std + eps                                       # (x - mu) / (sigma + eps), as the exam sheet writes
    x_hat = (x - x.mean()) / s
    # d s / d x_j = x_hat_j * s / (D * std) here; written out as the student derived it
    J = (np.eye(D) - 1.0 / D) / s - np.outer(x_hat, (x - x.mean()) / std) / (D * s)
    return J if gamma is None else gamma[:, None] * J
''',
        "ignores-eps": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    s = np.std(x)                                       # eps never used
    x_hat = (x - x.mean()) / s
    J = (np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D) / s
    return J if gamma is None else gamma[:, None] * J
''',
        "ignores-gamma": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    s = np.sqrt(np.var(x) + eps)
    x_hat = (x - x.mean()) / s
    return (np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D) / s
''',
        "missing-1-over-s": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    x_hat = (x - x.mean()) / np.sqrt(np.var(x) + eps)
    J = np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D
    return J if gamma is None else gamma[:, None] * J
''',
        "no-ValueError": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.ravel(x)                                     # quietly flattens a matrix
    D = x.shape[0]
    s = np.sqrt(np.var(x) + eps)
    x_hat = (x - x.mean()) / s
    J = (np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D) / s
    return J if gamma is None else gamma[:, None] * J
''',
        "centres-x-in-place": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    if np.ndim(x) != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    x -= x.mean()                                       # centres the caller's x
    s = np.sqrt(np.mean(x ** 2) + eps)
    x_hat = x / s
    J = (np.eye(D) - 1.0 / D - np.outer(x_hat, x_hat) / D) / s
    return J if gamma is None else gamma[:, None] * J
''',
    },
    "topological-order": {
        "no-visited-set": '''
def topological_order(parents, output):
    order = []

    def visit(name):
        for p in parents.get(name, []):
            visit(p)
        order.append(name)                              # a node reached along two paths is listed twice

    visit(output)
    return order
''',
        "pre-order": '''
def topological_order(parents, output):
    order, visited = [], set()

    def visit(name):
        if name in visited:
            return
        visited.add(name)
        order.append(name)                              # before its parents
        for p in parents.get(name, []):
            visit(p)

    visit(output)
    return order
''',
        "reversed-breadth-first": '''
def topological_order(parents, output):
    from collections import deque
    order, seen, queue = [], {output}, deque([output])
    while queue:
        name = queue.popleft()
        order.append(name)
        for p in parents.get(name, []):
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return order[::-1]                                  # levels reversed: not enough when paths differ in length
''',
        "every-node-in-the-dict": '''
def topological_order(parents, output):
    nodes = set(parents) | {p for ps in parents.values() for p in ps} | {output}
    order, visited = [], set()

    def visit(name):
        if name in visited:
            return
        visited.add(name)
        for p in parents.get(name, []):
            visit(p)
        order.append(name)

    for name in sorted(nodes):                          # also the nodes output does not depend on
        visit(name)
    order.remove(output)
    return order + [output]
''',
        "keyerror-for-leaves": '''
def topological_order(parents, output):
    order, visited = [], set()

    def visit(name):
        if name in visited:
            return
        visited.add(name)
        for p in parents[name]:                         # a leaf is not a key: KeyError
            visit(p)
        order.append(name)

    visit(output)
    return order
''',
        "trusts-the-dict-order": '''
def topological_order(parents, output):
    needed, stack = set(), [output]
    while stack:
        n = stack.pop()
        if n not in needed:
            needed.add(n)
            stack.extend(parents.get(n, []))
    leaves = [p for ps in parents.values() for p in ps if p not in parents]
    in_dict_order = list(dict.fromkeys(leaves + list(parents) + [output]))   # right only if the dict was recorded in order
    return [n for n in in_dict_order if n in needed]
''',
        "adds-leaves-to-parents": '''
def topological_order(parents, output):
    order, visited = [], set()

    def visit(name):
        if name in visited:
            return
        visited.add(name)
        for p in parents.setdefault(name, []):          # adds every leaf to the caller's dict
            visit(p)
        order.append(name)

    visit(output)
    return order
''',
    },
    "backprop": {
        "forward-order": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {output: np.ones_like(values[output])}
    for name in order:                                  # from the leaves: gradients are used before they are complete
        if name not in graph:
            continue
        op, parents = graph[name]
        g = grads.get(name, np.zeros_like(values[name]))
        for p, gp in zip(parents, OPS[op][1](g, values[name], *(values[q] for q in parents))):
            grads[p] = grads[p] + gp if p in grads else gp
    return grads
''',
        "overwrites-instead-of-adding": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {output: np.ones_like(values[output])}
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        for p, gp in zip(parents, OPS[op][1](grads[name], values[name], *(values[q] for q in parents))):
            grads[p] = gp                               # the last use wins; earlier contributions are lost
    return grads
''',
        "no-seed": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {n: np.zeros_like(values[n]) for n in order}    # dL/dL left at 0
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        for p, gp in zip(parents, OPS[op][1](grads[name], values[name], *(values[q] for q in parents))):
            grads[p] = grads[p] + gp
    return grads
''',
        "seed-is-the-loss-value": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {output: np.array(values[output])}          # seeds with L instead of dL/dL = 1
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        for p, gp in zip(parents, OPS[op][1](grads[name], values[name], *(values[q] for q in parents))):
            grads[p] = grads[p] + gp if p in grads else gp
    return grads
''',
        "accumulates-in-place": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {output: np.ones_like(values[output])}
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        for p, gp in zip(parents, OPS[op][1](grads[name], values[name], *(values[q] for q in parents))):
            if p in grads:
                grads[p] += gp                          # changes every array that shares grads[p] (add returns g twice)
            else:
                grads[p] = gp
    return grads
''',
        "leaves-left-out": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {output: np.ones_like(values[output])}
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        for p, gp in zip(parents, OPS[op][1](grads[name], values[name], *(values[q] for q in parents))):
            grads[p] = grads[p] + gp if p in grads else gp
    return {n: g for n, g in grads.items() if n in graph}    # only the computed nodes
''',
        "dict-order-instead-of-topological": '''
def backprop(graph, values, output):
    grads = {output: np.ones_like(values[output])}
    for name in reversed(list(graph)):                  # right only when the dict was recorded in forward order
        op, parents = graph[name]
        if name not in grads:
            continue
        for p, gp in zip(parents, OPS[op][1](grads[name], values[name], *(values[q] for q in parents))):
            grads[p] = grads[p] + gp if p in grads else gp
    return grads
''',
        "parents-reversed": '''
def backprop(graph, values, output):
    order = topological_order({n: ps for n, (op, ps) in graph.items()}, output)
    grads = {output: np.ones_like(values[output])}
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        parent_grads = OPS[op][1](grads[name], values[name], *(values[q] for q in parents))
        for p, gp in zip(reversed(parents), parent_grads):   # gradients handed to the wrong inputs
            grads[p] = grads[p] + gp if p in grads else gp
    return grads
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
        "masks-y-in-place": '''
def logit_normal_pdf(y, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    y = np.asarray(y, dtype=np.float64)                # the caller's array when it is float64
    outside = (y <= 0) | (y >= 1)
    y[outside] = 0.5                                   # a harmless stand-in, written into the input
    x = np.log(y / (1 - y))
    p = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi) * y * (1 - y))
    p[outside] = 0.0
    return p
''',
    },
    "q-affine-linear": {
        "only-c": 'q_affine_linear = "c"',
        "only-d": 'q_affine_linear = "d"',
        "the-linearity-rules": 'q_affine_linear = "ab"',
        "all-but-e": 'q_affine_linear = "abcd"',
        "f-of-zero-is-zero": 'q_affine_linear = "cde"',
        "letter-that-does-not-exist": 'q_affine_linear = "cdf"',
    },
    "q-linear-weight": {
        "no-transpose": 'q_linear_weight = "a"',
        "reshape": 'q_linear_weight = "c"',
        "transpose-then-reshape": 'q_linear_weight = "d"',
        "two-letters": 'q_linear_weight = "bc"',
        "code-instead-of-letter": 'q_linear_weight = "weight.T"',
    },
    "q-layout": {
        "numerator": 'q_layout = "a"',
        "flattened": 'q_layout = "c"',
        "vector": 'q_layout = "d"',
        "two-letters": 'q_layout = "ab"',
        "shape-instead-of-letter": 'q_layout = "(3, 5)"',
    },
    "q-shape-dw": {
        "gradient-for-both": 'q_shape_dw = "a"',
        "denominator": 'q_shape_dw = "c"',
        "gradient-like-Y": 'q_shape_dw = "d"',
        "two-letters": 'q_shape_dw = "bd"',
        "unanswered": 'q_shape_dw = None',
    },
    "q-jacobian-entries": {
        "non-zeros-only": "q_jacobian_entries = 64 * 1024",
        "one-example": "q_jacobian_entries = 1024 ** 2",
        "batch-once": "q_jacobian_entries = 64 * 1024 ** 2",
        "input-plus-output": "q_jacobian_entries = 2 * 64 * 1024",
        "bytes-in-float32": "q_jacobian_entries = 4 * (64 * 1024) ** 2",
        "one-percent-off": "q_jacobian_entries = 4.25e9",
    },
    "q-modes": {
        "swapped": 'q_modes = "c"',
        "one-each": 'q_modes = "a"',
        "all-many": 'q_modes = "d"',
        "two-letters": 'q_modes = "bc"',
        "number-instead-of-letter": 'q_modes = 1',
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
        "nditer-validates-h": '''
def numerical_jacobian(f, x, h=1e-6):
    if not h > 0:
        raise ValueError("h must be positive")
    base = np.array(x, dtype=np.float64)
    f0 = np.asarray(f(base.copy()), dtype=np.float64)
    J = np.zeros(f0.shape + base.shape, dtype=np.float64)
    it = np.nditer(base, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        step = np.zeros_like(base)
        step[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(f(base + step), dtype=np.float64)
                                - np.asarray(f(base - step), dtype=np.float64)) / (2.0 * h)
    return J
''',
    },
    "affine-backward": {
        "loops": '''
def affine_backward(dL_dY, X, W):
    N, D = X.shape
    M = W.shape[1]
    dt = np.result_type(dL_dY, X, W)
    dL_dX = np.zeros((N, D), dtype=dt)
    dL_dW = np.zeros((D, M), dtype=dt)
    dL_db = np.zeros(M, dtype=dt)
    for n in range(N):
        for m in range(M):
            g = dL_dY[n, m]
            dL_db[m] += g
            for d in range(D):
                dL_dX[n, d] += g * W[d, m]
                dL_dW[d, m] += g * X[n, d]
    return dL_dX, dL_dW, dL_db
''',
        "matmul-defensive-copies": '''
def affine_backward(dL_dY, X, W):
    dL_dY, X, W = (np.array(a, copy=True) for a in (dL_dY, X, W))   # private copies, dtype kept
    if dL_dY.shape != (X.shape[0], W.shape[1]) or X.shape[1] != W.shape[0]:
        raise ValueError("shapes do not match")
    return np.matmul(dL_dY, W.T), np.matmul(X.T, dL_dY), np.sum(dL_dY, axis=0, dtype=dL_dY.dtype)
''',
        "einsum-and-ones": '''
def affine_backward(dL_dY, X, W):
    ones = np.ones(X.shape[0], dtype=dL_dY.dtype)
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
        "kron-and-copies": '''
def affine_jacobians(X, W):
    X, W = np.array(X, copy=True), np.array(W, copy=True)
    N, D = X.shape
    M = W.shape[1]
    J_X = np.zeros((N, M, N, D), dtype=X.dtype)
    for n in range(N):
        J_X[n, :, n, :] = W.T
    J_W = np.kron(X, np.eye(M)).reshape(N, M, D, M)    # row n*M + m, column d*M + m2: X[n, d] * delta(m, m2)
    J_b = np.repeat(np.eye(M)[None], N, axis=0)
    return J_X, J_W, J_b
''',
    },
    "flat-affine-backward": {
        "uses-affine-backward": '''
def flat_affine_backward(dL_dY, X, W):
    dL_dX_flat, dL_dW, dL_db = affine_backward(dL_dY, X.reshape(len(X), -1), W)
    return dL_dX_flat.reshape(X.shape), dL_dW, dL_db
''',
        "tensordot-unflattened-W": '''
def flat_affine_backward(dL_dY, X, W):
    k = X.ndim - 1
    W_img = W.reshape(X.shape[1:] + (W.shape[1],))                  # (d1, ..., dk, M)
    dL_dX = np.tensordot(dL_dY, W_img, axes=([1], [k]))            # (N, d1, ..., dk)
    dL_dW = np.tensordot(X, dL_dY, axes=([0], [0])).reshape(W.shape)
    return dL_dX, dL_dW, np.sum(dL_dY, axis=0)
''',
        "loop-over-examples": '''
def flat_affine_backward(dL_dY, X, W):
    dL_dX = np.empty_like(X)
    dL_dW = np.zeros_like(W)
    dL_db = np.zeros_like(dL_dY[0])
    for n in range(X.shape[0]):
        x = X[n].ravel()                                            # row-major, like reshape
        dL_dX[n] = (W @ dL_dY[n]).reshape(X.shape[1:])
        dL_dW += np.outer(x, dL_dY[n])
        dL_db += dL_dY[n]
    return dL_dX, dL_dW, dL_db
''',
        "torch-flatten-with-copies": '''
def flat_affine_backward(dL_dY, X, W):
    X, W, dL_dY = np.array(X, copy=True), np.array(W, copy=True), np.array(dL_dY, copy=True)
    if W.shape[0] != int(np.prod(X.shape[1:])):
        raise ValueError("W must have one row per entry of a flattened example")
    X_flat = torch.flatten(torch.from_numpy(X), start_dim=1).numpy()   # (N, D), row-major
    return (dL_dY @ W.T).reshape(X.shape), X_flat.T @ dL_dY, dL_dY.sum(axis=0)
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
        "loops-with-copies": '''
def square_net(X, W):
    X, W = np.array(X, dtype=float), np.array(W, dtype=float)
    N, D = X.shape
    M = W.shape[1]
    Y = np.zeros((N, M))
    for n in range(N):
        for m in range(M):
            Y[n, m] = sum(X[n, d] * W[d, m] for d in range(D))
    L = 0.0
    for v in Y.ravel():
        L += v * v
    dL_dF = np.ones((N, M))
    dL_dY = 2.0 * Y
    return L, dL_dF, dL_dY, dL_dY.dot(W.T), X.T.dot(dL_dY)
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
        "expit-eye-validation": '''
def sigmoid_jacobian(y):
    y = np.array(y, copy=True)                         # float32 stays float32 ...
    if y.ndim != 1:
        raise ValueError(f"expected a 1-D array, got shape {y.shape}")
    s = special.expit(y)
    return np.eye(y.size) * (s * (1 - s))[:, None]     # ... until the float64 eye: float32 digits in a float64 array
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
        "clamped-copies": '''
def sigmoid_backward(dL_dS, Y):
    Y = np.clip(np.array(Y, copy=True), -500, 500)      # exp never overflows; sigma' < 1e-200 out there anyway
    S = 1.0 / (1.0 + np.exp(-Y))
    return np.array(dL_dS, copy=True) * S * (1.0 - S)
''',
    },
    "softmax": {
        "logsumexp": '''
def softmax(Z):
    return np.exp(Z - special.logsumexp(Z, axis=-1, keepdims=True))
''',
        "row-loops": '''
def softmax(Z):
    Z = np.asarray(Z)
    flat = Z.reshape(-1, Z.shape[-1])                  # (rows, C), dtype kept
    out = np.empty_like(flat)
    for r in range(flat.shape[0]):
        e = np.exp(flat[r] - flat[r].max())
        out[r] = e / e.sum()
    return out.reshape(Z.shape)
''',
        "copy-then-in-place": '''
def softmax(Z):
    Z = np.array(Z, copy=True)                         # a private copy: in-place work is fine on it
    Z -= np.max(Z, axis=-1, keepdims=True)
    np.exp(Z, out=Z)
    Z /= np.sum(Z, axis=-1, keepdims=True)
    return Z
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
        "uses-softmax-einsum": '''
def softmax_jacobian(z):
    z = np.asarray(z)
    if np.ndim(z) != 1:
        raise ValueError("softmax_jacobian needs a 1-D array of logits")
    s = softmax(z)
    return np.einsum("i,ij->ij", s, np.eye(s.shape[0])) - np.einsum("i,j->ij", s, s)
''',
    },
    "softmax-backward": {
        "row-loop": '''
def softmax_backward(dL_dS, Z):
    Z = np.asarray(Z, dtype=np.float64)
    G = np.asarray(dL_dS, dtype=np.float64).reshape(-1, Z.shape[-1])
    rows = Z.reshape(-1, Z.shape[-1])
    out = np.empty_like(rows)
    for r in range(rows.shape[0]):
        e = np.exp(rows[r] - np.max(rows[r]))
        s = e / np.sum(e)
        out[r] = s * (G[r] - np.dot(G[r], s))
    return out.reshape(Z.shape)
''',
        "float32-einsum": '''
def softmax_backward(dL_dS, Z):
    Z = np.asarray(Z, dtype=np.float32)
    G = np.asarray(dL_dS, dtype=np.float32)
    S = np.exp(Z - special.logsumexp(Z, axis=-1, keepdims=True)).astype(np.float32)
    return S * G - S * np.einsum("...c,...c->...", G, S)[..., None]
''',
        "uses-softmax-copies": '''
def softmax_backward(dL_dS, Z):
    S = softmax(np.array(Z, copy=True))
    G = np.array(dL_dS, copy=True)
    G -= (G * S).sum(axis=-1)[..., np.newaxis]
    return S * G
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
        "loops": '''
def composition_jacobian(x, W):
    D, C = W.shape
    h = [np.tanh(x[d]) for d in range(D)]
    z = [sum(h[d] * W[d, c] for d in range(D)) for c in range(C)]
    zmax = max(z)
    e = [np.exp(v - zmax) for v in z]
    s = [v / sum(e) for v in e]
    J = np.zeros((C, D))
    for c in range(C):
        for d in range(D):
            J[c, d] = sum(s[c] * ((1.0 if c == k else 0.0) - s[k]) * W[d, k] for k in range(C)) * (1 - h[d] ** 2)
    return J
''',
    },
    "layernorm-jacobian": {
        "loops": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    if np.ndim(x) != 1:
        raise ValueError("layernorm_jacobian needs a vector")
    D = len(x)
    mu = sum(float(v) for v in x) / D
    var = sum((float(v) - mu) ** 2 for v in x) / D
    s = (var + eps) ** 0.5
    x_hat = [(float(v) - mu) / s for v in x]
    J = np.zeros((D, D))
    for i in range(D):
        g = 1.0 if gamma is None else float(gamma[i])
        for j in range(D):
            J[i, j] = g / s * ((i == j) - 1.0 / D - x_hat[i] * x_hat[j] / D)
    return J
''',
        "chain-of-jacobians": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.size
    J_centre = np.eye(D) - np.full((D, D), 1.0 / D)                  # d(x - mu)/dx
    xc = J_centre @ x
    s = np.sqrt(xc @ xc / D + eps)
    J_scale = np.eye(D) / s - np.outer(xc, xc) / (D * s ** 3)        # d(xc / s(xc))/d xc
    J_gamma = np.eye(D) if gamma is None else np.diag(gamma)
    return J_gamma @ J_scale @ J_centre
''',
        "float32-broadcast": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    D = x.shape[0]
    dt = x.dtype                                                     # float32 stays float32
    xc = x - x.mean()
    s = np.sqrt((xc * xc).mean() + dt.type(eps))
    x_hat = xc / s
    J = (np.eye(D, dtype=dt) - dt.type(1.0 / D) - x_hat[:, None] * x_hat[None, :] / dt.type(D)) / s
    if gamma is not None:
        J = J * np.asarray(gamma, dtype=dt).reshape(D, 1)
    return J
''',
        "var-validation-copies": '''
def layernorm_jacobian(x, gamma=None, eps=1e-5):
    x = np.array(x, dtype=float, copy=True)
    if x.ndim != 1:
        raise ValueError(f"expected a vector, got shape {x.shape}")
    gamma = np.ones_like(x) if gamma is None else np.array(gamma, dtype=float, copy=True)
    if gamma.shape != x.shape:
        raise ValueError("gamma must have the shape of x")
    if eps < 0:
        raise ValueError("eps must be non-negative")
    D = x.size
    s = np.sqrt(np.var(x) + eps)
    x_hat = (x - np.mean(x)) / s
    return np.einsum("i,ij->ij", gamma, np.eye(D) - 1 / D - np.einsum("i,j->ij", x_hat, x_hat) / D) / s
''',
    },
    "topological-order": {
        "micrograd-build-topo": '''
def topological_order(parents, output):
    topo = []
    visited = set()

    def build_topo(v):
        if v not in visited:
            visited.add(v)
            for child in parents.get(v, ()):
                build_topo(child)
            topo.append(v)

    build_topo(output)
    return topo
''',
        "iterative-stack": '''
def topological_order(parents, output):
    order, done, stack = [], set(), [(output, iter(parents.get(output, [])))]
    on_stack = {output}
    while stack:
        name, it = stack[-1]
        for p in it:
            if p not in done and p not in on_stack:
                stack.append((p, iter(parents.get(p, []))))
                on_stack.add(p)
                break
        else:
            stack.pop()
            done.add(name)
            order.append(name)
    return order
''',
        "kahn-on-ancestors": '''
def topological_order(parents, output):
    needed, stack = set(), [output]
    while stack:
        n = stack.pop()
        if n not in needed:
            needed.add(n)
            stack.extend(parents.get(n, []))
    waiting = {n: len(set(parents.get(n, []))) for n in needed}
    children = {n: [] for n in needed}
    for n in needed:
        for p in set(parents.get(n, [])):
            children[p].append(n)
    ready = sorted(n for n, k in waiting.items() if k == 0)
    order = []
    while ready:
        n = ready.pop()
        order.append(n)
        for c in children[n]:
            waiting[c] -= 1
            if waiting[c] == 0:
                ready.append(c)
    return order
''',
        "deduplicates-when-appending": '''
def topological_order(parents, output):
    order = []

    def visit(name):
        for p in parents.get(name, []):
            visit(p)
        if name not in order:                          # slower than a visited set, but right
            order.append(name)

    visit(output)
    return list(order)
''',
    },
    "backprop": {
        "micrograd-style": '''
def backprop(graph, values, output):
    from collections import defaultdict
    topo, visited = [], set()

    def build(v):
        if v not in visited:
            visited.add(v)
            for p in (graph[v][1] if v in graph else []):
                build(p)
            topo.append(v)

    build(output)
    grad = defaultdict(lambda: 0.0)
    grad[output] = np.ones_like(values[output])
    for v in reversed(topo):
        if v in graph:
            op, ps = graph[v]
            for p, gp in zip(ps, OPS[op][1](grad[v], values[v], *[values[q] for q in ps])):
                grad[p] = grad[p] + gp
    return {v: np.asarray(grad[v]) for v in topo}
''',
        "zeros-for-every-node": '''
def backprop(graph, values, output):
    grads = {n: np.zeros_like(np.asarray(v)) for n, v in values.items()}   # nodes L does not use stay 0
    grads[output] = np.ones_like(np.asarray(values[output]))
    order = topological_order({n: list(ps) for n, (op, ps) in graph.items()}, output)
    for name in order[::-1]:
        if name in graph:
            op, parents = graph[name]
            _, vjp = OPS[op]
            for p, gp in zip(parents, vjp(grads[name], values[name], *[values[q] for q in parents])):
                grads[p] = np.add(grads[p], gp)
    return grads
''',
        "pending-children-count": '''
def backprop(graph, values, output):
    needed, stack = set(), [output]
    while stack:
        n = stack.pop()
        if n not in needed:
            needed.add(n)
            stack.extend(graph[n][1] if n in graph else [])
    pending = {n: 0 for n in needed}                    # uses of each node still to pass their gradient back
    for n in needed:
        for p in (graph[n][1] if n in graph else []):
            pending[p] += 1
    grads, ready = {output: np.ones_like(values[output])}, [output]
    while ready:
        n = ready.pop()
        if n not in graph:
            continue
        op, parents = graph[n]
        for p, gp in zip(parents, OPS[op][1](grads[n], values[n], *[values[q] for q in parents])):
            grads[p] = grads[p] + gp if p in grads else gp
            pending[p] -= 1
            if pending[p] == 0:
                ready.append(p)
    return grads
''',
        "copies-everything": '''
def backprop(graph, values, output):
    import copy
    graph, values = copy.deepcopy(dict(graph)), {k: np.array(v, copy=True) for k, v in values.items()}
    order = topological_order({n: list(ps) for n, (op, ps) in graph.items()}, output)
    grads = {output: np.ones(np.shape(values[output]), dtype=values[output].dtype)}
    for name in reversed(order):
        if name not in graph:
            continue
        op, parents = graph[name]
        parent_grads = OPS[op][1](grads[name].copy(), values[name], *[values[q] for q in parents])
        for p, gp in zip(parents, parent_grads):
            grads[p] = (grads[p] + gp) if p in grads else np.array(gp, copy=True)
    return grads
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
    "q-affine-linear": {
        "uppercase": 'q_affine_linear = "CD"',
        "reversed-with-comma": 'q_affine_linear = "d, c"',
        "list-of-letters": 'q_affine_linear = ["c", "d"]',
    },
    "q-linear-weight": {
        "uppercase": 'q_linear_weight = "B"',
        "with-parentheses": 'q_linear_weight = "(b)"',
    },
    "q-layout": {
        "uppercase": 'q_layout = "B"',
        "with-parentheses-and-spaces": 'q_layout = " (b) "',
    },
    "q-shape-dw": {
        "uppercase": 'q_shape_dw = "B"',
        "list-of-one-letter": 'q_shape_dw = ["b"]',
    },
    "q-jacobian-entries": {
        "power-of-two": "q_jacobian_entries = 2 ** 32",
        "four-significant-digits": "q_jacobian_entries = 4.295e9",
        "numpy-float": "q_jacobian_entries = np.float64(64 * 1024) ** 2",
    },
    "q-modes": {
        "uppercase": 'q_modes = "B"',
        "letter-with-period": 'q_modes = "b."',
    },
}


# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "numerical-jacobian": {
        "forward-differences": "You use a one-sided difference (f(x + h e_j) - f(x)) / h, whose error is about h; the"
                               " spec asks for the central difference (f(x + h e_j) - f(x - h e_j)) / (2h).",
        "denominator-layout": "Your Jacobian puts the input axes first (x.shape + f(x).shape); our layout puts the "
                              "output axes first: the shape is f(x).shape + x.shape.",
        "float32-arithmetic": "You perturb x in its own dtype, so for a float32 x the step h is rounded away; perturb"
                              " a float64 copy of x and return a float64 J.",
        "divides-by-h": "Your central difference divides by h; the points x + h e_j and x - h e_j are 2h apart, so "
                        "divide by 2h (your entries come out twice too large).",
        "flattened-output": "You return a 2-D (size of f(x), size of x) matrix; the spec asks for the shape "
                            "f(x).shape + x.shape, keeping every axis of the output and of the input.",
        "ignores-h": "You ignore the argument `h` and use a fixed step; perturb x by the `h` the caller passes.",
        "perturbs-x-in-place": "You change `x` in place (the perturbations are written into the caller's array); the "
                               "function must leave its inputs unchanged (work on a copy).",
        "returns-x-dtype": "You return J in the dtype of x (float32 for a float32 x); the spec asks for a float64 J "
                           "whatever the dtype of x.",
        "len-loop-vectors-only": "You treat x as a flat vector, so for a matrix (or 0-d) x the Jacobian loses x's "
                                 "shape; step through every index of x (np.ndindex) and return f(x).shape + x.shape.",
    },
    "affine-backward": {
        "transposed-dW": "Your dL_dW is the transpose of the right one (like dL_dY.T @ X); the gradient of W is laid "
                         "out like W, (D, M): X.T @ dL_dY.",
        "bias-not-summed": "Your dL_db keeps the batch axis, shape (N, M); b is used once per example, so sum dL_dY "
                           "over axis 0 to get shape (M,).",
        "bias-mean-not-sum": "You average dL_dY over the batch for dL_db; b receives one contribution from each "
                             "example, so sum over axis 0 instead of taking the mean.",
        "missing-bias-gradient": "Your dL_db is all zeros; b does change Y, and its gradient is dL_dY summed over the"
                                 " batch axis.",
        "dW-mean-over-batch": "You divide dL_dW by N; the gradient of W sums the contributions of all examples (any "
                              "averaging is already inside dL_dY).",
        "wrong-sign": "All three of your gradients have the wrong sign; the backward pass returns the derivatives "
                      "themselves, not the descent direction.",
        "dX-without-transpose": "For dL_dX you reshape W to (M, D) instead of transposing it; a reshape keeps the "
                                "entries in row-major order, so they land in the wrong places. Use W.T.",
        "upcasts-float32": "You return float64 gradients for float32 inputs; the spec asks for the same float dtype "
                           "as the inputs (do not convert them).",
        "zeroes-upstream-gradient": "You change `dL_dY` in place (you zero it); the function must leave its inputs "
                                    "unchanged (work on a copy).",
        "returns-two-gradients": "You return two values; the function must return three, (dL_dX, dL_dW, dL_db), the "
                                 "bias gradient included.",
    },
    "affine-jacobians": {
        "denominator-layout": "Your Jacobians put the input axes first (e.g. J_X of shape (N, D, N, M)); our layout "
                              "puts Y's axes first: J_X (N, M, N, D), J_W (N, M, D, M), J_b (N, M, M).",
        "no-batch-delta": "Your J_X is non-zero for every pair of examples; row n of Y depends only on row n of X, so"
                          " J_X[n, m, n2, d] must be 0 whenever n2 != n.",
        "bias-jacobian-all-ones": "Your J_b is all ones; Y[n, m] depends only on b[m], so J_b[n, m, m2] is 1 when m2 "
                                  "== m and 0 otherwise.",
        "W-indices-swapped": "Your J_X takes its values from W with the two indices swapped; the derivative of Y[n, "
                             "m] with respect to X[n, d] is W[d, m].",
        "rounds-X-in-place": "You change `X` in place; the function must leave its inputs unchanged (work on a copy).",
        "dense-W-block-for-every-pair": "Your J_X repeats W in every (n, n2) block; an example's output ignores the "
                                        "other examples, so only the blocks with n2 == n hold W and the rest are "
                                        "zero.",
    },
    "flat-affine-backward": {
        "returns-flat-dX": "Your dL_dX has shape (N, D); it must have the shape of X, (N, d1, ..., dk): reshape the "
                           "gradient back to X.shape.",
        "channels-last-flattening": "You flatten each example with the channels moved last; W's rows follow the "
                                    "row-major flattening of X.reshape(N, -1), which keeps the axes in their given "
                                    "order.",
        "fortran-order": "You flatten in column-major order (order=\"F\"); W's rows follow the row-major (C-order) "
                         "flattening, so flatten and unflatten in NumPy's default order.",
        "reshape-D-by-N-then-transpose": "You reshape X to (D, N) and transpose it: the shape is right but each row "
                                         "mixes values of different examples. Flatten each example by reshaping to "
                                         "(N, D) directly.",
        "dW-transposed": "Your dL_dW is the transpose of the right one (like dL_dY.T @ X_flat); the gradient of W is "
                         "laid out like W, (D, M).",
        "flattens-X-in-place": "You change `X` in place (you reset its shape); the function must leave its inputs "
                               "unchanged (reshape gives a new view and leaves X alone).",
        "upcasts-float32": "You return float64 gradients for float32 inputs; the spec asks for the same float dtype "
                           "as the inputs (do not convert them).",
        "bias-mean-over-batch": "You average dL_dY over the batch for dL_db; b receives one contribution from each "
                                "example, so sum over axis 0 instead of taking the mean.",
    },
    "square-net": {
        "loss-sums-Y-as-in-the-seed": "Your loss sums the entries of Y; the loss is the sum of F = Y squared, so L "
                                      "and every gradient must go through the square.",
        "forgot-Y-in-derivative": "Your dL_dY is 2 * dL_dF without Y; the derivative of Y squared is 2Y, so multiply "
                                  "dL_dF elementwise by 2Y.",
        "dW-without-transpose": "For dL_dW you reshape X to (D, N) instead of transposing it; a reshape keeps the "
                                "entries in row-major order, so they land in the wrong places. Use X.T.",
        "dX-without-transpose": "For dL_dX you reshape W to (M, D) instead of transposing it; a reshape keeps the "
                                "entries in row-major order, so they land in the wrong places. Use W.T.",
        "dL_dF-is-2Y": "Your dL_dF is 2Y; L is the plain sum of F, so dL_dF is all ones, and the factor 2Y belongs to"
                       " the next step, dL_dY.",
        "dL_dX-written-into-X": "You change `X` in place (dL_dX is written into it); the function must leave its "
                                "inputs unchanged (return a new array).",
        "returns-four-values": "You return four values; the function must return five, (L, dL_dF, dL_dY, dL_dX, "
                               "dL_dW), dL_dF included.",
    },
    "sigmoid-jacobian": {
        "vector-not-matrix": "You return the vector sigma(y)(1 - sigma(y)) of shape (n,); the Jacobian is the (n, n) "
                             "matrix with that vector on its diagonal.",
        "outer-product": "You return the outer product of sigma(y) and 1 - sigma(y); output i depends only on input "
                         "i, so the Jacobian is diagonal, with zeros off the diagonal.",
        "sigma-only": "Your diagonal holds sigma(y) itself; the derivative of the sigmoid is sigma(y) * (1 - "
                      "sigma(y)).",
        "no-ValueError": "You accept an input that is not 1-D (you flatten it); the spec asks you to raise ValueError"
                         " when y is not a vector.",
        "negates-y-in-place": "You change `y` in place; the function must leave its inputs unchanged (work on a "
                              "copy).",
        "squeezes-first": "You squeeze the input, so a (1, n) array passes as a vector; the spec asks for ValueError "
                          "for every input that is not 1-D, size-1 axes included.",
    },
    "sigmoid-backward": {
        "forgot-upstream": "You return sigma(Y)(1 - sigma(Y)) without dL_dS; the chain rule multiplies the upstream "
                           "gradient elementwise by the local derivative.",
        "sigma-only": "You multiply dL_dS by sigma(Y) alone; the derivative of the sigmoid is sigma(Y) * (1 - "
                      "sigma(Y)).",
        "formula-on-the-input": "You apply Y(1 - Y) to the input Y; that formula takes the sigmoid's output, so "
                                "compute S = sigma(Y) first and use S(1 - S).",
        "sum-over-batch": "You sum over the first axis, so the result loses Y's shape; the sigmoid acts entry by "
                          "entry, so dL_dY is an elementwise product with the shape of Y.",
        "modifies-input": "You change `Y` and `dL_dS` in place; the function must leave its inputs unchanged (work on"
                          " a copy).",
    },
    "softmax": {
        "no-max-shift": "You exponentiate Z directly, so large logits overflow to inf and give nan; subtract each "
                        "row's maximum before np.exp.",
        "global-max-shift": "You subtract one maximum over the whole array, so rows far below it underflow to 0/0; "
                            "subtract each row's own maximum (along the last axis).",
        "wrong-axis": "You normalise along axis 0; softmax works along the last axis (axis=-1), so that each row, not"
                      " each column, sums to 1.",
        "in-place-shift": "You change `Z` in place; the function must leave its inputs unchanged (work on a copy).",
        "shift-by-mean": "You subtract the row mean instead of the row maximum; with widely spread logits exp still "
                         "overflows or underflows. Subtract each row's maximum.",
        "upcasts-float32": "You return float64 for float32 logits; the spec asks for the same float dtype as Z.",
        "sum-without-keepdims": "Your transposed division only lines up for 1-D and 2-D input; with more axes the row"
                                " sums divide the wrong entries (or fail to broadcast). Keep the summed axis "
                                "(keepdims=True).",
    },
    "softmax-jacobian": {
        "missing-diagonal": "You return only -s s^T; the Jacobian is diag(s) - s s^T, so s_i must be added on the "
                            "diagonal.",
        "diagonal-only": "You return only the diagonal, diag(s(1 - s)); every softmax output depends on every logit, "
                         "so the off-diagonal entries -s_i s_j belong in J too.",
        "no-max-shift": "You exponentiate z without subtracting its maximum, so huge logits overflow and give nan; "
                        "use the stable softmax (shift by the maximum).",
        "plus-sign": "You add s s^T; the quotient rule gives diag(s) minus s s^T (check: each row of the Jacobian "
                     "sums to 0).",
        "no-ValueError": "You accept an input that is not 1-D (you flatten it); the spec asks you to raise ValueError"
                         " when z is not a vector.",
        "shifts-z-in-place": "You change `z` in place; the function must leave its inputs unchanged (work on a copy).",
        "squeezes-first": "You squeeze the input, so a (1, C) array passes as a vector; the spec asks for ValueError "
                          "for every input that is not 1-D, size-1 axes included.",
    },
    "softmax-backward": {
        "diagonal-only": "You use only the diagonal of the Jacobian, dL_dS * S(1 - S), as for a sigmoid; softmax "
                         "couples each row, so subtract the row sum of dL_dS * S before multiplying by S.",
        "sum-over-wrong-axis": "You sum dL_dS * S along axis 0, over the batch; the sum runs over the C entries of "
                               "each row (the last axis).",
        "forgot-S-factor": "You return dL_dS minus the row sum without the factor S; the formula multiplies by S: S *"
                           " (dL_dS - rowsum(dL_dS * S)).",
        "no-max-shift": "You compute the softmax without subtracting the row maximum, so large logits give nan; use "
                        "the stable softmax.",
        "wrong-sign": "Your result has the wrong sign (the row sum minus dL_dS); the formula is S * (dL_dS - "
                      "rowsum(dL_dS * S)).",
        "subtracts-in-place": "You change `dL_dS` in place; the function must leave its inputs unchanged (work on a "
                              "copy).",
    },
    "composition-jacobian": {
        "reversed-order": "You multiply the factors in the order the functions run, which gives the (D, C) transpose;"
                          " in numerator layout the last function's Jacobian comes first, giving (C, D).",
        "W-not-transposed": "You reshape W to (C, D) instead of transposing it; dz_c/dh_d = W[d, c], so the middle "
                            "factor is W.T, and a reshape puts the wrong entries there.",
        "missing-tanh-derivative": "You leave out the Jacobian of tanh; the chain rule needs the third factor diag(1 "
                                   "- tanh(x)^2), of shape (D, D).",
        "softmax-diagonal-only": "You use only the diagonal of the softmax Jacobian, s(1 - s); softmax's Jacobian is "
                                 "full: diag(s) - s s^T.",
        "tanh-derivative-wrong": "Your tanh factor is diag(1 - tanh(x)); the derivative of tanh is 1 - tanh(x)^2.",
        "tanh-in-place": "You change `x` in place (tanh is written into it); the function must leave its inputs "
                         "unchanged (work on a copy).",
    },
    "layernorm-jacobian": {
        "unbiased-variance": "You use the unbiased variance (dividing by D - 1); layer norm uses the biased one, "
                             "dividing by D.",
        "mean-as-constant": "You leave out the path through the mean (the -1/D term); mu depends on every x_j, so the"
                            " bracket has three terms: I, -1/D and -x_hat x_hat^T / D.",
        "std-as-constant": "You treat s as a constant and drop the term -x_hat_i x_hat_j / D; the standard deviation "
                           "depends on every x_j too.",
        "gamma-on-columns": "You scale the columns of J by gamma; gamma multiplies output i, so it scales row i.",
        "eps-outside-root": "You add eps to the standard deviation; the spec puts eps inside the root, s = "
                            "sqrt(variance + eps).",
        "ignores-eps": "You ignore the argument `eps`; s = sqrt(variance + eps) must use the eps the caller passes.",
        "ignores-gamma": "You ignore the argument `gamma`; when it is given, row i of J is scaled by gamma_i.",
        "missing-1-over-s": "Your Jacobian lacks the overall factor 1/s; every term of the derivative of (x - mu)/s "
                            "is divided by s.",
        "no-ValueError": "You accept an x that is not 1-D (you flatten it); the spec asks you to raise ValueError "
                         "when x is not a vector.",
        "centres-x-in-place": "You change `x` in place; the function must leave its inputs unchanged (work on a "
                              "copy).",
    },
    "topological-order": {
        "no-visited-set": "A node reached along two paths appears twice in your list; each node must be listed "
                          "exactly once (remember which nodes you have visited).",
        "pre-order": "You list each node before its parents; every node must come after all of its parents, so the "
                     "output comes last.",
        "reversed-breadth-first": "Your reversed breadth-first order fails when paths to a node differ in length: a "
                                  "parent can end up after its child. A depth-first visit that appends a node after "
                                  "its parents avoids this.",
        "every-node-in-the-dict": "You list every node in the dict, also those the output does not depend on; list "
                                  "only the output and its ancestors.",
        "keyerror-for-leaves": "You look up every name with parents[name], so a leaf (not a key) raises KeyError; a "
                               "name that is not a key is a leaf with no parents.",
        "trusts-the-dict-order": "You rely on the order of the dict's keys, which means nothing here; derive the "
                                 "order from the parent links themselves.",
        "adds-leaves-to-parents": "You change `parents` in place (leaves are added as keys); the function must leave "
                                  "its inputs unchanged (parents.get(name, []) reads without adding).",
    },
    "backprop": {
        "forward-order": "You go from the leaves to the output, so a node passes its gradient on before all its "
                         "children have added to it; go through the topological order in reverse.",
        "overwrites-instead-of-adding": "You overwrite a parent's gradient each time; a node used by several children"
                                        " must receive the sum of their contributions.",
        "no-seed": "You start the output's gradient at 0, so every gradient stays 0; seed dL/dL = 1 (ones shaped like"
                   " the output).",
        "seed-is-the-loss-value": "You seed the output's gradient with the value of L; the seed is dL/dL = 1, "
                                  "whatever L is.",
        "accumulates-in-place": "You accumulate with +=, which also changes the arrays that share that memory (add's "
                                "VJP returns the same g twice); add into a new array: grads[p] = grads[p] + gp.",
        "leaves-left-out": "Your result has no gradients for the leaves (inputs and parameters); return the gradient "
                           "of every node the output depends on, leaves included.",
        "dict-order-instead-of-topological": "You walk the graph in reverse dict order, which means nothing; use your"
                                             " topological_order from the output and go through it in reverse.",
        "parents-reversed": "You hand the VJP's results to the parents in reverse order; the i-th gradient returned "
                            "belongs to the i-th parent, in the op's argument order.",
    },
    "logit-normal-pdf": {
        "missing-jacobian-factor": "You leave out the change-of-variables factor 1/(y(1 - y)), the derivative of the "
                                   "logit; without it the density does not integrate to 1.",
        "sigmoid-derivative-instead-of-inverse": "You multiply by y(1 - y), the sigmoid's own derivative; the factor "
                                                 "is the derivative of the inverse (the logit), 1/(y(1 - y)).",
        "missing-1-over-sigma": "Your normalising constant lacks 1/sigma; sigma appears in the normal density twice, "
                                "in the exponent and in the constant 1/(sigma sqrt(2 pi)).",
        "sigma-not-squared-in-exponent": "Your exponent divides by 2 sigma; the normal density divides by 2 sigma^2, "
                                         "the variance.",
        "flipped-logit": "You use log((1 - y)/y), minus the logit; the inverse of the sigmoid is log(y/(1 - y)) (the "
                         "two agree only when mu = 0).",
        "nan-at-the-ends": "You evaluate the formula everywhere, so y = 0, y = 1 and y outside (0, 1) give nan or "
                           "inf; those entries must be exactly 0 (compute only where 0 < y < 1).",
        "no-ValueError": "You accept sigma <= 0; the spec asks you to raise ValueError when sigma is not positive.",
        "masks-y-in-place": "You change `y` in place; the function must leave its inputs unchanged (work on a copy).",
    },
    "q-affine-linear": {
        "only-c": "(c) is right, but another statement also holds for all x, u and a: look at what is left of f once "
                  "the constant shift is taken away.",
        "only-d": "(d) is right, but another statement also holds: f(x + u) contains b once and f(x) + f(u) twice; "
                  "one option corrects for exactly that.",
        "the-linearity-rules": "(a) and (b) are the rules of a linear map; with b != 0, f(x + u) contains b once but "
                               "f(x) + f(u) twice, so both fail. Look for the statements that account for b.",
        "all-but-e": "(a) and (b) fail when b != 0: f(x + u) contains b once but f(x) + f(u) twice, and f(a x) keeps "
                     "b unscaled.",
        "f-of-zero-is-zero": "(e) fails: f(0) = W 0 + b = b, which is not 0 when b != 0.",
        "letter-that-does-not-exist": "There is no option (f); answer only with letters from a to e.",
    },
    "q-linear-weight": {
        "no-transpose": "layer.weight has shape (10, 192), i.e. (M, D); the chapter's W is (D, M), so layer.weight "
                        "itself does not fit X @ W.",
        "reshape": "The reshape gives the shape (192, 10), but it keeps the numbers in row-major order, so weights "
                   "end up paired with the wrong inputs and outputs; the right shape is not enough.",
        "transpose-then-reshape": "Transposing and then reshaping back to (10, 192) gives neither the shape that X @ "
                                  "W needs nor the right entries.",
        "two-letters": "Answer with one letter. A reshape keeps the row-major order of the numbers, which is not the "
                       "same as swapping the axes.",
        "code-instead-of-letter": "Answer with the option's letter as a string, not with code.",
    },
    "q-layout": {
        "numerator": "(5, 3) is the numerator layout (output axes first); the question asks for the denominator "
                     "layout, which puts the input axes first.",
        "flattened": "(15,) has the right number of entries but no separate axes for input and output; a layout keeps"
                     " both axes and only fixes their order.",
        "vector": "(5,) has only 5 entries, but a map from R^3 to R^5 has 15 partial derivatives; the layout only "
                  "decides the order of the two axes.",
        "two-letters": "Answer with one letter; the two layouts give different shapes, so decide which axes come "
                       "first in denominator layout.",
        "shape-instead-of-letter": "Answer with the option's letter as a string, not with the shape itself.",
    },
    "q-shape-dw": {
        "gradient-for-both": "(10, 5) is W's shape, right for the gradient of the scalar L; the full Jacobian of Y "
                             "with respect to W has Y's axes followed by W's axes.",
        "denominator": "(c) puts W's axes before Y's, the denominator layout, and transposes dL/dW; in our layout the"
                       " output's axes come first and dL/dW has W's shape.",
        "gradient-like-Y": "The gradient of the scalar L with respect to W has the shape of W, not that of Y.",
        "two-letters": "Answer with one letter; the two options differ in the shape of dL/dW, which must match W.",
        "unanswered": "q_shape_dw is still None: set it to the letter of your answer, as a string.",
    },
    "q-jacobian-entries": {
        "non-zeros-only": "64 * 1024 counts the entries that can be non-zero (the diagonal); the question asks for "
                          "all entries of the full Jacobian: output size times input size.",
        "one-example": "1024 ** 2 is the Jacobian of one example; the batch Jacobian has output shape (64, 1024) and "
                       "input shape (64, 1024), so count every (output, input) pair.",
        "batch-once": "You counted one (1024, 1024) block per example; the full Jacobian also has the blocks between "
                      "different examples (zero, but entries nonetheless).",
        "input-plus-output": "You added the sizes of input and output; the Jacobian has one entry per (output, input)"
                             " pair, so multiply them.",
        "bytes-in-float32": "You counted bytes (4 per float32 entry); the question asks for the number of entries.",
        "one-percent-off": "Your number is about 1 % off; answers are accepted within 0.1 %, so give four significant"
                           " digits or write the count as an expression.",
    },
    "q-modes": {
        "swapped": "You swapped the two: a forward-mode pass gives the derivative along one input direction, a "
                   "reverse-mode pass the gradient of one scalar output with respect to all inputs.",
        "one-each": "One forward-mode pass gives one directional derivative, not the whole gradient; count how many "
                    "input directions there are.",
        "all-many": "One reverse-mode pass already gives the gradient of a scalar output with respect to every "
                    "parameter at once.",
        "two-letters": "Answer with one letter; the two options give opposite counts, so decide which mode needs one "
                       "pass per input.",
        "number-instead-of-letter": "Answer with the option's letter as a string, not with a number.",
    },
}
