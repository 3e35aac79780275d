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
    return h, {"x": x, "h0": h0, "Wx": Wx, "Wh": Wh, "h": h}
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
    "quadratic-order-same-values": '''
def linear_attention(Q, K, V):
    A = torch.softmax(Q, -1) @ torch.softmax(K, -2).transpose(-2, -1)   # (T_q, T_k): correct, but O(T^2 d)
    return A @ V
''',
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
def train_reverser(R=6, steps=120, seed=0):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = TinyDecoder(C_TOKENS, 32, 2, 64, 2, 2 * R + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr={lr})
    losses = []
    for _ in range({steps}):
        inputs, targets, loss_mask = make_reversal_batch(rng.integers(0, 10, size=(64, R)))
        {fix}
        logits, _ = model(inputs)
        loss = F.cross_entropy(logits[loss_mask], targets[loss_mask])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model.eval(), losses
'''
TRAIN_WRONG = {
    "targets-not-shifted": _TRAIN_TEMPLATE.format(lr="4e-3", steps="steps", fix="targets = inputs"),
    "too-few-steps": _TRAIN_TEMPLATE.format(lr="4e-3", steps="10", fix="pass"),
    "loss-mask-off-by-one": _TRAIN_TEMPLATE.format(lr="4e-3", steps="steps",
                                                   fix="loss_mask = torch.roll(loss_mask, -1, dims=1)"),
}
TRAIN_CORRECT = {
    "ignore-index-adamw": '''
def train_reverser(R=6, steps=120, seed=0):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = TinyDecoder(C_TOKENS, 32, 2, 64, 2, 2 * R + 1)
    opt = torch.optim.AdamW(model.parameters(), lr=4e-3, weight_decay=0.0)
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

WRONG = {
    "rnn-forward": RNN_FORWARD_WRONG,
    "rnn-backward": RNN_BACKWARD_WRONG,
    "lstm-cell": LSTM_WRONG,
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
    "q-bptt-dwo": {"seed-formula": "q_bptt_dWo = 3.14", "W_o-instead-of-h2": "q_bptt_dWo = 1.5"},
    "q-bptt-dwh": {"extra-h2-term": "q_bptt_dWh = 3.14", "only-last-step": "q_bptt_dWh = 1.2"},
    "q-vanishing": {"one-step": "q_vanishing = 0.9", "nineteen-steps": "q_vanishing = 0.9 ** 19",
                    "linear-not-power": "q_vanishing = 1 - 20 * 0.1 * 0.9"},
    "q-lstm-highway": {"relu": 'q_lstm_highway = "a"', "more-parameters": 'q_lstm_highway = "c"'},
    "q-input-gate-relu": {"yes": 'q_input_gate_relu = "a"', "not-differentiable": 'q_input_gate_relu = "d"'},
    "q-attn-params": {"no-biases": "q_attn_params = 3 * 64 * 64", "with-output-projection": "q_attn_params = 4 * 64 * 65"},
    "q-dense-params": {"no-biases": "q_dense_params = (64 * 100) ** 2", "per-token": "q_dense_params = 100 * (64 * 64 + 64)"},
    "q-equivariance": {"only-c": 'q_equivariance = "c"', "causal-too": 'q_equivariance = "bcd"',
                       "everything": 'q_equivariance = "abcd"'},
    "q-cost-ratio": {"n-only": "q_cost_ratio = 4096", "inverted": "q_cost_ratio = 64 / 4096"},
    "q-map-rows": {"sparsity-penalty": 'q_map_rows = "a"', "columns": 'q_map_rows = "c"'},
    "q-map-order": {"determiner": 'q_map_order = "b"', "column-of-sat": 'q_map_order = "c"'},
    "q-preln-var": {"post-LN": "q_preln_var = 1", "one-per-block": "q_preln_var = 5"},
    "q-reverse-attend": {"off-by-one": "q_reverse_attend = 2", "mirrored-about-the-end": "q_reverse_attend = 9"},
    "q-next-token": {"regression": 'q_next_token = "a"', "embedding-regression": 'q_next_token = "c"'},
    "q-cross-attn-shape": {"encoder-shape": 'q_cross_attn_shape = "a"', "weights-shape": 'q_cross_attn_shape = "c"'},
}

CORRECT = {
    "rnn-forward": RNN_FORWARD_CORRECT,
    "rnn-backward": RNN_BACKWARD_CORRECT,
    "lstm-cell": LSTM_CORRECT,
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
    "q-bptt-dwo": {"expression": "q_bptt_dWo = 2 * 0.3 + (1 * 0.3 + 0.5 * 0.8 + 0.1) * 0.8 + 0.1"},
    "q-vanishing": {"rounded": "q_vanishing = 0.1216"},
    "q-equivariance": {"other-order-and-case": 'q_equivariance = "D, c"'},
}
