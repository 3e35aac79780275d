"""Wrong and alternative-correct implementations for chapter 06 (sequences).

Each variant redefines the function(s) or class of one solution cell; the harness then runs that exercise's test
cells. Every WRONG variant must fail at least one test cell; every CORRECT variant must pass all of them.
"""

CHAPTER = "06_sequences"

# ---------------------------------------------------------------------------------------------------------------
# RNN
# ---------------------------------------------------------------------------------------------------------------
_RNN_FORWARD_TEMPLATE = '''
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    M = h0.shape[1]
    h = np.empty((N, T, M), dtype=np.result_type(x, h0, Wx, Wh, b))
    h_prev = h0
    for t in range(T):
        {step}
    return h, (x, h0, Wx, Wh, h)
'''

RNN_FORWARD_WRONG = {
    "relu-instead-of-tanh": _RNN_FORWARD_TEMPLATE.format(
        step="h_prev = np.maximum(0, x[:, t] @ Wx + h_prev @ Wh + b)\n        h[:, t] = h_prev"),
    "returns-h0-to-hT-minus-1": _RNN_FORWARD_TEMPLATE.format(
        step="h[:, t] = h_prev\n        h_prev = np.tanh(x[:, t] @ Wx + h_prev @ Wh + b)"),
    "always-uses-h0": _RNN_FORWARD_TEMPLATE.format(
        step="h[:, t] = np.tanh(x[:, t] @ Wx + h0 @ Wh + b)"),
    "Wh-transposed": _RNN_FORWARD_TEMPLATE.format(
        step="h_prev = np.tanh(x[:, t] @ Wx + h_prev @ Wh.T + b)\n        h[:, t] = h_prev"),
}

RNN_FORWARD_CORRECT = {
    "float32": '''
def rnn_forward(x, h0, Wx, Wh, b):
    x, h0, Wx, Wh, b = (np.asarray(a, dtype=np.float32) for a in (x, h0, Wx, Wh, b))
    hs = []
    h_prev = h0
    for t in range(x.shape[1]):
        h_prev = np.tanh(x[:, t] @ Wx + h_prev @ Wh + b)
        hs.append(h_prev)
    h = np.stack(hs, axis=1)
    return h, (x, h0, Wx, Wh, h)
''',
    "input-projection-precomputed": '''
def rnn_forward(x, h0, Wx, Wh, b):
    xW = np.einsum("ntd,dm->ntm", x, Wx) + b   # all input projections at once
    h = np.zeros(xW.shape, dtype=xW.dtype)
    h_prev = h0
    for t in range(x.shape[1]):
        h_prev = np.tanh(xW[:, t] + h_prev @ Wh)
        h[:, t] = h_prev
    return h, (x, h0, Wx, Wh, h)
''',
}

_RNN_BACKWARD_TEMPLATE = '''
def rnn_backward(dL_dh, cache):
    x, h0, Wx, Wh, h = cache
    N, T, D = x.shape
    dL_dx = np.zeros((N, T, D))
    dL_dWx, dL_dWh, dL_db = np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(Wh.shape[0])
    future = np.zeros(h0.shape)
    for t in reversed(range(T)):
        h_prev = h[:, t - 1] if t > 0 else h0
        {da}
        dL_dx[:, t] = dL_da @ Wx.T
        dL_dWx += x[:, t].T @ dL_da
        dL_dWh += {hprev}.T @ dL_da
        dL_db += dL_da.sum(axis=0)
        future = dL_da @ Wh.T
    return dL_dx, {dh0}, dL_dWx, dL_dWh, dL_db
'''

RNN_BACKWARD_WRONG = {
    "missing-recurrent-term": _RNN_BACKWARD_TEMPLATE.format(
        da="dL_da = dL_dh[:, t] * (1 - h[:, t] ** 2)", hprev="h_prev", dh0="future"),
    "tanh-derivative-1-minus-h": _RNN_BACKWARD_TEMPLATE.format(
        da="dL_da = (dL_dh[:, t] + future) * (1 - h[:, t])", hprev="h_prev", dh0="future"),
    "dWh-uses-current-state": _RNN_BACKWARD_TEMPLATE.format(
        da="dL_da = (dL_dh[:, t] + future) * (1 - h[:, t] ** 2)", hprev="h[:, t]", dh0="future"),
    "dh0-not-returned": _RNN_BACKWARD_TEMPLATE.format(
        da="dL_da = (dL_dh[:, t] + future) * (1 - h[:, t] ** 2)", hprev="h_prev", dh0="np.zeros(h0.shape)"),
}

RNN_BACKWARD_CORRECT = {
    "float32": '''
def rnn_backward(dL_dh, cache):
    x, h0, Wx, Wh, h = (np.asarray(a, dtype=np.float32) for a in cache)
    dL_dh = np.asarray(dL_dh, dtype=np.float32)
    N, T, D = x.shape
    dL_dx = np.zeros((N, T, D), np.float32)
    dL_dWx, dL_dWh = np.zeros(Wx.shape, np.float32), np.zeros(Wh.shape, np.float32)
    dL_db = np.zeros(Wh.shape[0], np.float32)
    future = np.zeros(h0.shape, np.float32)
    for t in range(T - 1, -1, -1):
        dL_da = (dL_dh[:, t] + future) * (1 - h[:, t] * h[:, t])
        dL_dx[:, t] = dL_da @ Wx.T
        dL_dWx += x[:, t].T @ dL_da
        dL_dWh += (h[:, t - 1] if t else h0).T @ dL_da
        dL_db += dL_da.sum(0)
        future = dL_da @ Wh.T
    return dL_dx, future, dL_dWx, dL_dWh, dL_db
''',
    "loop-then-einsum": '''
def rnn_backward(dL_dh, cache):
    x, h0, Wx, Wh, h = cache
    T = x.shape[1]
    dL_da = np.zeros_like(h)
    future = np.zeros_like(h0)
    for t in reversed(range(T)):
        dL_da[:, t] = (dL_dh[:, t] + future) * (1 - h[:, t] ** 2)
        future = dL_da[:, t] @ Wh.T
    h_prev = np.concatenate([h0[:, None], h[:, :-1]], axis=1)   # (N, T, M): h_0 .. h_{T-1}
    return (np.einsum("ntm,dm->ntd", dL_da, Wx), future, np.einsum("ntd,ntm->dm", x, dL_da),
            np.einsum("ntk,ntm->km", h_prev, dL_da), dL_da.sum(axis=(0, 1)))
''',
}

# ---------------------------------------------------------------------------------------------------------------
# LSTM
# ---------------------------------------------------------------------------------------------------------------
_LSTM_TEMPLATE = '''
def lstm_cell_forward(x, h_prev, c_prev, Wx, Wh, b):
    M = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    sig = lambda z: 0.5 * (1 + np.tanh(0.5 * z))
    {gates}
    {update}
    return h, c
'''
_STD_GATES = ("i, f, g, o = sig(a[:, :M]), sig(a[:, M:2*M]), np.tanh(a[:, 2*M:3*M]), sig(a[:, 3*M:])")
_STD_UPDATE = "c = f * c_prev + i * g\n    h = o * np.tanh(c)"

LSTM_WRONG = {
    "gate-order-i-f-o-g": _LSTM_TEMPLATE.format(
        gates="i, f, o, g = sig(a[:, :M]), sig(a[:, M:2*M]), sig(a[:, 2*M:3*M]), np.tanh(a[:, 3*M:])",
        update=_STD_UPDATE),
    "gate-order-f-i-g-o": _LSTM_TEMPLATE.format(
        gates="f, i, g, o = sig(a[:, :M]), sig(a[:, M:2*M]), np.tanh(a[:, 2*M:3*M]), sig(a[:, 3*M:])",
        update=_STD_UPDATE),
    "forget-gate-on-input": _LSTM_TEMPLATE.format(
        gates=_STD_GATES, update="c = f * g + i * c_prev\n    h = o * np.tanh(c)"),
    "no-tanh-on-cell": _LSTM_TEMPLATE.format(gates=_STD_GATES, update="c = f * c_prev + i * g\n    h = o * c"),
    "tanh-gates": _LSTM_TEMPLATE.format(
        gates="i, f, g, o = np.tanh(a[:, :M]), np.tanh(a[:, M:2*M]), np.tanh(a[:, 2*M:3*M]), np.tanh(a[:, 3*M:])",
        update=_STD_UPDATE),
}

LSTM_CORRECT = {
    "float32-naive-sigmoid": '''
def lstm_cell_forward(x, h_prev, c_prev, Wx, Wh, b):
    x, h_prev, c_prev, Wx, Wh, b = (np.asarray(v, np.float32) for v in (x, h_prev, c_prev, Wx, Wh, b))
    M = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    sig = lambda z: 1 / (1 + np.exp(-z))
    i, f, o = sig(a[:, :M]), sig(a[:, M:2 * M]), sig(a[:, 3 * M:])
    g = np.tanh(a[:, 2 * M:3 * M])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
''',
    "split-weights-first": '''
def lstm_cell_forward(x, h_prev, c_prev, Wx, Wh, b):
    M = h_prev.shape[1]
    Wxs, Whs, bs = np.split(Wx, 4, axis=1), np.split(Wh, 4, axis=1), np.split(b, 4)
    pre = [x @ Wxs[k] + h_prev @ Whs[k] + bs[k] for k in range(4)]
    from scipy.special import expit
    i, f, g, o = expit(pre[0]), expit(pre[1]), np.tanh(pre[2]), expit(pre[3])
    c = c_prev * f + g * i
    return np.tanh(c) * o, c
''',
}

# ---------------------------------------------------------------------------------------------------------------
# Positional encoding
# ---------------------------------------------------------------------------------------------------------------
_LSTM_BACKWARD_TEMPLATE = """
def lstm_cell_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = cache
    tanh_c = np.tanh(c)
    do = dh * tanh_c
    {dc_total}
    di, df, dg = dc_total * g, dc_total * c_prev, dc_total * i
    {dc_prev}
    da = np.concatenate([{da}], axis=1)
    {rest}
    return dx, dh_prev, dc_prev, dWx, dWh, db
"""
_LB = dict(dc_total="dc_total = dc + dh * o * (1 - tanh_c ** 2)", dc_prev="dc_prev = dc_total * f",
           da="di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)",
           rest="dx, dh_prev = da @ Wx.T, da @ Wh.T\n    dWx, dWh, db = x.T @ da, h_prev.T @ da, da.sum(axis=0)")

LSTM_BACKWARD_WRONG = {
    "forgets-the-path-through-h": _LSTM_BACKWARD_TEMPLATE.format(**{**_LB, "dc_total": "dc_total = dc"}),
    "ignores-incoming-dc": _LSTM_BACKWARD_TEMPLATE.format(
        **{**_LB, "dc_total": "dc_total = dh * o * (1 - tanh_c ** 2)"}),
    "dc-prev-not-times-f": _LSTM_BACKWARD_TEMPLATE.format(**{**_LB, "dc_prev": "dc_prev = dc_total"}),
    "sigmoid-derivative-is-s": _LSTM_BACKWARD_TEMPLATE.format(
        **{**_LB, "da": "di * i, df * f, dg * (1 - g ** 2), do * o"}),
    "tanh-derivative-uses-c-not-tanh-c": _LSTM_BACKWARD_TEMPLATE.format(
        **{**_LB, "dc_total": "dc_total = dc + dh * o * (1 - c ** 2)"}),
    "gate-blocks-i-f-o-g": _LSTM_BACKWARD_TEMPLATE.format(
        **{**_LB, "da": "di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)"}),
    "db-mean-over-batch": _LSTM_BACKWARD_TEMPLATE.format(
        **{**_LB, "rest": "dx, dh_prev = da @ Wx.T, da @ Wh.T\n    dWx, dWh, db = x.T @ da, h_prev.T @ da, da.mean(axis=0)"}),
    "dWh-uses-new-state": _LSTM_BACKWARD_TEMPLATE.format(
        **{**_LB, "rest": "dx, dh_prev = da @ Wx.T, da @ Wh.T\n    h_new = o * tanh_c\n"
                          "    dWx, dWh, db = x.T @ da, h_new.T @ da, da.sum(axis=0)"}),
    "modifies-dc-in-place": """
def lstm_cell_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = cache
    tanh_c = np.tanh(c)
    do = dh * tanh_c
    dc += dh * o * (1 - tanh_c ** 2)          # CS231n-style accumulation into the argument
    da = np.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g ** 2), do * o * (1 - o)], axis=1)
    return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, h_prev.T @ da, da.sum(axis=0)
""",
}

