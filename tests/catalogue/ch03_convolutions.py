"""Wrong and alternative-correct implementations for chapter 03_convolutions.

Each WRONG variant is a mistake a learner could plausibly make (the issue's list: im2col with a
wrong stride, a flipped kernel, one-sided padding, an output size off by one, the pooling
gradient sent to every entry, average pooling not divided by the window size, the bias gradient
not summed, the receptive field without the stride product, ...); each must lose points.  Each
CORRECT variant is another valid way to write the function (loops, float32, another formula)
and must earn full marks.  Variants may use the names the notebook's locked cells define
(np, torch, nnf, testing, KERNELS) and the reference solutions of other exercises.

Variants that modify an input in place change its values, not its shape: the sandboxed grader
mirrors in-place changes of an argument's values only, so a `b.shape = ...` on the caller's array
would lose points here but not under `dlcourse grade`.
"""

CHAPTER = "03_convolutions"

WRONG = {
    # ------------------------------------------------------------------ output size
    "conv-output-size": {
        "off-by-one-no-plus-one": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(n_in, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("invalid")
    span = dilation * (kernel_size - 1) + 1
    if span > n_in + 2 * padding:
        raise ValueError("too large")
    return (n_in + 2 * padding - span) // stride
''',
        "padding-counted-once": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(n_in, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("invalid")
    span = dilation * (kernel_size - 1) + 1
    if span > n_in + 2 * padding:
        raise ValueError("too large")
    return (n_in + padding - span) // stride + 1
''',
        "dilation-ignored": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(n_in, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("invalid")
    if kernel_size > n_in + 2 * padding:
        raise ValueError("too large")
    return (n_in + 2 * padding - kernel_size) // stride + 1
''',
        "ceil-instead-of-floor": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(n_in, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("invalid")
    span = dilation * (kernel_size - 1) + 1
    if span > n_in + 2 * padding:
        raise ValueError("too large")
    return -(-(n_in + 2 * padding - span) // stride) + 1
''',
        "no-error-when-kernel-too-large": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    return (n_in + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
''',
        "float-result": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(n_in, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("invalid")
    span = dilation * (kernel_size - 1) + 1
    if span > n_in + 2 * padding:
        raise ValueError("too large")
    return np.floor((n_in + 2 * padding - span) / stride) + 1
''',
        "zero-sizes-accepted": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(n_in, kernel_size, stride, dilation, padding) < 0:
        raise ValueError("negative settings")
    span = dilation * (kernel_size - 1) + 1
    if span > n_in + 2 * padding:
        raise ValueError("too large")
    return (n_in + 2 * padding - span) // stride + 1
''',
        "only-zero-rejected": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if 0 in (n_in, kernel_size, stride, dilation) or padding < 0:
        raise ValueError("zero settings")
    span = dilation * (kernel_size - 1) + 1
    if span > n_in + 2 * padding:
        raise ValueError("too large")
    return (n_in + 2 * padding - span) // stride + 1
''',
    },
    "conv1d-indices": {
        "padding-ignored": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    return j * stride + dilation * np.arange(kernel_size)
''',
        "dilation-as-gap": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    return j * stride + (dilation + 1) * np.arange(kernel_size) - padding
''',
        "stride-ignored": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    return j + dilation * np.arange(kernel_size) - padding
''',
        "one-based": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    return 1 + j * stride + dilation * np.arange(kernel_size) - padding
''',
        "float-indices-linspace": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    start = j * stride - padding
    return np.linspace(start, start + dilation * (kernel_size - 1), kernel_size)
''',
    },
    "q-dilation": {
        "gap-convention": 'q_dilation = 2',
        "ordinary": 'q_dilation = 1',
        "stride": 'q_dilation = 7',
        "span-of-the-kernel": 'q_dilation = 19',
        "in-words": 'q_dilation = "three"',
    },
    # ------------------------------------------------------------------ forward
    "conv2d-naive": {
        "flipped-kernel-true-convolution": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i * stride:i * stride + dilation * (KH - 1) + 1:dilation,
                             j * stride:j * stride + dilation * (KW - 1) + 1:dilation]
                    out[n, f, i, j] = np.sum(win * w[f, :, ::-1, ::-1]) + b[f]
    return out
''',
        "padding-one-side-only": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i * stride:i * stride + dilation * (KH - 1) + 1:dilation,
                             j * stride:j * stride + dilation * (KW - 1) + 1:dilation]
                    out[n, f, i, j] = np.sum(win * w[f]) + b[f]
    return out
''',
        "bias-forgotten": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i * stride:i * stride + dilation * (KH - 1) + 1:dilation,
                             j * stride:j * stride + dilation * (KW - 1) + 1:dilation]
                    out[n, f, i, j] = np.sum(win * w[f])
    return out
''',
        "output-size-off-by-one": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i * stride:i * stride + dilation * (KH - 1) + 1:dilation,
                             j * stride:j * stride + dilation * (KW - 1) + 1:dilation]
                    out[n, f, i, j] = np.sum(win * w[f]) + b[f]
    return out
''',
        "stride-as-step-from-previous-window": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    win = xp[n, :, i:i + dilation * (KH - 1) + 1:dilation, j:j + dilation * (KW - 1) + 1:dilation]
                    out[n, f, i, j] = np.sum(win * w[f]) + b[f]
    return out
''',
        "modifies-input-in-place": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    out = nnf.conv2d(torch.tensor(x), torch.tensor(w), torch.tensor(b), stride=stride, padding=padding,
                     dilation=dilation).numpy()
    x *= 1.0001
    return out
''',
        "height-and-width-swapped": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, W, H = x.shape                                   # axes read in the wrong order
    F, _, KW, KH = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Wo, Ho))
    for n in range(N):
        for f in range(F):
            for i in range(Wo):
                for j in range(Ho):
                    win = xp[n, :, i * stride:i * stride + dilation * (KW - 1) + 1:dilation,
                             j * stride:j * stride + dilation * (KH - 1) + 1:dilation]
                    out[n, f, i, j] = np.sum(win * w[f]) + b[f]
    return out.transpose(0, 1, 3, 2).copy().reshape(N, F, Wo, Ho)
''',
        "cs231n-style-dilation-ignored": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * padding - HH) // stride
    W_out = 1 + (W + 2 * padding - WW) // stride
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode="constant")
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    out[n, f, i, j] = np.sum(x_pad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                                             * w[f]) + b[f]
    return out
''',
    },
    "im2col": {
        "wrong-stride-windows-one-apart": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    rows = dilation * np.arange(KH)[:, None] + np.arange(Ho)[None, :]
    cols = dilation * np.arange(KW)[:, None] + np.arange(Wo)[None, :]
    return xp[:, :, rows[:, None, :, None], cols[None, :, None, :]].reshape(N, C * KH * KW, Ho * Wo)
''',
        "rows-ordered-kernel-then-channel": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cols = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    p = xp[:, :, rows[:, None, :, None], cols[None, :, None, :]]          # (N, C, KH, KW, Ho, Wo)
    return p.transpose(0, 2, 3, 1, 4, 5).reshape(N, C * KH * KW, Ho * Wo)
''',
        "padding-one-side-only": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (2 * padding, 0), (2 * padding, 0)))
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cols = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    return xp[:, :, rows[:, None, :, None], cols[None, :, None, :]].reshape(N, C * KH * KW, Ho * Wo)
''',
        "positions-ordered-column-major": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cols = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    p = xp[:, :, rows[:, None, :, None], cols[None, :, None, :]]
    return p.transpose(0, 1, 2, 3, 5, 4).reshape(N, C * KH * KW, Ho * Wo)
''',
        "downcast-to-float32": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    xp = np.pad(x.astype(np.float32), ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    span_h, span_w = dilation * (KH - 1) + 1, dilation * (KW - 1) + 1
    win = np.lib.stride_tricks.sliding_window_view(xp, (span_h, span_w), axis=(2, 3))
    win = win[:, :, ::stride, ::stride, ::dilation, ::dilation]         # (N, C, Ho, Wo, KH, KW)
    Ho, Wo = win.shape[2], win.shape[3]
    return win.transpose(0, 1, 4, 5, 2, 3).reshape(N, C * KH * KW, Ho * Wo)
''',
        "float64-buffer-upcasts-float32": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, C, KH, KW, Ho, Wo))                                # always float64
    for u in range(KH):
        for v in range(KW):
            out[:, :, u, v] = xp[:, :, u * dilation:u * dilation + stride * (Ho - 1) + 1:stride,
                                 v * dilation:v * dilation + stride * (Wo - 1) + 1:stride]
    return out.reshape(N, C * KH * KW, Ho * Wo)
''',
        "rounds-input-to-float32-in-place": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    x[...] = x.astype(np.float32)           # "to save time": rounds the caller's array
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cols = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    return xp[:, :, rows[:, None, :, None], cols[None, :, None, :]].reshape(N, C * KH * KW, Ho * Wo)
''',
    },
    "conv2d-forward": {
        "bias-forgotten": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (w.reshape(F, -1) @ cols).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
        "flipped-kernel": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (w[:, :, ::-1, ::-1].reshape(F, -1) @ cols + b[None, :, None]).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
        "reshape-positions-first": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (cols.transpose(0, 2, 1) @ w.reshape(F, -1).T + b).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
        "im2col-with-wrong-stride": '''
def _bad_im2col(x, KH, KW, stride, padding, dilation):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    rows = dilation * np.arange(KH)[:, None] + np.arange(Ho)[None, :]
    cols = dilation * np.arange(KW)[:, None] + np.arange(Wo)[None, :]
    return xp[:, :, rows[:, None, :, None], cols[None, :, None, :]].reshape(N, C * KH * KW, Ho * Wo)

def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = _bad_im2col(x, KH, KW, stride, padding, dilation)
    out = (w.reshape(F, -1) @ cols + b[None, :, None]).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
        "no-channel-check": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        return np.zeros((N, F, 1, 1)), None
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (w.reshape(F, -1) @ cols + b[None, :, None]).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
        "cache-holds-padded-input": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (w.reshape(F, -1) @ cols + b[None, :, None]).reshape(N, F, Ho, Wo)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    return out, (xp, w, b, stride, padding, dilation, cols)
''',
        "cache-without-cols": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (w.reshape(F, -1) @ cols + b[None, :, None]).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation)
''',
        "rounds-weights-to-float32-in-place": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    w[...] = w.astype(np.float32)           # rounds the caller's w
    cols = im2col(x, KH, KW, stride, padding, dilation)
    out = (w.reshape(F, -1) @ cols + b[None, :, None]).reshape(N, F, Ho, Wo)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
    },
    # ------------------------------------------------------------------ backward
    "col2im": {
        "overwrite-instead-of-add": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    c6 = cols.reshape(N, C, KH, KW, Ho, Wo)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cc = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    xp[:, :, rows[:, None, :, None], cc[None, :, None, :]] += c6     # repeated indices keep one value
    return xp[:, :, padding:padding + H, padding:padding + W]
''',
        "padding-cut-from-one-side": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    c6 = cols.reshape(N, C, KH, KW, Ho, Wo)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(KH):
        for v in range(KW):
            xp[:, :, u * dilation:u * dilation + stride * (Ho - 1) + 1:stride,
               v * dilation:v * dilation + stride * (Wo - 1) + 1:stride] += c6[:, :, u, v]
    return xp[:, :, :H, :W]
''',
        "averaging-overlaps": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    c6 = cols.reshape(N, C, KH, KW, Ho, Wo)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    count = np.zeros_like(xp)
    for u in range(KH):
        for v in range(KW):
            sl = (slice(None), slice(None), slice(u * dilation, u * dilation + stride * (Ho - 1) + 1, stride),
                  slice(v * dilation, v * dilation + stride * (Wo - 1) + 1, stride))
            xp[sl] += c6[:, :, u, v]
            count[sl] += 1
    return (xp / np.maximum(count, 1))[:, :, padding:padding + H, padding:padding + W]
''',
        "kernel-axes-swapped": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    c6 = cols.reshape(N, C, KW, KH, Ho, Wo)        # rows read as (c, v, u)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(KH):
        for v in range(KW):
            xp[:, :, u * dilation:u * dilation + stride * (Ho - 1) + 1:stride,
               v * dilation:v * dilation + stride * (Wo - 1) + 1:stride] += c6[:, :, v, u]
    return xp[:, :, padding:padding + H, padding:padding + W]
