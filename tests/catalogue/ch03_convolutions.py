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