LSTM_BACKWARD_CORRECT = {
    "loop-over-gates-and-samples": """
def lstm_cell_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = cache
    N, M = dh.shape
    da = np.zeros((N, 4 * M))
    dc_prev = np.zeros((N, M))
    for n in range(N):
        for m in range(M):
            t = np.tanh(c[n, m])
            dct = dc[n, m] + dh[n, m] * o[n, m] * (1 - t * t)
            da[n, m] = dct * g[n, m] * i[n, m] * (1 - i[n, m])
            da[n, M + m] = dct * c_prev[n, m] * f[n, m] * (1 - f[n, m])
            da[n, 2 * M + m] = dct * i[n, m] * (1 - g[n, m] ** 2)
            da[n, 3 * M + m] = dh[n, m] * t * o[n, m] * (1 - o[n, m])
            dc_prev[n, m] = dct * f[n, m]
    return da @ Wx.T, da @ Wh.T, dc_prev, x.T @ da, h_prev.T @ da, da.sum(axis=0)
""",
    "float32-einsum-copies": """
def lstm_cell_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = (np.array(v, dtype=np.float32) for v in cache)
    dh, dc = np.array(dh, dtype=np.float32), np.array(dc, dtype=np.float32)
    tanh_c = np.tanh(c)
    dc_total = dc.copy()
    dc_total += dh * o * (1 - tanh_c ** 2)
    gates = {"i": dc_total * g * i * (1 - i), "f": dc_total * c_prev * f * (1 - f),
             "g": dc_total * i * (1 - g ** 2), "o": dh * tanh_c * o * (1 - o)}
    da = np.hstack([gates[k] for k in "ifgo"])
    return (np.einsum("nk,dk->nd", da, Wx), np.einsum("nk,mk->nm", da, Wh), dc_total * f,
            np.einsum("nd,nk->dk", x, da), np.einsum("nm,nk->mk", h_prev, da), np.einsum("nk->k", da))
""",
    "recomputes-nothing-validates-shapes": """
def lstm_cell_backward(dh, dc, cache):
    if len(cache) != 10:
        raise ValueError("cache must be (x, h_prev, c_prev, Wx, Wh, i, f, g, o, c)")
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, c = cache
    assert dh.shape == dc.shape == c.shape
    M = dh.shape[1]
    dtc = dh * o * (1 - np.tanh(c) ** 2) + dc
    da = np.empty((dh.shape[0], 4 * M), dtype=np.result_type(dh, dc, *cache))
    da[:, :M] = dtc * g * i * (1 - i)
    da[:, M:2 * M] = dtc * c_prev * f * (1 - f)
    da[:, 2 * M:3 * M] = dtc * i * (1 - np.square(g))
    da[:, 3 * M:] = dh * np.tanh(c) * o * (1 - o)
    return da.dot(Wx.T), da.dot(Wh.T), dtc * f, x.T.dot(da), h_prev.T.dot(da), np.sum(da, axis=0)
""",
}

_PE_TEMPLATE = '''
def sinusoidal_positions(T, D):
    if D % 2:
        raise ValueError("D must be even")
    t = np.arange({start}, T + {start}, dtype=np.float64)[:, None]
    {freq}
    P = np.empty((T, D))
    P[:, 0::2] = np.{even}(t * freq)
    P[:, 1::2] = np.{odd}(t * freq)
    return P
'''
_STD_FREQ = "freq = 10000.0 ** (-np.arange(0, D, 2) / D)"

PE_WRONG = {
    "sin-cos-swapped": _PE_TEMPLATE.format(start=0, freq=_STD_FREQ, even="cos", odd="sin"),
    "exponent-i-over-D": _PE_TEMPLATE.format(start=0, freq="freq = 10000.0 ** (-np.arange(D // 2) / D)",
                                             even="sin", odd="cos"),
    "positions-start-at-1": _PE_TEMPLATE.format(start=1, freq=_STD_FREQ, even="sin", odd="cos"),
    "no-even-check": '''
def sinusoidal_positions(T, D):
    P = np.zeros((T, D))
    for t in range(T):
        for j in range(0, D, 2):
            angle = t / 10000 ** (j / D)
            P[t, j] = np.sin(angle)
            if j + 1 < D:
                P[t, j + 1] = np.cos(angle)
    return P
''',
}

PE_CORRECT = {
    "loops": '''
def sinusoidal_positions(T, D):
    if D % 2 == 1:
        raise ValueError("odd width")
    P = np.zeros((T, D))
    for t in range(T):
        for i in range(D // 2):
            angle = t / 10000 ** (2 * i / D)
            P[t, 2 * i], P[t, 2 * i + 1] = math.sin(angle), math.cos(angle)
    return P
''',
    "torch-log-space": '''
def sinusoidal_positions(T, D):
    if D % 2:
        raise ValueError("odd width")
    t = torch.arange(T, dtype=torch.float64)[:, None]
    div = torch.exp(torch.arange(0, D, 2, dtype=torch.float64) * (-math.log(10000.0) / D))
    P = torch.stack([torch.sin(t * div), torch.cos(t * div)], dim=-1).reshape(T, D)   # interleave sin, cos
    return P.numpy()
''',
}

# ---------------------------------------------------------------------------------------------------------------
# Attention
# ---------------------------------------------------------------------------------------------------------------
_ATTN_TEMPLATE = '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    d_h = Q.shape[-1]
    if K.shape[-1] != d_h:
        raise ValueError("width mismatch")
    scores = Q @ K.transpose(-2, -1) / {scale}
    {before}
    weights = torch.softmax(scores, dim={dim})
    {after}
    return weights @ V, weights
'''
_MASK_BEFORE = 'scores = scores if mask is None else scores.masked_fill(~mask, float("-inf"))'

ATTENTION_WRONG = {
    "scaled-by-d": _ATTN_TEMPLATE.format(scale="d_h", before=_MASK_BEFORE, dim=-1, after=""),
    "not-scaled": _ATTN_TEMPLATE.format(scale="1.0", before=_MASK_BEFORE, dim=-1, after=""),
    "mask-after-softmax": _ATTN_TEMPLATE.format(scale="math.sqrt(d_h)", before="", dim=-1,
                                                after="weights = weights if mask is None else weights * mask"),
    "softmax-over-queries": _ATTN_TEMPLATE.format(scale="math.sqrt(d_h)", before=_MASK_BEFORE, dim=-2, after=""),
    "mask-inverted": _ATTN_TEMPLATE.format(
        scale="math.sqrt(d_h)", dim=-1, after="",
        before='scores = scores if mask is None else scores.masked_fill(mask, -1e9)'),
    "unstable-softmax": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    if K.shape[-1] != Q.shape[-1]:
        raise ValueError("width mismatch")
    e = torch.exp(Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1]))
    if mask is not None:
        e = e * mask
    weights = e / e.sum(-1, keepdim=True)
    return weights @ V, weights
''',
}

ATTENTION_CORRECT = {
    "einsum-stable-softmax-by-hand": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError("width mismatch")
    s = torch.einsum("...qd,...kd->...qk", Q, K) * Q.shape[-1] ** -0.5
    if mask is not None:
        s = torch.where(mask, s, torch.tensor(float("-inf"), dtype=s.dtype))
    s = s - s.amax(dim=-1, keepdim=True)
    e = s.exp()
    w = e / e.sum(dim=-1, keepdim=True)
    return torch.einsum("...qk,...kv->...qv", w, V), w
''',
    "float64-inside": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError("width mismatch")
    dtype = Q.dtype
    Q, K, V = Q.double(), K.double(), V.double()
    s = (Q / math.sqrt(Q.shape[-1])) @ K.transpose(-1, -2)
    if mask is not None:
        s = s.masked_fill(mask.logical_not(), -math.inf)
    w = s.softmax(-1)
    return (w @ V).to(dtype), w.to(dtype)
''',
}

MASKS_WRONG = {
    "causal-excludes-diagonal": '''
def causal_mask(T):
    return torch.ones(T, T, dtype=torch.bool).tril(diagonal=-1)
''',
    "causal-transposed": '''
def causal_mask(T):
    return torch.ones(T, T, dtype=torch.bool).triu()
''',
    "causal-sees-one-ahead": '''
def causal_mask(T):
    return torch.ones(T, T, dtype=torch.bool).tril(diagonal=1)
''',
    "padding-off-by-one": '''
def padding_mask(lengths, T):
    lengths = torch.as_tensor(np.asarray(lengths))
    if (lengths < 1).any() or (lengths > T).any():
        raise ValueError("bad length")
    return torch.arange(T)[None, :] <= lengths[:, None]
''',
    "padding-no-validation": '''
def padding_mask(lengths, T):
    lengths = torch.as_tensor(np.asarray(lengths))
    return torch.arange(T)[None, :] < lengths[:, None]
''',
}

MASKS_CORRECT = {
    "loops": '''
def causal_mask(T):
    m = torch.zeros(T, T, dtype=torch.bool)
    for t in range(T):
        for s in range(t + 1):
            m[t, s] = True
    return m


def padding_mask(lengths, T):
    lengths = [int(n) for n in lengths]
    if min(lengths) < 1 or max(lengths) > T:
        raise ValueError("lengths out of range")
    m = torch.zeros(len(lengths), T, dtype=torch.bool)
    for n, length in enumerate(lengths):
        m[n, :length] = True
    return m
''',
    "numpy-built": '''
def causal_mask(T):
    return torch.from_numpy(np.arange(T)[:, None] >= np.arange(T)[None, :])


def padding_mask(lengths, T):
    lengths = np.asarray(lengths).reshape(-1)
    if np.any(lengths < 1) or np.any(lengths > T):
        raise ValueError("lengths out of range")
    return torch.from_numpy(np.arange(T)[None, :] < lengths[:, None])
''',
}

# ---------------------------------------------------------------------------------------------------------------
# Multi-head attention
# ---------------------------------------------------------------------------------------------------------------
_MHA_TEMPLATE = '''
class MultiHeadAttention(nn.Module):
    def __init__(self, D, H):
        super().__init__()
        if D % H:
            raise ValueError("H must divide D")
        self.H = H
        self.q_proj, self.k_proj = nn.Linear(D, D), nn.Linear(D, D)
        self.v_proj, self.out_proj = nn.Linear(D, D), nn.Linear(D, D)

    def forward(self, query, key, value, mask=None):
        N, T_q, D = query.shape
        T_k = key.shape[1]
        H, d_h = self.H, D // self.H
        {body}
'''
_MHA_SPLIT = ("Q = self.q_proj(query).view(N, T_q, H, d_h).transpose(1, 2)\n"
              "        K = self.k_proj(key).view(N, T_k, H, d_h).transpose(1, 2)\n"
              "        V = self.v_proj(value).view(N, T_k, H, d_h).transpose(1, 2)\n")

MHA_WRONG = {
    "heads-split-without-transpose": _MHA_TEMPLATE.format(body=(
        "Q = self.q_proj(query).reshape(N, H, T_q, d_h)\n"
        "        K = self.k_proj(key).reshape(N, H, T_k, d_h)\n"
        "        V = self.v_proj(value).reshape(N, H, T_k, d_h)\n"
        "        o, w = scaled_dot_product_attention(Q, K, V, mask)\n"
        "        return self.out_proj(o.reshape(N, T_q, D)), w")),
    "scaled-by-sqrt-D": _MHA_TEMPLATE.format(body=_MHA_SPLIT + (
        "        s = Q @ K.transpose(-2, -1) / math.sqrt(D)\n"
        "        if mask is not None:\n"
        "            s = s.masked_fill(~mask, float('-inf'))\n"
        "        w = s.softmax(-1)\n"
        "        return self.out_proj((w @ V).transpose(1, 2).reshape(N, T_q, D)), w")),
    "no-output-projection": _MHA_TEMPLATE.format(body=_MHA_SPLIT + (
        "        o, w = scaled_dot_product_attention(Q, K, V, mask)\n"
        "        return o.transpose(1, 2).reshape(N, T_q, D), w")),
    "keys-and-values-swapped": _MHA_TEMPLATE.format(body=(
        "Q = self.q_proj(query).view(N, T_q, H, d_h).transpose(1, 2)\n"
        "        K = self.k_proj(value).view(N, T_k, H, d_h).transpose(1, 2)\n"
        "        V = self.v_proj(key).view(N, T_k, H, d_h).transpose(1, 2)\n"
        "        o, w = scaled_dot_product_attention(Q, K, V, mask)\n"
        "        return self.out_proj(o.transpose(1, 2).reshape(N, T_q, D)), w")),
    "mask-ignored": _MHA_TEMPLATE.format(body=_MHA_SPLIT + (
        "        o, w = scaled_dot_product_attention(Q, K, V)\n"
        "        return self.out_proj(o.transpose(1, 2).reshape(N, T_q, D)), w")),
    "averaged-weights": _MHA_TEMPLATE.format(body=_MHA_SPLIT + (
        "        o, w = scaled_dot_product_attention(Q, K, V, mask)\n"
        "        return self.out_proj(o.transpose(1, 2).reshape(N, T_q, D)), w.mean(1, keepdim=True).expand_as(w)")),
}