''',
        "zeroes-cols-after-use": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    c6 = cols.reshape(N, C, KH, KW, Ho, Wo)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(KH):
        for v in range(KW):
            xp[:, :, u * dilation:u * dilation + stride * (Ho - 1) + 1:stride,
               v * dilation:v * dilation + stride * (Wo - 1) + 1:stride] += c6[:, :, u, v]
    cols[...] = 0.0                                # "frees" the caller's array
    return xp[:, :, padding:padding + H, padding:padding + W]
''',
    },
    "conv2d-backward": {
        "bias-gradient-not-summed-over-batch": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    KH, KW = w.shape[2:]
    delta = dout.reshape(N, F, Ho * Wo)
    dL_db = dout[0].sum(axis=(1, 2))
    dL_dw = np.einsum("nfp,nkp->fk", delta, cols).reshape(w.shape)
    dL_dx = col2im(w.reshape(F, -1).T @ delta, x.shape, KH, KW, stride, padding, dilation)
    return dL_dx, dL_dw, dL_db
''',
        "bias-gradient-mean": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    KH, KW = w.shape[2:]
    delta = dout.reshape(N, F, Ho * Wo)
    dL_db = dout.mean(axis=(0, 2, 3))
    dL_dw = np.einsum("nfp,nkp->fk", delta, cols).reshape(w.shape)
    dL_dx = col2im(w.reshape(F, -1).T @ delta, x.shape, KH, KW, stride, padding, dilation)
    return dL_dx, dL_dw, dL_db
''',
        "weight-gradient-first-image-only": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    KH, KW = w.shape[2:]
    delta = dout.reshape(N, F, Ho * Wo)
    dL_db = dout.sum(axis=(0, 2, 3))
    dL_dw = (delta[0] @ cols[0].T).reshape(w.shape)
    dL_dx = col2im(w.reshape(F, -1).T @ delta, x.shape, KH, KW, stride, padding, dilation)
    return dL_dx, dL_dw, dL_db
''',
        "input-gradient-overlaps-overwritten": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    KH, KW = w.shape[2:]
    N_, C, H, W = x.shape
    delta = dout.reshape(N, F, Ho * Wo)
    dL_db = dout.sum(axis=(0, 2, 3))
    dL_dw = np.einsum("nfp,nkp->fk", delta, cols).reshape(w.shape)
    dcols = (w.reshape(F, -1).T @ delta).reshape(N, C, KH, KW, Ho, Wo)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cc = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    xp[:, :, rows[:, None, :, None], cc[None, :, None, :]] += dcols
    return xp[:, :, padding:padding + H, padding:padding + W], dL_dw, dL_db
''',
        "input-gradient-with-unflipped-full-correlation": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    KH, KW = w.shape[2:]
    delta = dout.reshape(N, F, Ho * Wo)
    dL_db = dout.sum(axis=(0, 2, 3))
    dL_dw = np.einsum("nfp,nkp->fk", delta, cols).reshape(w.shape)
    w_flip = w[:, :, ::-1, ::-1]
    dL_dx = col2im(w_flip.reshape(F, -1).T @ delta, x.shape, KH, KW, stride, padding, dilation)
    return dL_dx, dL_dw, dL_db
''',
        "zero-grad-on-dout": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    KH, KW = w.shape[2:]
    delta = dout.reshape(N, F, Ho * Wo).copy()
    dL_db = delta.sum(axis=(0, 2))
    dL_dw = np.einsum("nfp,nkp->fk", delta, cols).reshape(w.shape)
    dL_dx = col2im(w.reshape(F, -1).T @ delta, x.shape, KH, KW, stride, padding, dilation)
    dout[...] = 0.0                                # like optimizer.zero_grad(), on the caller's array
    return dL_dx, dL_dw, dL_db
''',
    },
    "full-image-conv-grad": {
        "source-answer-no-sum-over-pixels": '''
def full_image_conv_grad(x, w, t):
    y_hat = np.sum(w * x)
    return 2.0 * (y_hat - t) * x
''',
        "factor-two-forgotten": '''
def full_image_conv_grad(x, w, t):
    y_hat = np.sum(w * x)
    return np.sum(y_hat - t) * x
''',
        "mean-instead-of-sum": '''
def full_image_conv_grad(x, w, t):
    y_hat = np.sum(w * x)
    return 2.0 * np.mean(y_hat - t) * x
''',
        "scales-input-in-place": '''
def full_image_conv_grad(x, w, t):
    y_hat = np.sum(w * x)
    x *= 2.0                                       # changes the caller's x
    return np.sum(y_hat - t) * x
''',
        "sign-flipped": '''
def full_image_conv_grad(x, w, t):
    y_hat = np.sum(w * x)
    return 2.0 * np.sum(t - y_hat) * x
''',
        "kernel-instead-of-image": '''
def full_image_conv_grad(x, w, t):
    y_hat = np.sum(w * x)
    return 2.0 * np.sum(y_hat - t) * w
''',
    },
    # ------------------------------------------------------------------ pooling
    "maxpool-forward": {
        "stride-equals-pool": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = H // pool, W // pool
    win = x[:, :, :Ho * pool, :Wo * pool].reshape(N, C, Ho, pool, Wo, pool)
    return win.max(axis=(3, 5)), (x.shape, pool)
''',
        "average-instead-of-max": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for u in range(pool):
        for v in range(pool):
            out += x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    return out / pool ** 2, None
''',
        "max-over-channels-too": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.full((N, C, Ho, Wo), -np.inf)
    for u in range(pool):
        for v in range(pool):
            s = x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
            out = np.maximum(out, s.max(axis=1, keepdims=True))
    return out, None
''',
        "float-argmax": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    win = np.lib.stride_tricks.sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(N, C, Ho, Wo, pool * pool)
    arg = flat.argmax(axis=-1).astype(float)
    return flat.max(axis=-1), (x.shape, pool, stride, arg)
''',
        "last-maximum-on-tie": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    win = np.lib.stride_tricks.sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(N, C, Ho, Wo, pool * pool)
    arg = pool * pool - 1 - flat[..., ::-1].argmax(axis=-1)              # the last maximum wins
    return flat.max(axis=-1), (x.shape, pool, stride, arg)
''',
        "raise-checks-height-only": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.empty((N, C, Ho, Wo))
    arg = np.empty((N, C, Ho, Wo), dtype=np.int64)
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].reshape(N, C, -1)
            arg[:, :, i, j], out[:, :, i, j] = win.argmax(axis=-1), win.max(axis=-1)
    return out, (x.shape, pool, stride, arg)
''',
        "rounds-input-to-float32-in-place": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    x[...] = x.astype(np.float32)           # rounds the caller's array
    win = np.lib.stride_tricks.sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(N, C, Ho, Wo, pool * pool)
    return flat.max(axis=-1), (x.shape, pool, stride, flat.argmax(axis=-1))
''',
    },
    "maxpool-backward": {
        "gradient-to-every-entry": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    dL_dx = np.zeros(x_shape)
    for u in range(pool):
        for v in range(pool):
            dL_dx[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride] += dout
    return dL_dx
''',
        "overlaps-overwritten": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    u, v = np.divmod(arg, pool)
    rows = stride * np.arange(Ho)[None, None, :, None] + u
    cols = stride * np.arange(Wo)[None, None, None, :] + v
    dL_dx = np.zeros(x_shape)
    dL_dx[np.arange(N)[:, None, None, None], np.arange(C)[None, :, None, None], rows, cols] = dout
    return dL_dx
''',
        "gradient-to-window-corner": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    dL_dx = np.zeros(x_shape)
    dL_dx[:, :, 0:stride * (Ho - 1) + 1:stride, 0:stride * (Wo - 1) + 1:stride] += dout
    return dL_dx
''',
        "ones-instead-of-dout": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    u, v = np.divmod(arg, pool)
    rows = stride * np.arange(Ho)[None, None, :, None] + u
    cols = stride * np.arange(Wo)[None, None, None, :] + v
    dL_dx = np.zeros(x_shape)
    np.add.at(dL_dx, (np.arange(N)[:, None, None, None], np.arange(C)[None, :, None, None], rows, cols),
              np.ones_like(dout))
    return dL_dx
''',
        "row-and-column-swapped": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    v, u = np.divmod(arg, pool)
    rows = stride * np.arange(Ho)[None, None, :, None] + u
    cols = stride * np.arange(Wo)[None, None, None, :] + v
    dL_dx = np.zeros(x_shape)
    np.add.at(dL_dx, (np.arange(N)[:, None, None, None], np.arange(C)[None, :, None, None], rows, cols), dout)
    return dL_dx
''',
        "zero-grad-on-dout": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    u, v = np.divmod(arg, pool)
    rows = stride * np.arange(Ho)[None, None, :, None] + u
    cols = stride * np.arange(Wo)[None, None, None, :] + v
    dL_dx = np.zeros(x_shape)
    np.add.at(dL_dx, (np.arange(N)[:, None, None, None], np.arange(C)[None, :, None, None], rows, cols), dout)
    dout[...] = 0.0                                # like optimizer.zero_grad(), on the caller's array
    return dL_dx
''',
    },
    "avgpool": {
        "backward-not-divided-by-window-size": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for u in range(pool):
        for v in range(pool):
            out += x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    return out / pool ** 2, (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    x_shape, pool, stride = cache
    N, C, Ho, Wo = dout.shape
    dL_dx = np.zeros(x_shape)
    for u in range(pool):
        for v in range(pool):
            dL_dx[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride] += dout
    return dL_dx
''',
        "forward-sums-window": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for u in range(pool):
        for v in range(pool):
            out += x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    return out, (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    x_shape, pool, stride = cache
    N, C, Ho, Wo = dout.shape
    dL_dx = np.zeros(x_shape)
    for u in range(pool):
        for v in range(pool):
            dL_dx[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride] += dout / pool ** 2
    return dL_dx
''',
        "backward-overlaps-overwritten": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for u in range(pool):
        for v in range(pool):
            out += x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    return out / pool ** 2, (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    x_shape, pool, stride = cache
    N, C, Ho, Wo = dout.shape
    dL_dx = np.zeros(x_shape)
    for u in range(pool):
        for v in range(pool):
            dL_dx[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride] = dout / pool ** 2
    return dL_dx
''',
        "raise-checks-height-only": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for u in range(pool):
        for v in range(pool):
            out += x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    return out / pool ** 2, (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    x_shape, pool, stride = cache
    N, C, Ho, Wo = dout.shape
    dL_dx = np.zeros(x_shape)
    for u in range(pool):
        for v in range(pool):
            dL_dx[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride] += dout / pool ** 2
    return dL_dx
''',
        "divides-dout-in-place": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for u in range(pool):
        for v in range(pool):
            out += x[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
    return out / pool ** 2, (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    x_shape, pool, stride = cache
    N, C, Ho, Wo = dout.shape
    dout /= pool ** 2                              # changes the caller's array
    dL_dx = np.zeros(x_shape)
    for u in range(pool):
        for v in range(pool):
            dL_dx[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride] += dout
    return dL_dx
''',
        "d2l-style-pool2d-stride-one": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("too large")
    Y = np.zeros((N, C, H - pool + 1, W - pool + 1))
    for i in range(Y.shape[2]):
        for j in range(Y.shape[3]):
            Y[:, :, i, j] = x[:, :, i:i + pool, j:j + pool].mean(axis=(2, 3))
    return Y, (x.shape, pool)

def avgpool2d_backward(dout, cache):
    shape, pool = cache
    dx = np.zeros(shape)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i:i + pool, j:j + pool] += dout[:, :, i, j, None, None] / pool ** 2
    return dx
''',
    },
    "q-maxpool-live": {
        "all": 'q_maxpool_live = 1.0',
        "half": 'q_maxpool_live = 0.5',
        "count": 'q_maxpool_live = 1',
        "percent": 'q_maxpool_live = 25',
        "three-quarters": 'q_maxpool_live = 0.75',
    },
    # ------------------------------------------------------------------ pointwise / depthwise
    "pointwise-conv": {
        "bias-forgotten": '''
def pointwise_conv2d(x, w, b):
    return np.einsum("fc,nchw->nfhw", w[:, :, 0, 0], x)
''',
        "weights-transposed": '''
def pointwise_conv2d(x, w, b):
    W2 = w[:, :, 0, 0].reshape(w.shape[1], w.shape[0])
    return np.einsum("cf,nchw->nfhw", W2, x) + b[None, :, None, None]
''',
        "spatial-mixing-by-wrong-axis": '''
def pointwise_conv2d(x, w, b):
    N, C, H, W = x.shape
    flat = x.reshape(N, H * W, C)                         # a reshape where a transpose is needed
    out = flat @ w[:, :, 0, 0].T + b                      # (N, HW, F)
    return out.reshape(N, -1, H, W)
''',
        "rounds-weights-to-float32-in-place": '''
def pointwise_conv2d(x, w, b):
    w[...] = w.astype(np.float32)           # rounds the caller's w
    return np.einsum("fc,nchw->nfhw", w[:, :, 0, 0], x) + b[None, :, None, None]
''',
    },
    "depthwise-conv": {
        "channels-summed-like-a-full-convolution": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    KH, KW = w.shape[2:]
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, C, Ho, Wo))
    for u in range(KH):
        for v in range(KW):
            patch = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
            out += (w[None, :, 0, u, v, None, None] * patch).sum(axis=1, keepdims=True)
    return out + b[None, :, None, None]
''',
        "flipped-kernel": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    KH, KW = w.shape[2:]
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    wf = w[:, :, ::-1, ::-1]
    out = np.zeros((N, C, Ho, Wo))
    for u in range(KH):
        for v in range(KW):
            patch = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
            out += wf[None, :, 0, u, v, None, None] * patch
    return out + b[None, :, None, None]
''',
        "padding-one-side-only": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    KH, KW = w.shape[2:]
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))
    out = np.zeros((N, C, Ho, Wo))
    for u in range(KH):
        for v in range(KW):
            patch = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]
            out += w[None, :, 0, u, v, None, None] * patch
    return out + b[None, :, None, None]
''',
        "height-and-width-sizes-swapped": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    KW, KH = w.shape[2:]                           # kernel sides read in the wrong order
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, C, Ho, Wo))
    for u in range(KH):
        for v in range(KW):
            out += w[None, :, 0, v, u, None, None] * xp[:, :, u:u + stride * (Ho - 1) + 1:stride,
                                                        v:v + stride * (Wo - 1) + 1:stride]
    return out + b[None, :, None, None]