MHA_CORRECT = {
    "loop-over-heads": _MHA_TEMPLATE.format(body=(
        "q, k, v = self.q_proj(query), self.k_proj(key), self.v_proj(value)\n"
        "        outs, ws = [], []\n"
        "        for h in range(H):\n"
        "            cols = slice(h * d_h, (h + 1) * d_h)\n"
        "            m = mask\n"
        "            if m is not None and m.dim() == 4:\n"
        "                m = m[:, 0] if m.shape[1] == 1 else m[:, h]\n"
        "            o, w = scaled_dot_product_attention(q[..., cols], k[..., cols], v[..., cols], m)\n"
        "            outs.append(o)\n"
        "            ws.append(w.expand(N, T_q, T_k))\n"
        "        return self.out_proj(torch.cat(outs, dim=-1)), torch.stack(ws, dim=1)")),
    "einsum": _MHA_TEMPLATE.format(body=(
        "Q = self.q_proj(query).reshape(N, T_q, H, d_h)\n"
        "        K = self.k_proj(key).reshape(N, T_k, H, d_h)\n"
        "        V = self.v_proj(value).reshape(N, T_k, H, d_h)\n"
        "        s = torch.einsum('nqhd,nkhd->nhqk', Q, K) / math.sqrt(d_h)\n"
        "        if mask is not None:\n"
        "            s = s.masked_fill(~mask, float('-inf'))\n"
        "        w = torch.softmax(s, dim=-1)\n"
        "        o = torch.einsum('nhqk,nkhd->nqhd', w, V).reshape(N, T_q, D)\n"
        "        return self.out_proj(o), w")),
}

# ---------------------------------------------------------------------------------------------------------------
# Linear attention
# ---------------------------------------------------------------------------------------------------------------
_LIN_TEMPLATE = '''
def linear_attention(Q, K, V):
    phi_Q = {phi}
    psi_K = {psi}
    return phi_Q @ (psi_K.transpose(-2, -1) @ V)
'''
LINEAR_WRONG = {
    "K-softmax-over-features": _LIN_TEMPLATE.format(phi="torch.softmax(Q, dim=-1)", psi="torch.softmax(K, dim=-1)"),
    "no-softmax-on-K": _LIN_TEMPLATE.format(phi="torch.softmax(Q, dim=-1)", psi="K"),
    "Q-softmax-over-positions": _LIN_TEMPLATE.format(phi="torch.softmax(Q, dim=-2)", psi="torch.softmax(K, dim=-2)"),
    "Q-scaled-by-sqrt-d": _LIN_TEMPLATE.format(phi="torch.softmax(Q / math.sqrt(Q.shape[-1]), dim=-1)",
                                               psi="torch.softmax(K, dim=-2)"),
}
LINEAR_CORRECT = {
    "einsum": '''
def linear_attention(Q, K, V):
    ctx = torch.einsum("...kd,...kv->...dv", K.softmax(-2), V)
    return torch.einsum("...qd,...dv->...qv", Q.softmax(-1), ctx)
''',
}

# ---------------------------------------------------------------------------------------------------------------
# LayerNorm and the encoder block
# ---------------------------------------------------------------------------------------------------------------
LAYER_NORM_WRONG = {
    "unbiased-variance": '''
def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    return gamma * (x - mean) / torch.sqrt(x.var(-1, keepdim=True) + eps) + beta
''',
    "eps-outside-sqrt": '''
def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    std = ((x - mean) ** 2).mean(-1, keepdim=True).sqrt()
    return gamma * (x - mean) / (std + eps) + beta
''',
    "normalised-over-the-batch": '''
def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(0, keepdim=True)
    var = ((x - mean) ** 2).mean(0, keepdim=True)
    return gamma * (x - mean) / torch.sqrt(var + eps) + beta
''',
    "eps-ignored": '''
def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return gamma * (x - mean) / torch.sqrt(var + 1e-5) + beta
''',
}
LAYER_NORM_CORRECT = {
    "var-correction-0-rsqrt": '''
def layer_norm(x, gamma, beta, eps=1e-5):
    var, mean = torch.var_mean(x, dim=-1, keepdim=True, correction=0)
    return (x - mean) * torch.rsqrt(var + eps) * gamma + beta
''',
    "float64-inside": '''
def layer_norm(x, gamma, beta, eps=1e-5):
    x64 = x.double()
    centred = x64 - x64.mean(-1, keepdim=True)
    y = centred / (centred.pow(2).mean(-1, keepdim=True) + eps).sqrt()
    return (y * gamma.double() + beta.double()).to(x.dtype)
''',
}

_BLOCK_TEMPLATE = '''
class EncoderBlock(nn.Module):
    def __init__(self, D, H, D_ff, norm_first=True):
        super().__init__()
        self.norm_first = norm_first
        self.attn = MultiHeadAttention(D, H)
        self.norm1, self.norm2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.ff1, self.ff2 = nn.Linear(D, D_ff), nn.Linear(D_ff, D)

    def forward(self, x, mask=None):
        {body}
'''
_POST = ("a, w = self.attn(x, x, x, mask)\n"
         "        x = self.norm1(x + a)\n"
         "        return self.norm2(x + self.ff2(F.relu(self.ff1(x)))), w")
_PRE = ("z = self.norm1(x)\n"
        "        a, w = self.attn(z, z, z, mask)\n"
        "        x = x + a\n"
        "        return x + self.ff2(F.relu(self.ff1(self.norm2(x)))), w")

BLOCK_WRONG = {
    "always-post-LN": _BLOCK_TEMPLATE.format(body=_POST),
    "always-pre-LN": _BLOCK_TEMPLATE.format(body=_PRE),
    "pre-LN-without-ffn-residual": _BLOCK_TEMPLATE.format(body=(
        "if not self.norm_first:\n"
        "            " + _POST.replace("\n", "\n    ") + "\n"
        "        z = self.norm1(x)\n"
        "        a, w = self.attn(z, z, z, mask)\n"
        "        x = x + a\n"
        "        return self.ff2(F.relu(self.ff1(self.norm2(x)))), w")),
    "pre-LN-norms-swapped": _BLOCK_TEMPLATE.format(body=(
        "if not self.norm_first:\n"
        "            " + _POST.replace("\n", "\n    ") + "\n"
        "        z = self.norm2(x)\n"
        "        a, w = self.attn(z, z, z, mask)\n"
        "        x = x + a\n"
        "        return x + self.ff2(F.relu(self.ff1(self.norm1(x)))), w")),
    "pre-LN-normalises-the-stream": _BLOCK_TEMPLATE.format(body=(
        "if not self.norm_first:\n"
        "            " + _POST.replace("\n", "\n    ") + "\n"
        "        x = self.norm1(x)\n"
        "        a, w = self.attn(x, x, x, mask)\n"
        "        x = self.norm2(x + a)\n"
        "        return x + self.ff2(F.relu(self.ff1(x))), w")),
    "no-relu": _BLOCK_TEMPLATE.format(body=(
        "if not self.norm_first:\n"
        "            a, w = self.attn(x, x, x, mask)\n"
        "            x = self.norm1(x + a)\n"
        "            return self.norm2(x + self.ff2(self.ff1(x))), w\n"
        "        z = self.norm1(x)\n"
        "        a, w = self.attn(z, z, z, mask)\n"
        "        x = x + a\n"
        "        return x + self.ff2(self.ff1(self.norm2(x))), w")),
}

BLOCK_CORRECT = {
    "own-layer-norm-module": '''
class _MyLayerNorm(nn.Module):
    def __init__(self, D):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(D))
        self.bias = nn.Parameter(torch.zeros(D))

    def forward(self, x):
        return layer_norm(x, self.weight, self.bias)


class EncoderBlock(nn.Module):
    def __init__(self, D, H, D_ff, norm_first=True):
        super().__init__()
        self.norm_first = norm_first
        self.attn = MultiHeadAttention(D, H)
        self.norm1, self.norm2 = _MyLayerNorm(D), _MyLayerNorm(D)
        self.ff1, self.ff2 = nn.Linear(D, D_ff), nn.Linear(D_ff, D)

    def ffn(self, z):
        return self.ff2(self.ff1(z).clamp(min=0))

    def forward(self, x, mask=None):
        if self.norm_first:
            z = self.norm1(x)
            a, w = self.attn(z, z, z, mask=mask)
            y = x + a
            return y + self.ffn(self.norm2(y)), w
        a, w = self.attn(x, x, x, mask=mask)
        y = self.norm1(a + x)
        return self.norm2(self.ffn(y) + y), w
''',
}

# ---------------------------------------------------------------------------------------------------------------
# The decoder and its training
# ---------------------------------------------------------------------------------------------------------------
BATCH_WRONG = {
    "targets-not-shifted": '''
def make_reversal_batch(digits):
    d = torch.as_tensor(np.asarray(digits), dtype=torch.long)
    N, R = d.shape
    s = torch.cat([d, torch.full((N, 1), SEP), d.flip(1)], dim=1)
    mask = torch.zeros(N, 2 * R, dtype=torch.bool)
    mask[:, R:] = True
    return s[:, :-1], s[:, :-1], mask
''',
    "mask-includes-separator": '''
def make_reversal_batch(digits):
    d = torch.as_tensor(np.asarray(digits), dtype=torch.long)
    N, R = d.shape
    s = torch.cat([d, torch.full((N, 1), SEP), d.flip(1)], dim=1)
    mask = torch.zeros(N, 2 * R, dtype=torch.bool)
    mask[:, R - 1:] = True
    return s[:, :-1], s[:, 1:], mask
''',
    "not-reversed": '''
def make_reversal_batch(digits):
    d = torch.as_tensor(np.asarray(digits), dtype=torch.long)
    N, R = d.shape
    s = torch.cat([d, torch.full((N, 1), SEP), d], dim=1)
    mask = torch.zeros(N, 2 * R, dtype=torch.bool)
    mask[:, R:] = True
    return s[:, :-1], s[:, 1:], mask
''',
}
BATCH_CORRECT = {
    "python-lists": '''
def make_reversal_batch(digits):
    rows = [[int(v) for v in row] for row in np.asarray(digits)]
    seqs = [row + [SEP] + row[::-1] for row in rows]
    R = len(rows[0])
    inputs = torch.tensor([s[:-1] for s in seqs])
    targets = torch.tensor([s[1:] for s in seqs])
    mask = torch.tensor([[t >= R for t in range(2 * R)] for _ in seqs])
    return inputs, targets, mask
''',
}

_DECODER_TEMPLATE = '''
class TinyDecoder(nn.Module):
    def __init__(self, C, D, H, D_ff, L, T_max):
        super().__init__()
        self.T_max = T_max
        self.tok_emb = nn.Embedding(C, D)
        self.blocks = nn.ModuleList([EncoderBlock(D, H, D_ff, norm_first={norm_first}) for _ in range(L)])
        self.norm = nn.LayerNorm(D)
        self.head = nn.Linear(D, C)
        self.register_buffer("P", torch.as_tensor(sinusoidal_positions(T_max, D), dtype=torch.float32), persistent=False)

    def forward(self, tokens):
        N, T = tokens.shape
        if T > self.T_max:
            raise ValueError("too long")
        z = {embed}
        maps = []
        for block in self.blocks:
            z, w = block(z, {mask})
            maps.append(w)
        return self.head({final}), torch.stack(maps)
'''
_DEC_STD = dict(norm_first="True", embed="self.tok_emb(tokens) + self.P[:T]", mask="causal_mask(T)",
                final="self.norm(z)")

DECODER_WRONG = {
    "no-positions": _DECODER_TEMPLATE.format(**{**_DEC_STD, "embed": "self.tok_emb(tokens)"}),
    "no-causal-mask": _DECODER_TEMPLATE.format(**{**_DEC_STD, "mask": "None"}),
    "no-final-norm": _DECODER_TEMPLATE.format(**{**_DEC_STD, "final": "z"}),
    "post-LN-blocks": _DECODER_TEMPLATE.format(**{**_DEC_STD, "norm_first": "False"}),
    "embedding-scaled-by-sqrt-D": _DECODER_TEMPLATE.format(
        **{**_DEC_STD, "embed": "self.tok_emb(tokens) * math.sqrt(self.P.shape[1]) + self.P[:T]"}),
    "causal-mask-off-by-one": _DECODER_TEMPLATE.format(
        **{**_DEC_STD, "mask": "torch.ones(T, T, dtype=torch.bool).tril(diagonal=1)"}),
}
DECODER_CORRECT = {
    "positions-recomputed-each-call": '''
class TinyDecoder(nn.Module):
    def __init__(self, C, D, H, D_ff, L, T_max):
        super().__init__()
        self.T_max, self.D = T_max, D
        self.tok_emb = nn.Embedding(C, D)
        self.blocks = nn.ModuleList(EncoderBlock(D, H, D_ff) for _ in range(L))
        self.norm = nn.LayerNorm(D)
        self.head = nn.Linear(D, C)

    def forward(self, tokens):
        T = tokens.shape[1]
        if T > self.T_max:
            raise ValueError("too long")
        z = self.tok_emb(tokens) + torch.from_numpy(sinusoidal_positions(T, self.D)).float()
        mask = causal_mask(T)[None, None]          # (1, 1, T, T)
        maps = []
        for block in self.blocks:
            z, w = block(z, mask=mask)
            maps.append(w)
        return self.head(self.norm(z)), torch.stack(maps, dim=0)
''',
}

_GREEDY_TEMPLATE = '''
def greedy_decode(model, prompt, n_new):
    tokens = prompt.clone()
    with torch.no_grad():
        for _ in range({count}):
            logits, _ = model({feed})
            nxt = logits[:, {pos}].argmax(dim=-1, keepdim=True)
            tokens = torch.cat([tokens, nxt], dim=1)
    return tokens
'''
GREEDY_WRONG = {
    "first-position-logits": _GREEDY_TEMPLATE.format(count="n_new", feed="tokens", pos="0"),
    "prompt-only-no-feedback": _GREEDY_TEMPLATE.format(count="n_new", feed="prompt", pos="-1"),
    "one-token-too-few": _GREEDY_TEMPLATE.format(count="max(n_new - 1, 0)", feed="tokens", pos="-1"),
    "argmax-over-positions": '''
def greedy_decode(model, prompt, n_new):
    tokens = prompt.clone()
    for _ in range(n_new):
        logits, _ = model(tokens)
        nxt = logits.max(dim=-1).values.argmax(dim=-1, keepdim=True)
        tokens = torch.cat([tokens, nxt], dim=1)
    return tokens
''',
}
GREEDY_CORRECT = {
    "numpy-loop-with-gradients": '''
def greedy_decode(model, prompt, n_new):
    tokens = prompt.numpy().copy()
    for _ in range(n_new):
        logits = model(torch.from_numpy(tokens))[0]
        nxt = logits[:, -1].detach().numpy().argmax(axis=1)
        tokens = np.concatenate([tokens, nxt[:, None]], axis=1)
    return torch.from_numpy(tokens)
''',
}

_TRAIN_TEMPLATE = '''
def train_reverser(R=6, steps=120, seed=0, lr=4e-3):
    torch.manual_seed({torch_seed})
    rng = {rng}
    model = TinyDecoder(C_TOKENS, 32, 2, 64, 2, 2 * R + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr={lr})
    losses = []
    for _ in range({steps}):
        inputs, targets, loss_mask = make_reversal_batch({digits})
        {fix}
        logits, _ = model(inputs)
        loss = F.cross_entropy(logits[loss_mask], targets[loss_mask]{reduction})
        {zero}
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model.{mode}(), losses
'''
_TRAIN_STD = dict(torch_seed="seed", rng="np.random.default_rng(seed)", lr="lr", steps="steps",
                  digits="rng.integers(0, 10, size=(64, R))", fix="pass", reduction="", zero="optimizer.zero_grad()",
                  mode="eval")


def _train(**changes):
    return _TRAIN_TEMPLATE.format(**{**_TRAIN_STD, **changes})


TRAIN_WRONG = {
    "targets-not-shifted": _train(fix="targets = inputs"),
    "too-few-steps": _train(steps="10"),
    "loss-mask-off-by-one": _train(fix="loss_mask = torch.roll(loss_mask, -1, dims=1)"),
    "hard-coded-lr": _train(lr="4e-3"),
    "torch-seed-ignored": _train(torch_seed="0"),
    "unseeded-generator": _train(rng="np.random.default_rng()"),
    "summed-loss": _train(reduction=', reduction="sum"'),
    # the in-place gradient edit of a training loop: gradients accumulate across steps
    "no-zero-grad": _train(zero="pass"),
    "returned-in-train-mode": _train(mode="train"),
    # public-code style: the legacy global NumPy generator instead of the specified default_rng(seed)
    "legacy-np-random": _train(rng="np.random.seed(seed)", digits="np.random.randint(0, 10, size=(64, R))"),
}
TRAIN_CORRECT = {
    "ignore-index-adamw": '''
def train_reverser(R=6, steps=120, seed=0, lr=4e-3):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = TinyDecoder(C_TOKENS, 32, 2, 64, 2, 2 * R + 1)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    losses = []
    for _ in range(steps):
        x, y, m = make_reversal_batch(rng.integers(0, 10, size=(64, R)))
        y = y.masked_fill(~m, -100)                       # ignored positions
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, C_TOKENS), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(float(loss))
    model.eval()
    return model, losses
''',
}
# ---------------------------------------------------------------------------------------------------------------
# Further variants (issue 15): dtypes, edge cases, inputs modified in place, public-code styles
# ---------------------------------------------------------------------------------------------------------------
RNN_FORWARD_WRONG.update({
    # the state buffer is h0 itself: h0 is overwritten (the values returned are right)
    "overwrites-h0-in-place": """
def rnn_forward(x, h0, Wx, Wh, b):
    h_prev = h0
    states = []
    for t in range(x.shape[1]):
        h_prev[:] = np.tanh(x[:, t] @ Wx + h_prev @ Wh + b)
        states.append(h_prev.copy())
    h = np.stack(states, axis=1)
    return h, (x, h0, Wx, Wh, h)
""",
    "cache-in-another-order": _RNN_FORWARD_TEMPLATE.format(
        step="h_prev = np.tanh(x[:, t] @ Wx + h_prev @ Wh + b)\n        h[:, t] = h_prev").replace(
        "return h, (x, h0, Wx, Wh, h)", "return h, (h, x, h0, Wx, Wh)"),
    # CS231n-style off-by-one: the initial state is stacked with the others
    "returns-h0-too": """
def rnn_forward(x, h0, Wx, Wh, b):
    hs = [h0]
    for t in range(x.shape[1]):
        hs.append(np.tanh(x[:, t] @ Wx + hs[-1] @ Wh + b))
    h = np.stack(hs, axis=1)
    return h, (x, h0, Wx, Wh, h)
""",
})
RNN_FORWARD_CORRECT.update({
    "defensive-copies-and-checks": """
def rnn_forward(x, h0, Wx, Wh, b):
    x, h0, Wx, Wh, b = (np.array(a, dtype=np.float64, copy=True) for a in (x, h0, Wx, Wh, b))
    N, T, D = x.shape
    if h0.shape[0] != N or Wx.shape != (D, Wh.shape[0]) or b.shape != (Wh.shape[0],):
        raise ValueError("inconsistent shapes")
    h = np.zeros((N, T, Wh.shape[0]))
    prev = h0.copy()
    for t in range(T):
        prev = np.tanh(np.dot(x[:, t, :], Wx) + np.dot(prev, Wh) + b[None, :])
        h[:, t, :] = prev
    return h, (x, h0, Wx, Wh, h)
""",
    "cs231n-step-function": """
def rnn_forward(x, h0, Wx, Wh, b):
    def step(x_t, prev):
        return np.tanh(prev.dot(Wh) + x_t.dot(Wx) + b)
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]), dtype=np.result_type(x, h0))
    prev = h0
    for t in range(T):
        prev = step(x[:, t, :], prev)
        h[:, t, :] = prev
    return h, (x, h0, Wx, Wh, h)
""",
})

RNN_BACKWARD_WRONG.update({
    # right values, but the recurrent gradient is added into the caller's dL_dh
    "adds-into-dL_dh-in-place": """
def rnn_backward(dL_dh, cache):
    x, h0, Wx, Wh, h = cache
    N, T, D = x.shape
    dL_dx, dL_dWx, dL_dWh, dL_db = np.zeros((N, T, D)), np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(Wh.shape[0])
    for t in reversed(range(T)):
        dL_da = dL_dh[:, t] * (1 - h[:, t] ** 2)
        h_prev = h[:, t - 1] if t > 0 else h0
        dL_dx[:, t] = dL_da @ Wx.T
        dL_dWx += x[:, t].T @ dL_da
        dL_dWh += h_prev.T @ dL_da
        dL_db += dL_da.sum(axis=0)
        if t > 0:
            dL_dh[:, t - 1] += dL_da @ Wh.T
    return dL_dx, dL_da @ Wh.T, dL_dWx, dL_dWh, dL_db
""",
    "dWh-overwritten-not-summed": _RNN_BACKWARD_TEMPLATE.format(
        da="dL_da = (dL_dh[:, t] + future) * (1 - h[:, t] ** 2)", hprev="h_prev", dh0="future").replace(
        "dL_dWh += h_prev.T @ dL_da", "dL_dWh = h_prev.T @ dL_da"),
})
RNN_BACKWARD_CORRECT.update({
    "copies-the-cache": """
def rnn_backward(dL_dh, cache):
    x, h0, Wx, Wh, h = (np.array(a, dtype=np.float64) for a in cache)
    g = np.array(dL_dh, dtype=np.float64)
    N, T, D = x.shape
    grads = {"x": np.zeros_like(x), "Wx": np.zeros_like(Wx), "Wh": np.zeros_like(Wh), "b": np.zeros(Wh.shape[0])}
    carry = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):
        da = (g[:, t, :] + carry) * (1.0 - np.square(h[:, t, :]))
        prev = h0 if t == 0 else h[:, t - 1, :]
        grads["x"][:, t, :] = da.dot(Wx.T)
        grads["Wx"] += x[:, t, :].T.dot(da)
        grads["Wh"] += prev.T.dot(da)
        grads["b"] += np.sum(da, axis=0)
        carry = da.dot(Wh.T)
    return grads["x"], carry, grads["Wx"], grads["Wh"], grads["b"]
""",
})

LSTM_WRONG.update({
    # the cell state is updated in the caller's array
    "updates-c_prev-in-place": _LSTM_TEMPLATE.format(
        gates=_STD_GATES, update="c_prev *= f\n    c_prev += i * g\n    c = c_prev\n    h = o * np.tanh(c)"),
})
LSTM_CORRECT.update({
    "hsplit-naive-sigmoid": """
def lstm_cell_forward(x, h_prev, c_prev, Wx, Wh, b):
    a = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
    ai, af, ag, ao = np.hsplit(a, 4)
    sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))
    c = sigmoid(af) * c_prev + sigmoid(ai) * np.tanh(ag)
    return sigmoid(ao) * np.tanh(c), c
""",
})

PE_WRONG.update({
    "float32": _PE_TEMPLATE.format(start=0, freq=_STD_FREQ, even="sin", odd="cos").replace(
        "P = np.empty((T, D))", "P = np.empty((T, D), dtype=np.float32)"),
    # d2l-style: positions / 10000**(j/D) with j the column index, so the cosine columns get their own frequency
    "column-index-exponent": """
def sinusoidal_positions(T, D):
    if D % 2:
        raise ValueError("D must be even")
    angles = np.arange(T)[:, None] / np.power(10000, np.arange(D)[None, :] / D)
    P = angles.copy()
    P[:, 0::2] = np.sin(angles[:, 0::2])
    P[:, 1::2] = np.cos(angles[:, 1::2])
    return P
""",
})
PE_CORRECT.update({
    "outer-and-validation": """
def sinusoidal_positions(T, D):
    T, D = int(T), int(D)
    if T < 1 or D % 2 != 0:
        raise ValueError("T must be positive and D even")
    angles = np.outer(np.arange(T), 1.0 / 10000 ** (np.arange(D // 2) * 2.0 / D))
    P = np.zeros((T, D), dtype=np.float64)
    P[:, ::2], P[:, 1::2] = np.sin(angles), np.cos(angles)
    return P
""",
})

ATTENTION_WRONG.update({
    # the queries are scaled in the caller's tensor
    "scales-Q-in-place": """
def scaled_dot_product_attention(Q, K, V, mask=None):
    if K.shape[-1] != Q.shape[-1]:
        raise ValueError("width mismatch")
    Q /= math.sqrt(Q.shape[-1])
    scores = Q @ K.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ V, weights
""",
    "no-width-check": _ATTN_TEMPLATE.format(scale="math.sqrt(d_h)", before=_MASK_BEFORE, dim=-1, after="").replace(
        '    if K.shape[-1] != d_h:\n        raise ValueError("width mismatch")\n', ""),
})
ATTENTION_CORRECT.update({
    # "The Annotated Transformer": mask == 0 filled with -1e9 (exp underflows to exactly 0)
    "annotated-transformer-minus-1e9": """
def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.size(-1)
    if K.size(-1) != d_k:
        raise ValueError("Q and K differ in width")
    scores = torch.matmul(Q, K.transpose(-2, -1)) / math.sqrt(d_k)
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    p_attn = scores.softmax(dim=-1)
    return torch.matmul(p_attn, V), p_attn
""",
})

MASKS_WRONG.update({
    # nanoGPT style: a float lower-triangular matrix (used with masked_fill(mask == 0, ...)), not a boolean mask
    "float-tril": """
def causal_mask(T):
    return torch.tril(torch.ones(T, T))
""",
    "padding-int-dtype": """
def padding_mask(lengths, T):
    lengths = torch.as_tensor(np.asarray(lengths))
    if (lengths < 1).any() or (lengths > T).any():
        raise ValueError("bad length")
    return (torch.arange(T)[None, :] < lengths[:, None]).long()
""",
    # torch.as_tensor shares memory with a NumPy array: the caller's lengths are shifted
    "shifts-lengths-in-place": """
def padding_mask(lengths, T):
    lengths = torch.as_tensor(lengths)
    if (lengths < 1).any() or (lengths > T).any():
        raise ValueError("bad length")
    lengths -= 1
    return torch.arange(T)[None, :] <= lengths[:, None]
""",
})
MASKS_CORRECT.update({
    "tril-bool-and-validation": """
def causal_mask(T):
    return torch.tril(torch.ones(T, T)).bool()


def padding_mask(lengths, T):
    lengths = torch.tensor(np.array(lengths), dtype=torch.long).reshape(-1)
    if lengths.min() < 1 or lengths.max() > T:
        raise ValueError(f"lengths must lie in 1..{T}")
    return torch.stack([torch.arange(T) < n for n in lengths])
""",
})