''',
        "rounds-bias-to-float32-in-place": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    KH, KW = w.shape[2:]
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, C, Ho, Wo))
    for u in range(KH):
        for v in range(KW):
            out += w[None, :, 0, u, v, None, None] * xp[:, :, u:u + stride * (Ho - 1) + 1:stride,
                                                        v:v + stride * (Wo - 1) + 1:stride]
    b[...] = b.astype(np.float32)           # rounds the caller's b
    return out + b[None, :, None, None]
''',
    },
    "q-1x1-params": {
        "weights-only": 'q_1x1_params = 50',
        "bias-per-weight": 'q_1x1_params = 100',
        "three-by-three": 'q_1x1_params = 455',
        "channels-added": 'q_1x1_params = 15',
    },
    "q-separable": {
        "pointwise-only": 'q_separable_weights = 8192',
        "full-3x3": 'q_separable_weights = 73728',
        "depthwise-with-all-channels": 'q_separable_weights = 45056',
        "depthwise-only": 'q_separable_weights = 576',
    },
    # ------------------------------------------------------------------ upsampling / transposed
    "upsample-nearest": {
        "tile-instead-of-repeat": '''
def upsample_nearest(x, scale):
    return np.tile(x, (1, 1, scale, scale))
''',
        "rows-only": '''
def upsample_nearest(x, scale):
    return np.repeat(x, scale, axis=2).repeat(1, axis=3)
''',
        "bed-of-nails-zeros-between": '''
def upsample_nearest(x, scale):
    N, C, H, W = x.shape
    out = np.zeros((N, C, H * scale, W * scale))
    out[:, :, ::scale, ::scale] = x
    return out
''',
        "round-instead-of-floor": '''
def upsample_nearest(x, scale):
    H, W = x.shape[2:]
    rows = np.minimum(np.round(np.arange(H * scale) / scale), H - 1).astype(int)
    cols = np.minimum(np.round(np.arange(W * scale) / scale), W - 1).astype(int)
    return x[:, :, rows[:, None], cols[None, :]]
''',
        "rounds-input-to-float32-in-place": '''
def upsample_nearest(x, scale):
    x[...] = x.astype(np.float32)           # rounds the caller's array
    return np.repeat(np.repeat(x, scale, axis=2), scale, axis=3)
''',
    },
    "conv-transpose": {
        "padding-not-cropped-one-side": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("too small")
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for u in range(KH):
        for v in range(KW):
            full[:, :, u:u + stride * (H - 1) + 1:stride, v:v + stride * (W - 1) + 1:stride] += \\
                np.einsum("nchw,cf->nfhw", x, w[:, :, u, v])
    return full[:, :, :Ho, :Wo] + b[None, :, None, None]
''',
        "weights-read-as-out-in": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F = len(b)
    KH, KW = w.shape[2:]
    wt = w.reshape(F, C, KH, KW).transpose(1, 0, 2, 3)      # a reshape where none is needed
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("too small")
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for u in range(KH):
        for v in range(KW):
            full[:, :, u:u + stride * (H - 1) + 1:stride, v:v + stride * (W - 1) + 1:stride] += \\
                np.einsum("nchw,cf->nfhw", x, wt[:, :, u, v])
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b[None, :, None, None]
''',
        "flipped-kernel-stamps": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    w = w[:, :, ::-1, ::-1]
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("too small")
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for u in range(KH):
        for v in range(KW):
            full[:, :, u:u + stride * (H - 1) + 1:stride, v:v + stride * (W - 1) + 1:stride] += \\
                np.einsum("nchw,cf->nfhw", x, w[:, :, u, v])
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b[None, :, None, None]
''',
        "stamps-overwrite": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("too small")
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for u in range(KH):
        for v in range(KW):
            full[:, :, u:u + stride * (H - 1) + 1:stride, v:v + stride * (W - 1) + 1:stride] = \\
                np.einsum("nchw,cf->nfhw", x, w[:, :, u, v])
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b[None, :, None, None]
''',
        "raise-checks-height-only": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1:
        raise ValueError("too small")
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for u in range(KH):
        for v in range(KW):
            full[:, :, u:u + stride * (H - 1) + 1:stride, v:v + stride * (W - 1) + 1:stride] += \\
                np.einsum("nchw,cf->nfhw", x, w[:, :, u, v])
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b[None, :, None, None]
''',
        "rounds-weights-to-float32-in-place": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("too small")
    w[...] = w.astype(np.float32)           # rounds the caller's w
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for u in range(KH):
        for v in range(KW):
            full[:, :, u:u + stride * (H - 1) + 1:stride, v:v + stride * (W - 1) + 1:stride] += \\
                np.einsum("nchw,cf->nfhw", x, w[:, :, u, v])
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b[None, :, None, None]
''',
    },
    # ------------------------------------------------------------------ receptive field / parameters
    "receptive-field": {
        "stride-product-forgotten": '''
def receptive_field(layers):
    r, out = 1, []
    for layer in layers:
        d = layer[2] if len(layer) > 2 else 1
        r += d * (layer[0] - 1)
        out.append(r)
    return out
''',
        "product-includes-own-stride": '''
def receptive_field(layers):
    r, jump, out = 1, 1, []
    for layer in layers:
        d = layer[2] if len(layer) > 2 else 1
        jump *= layer[1]
        r += d * (layer[0] - 1) * jump
        out.append(r)
    return out
''',
        "dilation-ignored": '''
def receptive_field(layers):
    r, jump, out = 1, 1, []
    for layer in layers:
        r += (layer[0] - 1) * jump
        jump *= layer[1]
        out.append(r)
    return out
''',
        "kernel-sizes-multiplied": '''
def receptive_field(layers):
    r, out = 1, []
    for layer in layers:
        r *= layer[0]
        out.append(r)
    return out
''',
        "float-sizes": '''
def receptive_field(layers):
    r, jump, out = 1.0, 1.0, []
    for layer in layers:
        d = layer[2] if len(layer) > 2 else 1
        r += d * (layer[0] - 1) * jump
        jump *= layer[1]
        out.append(r)
    return out
''',
    },
    "conv-param-count": {
        "groups-ignored": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    return c_out * c_in * int(np.prod(ks)), (c_out if bias else 0)
''',
        "input-channels-forgotten": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    return c_out * int(np.prod(ks)), (c_out if bias else 0)
''',
        "bias-flag-ignored": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    return c_out * (c_in // groups) * int(np.prod(ks)), c_out
''',
        "kernel-side-squared": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    k = kernel_size if np.ndim(kernel_size) == 0 else kernel_size[0]
    return c_out * (c_in // groups) * k * k, (c_out if bias else 0)
''',
        "float-counts-true-division": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    return c_out * (c_in / groups) * np.prod(ks), (c_out if bias else 0)
''',
    },
    "q-fc-as-conv": {
        "pointwise": 'q_fc_as_conv = "b"',
        "batch-as-filters": 'q_fc_as_conv = "c"',
        "per-pixel": 'q_fc_as_conv = "d"',
        "not-an-option": 'q_fc_as_conv = "e"',
    },
    "q-spatial-params": {
        "conv-fewer": 'q_spatial_params = "abc"',
        "fc-only": 'q_spatial_params = "b"',
        "pool-has-params": 'q_spatial_params = "bcd"',
        "all": 'q_spatial_params = "abcd"',
    },
    # ------------------------------------------------------------------ handcrafted kernels
    "filter-image": {
        "true-convolution-flipped-kernel": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel)
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd")
    k = kernel[::-1, ::-1]
    H, W = img.shape[:2]
    padded = np.pad(img, ((KH // 2, KH // 2), (KW // 2, KW // 2)) + ((0, 0),) * (img.ndim - 2))
    out = np.zeros(img.shape)
    for u in range(KH):
        for v in range(KW):
            out += k[u, v] * padded[u:u + H, v:v + W]
    return out
''',
        "padding-one-side-only": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel)
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd")
    H, W = img.shape[:2]
    padded = np.pad(img, ((0, KH - 1), (0, KW - 1)) + ((0, 0),) * (img.ndim - 2))
    out = np.zeros(img.shape)
    for u in range(KH):
        for v in range(KW):
            out += kernel[u, v] * padded[u:u + H, v:v + W]
    return out
''',
        "colour-channels-mixed": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel)
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd")
    H, W = img.shape[:2]
    padded = np.pad(img, ((KH // 2, KH // 2), (KW // 2, KW // 2)) + ((0, 0),) * (img.ndim - 2))
    out = np.zeros(img.shape)
    for u in range(KH):
        for v in range(KW):
            out += kernel[u, v] * padded[u:u + H, v:v + W]
    if img.ndim == 3:
        out = np.repeat(out.mean(axis=2, keepdims=True), img.shape[2], axis=2)
    return out
''',
        "edge-replicated-instead-of-zeros": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel)
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd")
    H, W = img.shape[:2]
    padded = np.pad(img, ((KH // 2, KH // 2), (KW // 2, KW // 2)) + ((0, 0),) * (img.ndim - 2), mode="edge")
    out = np.zeros(img.shape)
    for u in range(KH):
        for v in range(KW):
            out += kernel[u, v] * padded[u:u + H, v:v + W]
    return out
''',
        "raise-checks-height-only": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel)
    KH, KW = kernel.shape
    if KH % 2 == 0:
        raise ValueError("odd")
    H, W = img.shape[:2]
    padded = np.pad(img, ((KH // 2, KH // 2), (KW // 2, KW // 2)) + ((0, 0),) * (img.ndim - 2))
    out = np.zeros(img.shape)
    for u in range(KH):
        for v in range(KW):
            out += kernel[u, v] * padded[u:u + H, v:v + W]
    return out
''',
        "normalises-kernel-in-place": '''
def filter_image(img, kernel):
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd")
    total = kernel.sum()
    if total != 0:
        kernel /= total                            # changes the caller's kernel
    H, W = img.shape[:2]
    padded = np.pad(img, ((KH // 2, KH // 2), (KW // 2, KW // 2)) + ((0, 0),) * (img.ndim - 2))
    out = np.zeros(img.shape)
    for u in range(KH):
        for v in range(KW):
            out += kernel[u, v] * padded[u:u + H, v:v + W]
    return out
''',
    },
    "q-kernel-use": {
        "augmentation-only": 'q_kernel_use = "a"',
        "replace-first-layer": 'q_kernel_use = "abc"',
        "everything": 'q_kernel_use = "abcd"',
        "low-pass-only": 'q_kernel_use = "b"',
    },
    # ------------------------------------------------------------------ CNN
    "cnn-forward": {
        "relu-forgotten": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    h = nnf.max_pool2d(nnf.conv2d(x, w1, b1, padding=1), 2)
    h = nnf.max_pool2d(nnf.conv2d(h, w2, b2, padding=1), 2)
    return h.flatten(1) @ w3.T + b3
''',
        "average-pooling": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    h = nnf.avg_pool2d(torch.relu(nnf.conv2d(x, w1, b1, padding=1)), 2)
    h = nnf.avg_pool2d(torch.relu(nnf.conv2d(h, w2, b2, padding=1)), 2)
    return h.flatten(1) @ w3.T + b3
''',
        "flattened-channels-last": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    h = nnf.max_pool2d(torch.relu(nnf.conv2d(x, w1, b1, padding=1)), 2)
    h = nnf.max_pool2d(torch.relu(nnf.conv2d(h, w2, b2, padding=1)), 2)
    return h.permute(0, 2, 3, 1).reshape(h.shape[0], -1) @ w3.T + b3
''',
        "pool-before-relu-and-no-padding": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    h = torch.relu(nnf.max_pool2d(nnf.conv2d(x, w1, b1, padding=1), 2))
    h = nnf.max_pool2d(nnf.conv2d(h, w2, b2, padding=0), 1)
    return h.flatten(1)[:, :w3.shape[1]] @ w3.T + b3
''',
        "detached-numpy-detour": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    with torch.no_grad():
        h = nnf.max_pool2d(torch.relu(nnf.conv2d(x, w1, b1, padding=1)), 2)
        h = nnf.max_pool2d(torch.relu(nnf.conv2d(h, w2, b2, padding=1)), 2)
    return h.flatten(1) @ w3.T + b3
''',
    },
    "q-cnn-bias": {
        "with-rotation": 'q_cnn_bias = "abc"',
        "locality-only": 'q_cnn_bias = "a"',
        "all": 'q_cnn_bias = "abcd"',
        "invariances": 'q_cnn_bias = "cd"',
    },
    "q-pooling": {
        "nonlinear-average": 'q_pooling = "abcd"',
        "no-same-size": 'q_pooling = "ab"',
        "params": 'q_pooling = "bc"',
        "no-parameters-only": 'q_pooling = "a"',
    },
    "q-fully-conv": {
        "fixed-shapes": 'q_fully_conv = "a"',
        "guaranteed": 'q_fully_conv = "c"',
        "crop": 'q_fully_conv = "d"',
        "two-letters": 'q_fully_conv = "bc"',
    },
    "q-tokens": {
        "plain-reshape": 'q_tokens = "a"',
        "channels-first": 'q_tokens = "c"',
        "wrong-permute": 'q_tokens = "d"',
        "not-an-option": 'q_tokens = "e"',
    },
    # ------------------------------------------------------------------ issue 16: a convolution as a matrix
    "conv-matrix": {
        "negative-indices-wrap-around": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F, Ho, Wo, C, H, W), dtype=w.dtype)
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if a < H and b < W:                        # forgets a, b >= 0: -1 is the last pixel
                        A[:, i, j, :, a, b] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "flipped-kernel": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F, Ho, Wo, C, H, W), dtype=w.dtype)
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[:, i, j, :, a, b] = w[:, :, KH - 1 - u, KW - 1 - v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "transposed-matrix": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F, Ho, Wo, C, H, W), dtype=w.dtype)
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[:, i, j, :, a, b] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W).T
''',
        "always-float64": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F, Ho, Wo, C, H, W))
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[:, i, j, :, a, b] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "columns-ordered-h-w-c": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F, Ho, Wo, H, W, C), dtype=w.dtype)       # channels last: the layout of an image file
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[:, i, j, a, b, :] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "rows-ordered-i-j-f": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((Ho, Wo, F, C, H, W), dtype=w.dtype)
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[i, j, :, :, a, b] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "padding-kept-as-columns": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    Hp, Wp = H + 2 * padding, W + 2 * padding
    A = np.zeros((F, Ho, Wo, C, Hp, Wp), dtype=w.dtype)     # a column for every padded position
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    A[:, i, j, :, i * stride + u * dilation, j * stride + v * dilation] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * Hp * Wp)
''',
        "no-error-when-nothing-fits": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = max((H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1, 0)
    Wo = max((W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1, 0)
    A = np.zeros((F, Ho, Wo, C, H, W), dtype=w.dtype)
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[:, i, j, :, a, b] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "dilation-ignored": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F, Ho, Wo, C, H, W), dtype=w.dtype)
    for i in range(Ho):
        for j in range(Wo):
            for u in range(KH):
                for v in range(KW):
                    a, b = i * stride + u - padding, j * stride + v - padding
                    if 0 <= a < H and 0 <= b < W:
                        A[:, i, j, :, a, b] = w[:, :, u, v]
    return A.reshape(F * Ho * Wo, C * H * W)
''',
    },
    "q-full-grad": {
        "all": 'q_full_grad = "abcd"',
        "constant-target-agrees": 'q_full_grad = "acd"',
        "no-sign-flip": 'q_full_grad = "bd"',
        "only-the-zero-case": 'q_full_grad = "d"',
        "not-an-option": 'q_full_grad = "e"',
    },
    # ------------------------------------------------------------------ issue 16: compute and memory
    "conv-cost": {
        "weights-only": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    return c_out * (c_in // groups) * int(np.prod(ks)), c_out * int(np.prod(outs))
''',
        "flops-not-macs": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    acts = c_out * int(np.prod(outs))
    return 2 * acts * (c_in // groups) * int(np.prod(ks)), acts
''',
        "groups-ignored": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    acts = c_out * int(np.prod(outs))
    return acts * c_in * int(np.prod(ks)), acts
''',
        "float-true-division": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    acts = c_out * int(np.prod(outs))
    return acts * (c_in / groups) * np.prod(ks), acts
''',
        "int-kernel-is-square": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size, out_size) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    acts = c_out * int(np.prod(outs))
    return acts * (c_in // groups) * int(np.prod(ks)), acts
''',
        "activations-of-the-input": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    return c_out * int(np.prod(outs)) * (c_in // groups) * int(np.prod(ks)), c_in * int(np.prod(outs))
''',
        "bias-additions-counted": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    acts = c_out * int(np.prod(outs))
    return acts * (c_in // groups) * int(np.prod(ks)) + acts, acts
''',
        "axes-zipped-no-check": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    per_axis = [k * n for k, n in zip(ks, outs)]            # zip stops at the shorter tuple
    return c_out * (c_in // groups) * int(np.prod(per_axis)), c_out * int(np.prod(outs))
''',
        "no-groups-check": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    ks = (kernel_size,) if np.ndim(kernel_size) == 0 else tuple(kernel_size)
    outs = (out_size,) if np.ndim(out_size) == 0 else tuple(out_size)
    if len(ks) != len(outs):
        raise ValueError("axes")
    acts = c_out * int(np.prod(outs))
    return acts * (c_in // groups) * int(np.prod(ks)), acts
''',
    },
    "q-shrink": {
        "fewer-parameters-too": 'q_shrink = "abcde"',
        "compute-and-memory-only": 'q_shrink = "ab"',
        "exact-equivariance": 'q_shrink = "abcef"',
        "no-invariance": 'q_shrink = "abc"',
        "parameters-only": 'q_shrink = "d"',
    },
    "q-1x1-vs-3x3": {
        "no-superset": 'q_1x1_vs_3x3 = "ab"',
        "edges-from-1x1": 'q_1x1_vs_3x3 = "abcd"',
        "fully-connected": 'q_1x1_vs_3x3 = "abde"',
        "cost-not-nine": 'q_1x1_vs_3x3 = "bd"',
        "not-an-option": 'q_1x1_vs_3x3 = "f"',
    },
    "q-bottleneck": {
        "naive-nine": 'q_bottleneck_ratio = 9',
        "inverted": 'q_bottleneck_ratio = 278528 / 2359296',
        "percent": 'q_bottleneck_ratio = 847.06',
        "biases-counted": 'q_bottleneck_ratio = (2359296 + 512) / (278528 + 128 + 128 + 512)',
        "middle-layer-only": 'q_bottleneck_ratio = 2359296 / 147456',
        "two-digits": 'q_bottleneck_ratio = 8.4',
    },
}

CORRECT = {
    "conv-output-size": {
        "torch-free-loop-over-window-starts": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if n_in < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0:
        raise ValueError("bad settings")
    last = n_in + 2 * padding - 1 - dilation * (kernel_size - 1)   # last possible window start
    if last < 0:
        raise ValueError("the kernel does not fit")
    return len(range(0, last + 1, stride))
''',
        "math-floor": '''
import math

def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if n_in < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0:
        raise ValueError("bad settings")
    effective = dilation * (kernel_size - 1) + 1
    if effective > n_in + 2 * padding:
        raise ValueError("the kernel does not fit")
    return int(math.floor((n_in + 2 * padding - effective) / stride)) + 1
''',
        "defensive-operator-index": '''
import operator

def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    n_in, kernel_size, stride, padding, dilation = (operator.index(v) for v in
                                                    (n_in, kernel_size, stride, padding, dilation))
    for name, value in [("n_in", n_in), ("kernel_size", kernel_size), ("stride", stride), ("dilation", dilation)]:
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    if padding < 0:
        raise ValueError("padding must be non-negative")
    covered, padded = dilation * (kernel_size - 1) + 1, n_in + 2 * padding
    if covered > padded:
        raise ValueError("the kernel does not fit")
    return int((padded - covered) // stride + 1)
''',
        "numpy-int64": '''
def conv_output_size(n_in, kernel_size, stride=1, padding=0, dilation=1):
    if n_in < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0:
        raise ValueError("bad settings")
    if dilation * (kernel_size - 1) + 1 > n_in + 2 * padding:
        raise ValueError("the kernel does not fit")
    return np.int64(n_in + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
''',
    },
    "conv1d-indices": {
        "list-comprehension": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    return [j * stride - padding + k * dilation for k in range(kernel_size)]
''',
        "np-arange-range": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    start = j * stride - padding
    return np.arange(start, start + dilation * kernel_size, dilation)[:kernel_size]
''',
        "loop-int32": '''
def conv1d_input_indices(j, kernel_size, stride=1, padding=0, dilation=1):
    out = np.empty(kernel_size, dtype=np.int32)
    for k in range(kernel_size):
        out[k] = j * stride + k * dilation - padding
    return out
''',
    },
    "conv2d-naive": {
        "six-loops": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    acc = b[f]
                    for c in range(C):
                        for u in range(KH):
                            for v in range(KW):
                                r, q = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                                if 0 <= r < H and 0 <= q < W:
                                    acc += w[f, c, u, v] * x[n, c, r, q]
                    out[n, f, i, j] = acc
    return out
''',
        "float32": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    x, w, b = (np.asarray(a, dtype=np.float32) for a in (x, w, b))
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.empty((N, F, Ho, Wo), dtype=np.float32)
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                win = xp[n, :, i * stride:i * stride + dilation * (KH - 1) + 1:dilation,
                         j * stride:j * stride + dilation * (KW - 1) + 1:dilation]
                out[n, :, i, j] = np.tensordot(w, win, axes=3) + b
    return out
''',
        "defensive-with-conv-output-size": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    x, w, b = (np.array(a, dtype=np.float64) for a in (x, w, b))      # private copies
    if x.ndim != 4 or w.ndim != 4 or x.shape[1] != w.shape[1]:
        raise ValueError("shapes do not match")
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    xp[:, :, padding:padding + H, padding:padding + W] = x
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    r = i * stride + dilation * np.arange(KH)
                    c = j * stride + dilation * np.arange(KW)
                    out[n, f, i, j] = b[f] + np.sum(xp[n][:, r[:, None], c[None, :]] * w[f])
    return out
''',
        "cs231n-style-int-division": '''
def conv2d_naive(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    span_h, span_w = dilation * (HH - 1) + 1, dilation * (WW - 1) + 1
    H_out = int(1 + (H + 2 * padding - span_h) / stride)
    W_out = int(1 + (W + 2 * padding - span_w) / stride)
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode="constant")
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    hs, ws = i * stride, j * stride
                    out[n, f, i, j] = np.sum(x_pad[n, :, hs:hs + span_h:dilation, ws:ws + span_w:dilation]
                                             * w[f]) + b[f]
    return out
''',
    },
    "im2col": {
        "loop-over-kernel-offsets": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.empty((N, C, KH, KW, Ho, Wo), dtype=x.dtype)
    for u in range(KH):
        for v in range(KW):
            out[:, :, u, v] = xp[:, :, u * dilation:u * dilation + stride * (Ho - 1) + 1:stride,
                                 v * dilation:v * dilation + stride * (Wo - 1) + 1:stride]
    return out.reshape(N, C * KH * KW, Ho * Wo)
''',
        "sliding-window-view": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    span_h, span_w = dilation * (KH - 1) + 1, dilation * (KW - 1) + 1
    win = np.lib.stride_tricks.sliding_window_view(xp, (span_h, span_w), axis=(2, 3))
    win = win[:, :, ::stride, ::stride, ::dilation, ::dilation]         # (N, C, Ho, Wo, KH, KW)
    Ho, Wo = win.shape[2], win.shape[3]
    return win.transpose(0, 1, 4, 5, 2, 3).reshape(N, C * KH * KW, Ho * Wo)
''',
        "torch-unfold": '''
def im2col(x, KH, KW, stride=1, padding=0, dilation=1):
    t = torch.from_numpy(np.ascontiguousarray(x))
    return nnf.unfold(t, (KH, KW), dilation=dilation, padding=padding, stride=stride).numpy()
''',
    },
    "conv2d-forward": {
        "einsum-float32": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels do not match")
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    cols = im2col(x.astype(np.float32), KH, KW, stride, padding, dilation)
    out = np.einsum("fk,nkp->nfp", w.reshape(F, -1).astype(np.float32), cols) + b.astype(np.float32)[None, :, None]
    return out.reshape(N, F, Ho, Wo), (x, w, b, stride, padding, dilation, im2col(x, KH, KW, stride, padding, dilation))
''',
        "one-big-matrix-product": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels do not match")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)                  # (N, K, P)
    big = cols.transpose(1, 0, 2).reshape(C * KH * KW, N * Ho * Wo)      # (K, N*P)
    out = (w.reshape(F, -1) @ big + b[:, None]).reshape(F, N, Ho, Wo).transpose(1, 0, 2, 3)
    return out, (x, w, b, stride, padding, dilation, cols)
''',
        "loop-over-batch": '''
def conv2d_forward(x, w, b, stride=1, padding=0, dilation=1):
    N, C, H, W = x.shape
    F, Cw, KH, KW = w.shape
    if C != Cw:
        raise ValueError("channels")
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    cols = im2col(x, KH, KW, stride, padding, dilation)
    w_row = w.reshape(F, C * KH * KW)
    out = np.empty((N, F, Ho * Wo), dtype=np.result_type(x, w, b))
    for n in range(N):
        out[n] = w_row @ cols[n] + b[:, None]
    return out.reshape(N, F, Ho, Wo), (x, w, b, stride, padding, dilation, cols)
''',
    },
    "col2im": {
        "np-add-at": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    rows = dilation * np.arange(KH)[:, None] + stride * np.arange(Ho)[None, :]
    cc = dilation * np.arange(KW)[:, None] + stride * np.arange(Wo)[None, :]
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    np.add.at(xp, (slice(None), slice(None), rows[:, None, :, None], cc[None, :, None, :]),
              cols.reshape(N, C, KH, KW, Ho, Wo))
    return xp[:, :, padding:padding + H, padding:padding + W]
''',
        "full-loops-float32": '''
def col2im(cols, x_shape, KH, KW, stride=1, padding=0, dilation=1):
    N, C, H, W = x_shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    out = np.zeros((N, C, H, W), dtype=np.float32)
    for c in range(C):
        for u in range(KH):
            for v in range(KW):
                row = c * KH * KW + u * KW + v
                for i in range(Ho):
                    for j in range(Wo):
                        r, q = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                        if 0 <= r < H and 0 <= q < W:
                            out[:, c, r, q] += cols[:, row, i * Wo + j]
    return out
''',
    },
    "conv2d-backward": {
        "loops-over-positions": '''
def conv2d_backward(dout, cache):
    x, w, b, s, p, d, _ = cache
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, Ho, Wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i in range(Ho):
        for j in range(Wo):
            rs = slice(i * s, i * s + d * (KH - 1) + 1, d)
            cs = slice(j * s, j * s + d * (KW - 1) + 1, d)
            g = dout[:, :, i, j]                                           # (N, F)
            dw += np.einsum("nf,nchw->fchw", g, xp[:, :, rs, cs])
            dxp[:, :, rs, cs] += np.einsum("nf,fchw->nchw", g, w)
    return dxp[:, :, p:p + H, p:p + W], dw, dout.sum(axis=(0, 2, 3))
''',
        "float32-transposed-convolution": '''
def conv2d_backward(dout, cache):
    x, w, b, stride, padding, dilation, cols = cache
    N, F, Ho, Wo = dout.shape
    C, KH, KW = w.shape[1:]
    d32 = dout.astype(np.float32).reshape(N, F, Ho * Wo)
    dL_dw = np.einsum("nfp,nkp->fk", d32, cols.astype(np.float32)).reshape(w.shape)
    dL_db = d32.sum(axis=(0, 2))
    dcols = np.einsum("fk,nfp->nkp", w.reshape(F, -1).astype(np.float32), d32)
    dL_dx = col2im(dcols, x.shape, KH, KW, stride, padding, dilation).astype(np.float32)
    return dL_dx, dL_dw, dL_db
''',
    },
    "full-image-conv-grad": {
        "via-chain-rule-loop": '''
def full_image_conv_grad(x, w, t):
    y_hat = float((w * x).sum())
    dL_dyhat = 0.0
    for value in np.ravel(t):
        dL_dyhat += 2.0 * (y_hat - value)
    return dL_dyhat * x
''',
        "float32": '''
def full_image_conv_grad(x, w, t):
    x32, w32, t32 = (np.asarray(a, dtype=np.float32) for a in (x, w, t))
    y_hat = np.sum(w32 * x32, dtype=np.float64)
    return (2.0 * (t32.size * y_hat - t32.sum(dtype=np.float64)) * x32).astype(np.float32)
''',
        "torch-autograd": '''
def full_image_conv_grad(x, w, t):
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    y_hat = (wt * torch.tensor(x, dtype=torch.float64)).sum()
    ((y_hat - torch.tensor(t, dtype=torch.float64)) ** 2).sum().backward()
    return wt.grad.numpy()
''',
    },
    "maxpool-forward": {
        "loops-float32": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.empty((N, C, Ho, Wo), dtype=np.float32)
    arg = np.empty((N, C, Ho, Wo), dtype=np.int64)
    for i in range(Ho):
        for j in range(Wo):
            win = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].reshape(N, C, -1)
            arg[:, :, i, j] = win.argmax(axis=-1)
            out[:, :, i, j] = win.max(axis=-1)
    return out, (x.shape, pool, stride, arg)
''',
        "python-loops-first-maximum": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.empty((N, C, Ho, Wo))
    arg = np.zeros((N, C, Ho, Wo), dtype=int)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    best = -np.inf
                    for u in range(pool):
                        for v in range(pool):
                            value = x[n, c, i * stride + u, j * stride + v]
                            if value > best:                      # strictly greater: the first maximum stays
                                best, arg[n, c, i, j] = value, u * pool + v
                    out[n, c, i, j] = best
    return out, (x.shape, pool, stride, arg)
''',
        "sliding-window-view": '''
def maxpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    win = np.lib.stride_tricks.sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    flat = win.reshape(N, C, Ho, Wo, pool * pool)
    arg = flat.argmax(axis=-1)
    return np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0], (x.shape, pool, stride, arg)
''',
    },
    "maxpool-backward": {
        "mask-loops": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    dx = np.zeros(x_shape)
    for i in range(Ho):
        for j in range(Wo):
            mask = np.zeros((N, C, pool * pool))
            np.put_along_axis(mask, arg[:, :, i, j, None], 1.0, axis=-1)
            dx[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool] += \\
                (mask * dout[:, :, i, j, None]).reshape(N, C, pool, pool)
    return dx
''',
        "python-loops": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, Ho, Wo = dout.shape
    dx = np.zeros(x_shape)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    u, v = divmod(int(arg[n, c, i, j]), pool)
                    dx[n, c, i * stride + u, j * stride + v] += dout[n, c, i, j]
    return dx
''',
        "bincount-on-flat-indices": '''
def maxpool2d_backward(dout, cache):
    x_shape, pool, stride, arg = cache
    N, C, H, W = x_shape
    _, _, Ho, Wo = dout.shape
    u, v = arg // pool, arg % pool
    rows = stride * np.arange(Ho)[:, None] + u                           # (N, C, Ho, Wo)
    cols = stride * np.arange(Wo)[None, :] + v
    flat = (np.arange(N * C).reshape(N, C, 1, 1) * H + rows) * W + cols
    return np.bincount(flat.ravel(), weights=dout.ravel(), minlength=N * C * H * W).reshape(x_shape)
''',
    },
    "avgpool": {
        "reshape-mean-and-loops-float32": '''
def avgpool2d_forward(x, pool=2, stride=2):
    N, C, H, W = x.shape
    if pool > H or pool > W:
        raise ValueError("the window does not fit")
    Ho, Wo = (H - pool) // stride + 1, (W - pool) // stride + 1
    out = np.empty((N, C, Ho, Wo), dtype=np.float32)
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool].mean(axis=(2, 3))
    return out, (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    shape, pool, stride = cache
    dx = np.zeros(shape, dtype=np.float32)
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            dx[:, :, i * stride:i * stride + pool, j * stride:j * stride + pool] += \\
                dout[:, :, i, j, None, None] / (pool * pool)
    return dx
''',
        "sliding-window-mean-and-add-at": '''
def avgpool2d_forward(x, pool=2, stride=2):
    if pool > x.shape[2] or pool > x.shape[3]:
        raise ValueError("the window does not fit")
    win = np.lib.stride_tricks.sliding_window_view(x, (pool, pool), axis=(2, 3))[:, :, ::stride, ::stride]
    return win.mean(axis=(-2, -1)), (x.shape, pool, stride)

def avgpool2d_backward(dout, cache):
    shape, pool, stride = cache
    N, C, Ho, Wo = dout.shape
    dx = np.zeros(shape)
    i, j, u, v = np.meshgrid(np.arange(Ho), np.arange(Wo), np.arange(pool), np.arange(pool), indexing="ij")
    np.add.at(dx, (slice(None), slice(None), i * stride + u, j * stride + v),
              np.broadcast_to(dout[:, :, :, :, None, None] / pool ** 2, (N, C, Ho, Wo, pool, pool)))
    return dx
''',
    },
    "pointwise-conv": {
        "matmul-channels-last-float32": '''
def pointwise_conv2d(x, w, b):
    N, C, H, W = x.shape
    pix = x.astype(np.float32).transpose(0, 2, 3, 1).reshape(-1, C)      # (N*H*W, C)
    out = pix @ w[:, :, 0, 0].astype(np.float32).T + b.astype(np.float32)  # (N*H*W, F)
    return out.reshape(N, H, W, -1).transpose(0, 3, 1, 2)
''',
        "via-conv2d-forward": '''
def pointwise_conv2d(x, w, b):
    return conv2d_forward(x, w, b)[0]
''',
    },
    "depthwise-conv": {
        "per-channel-conv2d-forward": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    outs = [conv2d_forward(x[:, c:c + 1], w[c:c + 1], b[c:c + 1], stride, padding)[0] for c in range(x.shape[1])]
    return np.concatenate(outs, axis=1)
''',
        "im2col-on-folded-batch-float32": '''
def depthwise_conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    KH, KW = w.shape[2:]
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    cols = im2col(x.reshape(N * C, 1, H, W).astype(np.float32), KH, KW, stride, padding)   # (N*C, KH*KW, P)
    cols = cols.reshape(N, C, KH * KW, Ho * Wo)
    out = np.einsum("ck,nckp->ncp", w.reshape(C, -1).astype(np.float32), cols) + b.astype(np.float32)[None, :, None]
    return out.reshape(N, C, Ho, Wo)
''',
    },
    "upsample-nearest": {
        "index-arithmetic": '''
def upsample_nearest(x, scale):
    H, W = x.shape[2:]
    rows = np.arange(H * scale) // scale
    cols = np.arange(W * scale) // scale
    return x[:, :, rows[:, None], cols[None, :]]
''',
        "kron-float32": '''
def upsample_nearest(x, scale):
    return np.kron(x.astype(np.float32), np.ones((1, 1, scale, scale), dtype=np.float32))
''',
    },
    "conv-transpose": {
        "scatter-loops-over-input-pixels": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("output too small")
    full = np.zeros((N, F, (H - 1) * stride + KH, (W - 1) * stride + KW))
    for i in range(H):
        for j in range(W):
            full[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW] += \\
                np.einsum("nc,cfuv->nfuv", x[:, :, i, j], w)
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b[None, :, None, None]
''',
        "as-a-convolution-of-the-dilated-input-float32": '''
def conv_transpose2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    _, F, KH, KW = w.shape
    Ho, Wo = (H - 1) * stride - 2 * padding + KH, (W - 1) * stride - 2 * padding + KW
    if Ho < 1 or Wo < 1:
        raise ValueError("output too small")
    spread = np.zeros((N, C, (H - 1) * stride + 1, (W - 1) * stride + 1), dtype=np.float32)
    spread[:, :, ::stride, ::stride] = x
    spread = np.pad(spread, ((0, 0), (0, 0), (KH - 1, KH - 1), (KW - 1, KW - 1)))
    w_conv = w.transpose(1, 0, 2, 3)[:, :, ::-1, ::-1].astype(np.float32)      # (F, C, KH, KW), flipped
    full = conv2d_forward(spread, np.ascontiguousarray(w_conv), np.zeros(F, dtype=np.float32))[0]
    return full[:, :, padding:padding + Ho, padding:padding + Wo] + b.astype(np.float32)[None, :, None, None]
''',
    },
    "receptive-field": {
        "explicit-stride-product": '''
def receptive_field(layers):
    sizes = []
    for l, layer in enumerate(layers):
        prev = sizes[-1] if sizes else 1
        strides = [lay[1] for lay in layers[:l]]
        d = layer[2] if len(layer) == 3 else 1
        sizes.append(int(prev + d * (layer[0] - 1) * int(np.prod(strides))))
    return sizes
''',
        "backwards-from-each-layer": '''
def receptive_field(layers):
    # Walk down from layer l to the input: r <- (r - 1) * s + span.
    sizes = []
    for top in range(1, len(layers) + 1):
        r = 1
        for layer in reversed(layers[:top]):
            d = layer[2] if len(layer) > 2 else 1
            r = (r - 1) * layer[1] + d * (layer[0] - 1) + 1
        sizes.append(r)
    return np.array(sizes)
''',
    },
    "conv-param-count": {
        "via-torch-meta-layer": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    ks = (kernel_size,) if isinstance(kernel_size, int) else tuple(kernel_size)
    cls = [torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d][len(ks) - 1]
    layer = cls(c_in, c_out, ks, bias=bias, groups=groups, device="meta")
    return layer.weight.numel(), (layer.bias.numel() if bias else 0)
''',
        "loop-product": '''
def conv_param_count(c_in, c_out, kernel_size, bias=True, groups=1):
    if c_in % groups != 0 or c_out % groups != 0:
        raise ValueError("channels not divisible by groups")
    sizes = [kernel_size] if isinstance(kernel_size, int) else list(kernel_size)
    per_filter = c_in // groups
    for k in sizes:
        per_filter *= k
    return per_filter * c_out, c_out * int(bool(bias))
''',
    },
    "filter-image": {
        "via-depthwise-conv2d": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel, dtype=float)
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd kernel sides needed")
    x = img[None, None] if img.ndim == 2 else img.transpose(2, 0, 1)[None]   # (1, C, H, W)
    C = x.shape[1]
    H, W = img.shape[:2]
    xp = np.pad(x, ((0, 0), (0, 0), (KH // 2, KH // 2), (KW // 2, KW // 2)))
    out = depthwise_conv2d(xp, np.repeat(kernel[None, None], C, axis=0), np.zeros(C))[0]   # (C, H, W)
    return out[0] if img.ndim == 2 else out.transpose(1, 2, 0)
''',
        "pixel-loops-float32": '''
def filter_image(img, kernel):
    kernel = np.asarray(kernel, dtype=np.float32)
    KH, KW = kernel.shape
    if KH % 2 == 0 or KW % 2 == 0:
        raise ValueError("odd kernel sides needed")
    H, W = img.shape[:2]
    rh, rw = KH // 2, KW // 2
    out = np.zeros(img.shape, dtype=np.float32)
    for i in range(H):
        for j in range(W):
            for u in range(KH):
                for v in range(KW):
                    r, q = i + u - rh, j + v - rw
                    if 0 <= r < H and 0 <= q < W:
                        out[i, j] += kernel[u, v] * img[r, q]
    return out
''',
    },
    "cnn-forward": {
        "float32-and-reshape": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    x, w1, b1, w2, b2, w3, b3 = (t.float() for t in (x, w1, b1, w2, b2, w3, b3))
    h = nnf.relu(nnf.conv2d(x, w1, b1, stride=1, padding=1))
    h = nnf.max_pool2d(h, kernel_size=2)
    h = nnf.relu(nnf.conv2d(h, w2, b2, stride=1, padding=1))
    h = nnf.max_pool2d(h, kernel_size=2)
    return nnf.linear(h.reshape(h.shape[0], -1), w3, b3)
''',
        "pool-then-relu-and-max-via-unfold": '''
def cnn_forward(x, w1, b1, w2, b2, w3, b3):
    def pool2(t):
        N, C, H, W = t.shape
        return t.reshape(N, C, H // 2, 2, W // 2, 2).amax(dim=(3, 5))
    h = torch.relu(pool2(nnf.conv2d(x, w1, b1, padding=1)))     # max pooling and ReLU commute
    h = torch.relu(pool2(nnf.conv2d(h, w2, b2, padding=1)))
    return torch.einsum("nk,ck->nc", h.flatten(1), w3) + b3
''',
    },
    # ------------------------------------------------------------------ questions: equivalent forms
    "q-dilation": {
        "float": 'q_dilation = 3.0',
        "numpy-int": 'q_dilation = np.int64(3)',
    },
    "q-maxpool-live": {
        "fraction": 'q_maxpool_live = 1 / 4',
        "numpy-float": 'q_maxpool_live = np.float64(0.25)',
    },
    "q-1x1-params": {
        "float": 'q_1x1_params = 55.0',
        "expression": 'q_1x1_params = 10 * 5 + 5',
    },
    "q-separable": {
        "float": 'q_separable_weights = 8768.0',
        "expression": 'q_separable_weights = 64 * 3 * 3 + 64 * 128',
    },
    "q-fc-as-conv": {
        "upper-case": 'q_fc_as_conv = "A"',
        "list": 'q_fc_as_conv = ["a"]',
    },
    "q-spatial-params": {
        "reversed-upper": 'q_spatial_params = "CB"',
        "with-comma": 'q_spatial_params = "b, c"',
    },
    "q-kernel-use": {
        "reversed-upper": 'q_kernel_use = "BA"',
        "list": 'q_kernel_use = ["a", "b"]',
    },
    "q-cnn-bias": {
        "with-space": 'q_cnn_bias = "a b"',
        "reversed": 'q_cnn_bias = "ba"',
    },
    "q-pooling": {
        "reversed-upper": 'q_pooling = "CBA"',
        "with-commas": 'q_pooling = "a, b, c"',
    },
    "q-fully-conv": {
        "upper-case": 'q_fully_conv = "B"',
        "padded": 'q_fully_conv = " b "',
    },
    "q-tokens": {
        "upper-case": 'q_tokens = "B"',
        "tuple": 'q_tokens = ("b",)',
    },
    # ------------------------------------------------------------------ issue 16
    "conv-matrix": {
        "basis-images-through-conv2d-forward": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C = w.shape[:2]
    basis = np.eye(C * H * W, dtype=w.dtype).reshape(C * H * W, C, H, W)     # one image per input pixel
    out, _ = conv2d_forward(basis, w, np.zeros(F, dtype=w.dtype), stride, padding, dilation)
    return out.reshape(C * H * W, -1).T.copy()
''',
        "im2col-of-the-basis-einsum": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    conv_output_size(H, KH, stride, padding, dilation)
    conv_output_size(W, KW, stride, padding, dilation)
    basis = np.eye(C * H * W, dtype=w.dtype).reshape(C * H * W, C, H, W)
    cols = im2col(basis, KH, KW, stride, padding, dilation)                    # (CHW, C*KH*KW, P)
    return np.einsum("fr,krp->fpk", w.reshape(F, -1), cols).reshape(-1, C * H * W)
''',
        "vectorised-index-arrays": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    F, C, KH, KW = w.shape
    Ho = (H + 2 * padding - dilation * (KH - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (KW - 1) - 1) // stride + 1
    if Ho < 1 or Wo < 1:
        raise ValueError("not even one window fits")
    A = np.zeros((F, Ho, Wo, C, H, W), dtype=w.dtype)
    i, j, u, v = (g.ravel() for g in np.meshgrid(np.arange(Ho), np.arange(Wo), np.arange(KH), np.arange(KW),
                                                 indexing="ij"))
    a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
    ok = (a >= 0) & (a < H) & (b >= 0) & (b < W)
    A[:, i[ok], j[ok], :, a[ok], b[ok]] = np.moveaxis(w[:, :, u[ok], v[ok]], -1, 0)   # (M, F, C)
    return A.reshape(F * Ho * Wo, C * H * W)
''',
        "defensive-copy-and-validation": '''
def conv_matrix(w, H, W, stride=1, padding=0, dilation=1):
    w = np.array(w, copy=True)
    if w.ndim != 4:
        raise ValueError("w must have shape (F, C, KH, KW)")
    H, W, stride, padding, dilation = int(H), int(W), int(stride), int(padding), int(dilation)
    F, C, KH, KW = w.shape
    Ho = conv_output_size(H, KH, stride, padding, dilation)
    Wo = conv_output_size(W, KW, stride, padding, dilation)
    A = np.zeros((F * Ho * Wo, C * H * W), dtype=w.dtype)
    for f in range(F):
        for i in range(Ho):
            for j in range(Wo):
                row = f * Ho * Wo + i * Wo + j
                for c in range(C):
                    for u in range(KH):
                        for v in range(KW):
                            a, b = i * stride + u * dilation - padding, j * stride + v * dilation - padding
                            if 0 <= a < H and 0 <= b < W:
                                A[row, c * H * W + a * W + b] += w[f, c, u, v]
    return A
''',
    },
    "q-full-grad": {
        "reversed-upper": 'q_full_grad = "DCB"',
        "with-commas": 'q_full_grad = "b, c, d"',
        "list": 'q_full_grad = ["b", "c", "d"]',
    },
    "conv-cost": {
        "loop-over-axes": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups != 0 or c_out % groups != 0:
        raise ValueError("channels not divisible by groups")
    ks = [kernel_size] if isinstance(kernel_size, int) else list(kernel_size)
    outs = [out_size] if isinstance(out_size, int) else list(out_size)
    if len(ks) != len(outs):
        raise ValueError("kernel_size and out_size must have the same number of axes")
    positions, taps = 1, 1
    for n in outs:
        positions *= n
    for k in ks:
        taps *= k
    return c_out * positions * (c_in // groups) * taps, c_out * positions
''',
        "math-prod": '''
import math


def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = tuple(np.atleast_1d(kernel_size).tolist())
    outs = tuple(np.atleast_1d(out_size).tolist())
    if len(ks) != len(outs):
        raise ValueError("axes")
    return math.prod(outs) * c_out * (c_in // groups) * math.prod(ks), math.prod(outs) * c_out
''',
        "via-conv-param-count": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    n_weights, _ = conv_param_count(c_in, c_out, kernel_size, bias=False, groups=groups)   # raises for groups
    if np.ndim(kernel_size) != np.ndim(out_size) or np.size(kernel_size) != np.size(out_size):
        raise ValueError("kernel_size and out_size must have the same number of axes")
    positions = int(np.prod(out_size))
    return n_weights * positions, c_out * positions
''',
        "numpy-int64-and-extra-validation": '''
def conv_cost(c_in, c_out, kernel_size, out_size, groups=1):
    if min(c_in, c_out, groups) < 1:
        raise ValueError("sizes must be positive")
    if c_in % groups or c_out % groups:
        raise ValueError("groups")
    ks = np.atleast_1d(np.asarray(kernel_size, dtype=np.int64))
    outs = np.atleast_1d(np.asarray(out_size, dtype=np.int64))
    if ks.shape != outs.shape or (ks < 1).any() or (outs < 1).any():
        raise ValueError("bad sizes")
    acts = np.int64(c_out) * outs.prod()
    return acts * (c_in // groups) * ks.prod(), acts
''',
    },
    "q-shrink": {
        "reversed-upper": 'q_shrink = "ECBA"',
        "with-commas": 'q_shrink = "a, b, c, e"',
    },
    "q-1x1-vs-3x3": {
        "reversed-upper": 'q_1x1_vs_3x3 = "DBA"',
        "list": 'q_1x1_vs_3x3 = ["a", "b", "d"]',
    },
    "q-bottleneck": {
        "fraction": 'q_bottleneck_ratio = 144 / 17',
        "four-digits": 'q_bottleneck_ratio = 8.471',
        "numpy-float": 'q_bottleneck_ratio = np.float64(8.4706)',
        "from-the-macs": 'q_bottleneck_ratio = (14 * 14 * 512 * 512 * 9) / (14 * 14 * (512 * 128 + 128 * 128 * 9 + 128 * 512))',
    },
}


# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "conv-output-size": {
        "off-by-one-no-plus-one": "Your count is one too small: the first window already gives one output, so add 1 "
                                  "after the floor division.",
        "padding-counted-once": "You count the padding once; p zeros are added on each side, so the padded length is "
                                "n_in + 2p.",
        "dilation-ignored": "You ignore `dilation`: a dilated kernel covers d(K-1)+1 inputs, and that span is what "
                            "must fit and what the formula subtracts.",
        "ceil-instead-of-floor": "You round the division up; a last window that does not fit completely is dropped, "
                                 "so round down (floor division).",
        "no-error-when-kernel-too-large": "You never raise ValueError: sizes below 1, a negative padding or a dilated "
                                          "kernel longer than n_in + 2p must be rejected instead of giving a count.",
        "float-result": "You return a float; the spec asks for an int, which integer floor division (//) gives "
                        "directly.",
        "zero-sizes-accepted": "You accept 0 for n_in, kernel_size, stride or dilation; they must be at least 1, so "
                               "raise ValueError for 0 as well as for negative values.",
        "only-zero-rejected": "You reject 0 but accept negative n_in, kernel_size, stride or dilation; raise "
                              "ValueError for every value below 1.",
    },
    "conv1d-indices": {
        "padding-ignored": "You ignore `padding`: the indices point into the unpadded input, so subtract p (taps that "
                           "land on the padding get indices below 0).",
        "dilation-as-gap": "Your taps are d + 1 apart; `dilation` is the spacing of the taps (d = 1 means "
                           "neighbours), so tap k sits k*d after the first one.",
        "stride-ignored": "You ignore `stride`: output j starts j*s inputs along, not j.",
        "one-based": "Your indices start at 1; Python counts from 0, so output 0 of an unpadded convolution reads "
                     "index 0 first.",
        "float-indices-linspace": "Your indices are floats; the spec asks for an integer array (an integer dtype).",
    },
    "q-dilation": {
        "gap-convention": "2 counts the inputs skipped between taps (the gap convention of the problem statement); "
                          "PyTorch's `dilation` is the distance between neighbouring taps.",
        "ordinary": "1 is the ordinary convolution, whose taps are neighbours; in the worked equation neighbouring "
                    "taps are further apart.",
        "stride": "7 is the kernel size (the number of taps); `dilation` is the distance between two neighbouring "
                  "taps.",
        "span-of-the-kernel": "19 is the span of the whole kernel, d(K-1)+1 inputs; `dilation` is the distance "
                              "between two neighbouring taps.",
        "in-words": "You assign a word; assign the number itself (an int or a float).",
    },
    "conv2d-naive": {
        "flipped-kernel-true-convolution": "You flip the kernel (a true convolution); the layer is a "
                                           "cross-correlation: w[f, c, u, v] multiplies the window entry at the same "
                                           "(u, v).",
        "padding-one-side-only": "You put all 2p padding zeros after the image (bottom and right); pad p zeros on "
                                 "each side of H and of W.",
        "bias-forgotten": "You leave out the bias: add b[f] to every output of filter f.",
        "output-size-off-by-one": "Your output is one row and one column short: the output size is the floor division "
                                  "plus 1, counting the first window.",
        "stride-as-step-from-previous-window": "Your windows start at (i, j) whatever the stride; window (i, j) "
                                               "starts at (i*s, j*s) of the padded input.",
        "modifies-input-in-place": "You change `x` in place; the function must leave its inputs unchanged (work on a "
                                   "copy).",
        "height-and-width-swapped": "Your output has the right shape but its values sit in the wrong places: height "
                                    "and width get swapped along the way. Axis 2 is the height and axis 3 the width "
                                    "throughout.",
        "cs231n-style-dilation-ignored": "You ignore `dilation`: the kernel taps must be d apart (row i*s + u*d), and "
                                         "the output size uses the dilated span d(K-1)+1.",
    },
    "im2col": {
        "wrong-stride-windows-one-apart": "Your windows are one pixel apart whatever the stride; window (i, j) starts "
                                          "at (i*s, j*s) of the padded input.",
        "rows-ordered-kernel-then-channel": "Your rows are ordered (u, v, c); the spec orders them by channel first, "
                                            "row c*KH*KW + u*KW + v, as torch's unfold does.",
        "padding-one-side-only": "You put all 2p padding zeros before the image (top and left); pad p zeros on each "
                                 "side.",
        "positions-ordered-column-major": "Your columns go down the output columns first (j*Ho + i); the spec orders "
                                          "the positions row by row, column i*Wo + j.",
        "downcast-to-float32": "You return float32 for a float64 input; im2col must keep the dtype of x.",
        "float64-buffer-upcasts-float32": "You return float64 for a float32 input (np.zeros defaults to float64); the "
                                          "result must have the dtype of x.",
        "rounds-input-to-float32-in-place": "You change `x` in place (rounding it to float32 precision); the function "
                                            "must leave its inputs unchanged (work on a copy).",
    },
    "conv2d-forward": {
        "bias-forgotten": "You leave out the bias: add b[f] to every position of output channel f.",
        "flipped-kernel": "You flip the kernel; the layer is a cross-correlation, so flatten w as it is, w.reshape(F, "
                          "C*KH*KW), in the order of the im2col rows.",
        "reshape-positions-first": "Your product comes out as (N, P, F) and you reshape it straight to (N, F, Ho, "
                                   "Wo), which mixes filters and positions; multiply (F, K) @ (N, K, P) or transpose "
                                   "before reshaping.",
        "im2col-with-wrong-stride": "Your columns take windows one pixel apart whatever the stride; window (i, j) "
                                    "starts at (i*s, j*s), in the output and in the cached cols.",
        "no-channel-check": "You return zeros when the channels of x and w disagree; raise ValueError instead.",
        "cache-holds-padded-input": "Your cache holds the padded input; it must be exactly (x, w, b, stride, padding, "
                                    "dilation, cols) with the original, unpadded x.",
        "cache-without-cols": "Your cache leaves out `cols`; it must be exactly the 7-tuple (x, w, b, stride, "
                              "padding, dilation, cols).",
        "rounds-weights-to-float32-in-place": "You change `w` in place (rounding it to float32 precision); the "
                                              "function must leave its inputs unchanged (work on a copy).",
    },
    "col2im": {
        "overwrite-instead-of-add": "Where windows overlap only one contribution survives: fancy-index `+=` does not "
                                    "add repeated indices. Use np.add.at or a loop over the kernel offsets so that "
                                    "overlaps add up.",
        "padding-cut-from-one-side": "You cut the 2p padding rows and columns from the bottom and right only; cut p "
                                     "from each side.",
        "averaging-overlaps": "You average where windows overlap; col2im adds the overlapping entries (it is the "
                              "adjoint of im2col, not an inverse).",
        "kernel-axes-swapped": "You read row r as (c, v, u); the rows of cols are ordered (c, u, v), row c*KH*KW + "
                               "u*KW + v.",
        "zeroes-cols-after-use": "You change `cols` in place (setting it to zero); the function must leave its inputs "
                                 "unchanged (work on a copy).",
    },
    "conv2d-backward": {
        "bias-gradient-not-summed-over-batch": "Your bias gradient uses the first image only; sum dout over the batch "
                                               "as well as over the positions.",
        "bias-gradient-mean": "You average dout for the bias gradient; b is added to every output, so sum over the "
                              "batch and the positions.",
        "weight-gradient-first-image-only": "Your weight gradient uses the first image only; sum dout[n] @ cols[n].T "
                                            "over every image of the batch.",
        "input-gradient-overlaps-overwritten": "Your input gradient keeps one contribution where windows overlap "
                                               "(fancy-index `+=` does not add repeats); overlapping contributions "
                                               "must add up, as col2im does.",
        "input-gradient-with-unflipped-full-correlation": "Your input gradient has the kernel flipped: scattering "
                                                          "W_row.T @ dout back with col2im needs no flip (a flip "
                                                          "belongs only to the full-correlation form).",
        "zero-grad-on-dout": "You change `dout` in place (setting it to zero); the function must leave its inputs "
                             "unchanged (work on a copy).",
    },
    "full-image-conv-grad": {
        "source-answer-no-sum-over-pixels": "You pair weight (a, b) with target pixel (a, b) only, as the homework "
                                            "does; y_hat enters every pixel's term, so sum (y_hat - t) over all "
                                            "pixels.",
        "factor-two-forgotten": "You leave out the factor 2 that comes from differentiating the square.",
        "mean-instead-of-sum": "You average (y_hat - t) over the pixels; the loss is a sum over them, so sum.",
        "scales-input-in-place": "You change `x` in place; the function must leave its inputs unchanged (work on a "
                                 "copy).",
        "sign-flipped": "Your gradient has the wrong sign: the derivative of (y_hat - t)^2 with respect to y_hat is 2 "
                        "(y_hat - t), not 2 (t - y_hat).",
        "kernel-instead-of-image": "You multiply by w; the derivative of y_hat with respect to w_ab is x_ab, so the "
                                   "gradient is proportional to the image x.",
    },
    "maxpool-forward": {
        "stride-equals-pool": "You move the window by `pool` and ignore `stride`; windows start at (i*s, j*s), so "
                              "they overlap when s < K, and Ho = (H - K) // s + 1.",
        "average-instead-of-max": "You average each window; max pooling takes its maximum (and caches where it was).",
        "max-over-channels-too": "You take the maximum across the channels as well; pooling acts on each channel "
                                 "separately, so every channel keeps its own maxima.",
        "float-argmax": "The `arg` in your cache is a float array; the spec asks for an integer array of window "
                        "positions.",
        "last-maximum-on-tie": "On a tie your `arg` points to the last maximum of the window; it must point to the "
                               "first in row-major order, as np.argmax does.",
        "raise-checks-height-only": "You raise ValueError only when the window is taller than the input; raise also "
                                    "when it is wider (pool > W).",
        "rounds-input-to-float32-in-place": "You change `x` in place (rounding it to float32 precision); the function "
                                            "must leave its inputs unchanged (work on a copy).",
    },
    "maxpool-backward": {
        "gradient-to-every-entry": "You send dout to every entry of the window; only the window's maximum receives "
                                   "it, the other entries get 0.",
        "overlaps-overwritten": "Where windows overlap and one entry wins several of them, you keep only one "
                                "gradient; the contributions must add up (np.add.at).",
        "gradient-to-window-corner": "You send each gradient to the window's top-left corner; it goes to the window's "
                                     "maximum, at (i*s + u, j*s + v) with (u, v) = divmod(arg, K).",
        "ones-instead-of-dout": "You route 1 to each maximum; the winner receives the upstream gradient dout itself "
                                "(1 is only the local derivative).",
        "row-and-column-swapped": "You read divmod(arg, K) as (column, row); it gives (u, v): the row first, then the "
                                  "column inside the window.",
        "zero-grad-on-dout": "You change `dout` in place (setting it to zero); the function must leave its inputs "
                             "unchanged (work on a copy).",
    },
    "avgpool": {
        "backward-not-divided-by-window-size": "Your backward pass gives every window entry the whole dout; each "
                                               "entry receives dout / K^2, the same factor as in the forward mean.",
        "forward-sums-window": "Your forward pass returns window sums; average pooling divides each sum by K^2.",
        "backward-overlaps-overwritten": "Your backward pass overwrites where windows overlap; the contributions of "
                                         "overlapping windows add up.",
        "raise-checks-height-only": "You raise ValueError only when the window is taller than the input; raise also "
                                    "when it is wider (pool > W).",
        "divides-dout-in-place": "You change `dout` in place (dividing it by K^2); the function must leave its inputs "
                                 "unchanged (work on a copy).",
        "d2l-style-pool2d-stride-one": "You ignore `stride` and slide the window one pixel at a time; window (i, j) "
                                       "starts at (i*s, j*s), giving (H - K) // s + 1 outputs per axis.",
    },
    "q-maxpool-live": {
        "all": "1 would mean every entry receives gradient; in max pooling only the maximum of each window does, the "
               "others get 0.",
        "half": "0.5 overcounts: only one entry per window, its maximum, receives gradient, and with K = 2 each "
                "window holds K*K entries.",
        "count": "1 is the number of live entries in one window (or all of the entries); the question asks what "
                 "fraction of all input entries receives gradient.",
        "percent": "You give a percentage; the question asks for a fraction between 0 and 1.",
        "three-quarters": "0.75 is the fraction of entries whose gradient is zero; the question asks for the fraction "
                          "that receives gradient.",
    },
    "pointwise-conv": {
        "bias-forgotten": "You leave out the bias: add b[f] to every pixel of output channel f.",
        "weights-transposed": "You reshape the (F, C) weight matrix to (C, F), which scrambles it (a reshape is not a "
                              "transpose); output f sums w[f, c, 0, 0] * x[c] over the channels c.",
        "spatial-mixing-by-wrong-axis": "You reshape x from (N, C, H, W) to (N, HW, C) without moving the channel "
                                        "axis, which mixes pixels and channels; transpose to channels last first, or "
                                        "use np.einsum.",
        "rounds-weights-to-float32-in-place": "You change `w` in place (rounding it to float32 precision); the "
                                              "function must leave its inputs unchanged (work on a copy).",
    },
    "depthwise-conv": {
        "channels-summed-like-a-full-convolution": "You sum over the channels, as a full convolution does; in a "
                                                   "depthwise convolution output channel c depends on input channel c "
                                                   "only.",
        "flipped-kernel": "You flip the kernel; like the other layers this is a cross-correlation: w[c, 0, u, v] "
                          "multiplies the window entry at the same (u, v).",
        "padding-one-side-only": "You put all 2p padding zeros after the image (bottom and right); pad p zeros on "
                                 "each side.",
        "height-and-width-sizes-swapped": "You read the kernel's height and width in swapped order, so the kernel "
                                          "ends up transposed; w has shape (C, 1, KH, KW), KH running along the rows "
                                          "(axis 2).",
        "rounds-bias-to-float32-in-place": "You change `b` in place (rounding it to float32 precision); the function "
                                           "must leave its inputs unchanged (work on a copy).",
    },
    "q-1x1-params": {
        "weights-only": "50 counts the weights only; the layer also has a bias, one per output channel.",
        "bias-per-weight": "100 gives every weight its own bias; there is one bias per output channel.",
        "three-by-three": "455 counts a 3x3 kernel; a 1x1 kernel has a single weight per (output channel, input "
                          "channel) pair.",
        "channels-added": "15 adds the channel counts; each output channel has one weight per input channel, so "
                          "multiply them (and add the biases).",
    },
    "q-separable": {
        "pointwise-only": "8,192 counts only the 1x1 layer; add the weights of the 3x3 depthwise layer, one 3x3 "
                          "kernel per channel.",
        "full-3x3": "73,728 is the full 3x3 convolution that is being replaced; count the depthwise 3x3 layer plus "
                    "the 1x1 layer.",
        "depthwise-with-all-channels": "You give the 3x3 stage 64 x 64 x 9 weights, a full convolution; a depthwise "
                                       "layer has a single 3x3 kernel per channel and does not mix channels.",
        "depthwise-only": "576 counts only the depthwise 3x3 layer; add the weights of the 1x1 layer from 64 to 128 "
                          "channels.",
    },
    "upsample-nearest": {
        "tile-instead-of-repeat": "You tile the whole image side by side; nearest-neighbour upsampling repeats each "
                                  "pixel into an s x s block (np.repeat along axes 2 and 3).",
        "rows-only": "You repeat along the rows only; repeat each pixel along both axes, giving shape (N, C, sH, sW).",
        "bed-of-nails-zeros-between": "You put each pixel in one corner of its block and leave zeros elsewhere; "
                                      "nearest-neighbour upsampling fills the whole s x s block with the pixel's "
                                      "value.",
        "round-instead-of-floor": "You round i / s to the nearest integer; nearest-neighbour upsampling takes the "
                                  "floor, i // s, so that each pixel fills exactly one s x s block.",
        "rounds-input-to-float32-in-place": "You change `x` in place (rounding it to float32 precision); the function "
                                            "must leave its inputs unchanged (work on a copy).",
    },
    "conv-transpose": {
        "padding-not-cropped-one-side": "You cut all 2p extra rows and columns from the bottom and right; crop p from "
                                        "every border of the full result.",
        "weights-read-as-out-in": "You reshape w as if its layout were (F, C, KH, KW); this layer's weights are (C, "
                                  "F, KH, KW), input channels first, so use w[c, f] as given, with no reshape.",
        "flipped-kernel-stamps": "You flip the kernel before stamping; each input pixel stamps w[c, f, u, v] at "
                                 "offset (u, v), unflipped.",
        "stamps-overwrite": "Your stamps overwrite each other where they overlap; overlapping stamps add up.",
        "raise-checks-height-only": "You raise ValueError only when the output height is below 1; raise also when the "
                                    "width is (Wo < 1).",
        "rounds-weights-to-float32-in-place": "You change `w` in place (rounding it to float32 precision); the "
                                              "function must leave its inputs unchanged (work on a copy).",
    },
    "receptive-field": {
        "stride-product-forgotten": "You ignore the strides: each layer adds d(K-1) times the product of the strides "
                                    "of the layers below it, the distance between neighbouring units.",
        "product-includes-own-stride": "You multiply by the layer's own stride too; layer l uses the product of the "
                                       "strides of the layers below it only (update the running product after using "
                                       "it).",
        "dilation-ignored": "You ignore the dilation in (K, s, d) layers: a dilated kernel spans d(K-1) steps, not "
                            "K-1.",
        "kernel-sizes-multiplied": "You multiply the kernel sizes; receptive fields grow by adding d(K-1) times the "
                                   "product of the earlier strides at each layer.",
        "float-sizes": "Your sizes are floats; the spec asks for integers.",
    },
    "conv-param-count": {
        "groups-ignored": "You ignore `groups`: each filter sees only c_in / groups input channels.",
        "input-channels-forgotten": "You leave out the input channels: every filter has c_in / groups x "
                                    "prod(kernel_size) weights.",
        "bias-flag-ignored": "You ignore `bias`: with bias=False the layer has no biases, so the second count is 0.",
        "kernel-side-squared": "You square one kernel side; multiply all entries of `kernel_size` (an int K stands "
                               "for a 1-D kernel of K taps).",
        "float-counts-true-division": "Your counts are floats (c_in / groups is a true division); use // so that they "
                                      "stay integers.",
    },
    "q-fc-as-conv": {
        "pointwise": "(b) is a 1x1 convolution, which keeps the 8x8 map; a fully connected layer as a convolution "
                     "uses filters as large as the whole input, so only one window fits.",
        "batch-as-filters": "(c) puts the batch size into the weights; weights are (filters, input channels, KH, KW) "
                            "and never depend on the batch.",
        "per-pixel": "(d) applies the layer at each pixel and keeps the 8x8 map; a fully connected layer sees the "
                     "whole image at once and gives one value per output per image.",
        "not-an-option": "That letter is not one of the options; choose one of a, b, c and d.",
    },
    "q-spatial-params": {
        "conv-fewer": "A convolution's parameters depend on its kernel and channels, not on the size of the map it "
                      "reads, so pooling before it does not reduce them.",
        "fc-only": "You miss a true statement: smaller maps also mean fewer output positions, so the later "
                   "convolutions need fewer multiply-adds.",
        "pool-has-params": "Max pooling has no parameters of its own: it is a fixed rule.",
        "all": "Not all four hold: a convolution's parameters do not depend on the size of its input map, and a "
               "pooling layer has no parameters.",
    },
    "filter-image": {
        "true-convolution-flipped-kernel": "You flip the kernel (a true convolution); the spec asks for a "
                                           "cross-correlation: kernel[u, v] multiplies the padded pixel at (i + u, j "
                                           "+ v).",
        "padding-one-side-only": "You pad only after the image (bottom and right), which shifts the output; pad "
                                 "(K-1)/2 zeros on each side so each output is centred on its pixel.",
        "colour-channels-mixed": "You mix the colour channels (averaging them); filter each channel separately and "
                                 "keep them apart.",
        "edge-replicated-instead-of-zeros": "You pad by repeating the border pixels; the spec asks for zero padding.",
        "raise-checks-height-only": "You raise ValueError only when the kernel height is even; raise also when its "
                                    "width is even.",
        "normalises-kernel-in-place": "You change `kernel` in place (dividing it by its sum); the function must leave "
                                      "its inputs unchanged (work on a copy), and the kernel is applied as given.",
    },
    "q-kernel-use": {
        "augmentation-only": "You miss a second sensible use: think of what a low-pass filter does just before a "
                             "layer that downsamples.",
        "replace-first-layer": "Learned first layers do find edges (trained CNNs end up with Sobel-like filters), so "
                               "replacing them with a fixed blur is not sensible.",
        "everything": "Replacing learned kernels by a fixed blur is not sensible: learned filters find edges "
                      "themselves, and fixing every kernel removes what the network can learn.",
        "low-pass-only": "You miss a common use of a fixed blur outside the network's layers: think of how training "
                         "images are varied.",
    },
    "cnn-forward": {
        "relu-forgotten": "You leave out the ReLUs; each convolution is followed by a ReLU before the max pooling.",
        "average-pooling": "You use average pooling; the network uses 2x2 max pooling after each ReLU.",
        "flattened-channels-last": "You flatten in (row, column, channel) order; flatten keeps (channel, row, "
                                   "column), as h.flatten(1) does on the (N, F2, 2, 2) map.",
        "pool-before-relu-and-no-padding": "Your second block differs from the spec: it needs padding=1, then a ReLU, "
                                           "then 2x2 max pooling, turning (N, F1, 4, 4) into (N, F2, 2, 2) before "
                                           "flattening.",
        "detached-numpy-detour": "Part of your forward pass runs outside autograd (torch.no_grad, .detach() or "
                                 "NumPy), so w1, b1, w2 and b2 get no gradients; write every step with differentiable "
                                 "torch operations.",
    },
    "q-cnn-bias": {
        "with-rotation": "A convolution is not rotation-invariant: a rotated pattern meets the filter at another "
                         "orientation and gives a different response.",
        "locality-only": "Weight sharing is part of the bias too: the same filter slides over every position, which "
                         "makes the layer translation-equivariant.",
        "all": "Convolutions give neither rotation nor scale invariance; those have to come from the data or from "
               "augmentation.",
        "invariances": "Rotation and scale invariance are not built in (they come from data or augmentation); the "
                       "layer's bias lies in its small windows and its shared weights.",
    },
    "q-pooling": {
        "nonlinear-average": "Average pooling is linear (a fixed depthwise convolution with weights 1/K^2), so it "
                             "adds no non-linearity.",
        "no-same-size": "Work out the output-size formula for K=3, s=1, p=1: a pooling layer can keep the spatial "
                        "size.",
        "params": "Pooling layers have no learnable parameters: the maximum and the mean are fixed rules.",
        "no-parameters-only": "You miss true statements: pooling acts on each channel separately, so the channels "
                              "stay, and check the output size for K=3, s=1, p=1.",
    },
    "q-fully-conv": {
        "fixed-shapes": "A fully convolutional network has no layer whose shape depends on the image size, so it runs "
                        "on 128x128 images too; its output maps just grow.",
        "guaranteed": "Equivariance covers shifts, not scale: objects now appear twice as large, and convolutions are "
                      "not scale-invariant, so performance is not guaranteed.",
        "crop": "No cropping is needed: convolutions slide over inputs of any size, so the network runs on the whole "
                "128x128 image.",
        "two-letters": "Give one letter; and the performance is not guaranteed, since objects appear at another scale "
                       "and convolutions are not scale-invariant.",
    },
    "q-tokens": {
        "plain-reshape": "`x.reshape(B, H*W, C)` only regroups the memory of (C, H, W): a token then holds values of "
                         "one channel at several pixels. Move the channel axis last before reshaping.",
        "channels-first": "`x.reshape(B, C, H*W)` has shape (B, C, HW), channels first; the sequence must be (B, HW, "
                          "C), one token per pixel.",
        "wrong-permute": "`permute(0, 1, 3, 2)` swaps H and W but leaves the channels in front, so a token mixes "
                         "pixels of one channel; the channel axis must move last.",
        "not-an-option": "That letter is not one of the options; choose one of a, b, c and d.",
    },
    "conv-matrix": {
        "negative-indices-wrap-around": "Taps on the top or left padding (a or b below 0) land in the last rows or "
                                        "columns, because a negative index wraps around; skip taps with a < 0 or b < "
                                        "0 too.",
        "flipped-kernel": "You flip the kernel; row (f, i, j) holds w[f, c, u, v] at the input pixel that tap (u, v) "
                          "reads, unflipped (a cross-correlation).",
        "transposed-matrix": "You return the transpose, shape (CHW, F*Ho*Wo); A maps vec(x) to vec(y), so it has one "
                             "row per output value: shape (F*Ho*Wo, C*H*W).",
        "always-float64": "You return float64 for float32 weights; the matrix must have the dtype of w.",
        "columns-ordered-h-w-c": "Your columns are ordered (a, b, c), channels last; vec(x) follows NumPy's reshape "
                                 "of (C, H, W), column c*H*W + a*W + b.",
        "rows-ordered-i-j-f": "Your rows are ordered (i, j, f); vec(y) follows the reshape of (F, Ho, Wo), row "
                              "f*Ho*Wo + i*Wo + j.",
        "padding-kept-as-columns": "You keep columns for the padded positions; the padding is not an input, so A has "
                                   "exactly C*H*W columns and taps on the padding are dropped.",
        "no-error-when-nothing-fits": "You return an empty matrix when no window fits; raise ValueError instead, as "
                                      "conv_output_size does.",
        "dilation-ignored": "You ignore `dilation`: tap (u, v) reads pixel (i*s + u*d - p, j*s + v*d - p).",
    },
    "q-full-grad": {
        "all": "For a constant target the two formulas do not agree: the true gradient adds the same term over all HW "
               "pixels, the homework's formula takes it once.",
        "constant-target-agrees": "For a constant target the formulas differ by a constant factor: the true gradient "
                                  "adds the same term over all HW pixels, the homework's takes it once.",
        "no-sign-flip": "Look at w_00 in the try-it output: the true gradient and the homework's formula have "
                        "opposite signs there.",
        "only-the-zero-case": "More statements hold: compare the formulas for a constant target (a sum of HW equal "
                              "terms against one term), and look at the signs printed for w_00.",
        "not-an-option": "That letter is not one of the options; choose among a, b, c and d.",
    },
    "conv-cost": {
        "weights-only": "Your multiply-adds count each weight once; every weight is used at every output position, so "
                        "multiply by prod(out_size).",
        "flops-not-macs": "You count 2 FLOPs per product; the spec counts multiply-adds, one per product.",
        "groups-ignored": "You ignore `groups`: each output sums only (c_in / groups) x prod(kernel_size) products.",
        "float-true-division": "Your multiply-adds are a float (c_in / groups is a true division); use // so that the "
                               "counts stay integers.",
        "int-kernel-is-square": "You read a plain int as a square 2-D size; an int K means a 1-D kernel (K,), and an "
                                "int out_size a 1-D output.",
        "activations-of-the-input": "Your activations count the c_in input channels; they are the layer's output "
                                    "values, c_out x prod(out_size).",
        "bias-additions-counted": "You add the bias additions to the multiply-adds; the spec leaves the bias out.",
        "axes-zipped-no-check": "You raise no ValueError when kernel_size and out_size have different numbers of axes "
                                "(zip quietly drops the extra ones); check that they match.",
        "no-groups-check": "You raise no ValueError when c_in or c_out is not divisible by `groups`.",
    },
    "q-shrink": {
        "fewer-parameters-too": "Shrinking the maps does not change a convolution's parameters: its kernel and "
                                "channels stay the same.",
        "compute-and-memory-only": "Shrinking does more than save compute and memory: think of how fast the receptive "
                                   "field grows after a stride, and what max pooling does to small shifts.",
        "exact-equivariance": "Pooling and strides break exact translation equivariance: a one-pixel shift can change "
                              "which pixels share a window.",
        "no-invariance": "You miss that max pooling makes the features tolerant to small shifts of the input.",
        "parameters-only": "Convolution parameters do not depend on the size of the feature map; shrinking it changes "
                           "the compute, the memory and more (see the table).",
    },
    "q-1x1-vs-3x3": {
        "no-superset": "A 3x3 layer can compute any 1x1 map: set every kernel weight except the centre to zero.",
        "edges-from-1x1": "1x1 layers never look at neighbouring pixels, so no stack of them can compare a pixel with "
                          "its neighbours, which detecting an edge needs.",
        "fully-connected": "A 1x1 convolution mixes the channels at each pixel separately; it is fully connected over "
                           "the channels, not over the whole image.",
        "cost-not-nine": "A 3x3 kernel has 9 taps where a 1x1 kernel has one, with the same channels and output size: "
                         "count the weights and the multiply-adds per output.",
        "not-an-option": "That letter is not one of the options; choose among a, b, c, d and e.",
    },
    "q-bottleneck": {
        "naive-nine": "9 compares only the kernel sizes; count the multiply-adds of all three layers of the block, "
                      "whose channel counts differ.",
        "inverted": "Your ratio is below 1: divide the single 3x3 layer's multiply-adds by the block's, not the other "
                    "way round.",
        "percent": "You give a percentage; the question asks for the ratio itself, a plain number larger than 1.",
        "biases-counted": "You count the biases too; the multiply-adds of a convolution leave the bias out.",
        "middle-layer-only": "16 compares with the block's 3x3 layer only; the block's cost includes both 1x1 layers "
                             "too.",
        "two-digits": "8.4 is rounded too far; give at least four significant digits (or the expression itself).",
    },
}