MHA_CORRECT.update({
    "permute-and-contiguous": _MHA_TEMPLATE.format(body=(
        "Q = self.q_proj(query).reshape(N, T_q, H, d_h).permute(0, 2, 1, 3)\n"
        "        K = self.k_proj(key).reshape(N, T_k, H, d_h).permute(0, 2, 1, 3)\n"
        "        V = self.v_proj(value).reshape(N, T_k, H, d_h).permute(0, 2, 1, 3)\n"
        "        o, w = scaled_dot_product_attention(Q, K, V, mask=mask)\n"
        "        o = o.permute(0, 2, 1, 3).contiguous().view(N, T_q, H * d_h)\n"
        "        return self.out_proj(o), w")),
})

LINEAR_WRONG.update({
    "softmax-axes-swapped": _LIN_TEMPLATE.format(phi="torch.softmax(Q, dim=-2)", psi="torch.softmax(K, dim=-1)"),
    # a max-shift for stability, done in the caller's tensor (the result is right)
    "shifts-Q-in-place": """
def linear_attention(Q, K, V):
    Q -= Q.amax(dim=-1, keepdim=True)
    phi_Q = Q.exp() / Q.exp().sum(dim=-1, keepdim=True)
    psi_K = torch.softmax(K, dim=-2)
    return phi_Q @ (psi_K.transpose(-2, -1) @ V)
""",
})
LINEAR_CORRECT.update({
    "stable-softmax-by-hand-float64": """
def linear_attention(Q, K, V):
    q, k, v = Q.double(), K.double(), V.double()
    eq = torch.exp(q - q.max(dim=-1, keepdim=True).values)
    ek = torch.exp(k - k.max(dim=-2, keepdim=True).values)
    phi, psi = eq / eq.sum(-1, keepdim=True), ek / ek.sum(-2, keepdim=True)
    return (phi @ (psi.mT @ v)).to(V.dtype)
""",
})

LAYER_NORM_WRONG.update({
    "centres-x-in-place": """
def layer_norm(x, gamma, beta, eps=1e-5):
    x -= x.mean(-1, keepdim=True)
    var = (x ** 2).mean(-1, keepdim=True)
    return gamma * x / torch.sqrt(var + eps) + beta
""",
    "normalised-over-tokens-and-features": """
def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(dim=(-2, -1), keepdim=True)
    var = ((x - mean) ** 2).mean(dim=(-2, -1), keepdim=True)
    return gamma * (x - mean) / torch.sqrt(var + eps) + beta
""",
})
LAYER_NORM_CORRECT.update({
    "var-unbiased-false": """
def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(dim=-1, keepdim=True)
    sigma2 = x.var(dim=-1, unbiased=False, keepdim=True)
    return (x - mu) / (sigma2 + eps).sqrt() * gamma + beta
""",
})

BLOCK_WRONG.update({
    # the residual is added into the caller's tensor
    "residual-added-in-place": _BLOCK_TEMPLATE.format(body=(
        "if not self.norm_first:\n"
        "            " + _POST.replace("\n", "\n    ") + "\n"
        "        z = self.norm1(x)\n"
        "        a, w = self.attn(z, z, z, mask)\n"
        "        x += a\n"
        "        return x + self.ff2(F.relu(self.ff1(self.norm2(x)))), w")),
})
BLOCK_CORRECT.update({
    "functional-layer-norm": '''
class EncoderBlock(nn.Module):
    def __init__(self, D, H, D_ff, norm_first=True):
        super().__init__()
        self.D, self.norm_first = D, norm_first
        self.attn = MultiHeadAttention(D, H)
        self.norm1 = nn.LayerNorm(D)
        self.norm2 = nn.LayerNorm(D)
        self.ff1 = nn.Linear(D, D_ff)
        self.ff2 = nn.Linear(D_ff, D)

    def _ln(self, norm, x):
        return F.layer_norm(x, (self.D,), norm.weight, norm.bias, norm.eps)

    def forward(self, x, mask=None):
        if self.norm_first:
            h = self._ln(self.norm1, x)
            attn_out, weights = self.attn(h, h, h, mask)
            x = x + attn_out
            return x + self.ff2(torch.relu(self.ff1(self._ln(self.norm2, x)))), weights
        attn_out, weights = self.attn(x, x, x, mask)
        x = self._ln(self.norm1, x + attn_out)
        return self._ln(self.norm2, x + self.ff2(torch.relu(self.ff1(x)))), weights
''',
    "sublayer-helper": '''
class EncoderBlock(nn.Module):
    def __init__(self, D, H, D_ff, norm_first=True):
        super().__init__()
        self.norm_first = norm_first
        self.attn = MultiHeadAttention(D, H)
        self.norm1, self.norm2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.ff1, self.ff2 = nn.Linear(D, D_ff), nn.Linear(D_ff, D)
        self.last_weights = None

    def _sa(self, z, mask):
        out, self.last_weights = self.attn(z, z, z, mask)
        return out

    def _ff(self, z):
        return self.ff2(F.relu(self.ff1(z)))

    def forward(self, x, mask=None):
        if self.norm_first:
            x = x + self._sa(self.norm1(x), mask)
            x = x + self._ff(self.norm2(x))
        else:
            x = self.norm1(x + self._sa(x, mask))
            x = self.norm2(x + self._ff(x))
        return x, self.last_weights
''',
})

BATCH_WRONG.update({
    "float-tokens": """
def make_reversal_batch(digits):
    d = torch.tensor(np.asarray(digits), dtype=torch.float32)
    N, R = d.shape
    s = torch.cat([d, torch.full((N, 1), float(SEP)), d.flip(1)], dim=1)
    return s[:, :-1], s[:, 1:], torch.arange(2 * R).repeat(N, 1) >= R
""",
    "int-mask": """
def make_reversal_batch(digits):
    d = torch.as_tensor(np.asarray(digits), dtype=torch.long)
    N, R = d.shape
    s = torch.cat([d, torch.full((N, 1), SEP), d.flip(1)], dim=1)
    mask = torch.zeros(N, 2 * R, dtype=torch.long)
    mask[:, R:] = 1
    return s[:, :-1], s[:, 1:], mask
""",
    # keeps a copy of the digits, then reverses the caller's array in place
    "reverses-digits-in-place": """
def make_reversal_batch(digits):
    d = np.asarray(digits)
    first = d.copy()
    d[:] = d[:, ::-1].copy()
    N, R = d.shape
    s = torch.as_tensor(np.concatenate([first, np.full((N, 1), SEP), d], axis=1), dtype=torch.long)
    return s[:, :-1], s[:, 1:], torch.arange(2 * R).repeat(N, 1) >= R
""",
})
BATCH_CORRECT.update({
    "numpy-then-from-numpy": """
def make_reversal_batch(digits):
    d = np.array(digits, dtype=np.int64)
    N, R = d.shape
    s = np.hstack([d, np.full((N, 1), SEP, dtype=np.int64), np.fliplr(d)])
    mask = np.zeros((N, 2 * R), dtype=bool)
    mask[:, R:] = True
    return torch.from_numpy(s[:, :-1].copy()), torch.from_numpy(s[:, 1:].copy()), torch.from_numpy(mask)
""",
    "loop-per-row": """
def make_reversal_batch(digits):
    inputs, targets, masks = [], [], []
    for row in torch.as_tensor(np.asarray(digits)).tolist():
        s = row + [SEP] + list(reversed(row))
        inputs.append(s[:-1])
        targets.append(s[1:])
        masks.append([False] * len(row) + [True] * len(row))
    return torch.tensor(inputs, dtype=torch.int64), torch.tensor(targets, dtype=torch.int64), torch.tensor(masks)
""",
})

DECODER_WRONG.update({
    "learned-positions": _DECODER_TEMPLATE.format(**_DEC_STD).replace(
        'self.register_buffer("P", torch.as_tensor(sinusoidal_positions(T_max, D), dtype=torch.float32), persistent=False)',
        'self.P = nn.Parameter(torch.as_tensor(sinusoidal_positions(T_max, D), dtype=torch.float32))'),
    "positions-in-state-dict": _DECODER_TEMPLATE.format(**_DEC_STD).replace(", persistent=False)", ")"),
    # no length check: P[:T] is too short, and the error is not a ValueError
    "no-length-check": _DECODER_TEMPLATE.format(**_DEC_STD).replace(
        '        if T > self.T_max:\n            raise ValueError("too long")\n', ""),
})
DECODER_CORRECT.update({
    "float64-buffer-inline-mask": '''
class TinyDecoder(nn.Module):
    def __init__(self, C, D, H, D_ff, L, T_max):
        super().__init__()
        self.T_max = T_max
        self.tok_emb = nn.Embedding(C, D)
        self.blocks = nn.ModuleList()
        for _ in range(L):
            self.blocks.append(EncoderBlock(D, H, D_ff, True))
        self.norm = nn.LayerNorm(D)
        self.head = nn.Linear(D, C)
        self.register_buffer("pos", torch.from_numpy(sinusoidal_positions(T_max, D)), persistent=False)

    def forward(self, tokens):
        T = tokens.size(1)
        if T > self.T_max:
            raise ValueError(f"T={T} > T_max={self.T_max}")
        x = self.tok_emb(tokens) + self.pos[:T].to(self.tok_emb.weight.dtype)
        mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
        attn = []
        for blk in self.blocks:
            x, a = blk(x, mask)
            attn.append(a)
        return self.head(self.norm(x)), torch.stack(attn, dim=0)
''',
    "positions-as-numpy-attribute": '''
class TinyDecoder(nn.Module):
    def __init__(self, C, D, H, D_ff, L, T_max):
        super().__init__()
        self.T_max = T_max
        self.P_np = sinusoidal_positions(T_max, D)          # a plain attribute: not in state_dict()
        self.tok_emb = nn.Embedding(C, D)
        self.blocks = nn.ModuleList([EncoderBlock(D, H, D_ff, norm_first=True) for _ in range(L)])
        self.norm = nn.LayerNorm(D)
        self.head = nn.Linear(D, C)

    def forward(self, tokens):
        N, T = tokens.shape
        if T > self.T_max:
            raise ValueError("sequence too long")
        z = self.tok_emb(tokens) + torch.tensor(self.P_np[:T], dtype=torch.float32)
        weights = []
        for block in self.blocks:
            z, w = block(z, mask=causal_mask(T))
            weights.append(w)
        return self.head(self.norm(z)), torch.stack(weights)
''',
})

GREEDY_WRONG.update({
    # a stable sort puts the last of the tied tokens at the end
    "sort-takes-last-on-ties": _GREEDY_TEMPLATE.format(count="n_new", feed="tokens", pos="-1").replace(
        "nxt = logits[:, -1].argmax(dim=-1, keepdim=True)",
        "nxt = logits[:, -1].sort(dim=-1, stable=True).indices[:, -1:]"),
    # a float buffer filled in place: the tokens come back as float32
    "float-buffer": """
def greedy_decode(model, prompt, n_new):
    N, T0 = prompt.shape
    out = torch.zeros(N, T0 + n_new)
    out[:, :T0] = prompt
    with torch.no_grad():
        for t in range(T0, T0 + n_new):
            logits, _ = model(out[:, :t].long())
            out[:, t] = logits[:, -1].argmax(dim=-1)
    return out
""",
})
GREEDY_CORRECT.update({
    "torch-max-indices": """
def greedy_decode(model, prompt, n_new):
    seq = prompt
    for _ in range(n_new):
        with torch.no_grad():
            logits = model(seq)[0]
        _, best = torch.max(logits[:, -1, :], dim=-1)
        seq = torch.cat((seq, best.unsqueeze(1)), dim=1)
    return seq
""",
    "preallocated-long-buffer": """
def greedy_decode(model, prompt, n_new):
    N, T0 = prompt.shape
    out = torch.empty(N, T0 + n_new, dtype=torch.long)
    out[:, :T0] = prompt
    with torch.no_grad():
        for t in range(T0, T0 + n_new):
            out[:, t] = model(out[:, :t].clone())[0][:, -1].argmax(-1)
    return out
""",
})

TRAIN_CORRECT.update({
    "log-softmax-gather": """
def train_reverser(R=6, steps=120, seed=0, lr=4e-3):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = TinyDecoder(C_TOKENS, 32, 2, 64, 2, 2 * R + 1)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    history = []
    for step in range(steps):
        x, y, m = make_reversal_batch(rng.integers(0, 10, size=(64, R)))
        logp = torch.log_softmax(model(x)[0], dim=-1).gather(-1, y.unsqueeze(-1)).squeeze(-1)
        loss = -(logp * m).sum() / m.sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history.append(float(loss.detach()))
    model.eval()
    return model, history
""",
    "batches-built-inline": """
def train_reverser(R=6, steps=120, seed=0, lr=4e-3):
    torch.manual_seed(seed)
    model = TinyDecoder(C_TOKENS, 32, 2, 64, 2, 2 * R + 1)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(steps):
        d = torch.from_numpy(rng.integers(0, 10, size=(64, R)))
        seq = torch.cat([d, torch.full((64, 1), SEP), torch.flip(d, dims=[1])], dim=1)
        logits = model(seq[:, :-1])[0][:, R:]            # the positions whose target is a reversed digit
        loss = F.cross_entropy(logits.reshape(-1, C_TOKENS), seq[:, R + 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return model.eval(), losses
""",
})


WRONG = {
    "rnn-forward": RNN_FORWARD_WRONG,
    "rnn-backward": RNN_BACKWARD_WRONG,
    "lstm-cell": LSTM_WRONG,
    "lstm-backward": LSTM_BACKWARD_WRONG,
    "positional-encoding": PE_WRONG,
    "attention": ATTENTION_WRONG,
    "masks": MASKS_WRONG,
    "multi-head-attention": MHA_WRONG,
    "linear-attention": LINEAR_WRONG,
    "layer-norm": LAYER_NORM_WRONG,
    "encoder-block": BLOCK_WRONG,
    "reversal-batch": BATCH_WRONG,
    "tiny-decoder": DECODER_WRONG,
    "greedy-decode": GREEDY_WRONG,
    "train-reverser": TRAIN_WRONG,
    # questions: a wrong answer is a plain assignment
    "q-bptt-dwo": {"seed-formula": "q_bptt_dWo = 3.14", "W_o-instead-of-h2": "q_bptt_dWo = 1.5",
                   "summary-formula": "q_bptt_dWo = 1.5 * 1.8 + 1.34", "h1-instead-of-h2": "q_bptt_dWo = 0.8",
                   "percent-of-something": "q_bptt_dWo = 134",
                   "string": 'q_bptt_dWo = "1.34"'},
    "q-bptt-dwh": {"extra-h2-term": "q_bptt_dWh = 3.14", "only-last-step": "q_bptt_dWh = 1.2",
                   "only-first-step": "q_bptt_dWh = 0.6", "h2-instead": "q_bptt_dWh = 1.34",
                   "W_o-times-h2": "q_bptt_dWh = 1.5 * 1.34", "string": 'q_bptt_dWh = "1.8"'},
    "q-vanishing": {"one-step": "q_vanishing = 0.9", "nineteen-steps": "q_vanishing = 0.9 ** 19",
                    "linear-not-power": "q_vanishing = 1 - 20 * 0.1 * 0.9", "inverted": "q_vanishing = 0.9 ** -20",
                    "two-digits": "q_vanishing = 0.12", "percent": "q_vanishing = 12.16",
                    "string": 'q_vanishing = "0.9 ** 20"'},
    "q-lstm-highway": {"relu": 'q_lstm_highway = "a"', "more-parameters": 'q_lstm_highway = "c"',
                       "output-gate": 'q_lstm_highway = "d"', "two-letters": 'q_lstm_highway = "bd"'},
    "q-input-gate-relu": {"yes": 'q_input_gate_relu = "a"', "not-differentiable": 'q_input_gate_relu = "d"',
                          "forget-too": 'q_input_gate_relu = "c"', "two-letters": 'q_input_gate_relu = "bd"'},
    "q-attn-params": {"no-biases": "q_attn_params = 3 * 64 * 64", "with-output-projection": "q_attn_params = 4 * 64 * 65",
                      "times-T": "q_attn_params = 100 * (3 * 64 * 64 + 3 * 64)", "one-bias": "q_attn_params = 3 * 64 * 64 + 64",
                      "rounded": "q_attn_params = 12470", "string": 'q_attn_params = "12480"'},
    "q-dense-params": {"no-biases": "q_dense_params = (64 * 100) ** 2", "per-token": "q_dense_params = 100 * (64 * 64 + 64)",
                       "bias-per-feature": "q_dense_params = (64 * 100) ** 2 + 64", "rounded": "q_dense_params = 4.1e7",
                       "T-D-squared": "q_dense_params = 100 * 64 ** 2",
                       "string": 'q_dense_params = "40966400"'},
    "q-equivariance": {"only-c": 'q_equivariance = "c"', "causal-too": 'q_equivariance = "bcd"',
                       "everything": 'q_equivariance = "abcd"', "only-d": 'q_equivariance = "d"',
                       "positions-too": 'q_equivariance = "acd"'},
    "q-cost-ratio": {"n-only": "q_cost_ratio = 4096", "inverted": "q_cost_ratio = 64 / 4096",
                     "product": "q_cost_ratio = 4096 * 64", "twice": "q_cost_ratio = 128", "half": "q_cost_ratio = 32",
                     "string": 'q_cost_ratio = "64"'},
    "q-map-rows": {"sparsity-penalty": 'q_map_rows = "a"', "columns": 'q_map_rows = "c"',
                   "at-most-1-over-T": 'q_map_rows = "d"', "two-letters": 'q_map_rows = "bc"'},
    "q-map-order": {"determiner": 'q_map_order = "b"', "column-of-sat": 'q_map_order = "c"',
                    "more-rows": 'q_map_order = "d"', "two-letters": 'q_map_order = "ab"'},
    "q-preln-var": {"post-LN": "q_preln_var = 1", "one-per-block": "q_preln_var = 5",
                    "forgot-the-input": "q_preln_var = 8", "one-block": "q_preln_var = 3", "sixteen-blocks": "q_preln_var = 33",
                    "string": 'q_preln_var = "9"'},
    "q-reverse-attend": {"off-by-one": "q_reverse_attend = 2", "mirrored-about-the-end": "q_reverse_attend = 9",
                         "the-query-token": "q_reverse_attend = 4", "the-query-position": "q_reverse_attend = 8",
                         "string": 'q_reverse_attend = "3"'},
    "q-next-token": {"regression": 'q_next_token = "a"', "embedding-regression": 'q_next_token = "c"',
                     "binary": 'q_next_token = "d"', "two-letters": 'q_next_token = "bc"'},
    "q-ln-grad": {"halved-in-post-LN": 'q_ln_grad = "a"', "doubled-in-both": 'q_ln_grad = "c"',
                  "halved-post-doubled-pre": 'q_ln_grad = "d"', "two-letters": 'q_ln_grad = "bd"',
                  "the-variance-not-a-letter": "q_ln_grad = 2"},
    "q-cross-attn-map": {"causal": 'q_cross_attn_map = "a"', "transposed": 'q_cross_attn_map = "c"',
                         "encoder-self-attention": 'q_cross_attn_map = "d"', "two-letters": 'q_cross_attn_map = "ab"',
                         "the-shape-not-a-letter": "q_cross_attn_map = (5, 9)"},
    "q-cross-attn-shape": {"encoder-shape": 'q_cross_attn_shape = "a"', "weights-shape": 'q_cross_attn_shape = "c"',
                           "square": 'q_cross_attn_shape = "d"', "two-letters": 'q_cross_attn_shape = "bc"'},
    "q-recall-plateau": {"the-accuracy": "q_recall_plateau = 1 / 4", "log2": "q_recall_plateau = np.log2(4)",
                         "log10": "q_recall_plateau = np.log10(4)", "zero": "q_recall_plateau = 0.0",
                         "error-rate": "q_recall_plateau = 3 / 4", "K-minus-one": "q_recall_plateau = np.log(3)",
                         "two-digits": "q_recall_plateau = 1.39", "string": 'q_recall_plateau = "1.386"'},
}

CORRECT = {
    "rnn-forward": RNN_FORWARD_CORRECT,
    "rnn-backward": RNN_BACKWARD_CORRECT,
    "lstm-cell": LSTM_CORRECT,
    "lstm-backward": LSTM_BACKWARD_CORRECT,
    "positional-encoding": PE_CORRECT,
    "attention": ATTENTION_CORRECT,
    "masks": MASKS_CORRECT,
    "multi-head-attention": MHA_CORRECT,
    "linear-attention": LINEAR_CORRECT,
    "layer-norm": LAYER_NORM_CORRECT,
    "encoder-block": BLOCK_CORRECT,
    "reversal-batch": BATCH_CORRECT,
    "tiny-decoder": DECODER_CORRECT,
    "greedy-decode": GREEDY_CORRECT,
    "train-reverser": TRAIN_CORRECT,
    # answers in another valid form
    "q-bptt-dwo": {"expression": "q_bptt_dWo = 2 * 0.3 + (1 * 0.3 + 0.5 * 0.8 + 0.1) * 0.8 + 0.1",
                   "numpy-float": "q_bptt_dWo = np.float64(1.34)", "within-0.1-percent": "q_bptt_dWo = 1.3405"},
    "q-bptt-dwh": {"expression": "q_bptt_dWh = 1.5 * (0.8 + 0.8 * 0.5)", "float32": "q_bptt_dWh = np.float32(1.8)"},
    "q-vanishing": {"rounded": "q_vanishing = 0.1216", "numpy": "q_vanishing = np.float64(0.9) ** 20"},
    "q-lstm-highway": {"upper-case": 'q_lstm_highway = "B"', "in-brackets": 'q_lstm_highway = "(b)"'},
    "q-input-gate-relu": {"upper-case": 'q_input_gate_relu = "B"', "list": 'q_input_gate_relu = ["b"]'},
    "q-attn-params": {"factored": "q_attn_params = 3 * (64 * 64 + 64)", "float": "q_attn_params = 12480.0",
                      "numpy-int": "q_attn_params = np.int64(12480)"},
    "q-dense-params": {"factored": "q_dense_params = (6400 + 1) * 6400", "float": "q_dense_params = 40966400.0"},
    "q-equivariance": {"other-order-and-case": 'q_equivariance = "D, c"', "list": 'q_equivariance = ["c", "d"]'},
    "q-cost-ratio": {"float": "q_cost_ratio = 64.0", "expression": "q_cost_ratio = (2 * 4096 ** 2 * 64) / (2 * 4096 * 64 ** 2)"},
    "q-map-rows": {"upper-case": 'q_map_rows = "B"', "spaces": 'q_map_rows = " b "'},
    "q-map-order": {"upper-case": 'q_map_order = "A"', "tuple": 'q_map_order = ("a",)'},
    "q-preln-var": {"float": "q_preln_var = 9.0", "expression": "q_preln_var = 1 + 2 * 4"},
    "q-reverse-attend": {"float": "q_reverse_attend = 3.0", "numpy-int": "q_reverse_attend = np.int64(3)"},
    "q-next-token": {"upper-case": 'q_next_token = "B"', "in-brackets": 'q_next_token = "(b)"'},
    "q-ln-grad": {"upper-case": 'q_ln_grad = "B"', "in-brackets": 'q_ln_grad = "(b)"'},
    "q-cross-attn-map": {"upper-case": 'q_cross_attn_map = "B"', "list": 'q_cross_attn_map = ["b"]'},
    "q-cross-attn-shape": {"upper-case": 'q_cross_attn_shape = "B"', "list": 'q_cross_attn_shape = ["b"]'},
    "q-recall-plateau": {"four-digits": "q_recall_plateau = 1.386",
                         "minus-log-of-a-quarter": "q_recall_plateau = -np.log(1 / 4)",
                         "two-ln-2": "q_recall_plateau = 2 * math.log(2)",
                         "float32": "q_recall_plateau = np.float32(np.log(4))"},
}

# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "rnn-forward": {
        "relu-instead-of-tanh": "You apply ReLU (max(0, .)) to the pre-activation; this RNN uses tanh: h_t = "
                                "tanh(x_t Wx + h_{t-1} Wh + b).",
        "returns-h0-to-hT-minus-1": "Your states are shifted by one step: h[:, 0] is h0 and the last state h_T is "
                                    "missing. h[:, t] must be the state after reading x[:, t]; h0 is not returned.",
        "always-uses-h0": "Every step starts again from h0; each new state must feed the next step, so the previous "
                          "state is h_{t-1}, not h0 (except at the first step).",
        "Wh-transposed": "You multiply the previous state by Wh transposed; the recurrent term is h_{t-1} @ Wh, with "
                         "Wh of shape (M, M) used as given.",
        "overwrites-h0-in-place": "You change `h0` in place (your state buffer is the caller's array); the function "
                                  "must leave its inputs unchanged (keep the states in new arrays).",
        "cache-in-another-order": "Your cache holds the right arrays in another order; the spec fixes the tuple (x, "
                                  "h0, Wx, Wh, h), in this order, because rnn_backward unpacks it that way.",
        "returns-h0-too": "Your h holds T + 1 states because it starts with h0; return only h_1..h_T, shape (N, T, "
                          "M), with h[:, t] the state after reading x[:, t].",
    },
    "rnn-backward": {
        "missing-recurrent-term": "Your dL_da uses only the direct gradient dL_dh[:, t]; add the gradient coming "
                                  "back from step t+1 (dL_da_{t+1} @ Wh.T) before multiplying by 1 - h_t**2.",
        "tanh-derivative-1-minus-h": "You use 1 - h_t as the derivative of tanh; with h_t = tanh(a_t) it is 1 - "
                                     "h_t**2.",
        "dWh-uses-current-state": "Your dL_dWh multiplies by the current state h_t; at step t, Wh multiplies the "
                                  "previous state, so use h_{t-1} (h0 at the first step).",
        "dh0-not-returned": "Your dL_dh0 is all zeros; the gradient reaching h0 is what flows out of the first step "
                            "through Wh, dL_da_1 @ Wh.T.",
        "adds-into-dL_dh-in-place": "You change `dL_dh` in place (you add the recurrent gradient into it); the "
                                    "function must leave its inputs unchanged (carry the gradient from step t+1 in "
                                    "your own array).",
        "dWh-overwritten-not-summed": "Your dL_dWh holds the contribution of a single time step (you assign instead "
                                      "of adding); a weight shared across time sums its gradient over all steps.",
    },
    "lstm-cell": {
        "gate-order-i-f-o-g": "You read the blocks of a as (i, f, o, g); the order is (i, f, g, o): the candidate g "
                              "is the third block of M columns and the output gate the last.",
        "gate-order-f-i-g-o": "You take the forget gate from the first block and the input gate from the second; the "
                              "order is (i, f, g, o): columns 0..M-1 are the input gate, M..2M-1 the forget gate.",
        "forget-gate-on-input": "You multiply the forget gate with the candidate and the input gate with c_prev; f "
                                "decides what to keep of the old cell state: c = f * c_prev + i * g.",
        "no-tanh-on-cell": "Your h is o * c; the hidden state squashes the new cell state first: h = o * tanh(c).",
        "tanh-gates": "Your gates i, f and o use tanh; gates are sigmoids, with values in [0, 1]. Only the candidate "
                      "g uses tanh.",
        "updates-c_prev-in-place": "You change `c_prev` in place (*=, +=); the function must leave its inputs "
                                   "unchanged (compute c as a new array).",
    },
    "lstm-backward": {
        "forgets-the-path-through-h": "Your dc_total is only the incoming dc; h_t = o * tanh(c_t) depends on c_t "
                                      "too, so add dh * o * (1 - tanh(c)**2).",
        "ignores-incoming-dc": "You drop the incoming `dc`; the gradient reaching c_t has two parts: dc from later, "
                               "plus dh * o * (1 - tanh(c)**2) through h_t.",
        "dc-prev-not-times-f": "Your dc_prev equals dc_total; c = f * c_prev + i * g, so the gradient reaching "
                               "c_prev is dc_total times f.",
        "sigmoid-derivative-is-s": "You use s as the derivative of the sigmoid gates i, f and o; sigma' = s * (1 - "
                                   "s).",
        "tanh-derivative-uses-c-not-tanh-c": "You use 1 - c**2 for the derivative of tanh(c); it is 1 - tanh(c)**2.",
        "gate-blocks-i-f-o-g": "Your da stacks the gate blocks as (i, f, o, g); keep the order of Wx's columns, (i, "
                               "f, g, o): the candidate's block is third, the output gate's last.",
        "db-mean-over-batch": "You average da over the batch for db; the bias receives one contribution per sample, "
                              "so sum over axis 0.",
        "dWh-uses-new-state": "Your dWh uses the new state h_t; Wh multiplies the previous state in the forward "
                              "pass, so dWh = h_prev.T @ da.",
        "modifies-dc-in-place": "You change `dc` in place (+=); the function must leave its inputs unchanged (build "
                                "dc_total as a new array).",
    },
    "positional-encoding": {
        "sin-cos-swapped": "Your even columns hold cosines and the odd columns sines; it is the other way round: "
                           "P[t, 2i] is a sine, P[t, 2i+1] a cosine.",
        "exponent-i-over-D": "Your frequencies use 10000**(i/D) with i the pair index; the exponent is 2i/D (the "
                             "even column's index over D), so yours fall off too slowly.",
        "positions-start-at-1": "Your positions start at 1; t runs from 0 to T-1, so row 0 is sin(0), cos(0), ... = "
                                "0, 1, 0, 1, ...",
        "no-even-check": "You accept an odd D; the spec asks for a ValueError when D is odd.",
        "float32": "You return a float32 array; the spec asks for float64.",
        "column-index-exponent": "Your cosine column 2i+1 gets its own frequency, 1/10000**((2i+1)/D); columns 2i "
                                 "and 2i+1 share the frequency 1/10000**(2i/D).",
    },
    "attention": {
        "scaled-by-d": "You divide the scores by d_h; divide by sqrt(d_h), which brings the variance of the dot "
                       "products back to 1.",
        "not-scaled": "You do not scale the scores; divide Q K^T by sqrt(d_h) before the softmax.",
        "mask-after-softmax": "You apply the mask after the softmax, so the rows no longer sum to 1; fill the masked "
                              "scores with -inf before the softmax.",
        "softmax-over-queries": "You take the softmax over the queries (axis -2); each query's weights are a "
                                "distribution over the keys, so take it over the last axis.",
        "mask-inverted": "You hide the keys where the mask is True; True means may attend, so fill the scores where "
                         "the mask is False.",
        "unstable-softmax": "Your softmax exponentiates the raw scores, which overflows to inf and nan for large "
                            "scores; use torch.softmax (or subtract each row's maximum first).",
        "scales-Q-in-place": "You change `Q` in place (/=); the function must leave its inputs unchanged (scale the "
                             "scores, or a new tensor).",
        "no-width-check": "You do not raise ValueError when Q and K have different last dimensions (the product then "
                          "fails with another error); compare their widths first.",
    },
    "masks": {
        "causal-excludes-diagonal": "Your causal mask leaves out the diagonal; a position may attend to itself, so "
                                    "entry (t, s) is True for s <= t.",
        "causal-transposed": "Your causal mask is upper triangular, so position t sees the future; row t is the "
                             "query and is True at columns s <= t (the lower triangle).",
        "causal-sees-one-ahead": "Your causal mask lets position t see position t+1; only s <= t is allowed: the "
                                 "diagonal and below.",
        "padding-off-by-one": "Your padding mask is True for s <= lengths[n], one position too many; a sequence of "
                              "length n holds positions 0..n-1 (s < length).",
        "padding-no-validation": "You never raise: a length below 1 or above T must raise a ValueError.",
        "float-tril": "Your causal mask is a float tensor of ones and zeros; the spec asks for a torch.bool tensor "
                      "(True = may attend).",
        "padding-int-dtype": "Your padding mask has an integer dtype (int64); the spec asks for a torch.bool tensor.",
        "shifts-lengths-in-place": "You change `lengths` in place (torch.as_tensor shares memory with a NumPy array, "
                                   "so -= reaches the caller's array); the function must leave its inputs unchanged.",
    },
    "multi-head-attention": {
        "heads-split-without-transpose": "You reshape (N, T, D) straight to (N, H, T, d_h), which mixes positions "
                                         "and heads; view it as (N, T, H, d_h), then transpose(1, 2), and undo both "
                                         "when merging.",
        "scaled-by-sqrt-D": "You scale the scores by sqrt(D); each head has width d_h = D / H, so divide by "
                            "sqrt(d_h).",
        "no-output-projection": "You return the merged heads without out_proj; the concatenated heads go through the "
                                "output projection.",
        "keys-and-values-swapped": "You project `value` with k_proj and `key` with v_proj; the keys come from `key` "
                                   "through k_proj and the values from `value` through v_proj.",
        "mask-ignored": "You never pass `mask` to the attention, so masked keys still get weight; hand it on to "
                        "scaled_dot_product_attention.",
        "averaged-weights": "The weights you return are averaged over the heads; return each head's own weights, "
                            "shape (N, H, T_q, T_k).",
    },
    "linear-attention": {
        "K-softmax-over-features": "You take the softmax of K over its features (last axis); psi(K) normalises over "
                                   "the positions, axis -2.",
        "no-softmax-on-K": "You use K as it is; psi(K) is the softmax of K over the positions (axis -2).",
        "Q-softmax-over-positions": "You take the softmax of Q over the positions (axis -2); phi(Q) normalises each "
                                    "query over its features, the last axis.",
        "Q-scaled-by-sqrt-d": "You divide Q by sqrt(d) before its softmax; this attention has no scaling: phi(Q) is "
                              "the softmax of Q itself over its features.",
        "softmax-axes-swapped": "Your softmax axes are swapped (Q over the positions, K over the features); phi(Q) "
                                "normalises Q over its last axis, psi(K) normalises K over axis -2.",
        "shifts-Q-in-place": "You change `Q` in place (-= its maximum); the function must leave its inputs unchanged "
                             "(shift a copy, or use torch.softmax).",
    },
    "layer-norm": {
        "unbiased-variance": "You use the unbiased variance (dividing by D - 1, torch.var's default); layer norm "
                             "divides by D (unbiased=False or correction=0).",
        "eps-outside-sqrt": "You add eps to the standard deviation; eps goes inside the square root: sqrt(var + "
                            "eps).",
        "normalised-over-the-batch": "You normalise over the first axis (across the batch, as batch norm does); "
                                     "layer norm standardises each token over its D features, the last axis.",
        "eps-ignored": "You ignore the argument `eps` and always use 1e-5; use the eps the caller passes.",
        "centres-x-in-place": "You change `x` in place (-=); the function must leave its inputs unchanged (work on "
                              "new tensors).",
        "normalised-over-tokens-and-features": "You normalise over the last two axes (tokens and features together); "
                                               "layer norm standardises each token on its own, over the last axis "
                                               "only.",
    },
    "encoder-block": {
        "always-post-LN": "You ignore `norm_first` and always build post-LN; norm_first=True asks for pre-LN: x + "
                          "MHA(LN1(x)), then x + FFN(LN2(x)).",
        "always-pre-LN": "You ignore `norm_first` and always build pre-LN; norm_first=False asks for post-LN: LN1(x "
                         "+ MHA(x)), then LN2(x + FFN(x)).",
        "pre-LN-without-ffn-residual": "Your pre-LN block returns FFN(LN2(x)) without adding x; the feed-forward "
                                       "sublayer has a residual connection too: x + FFN(LN2(x)).",
        "pre-LN-norms-swapped": "In pre-LN you apply norm2 before the attention and norm1 before the feed-forward "
                                "network; norm1 belongs to the attention sublayer, norm2 to the FFN.",
        "pre-LN-normalises-the-stream": "Your pre-LN block normalises the residual stream itself; only the sublayer "
                                        "inputs are normalised: x + MHA(LN1(x)), then x + FFN(LN2(x)).",
        "no-relu": "Your feed-forward network has no ReLU; it is ff2(relu(ff1(z))).",
        "residual-added-in-place": "You change `x` in place (x += ...); the function must leave its inputs unchanged "
                                   "(write x = x + ... instead).",
    },
    "reversal-batch": {
        "targets-not-shifted": "Your targets equal the inputs; the targets are the sequence shifted left by one, "
                               "s_1..s_{2R}: the token that comes next.",
        "mask-includes-separator": "Your loss mask also covers the position whose target is the separator; only "
                                   "targets that are reversed digits count, positions R..2R-1.",
        "not-reversed": "After the separator you repeat the digits in their original order; the second half is the "
                        "digits reversed, d_{R-1} .. d_0.",
        "float-tokens": "Your inputs and targets are float32; the spec asks for int64 tensors of token ids.",
        "int-mask": "Your loss mask has an integer dtype; the spec asks for a boolean tensor (torch.bool).",
        "reverses-digits-in-place": "You change `digits` in place (you write the reversed digits into it); the "
                                    "function must leave its inputs unchanged (flip a copy).",
    },
    "tiny-decoder": {
        "no-positions": "You do not add the positional encoding; z_0 is tok_emb(tokens) plus the first T rows of "
                        "sinusoidal_positions.",
        "no-causal-mask": "You call the blocks without the causal mask, so each position sees the future; give every "
                          "block causal_mask(T).",
        "no-final-norm": "You apply the head to the last block's output directly; a pre-LN stack ends with the final "
                         "LayerNorm `norm` before the head.",
        "post-LN-blocks": "Your blocks are post-LN (norm_first=False); the decoder uses pre-LN blocks, "
                          "EncoderBlock(D, H, D_ff, norm_first=True).",
        "embedding-scaled-by-sqrt-D": "You multiply the token embeddings by sqrt(D); the spec adds the positions to "
                                      "the plain embeddings, tok_emb(tokens) + P[:T].",
        "causal-mask-off-by-one": "Your mask lets position t see position t+1; every block needs causal_mask(T), "
                                  "which allows s <= t only.",
        "learned-positions": "You store the positional encoding as an nn.Parameter, so it is learned and appears in "
                             "state_dict(); keep it fixed with register_buffer(..., persistent=False) or recompute "
                             "it.",
        "positions-in-state-dict": "Your positional buffer is persistent, so it appears in state_dict(); register it "
                                   "with persistent=False (state_dict() holds only the submodules' parameters).",
        "no-length-check": "You do not raise ValueError for a sequence longer than T_max (adding the positions then "
                           "fails with another error); check T against T_max first.",
    },
    "greedy-decode": {
        "first-position-logits": "You take the best token at the first position, logits[:, 0]; the scores of the "
                                 "next token are at the last position, logits[:, -1].",
        "prompt-only-no-feedback": "You run the model on the prompt alone at every step, so your generated tokens "
                                   "are never fed back; call it on all the tokens so far.",
        "one-token-too-few": "You generate n_new - 1 tokens; the result must have T0 + n_new columns.",
        "argmax-over-positions": "You take the argmax over the positions (which position scores highest), not over "
                                 "the vocabulary; the next token is the argmax of logits[:, -1] over its last axis.",
        "sort-takes-last-on-ties": "On a tie you take the largest of the tied token ids; the spec takes the "
                                   "smallest, as argmax does.",
        "float-buffer": "Your result is a float32 tensor; the spec asks for int64 tokens, the prompt's dtype.",
    },
    "train-reverser": {
        "targets-not-shifted": "You train on targets equal to the inputs, so the model learns to copy the current "
                               "token; use the shifted targets that make_reversal_batch returns.",
        "too-few-steps": "You ignore `steps` and run a fixed number of steps; take exactly `steps` optimisation "
                         "steps and record one loss for each.",
        "loss-mask-off-by-one": "Your loss covers positions shifted by one from the loss mask (the separator in, the "
                                "last digit out); select logits and targets with loss_mask as it is.",
        "hard-coded-lr": "You ignore `lr` and use a fixed learning rate; pass the `lr` argument to Adam.",
        "torch-seed-ignored": "You seed torch with a fixed number instead of `seed`, so the initial weights do not "
                              "depend on it; call torch.manual_seed(seed) before building the model.",
        "unseeded-generator": "Your NumPy generator is unseeded, so the batches change from run to run; draw them "
                              "from np.random.default_rng(seed).",
        "summed-loss": "You sum the cross-entropy over the masked positions; the spec asks for the mean "
                       "(F.cross_entropy's default reduction).",
        "no-zero-grad": "You never zero the gradients, so they accumulate across steps; call optimizer.zero_grad() "
                        "before every backward pass.",
        "returned-in-train-mode": "You return the model in training mode; switch it to eval() before returning it.",
        "legacy-np-random": "You draw the digits from the legacy global generator (np.random.seed, "
                            "np.random.randint); the spec draws them with rng = np.random.default_rng(seed) and "
                            "rng.integers.",
    },
    "q-bptt-dwo": {
        "seed-formula": "3.14 follows the lecture summary's formula, which adds a W_o times dh_2/dW_h term; h_2 does "
                        "not depend on W_o, so the derivative is just the factor multiplying W_o.",
        "W_o-instead-of-h2": "1.5 is W_o itself; the derivative of h_2 W_o + b_o with respect to W_o is the factor "
                             "that multiplies W_o.",
        "summary-formula": "You add a W_o times W_h-gradient term, as the lecture summary's formula does; h_2 does "
                           "not depend on W_o, so no such term belongs in do/dW_o.",
        "h1-instead-of-h2": "0.8 is h_1; the output reads the last state, o = h_2 W_o + b_o, so use the state after "
                            "the second step.",
        "percent-of-something": "134 is 100 times the value; assign the derivative itself, not a percentage.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-bptt-dwh": {
        "extra-h2-term": "3.14 carries the summary's spurious extra h_2; do/dW_h = W_o (h_1 + W_h h_0) has no h_2 "
                         "term.",
        "only-last-step": "1.2 is only part of the chain: W_h acts at both steps, so do/dW_h has a term from each "
                          "step, and both are multiplied by W_o.",
        "only-first-step": "0.6 is only the first step's term, W_o W_h h_0; W_h also acts at the second step, which "
                           "contributes W_o h_1.",
        "h2-instead": "1.34 is h_2, the derivative with respect to W_o; for W_h, follow the chain back through both "
                      "steps where W_h is used.",
        "W_o-times-h2": "You multiply W_o by h_2; at the second step W_h multiplies h_1, not h_2, and the first step "
                        "adds a term through h_1 = ... + h_0 W_h.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-vanishing": {
        "one-step": "0.9 is the factor for one step back; from h_20 to h_0 the gradient crosses 20 steps, one factor "
                    "of W_h^T each.",
        "nineteen-steps": "You count 19 steps; from h_20 back to h_0 the gradient is multiplied by W_h^T 20 times.",
        "linear-not-power": "You subtract a fixed amount per step; each step multiplies the gradient by 0.9, so the "
                            "factors compound into a power.",
        "inverted": "Your ratio is above 1 (upside down); the gradient at h_0 is the smaller one, and the question "
                    "asks for it over the gradient at h_20.",
        "two-digits": "0.12 is rounded too coarsely; answers must be within 0.1 %, so keep more digits (or assign "
                      "the expression itself).",
        "percent": "12.16 is the ratio as a percentage; assign the ratio itself, a number below 1.",
        "string": "You assign a string; assign the number itself (an expression without quotes works).",
    },
    "q-lstm-highway": {
        "relu": "The LSTM's gates are sigmoids, not ReLUs; look at how the cell state goes from one step to the "
                "next, and at dc_t/dc_{t-1}.",
        "more-parameters": "More parameters do not carry gradients further back; look at the derivative along the "
                           "cell state, dc_t/dc_{t-1}.",
        "output-gate": "The output gate scales what the cell shows and normalises nothing; look at the path along "
                       "the cell state, dc_t/dc_{t-1}.",
        "two-letters": "You give two letters; the question asks for exactly one.",
    },
    "q-input-gate-relu": {
        "yes": "Saturation is not what matters for a gate: think about the range of values a gate must take to say "
               "how much to let through, and what an unbounded ReLU would do to the cell state.",
        "not-differentiable": "ReLU is differentiable everywhere except at 0, and networks train with it; the "
                              "objection to it as a gate is about the range of its values.",
        "forget-too": "Changing the forget gate as well does not fix it; the problem is the range of ReLU's values, "
                      "while a gate must say how much to let through.",
        "two-letters": "You give two letters; the question asks for exactly one.",
    },
    "q-attn-params": {
        "no-biases": "You count only the weights; each of the three projections also has D biases.",
        "with-output-projection": "You include the output projection; the question asks for the query, key and value "
                                  "projections only.",
        "times-T": "You multiply by T; the same projections are applied at every position, so their count does not "
                   "depend on T.",
        "one-bias": "You count one bias vector; each of the three projections has its own D biases.",
        "rounded": "Your number is close but not exact; a parameter count is an exact integer, so count every weight "
                   "and bias.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-dense-params": {
        "no-biases": "You count only the weights; the layer also has one bias per output, and it has T D outputs.",
        "per-token": "You count a D-to-D layer applied at each of the T positions; the question's layer connects all "
                     "T D inputs to all T D outputs.",
        "bias-per-feature": "You add D biases; the layer has one bias per output, and it has T D outputs.",
        "rounded": "4.1e7 is rounded; a parameter count is an exact integer, so give every weight and bias.",
        "T-D-squared": "You computed T D^2; a layer from all T D inputs to all T D outputs has one weight per "
                       "input-output pair, plus one bias per output.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-equivariance": {
        "only-c": "You leave out (d); a LayerNorm and a position-wise feed-forward network act on each token on its "
                  "own, so they commute with a permutation too.",
        "causal-too": "(b) breaks equivariance: a causal mask is tied to positions (position t sees only earlier "
                      "positions), so reordering the tokens changes what each one may see.",
        "everything": "(a) and (b) both tie the layer to positions: the encoding added at position t and the causal "
                      "mask stay in place when the tokens are reordered.",
        "only-d": "You leave out (c); a padding mask permuted together with the tokens still hides the same tokens, "
                  "so equivariance holds.",
        "positions-too": "(a) breaks equivariance: the encoding added at position t stays at position t when the "
                         "tokens are permuted, so a token's vector changes with its place.",
    },
    "q-cost-ratio": {
        "n-only": "4096 is T alone; divide the two costs, T^2 d over T d^2, and simplify: d matters as well.",
        "inverted": "Your ratio is upside down; the question asks how many times more work softmax attention needs: "
                    "its cost over the linearised cost.",
        "product": "You multiply T and d; the ratio divides the two costs, T^2 d by T d^2.",
        "twice": "128 is twice the ratio; both costs carry the same factor 2 (2T^2 d and 2T d^2), which cancels.",
        "half": "32 is half the ratio; the factor 2 appears in both costs and cancels, so nothing is halved.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-map-rows": {
        "sparsity-penalty": "No training penalty is needed; the reason is in how each row is computed: by a softmax.",
        "columns": "The columns of an attention map are not normalised (one input word can feed many outputs); look "
                   "at what the softmax normalises.",
        "at-most-1-over-T": "Attention weights range from 0 to 1 (the white pixel is near 1); the constraint is on "
                            "the sum of a row.",
        "two-letters": "You give two letters; the question asks for exactly one.",
    },
    "q-map-order": {
        "determiner": "The determiner spreading its weight shows which words it agrees with, not word order; look at "
                      "where the rows of \"chat\" and \"noir\" are bright.",
        "column-of-sat": "\"sat\" feeding two French words shows a one-to-many translation, not word order; look at "
                         "where the bright pixels leave the diagonal.",
        "more-rows": "The shape only says that the French sentence is longer; word order shows in where the bright "
                     "pixels sit relative to the diagonal.",
        "two-letters": "You give two letters; the question asks for exactly one.",
    },
    "q-preln-var": {
        "post-LN": "1 is the post-LN answer, where every block ends with a LayerNorm; in pre-LN the stream is never "
                   "normalised and every sublayer adds variance to it.",
        "one-per-block": "You add 1 per block; a pre-LN block has two residual sublayers (attention and "
                         "feed-forward), each adding variance 1.",
        "forgot-the-input": "You count only the added terms; the input's own variance 1 stays in the residual "
                            "stream.",
        "one-block": "3 is the variance after one block; the question has 4 blocks.",
        "sixteen-blocks": "33 is the variance after 16 blocks, the depth of the measurement; the question asks about "
                          "4 blocks.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-reverse-attend": {
        "off-by-one": "2 is one position off; the query at position 8 predicts the token at position 9: find which "
                      "digit that is, and where it sits among positions 0..5.",
        "mirrored-about-the-end": "9 is the position of the token being predicted; the model must fetch that digit "
                                  "from the first half of the input, positions 0..5.",
        "the-query-token": "4 is the input position of the digit that the query position itself holds; the query at "
                           "position t predicts the token at t + 1, the next reversed digit.",
        "the-query-position": "8 is the query's own position; the question asks where in the input the digit it must "
                              "output sits.",
        "string": "You assign a string; assign the number itself.",
    },
    "q-next-token": {
        "regression": "Token ids are labels, not quantities: token 7 is not between 6 and 8 in any useful sense, so "
                      "a squared error on ids makes no sense.",
        "embedding-regression": "The model outputs one score per token of the vocabulary (the logits), and the "
                                "target is which token comes next; that is not a regression on vectors.",
        "binary": "The model must pick one token out of C, not answer yes or no; that is a choice among C classes.",
        "two-letters": "You give two letters; the question asks for exactly one.",
    },
    "q-ln-grad": {
        "halved-in-post-LN": "You count only the identity path; the branch through F sends back a gradient of the "
                             "same variance, and the two independent parts add up, in both placements.",
        "doubled-in-both": "In post-LN the gradient crosses the LayerNorm first, which divides it by sqrt(Var(x + "
                           "F(x))) before it splits into the identity path and the branch.",
        "halved-post-doubled-pre": "Your post-LN value forgets that after the LayerNorm the gradient splits into the "
                                   "identity path and the branch, and the two independent parts add up.",
        "two-letters": "You give two letters; the question asks for exactly one.",
        "the-variance-not-a-letter": "You assign a number; the question asks for one letter, the option whose pair "
                                     "of variances is right.",
    },
    "q-cross-attn-map": {
        "causal": "Cross-attention needs no causal mask: the whole source is known before the decoder writes, so "
                  "every target position may look at every source position.",
        "transposed": "The map has one row per query, and the queries come from the decoder: its rows are the target "
                      "positions.",
        "encoder-self-attention": "(9, 9) would be the encoder's self-attention, which uses no causal mask either; "
                                  "cross-attention has decoder queries and encoder keys.",
        "two-letters": "You give two letters; the question asks for exactly one.",
        "the-shape-not-a-letter": "You assign a shape; the question asks for one letter, the option with the right "
                                  "shape and mask.",
    },
    "q-cross-attn-shape": {
        "encoder-shape": "(9, 16) is the shape of the keys and values; the output has one row per query, and the "
                         "queries come from the decoder.",
        "weights-shape": "(5, 9) is the shape of the attention weights; the output is those weights times the "
                         "values, which have width 16.",
        "square": "(16, 16) is the shape of a projection matrix; the output has one row per query position.",
        "two-letters": "You give two letters; the question asks for exactly one.",
    },
    "q-recall-plateau": {
        "the-accuracy": "1/4 is the accuracy of a network that only guesses; the question asks for its loss, the "
                        "mean cross-entropy: -ln of the probability it gives the right symbol.",
        "log2": "You use the base-2 logarithm (bits); the cross-entropy asked for uses the natural logarithm.",
        "log10": "You use the base-10 logarithm; the cross-entropy asked for uses the natural logarithm.",
        "zero": "A loss of 0 needs probability 1 on the right symbol, which a network that has forgotten it cannot "
                "give; its best is one and the same distribution for every sequence.",
        "error-rate": "3/4 is the error rate of a network that only guesses; the question asks for its mean "
                      "cross-entropy, -ln of the probability it gives the right symbol.",
        "K-minus-one": "You spread the probability over K - 1 = 3 symbols; the best constant guess gives each of the "
                       "K = 4 symbols its share.",
        "two-digits": "1.39 is rounded too coarsely; answers must be within 0.1 %, so keep more digits (or assign "
                      "the expression itself).",
        "string": "You assign a string; assign the number itself.",
    },
}
