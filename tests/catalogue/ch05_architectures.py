"""Wrong and alternative correct implementations for chapter 05_architectures.

Each entry redefines the function(s) or class of one solution cell. Every WRONG variant must lose
points in that exercise's test cells; every CORRECT variant must pass all of them.
"""

CHAPTER = "05_architectures"

# --------------------------------------------------------------------------- shared pieces
_LENET_INIT = '''
class LeNet5(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.conv3 = nn.Conv2d(16, 120, 5)
        self.fc1 = nn.Linear(120, 84)
        self.fc2 = nn.Linear(84, num_classes)
'''

_BLOCK_INIT = '''
class ResidualBlock(nn.Module):
    def __init__(self, C_in, C_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(C_in, C_out, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(C_out)
        self.conv2 = nn.Conv2d(C_out, C_out, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(C_out)
        if stride != 1 or C_in != C_out:
            self.shortcut = nn.Sequential(nn.Conv2d(C_in, C_out, 1, stride=stride, bias=False), nn.BatchNorm2d(C_out))
        else:
            self.shortcut = nn.Identity()
'''

_INCEPTION_INIT = '''
class InceptionModule(nn.Module):
    def __init__(self, C_in, c1, c3_reduce, c3, c5_reduce, c5, c_pool):
        super().__init__()
        self.b1 = nn.Conv2d(C_in, c1, 1)
        self.b3_reduce = nn.Conv2d(C_in, c3_reduce, 1)
        self.b3 = nn.Conv2d(c3_reduce, c3, 3, padding=1)
        self.b5_reduce = nn.Conv2d(C_in, c5_reduce, 1)
        self.b5 = nn.Conv2d(c5_reduce, c5, 5, padding=2)
        self.pool_proj = nn.Conv2d(C_in, c_pool, 1)
'''

_UNET_INIT = '''
class TinyUNet(nn.Module):
    def __init__(self, C_in, C_out, c=8):
        super().__init__()
        self.enc1a = nn.Conv2d(C_in, c, 3, padding=1)
        self.enc1b = nn.Conv2d(c, c, 3, padding=1)
        self.enc2a = nn.Conv2d(c, 2 * c, 3, padding=1)
        self.enc2b = nn.Conv2d(2 * c, 2 * c, 3, padding=1)
        self.up = nn.ConvTranspose2d(2 * c, c, 2, stride=2)
        self.dec1a = nn.Conv2d(2 * c, c, 3, padding=1)
        self.dec1b = nn.Conv2d(c, c, 3, padding=1)
        self.head = nn.Conv2d(c, C_out, 1)
'''

_AE_INIT = '''
class Autoencoder(nn.Module):
    def __init__(self, D, M, K):
        super().__init__()
        self.enc1 = nn.Linear(D, M)
        self.enc2 = nn.Linear(M, K)
        self.dec1 = nn.Linear(K, M)
        self.dec2 = nn.Linear(M, D)
'''

_VAE_INIT = '''
class VAE(nn.Module):
    def __init__(self, D, M, K):
        super().__init__()
        self.enc = nn.Linear(D, M)
        self.fc_mu = nn.Linear(M, K)
        self.fc_log_var = nn.Linear(M, K)
        self.dec1 = nn.Linear(K, M)
        self.dec2 = nn.Linear(M, D)
'''

_LAYER_SHAPES = '''
def layer_shapes(specs, input_shape):
    shape = tuple(input_shape)
    shapes = []
    for spec in specs:
        kind = spec[0]
        if kind in ("conv", "pool"):
            if kind == "conv":
                _, C_out, k, s, p = spec
            else:
                k, s = spec[1], spec[2]
                p = spec[3] if len(spec) > 3 else 0
                C_out = shape[0]
            H, W = (SIZE for n in shape[1:])
            if H < 1 or W < 1:
                raise ValueError("too small")
            shape = (C_out, H, W)
        elif kind == "flatten":
            shape = (FLAT,)
        elif kind == "linear":
            shape = (spec[1],)
        else:
            raise ValueError(kind)
        shapes.append(shape)
    return shapes
'''


def _shapes(size="(n + 2 * p - k) // s + 1", flat="shape[0] * shape[1] * shape[2]"):
    return _LAYER_SHAPES.replace("SIZE", size).replace("FLAT", flat)


_TRAIN_AE = '''
def train_autoencoder(X_train, K, M=64, steps=300, batch_size=128, lr=1e-2, seed=0):
    torch.manual_seed(seed)
    X = torch.as_tensor(X_train, dtype=torch.float32)
    model = Autoencoder(X.shape[1], M, K)
    opt = torch.optim.Adam(PARAMS, lr=LR)
    for _ in range(STEPS):
        xb = X[torch.randint(0, len(X), (batch_size,))]
        loss = LOSS
        opt.zero_grad()
        loss.backward()
        opt.step()
    return {k: v.detach().clone() for k, v in model.state_dict().items()}
'''


def _train_ae(params="model.parameters()", lr="lr", steps="steps", loss="F.mse_loss(model(xb), xb)"):
    return _TRAIN_AE.replace("PARAMS", params).replace("LR", lr).replace("STEPS", steps).replace("LOSS", loss)


WRONG = {
    "param-counts": {
        "bias-ignored": '''
def conv2d_params(C_in, C_out, k, bias=True):
    k_h, k_w = (k, k) if isinstance(k, int) else k
    return C_out * C_in * k_h * k_w
''',
        "kernel-not-squared": '''
def conv2d_params(C_in, C_out, k, bias=True):
    k_h = k if isinstance(k, int) else k[0] * k[1]
    return C_out * C_in * k_h + (C_out if bias else 0)
''',
        "bias-per-input-channel": '''
def linear_params(D, M, bias=True):
    return M * D + (D if bias else 0)
''',
        "batchnorm-counts-running-stats": '''
def batchnorm2d_params(C):
    return 4 * C
''',
    },
    "layer-shapes": {
        "padding-ignored": _shapes(size="(n - k) // s + 1"),
        "true-division": _shapes(size="(n + 2 * p - k) / s + 1"),
        "ceil-division": _shapes(size="-(-(n + 2 * p - k) // s) + 1"),
        "flatten-forgets-channels": _shapes(flat="shape[1] * shape[2]"),
        "no-error-for-empty-map": _shapes().replace('raise ValueError("too small")', "H, W = max(H, 1), max(W, 1)"),
    },
    "lenet": {
        "max-pooling": _LENET_INIT + '''
    def forward(self, x):
        h = F.max_pool2d(torch.tanh(self.conv1(x)), 2)
        h = F.max_pool2d(torch.tanh(self.conv2(h)), 2)
        h = torch.tanh(self.conv3(h)).flatten(1)
        return self.fc2(torch.tanh(self.fc1(h)))
''',
        "relu-instead-of-tanh": _LENET_INIT + '''
    def forward(self, x):
        h = F.avg_pool2d(F.relu(self.conv1(x)), 2)
        h = F.avg_pool2d(F.relu(self.conv2(h)), 2)
        h = F.relu(self.conv3(h)).flatten(1)
        return self.fc2(F.relu(self.fc1(h)))
''',
        "no-activation-after-conv3": _LENET_INIT + '''
    def forward(self, x):
        h = F.avg_pool2d(torch.tanh(self.conv1(x)), 2)
        h = F.avg_pool2d(torch.tanh(self.conv2(h)), 2)
        h = self.conv3(h).flatten(1)
        return self.fc2(torch.tanh(self.fc1(h)))
''',
        "softmax-on-output": _LENET_INIT + '''
    def forward(self, x):
        h = F.avg_pool2d(torch.tanh(self.conv1(x)), 2)
        h = F.avg_pool2d(torch.tanh(self.conv2(h)), 2)
        h = torch.tanh(self.conv3(h)).flatten(1)
        return torch.softmax(self.fc2(torch.tanh(self.fc1(h))), dim=1)
''',
        "padding-2-like-mnist-28": '''
class LeNet5(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.conv3 = nn.Conv2d(16, 120, 5)
        self.fc1 = nn.Linear(120, 84)
        self.fc2 = nn.Linear(84, num_classes)

    def forward(self, x):
        h = F.avg_pool2d(torch.tanh(self.conv1(x)), 2)
        h = F.avg_pool2d(torch.tanh(self.conv2(h)), 2)
        h = F.adaptive_avg_pool2d(torch.tanh(self.conv3(h)), 1).flatten(1)
        return self.fc2(torch.tanh(self.fc1(h)))
''',
    },
    "make-vgg": {
        "classifier-ignores-pooling": '''
def make_vgg(cfg, C_in, num_classes, image_size):
    layers, C = [], C_in
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(C, v, 3, padding=1), nn.ReLU()]
            C = v
    layers += [nn.Flatten(), nn.Linear(C * image_size * image_size, num_classes)]
    return nn.Sequential(*layers)
''',
        "no-padding": '''
def make_vgg(cfg, C_in, num_classes, image_size):
    n_pool = sum(1 for v in cfg if v == "M")
    if image_size % (2 ** n_pool):
        raise ValueError("size")
    layers, C, side = [], C_in, image_size
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
            side //= 2
        else:
            layers += [nn.Conv2d(C, v, 3), nn.ReLU()]
            C, side = v, side - 2
    layers += [nn.Flatten(), nn.Linear(C * side * side, num_classes)]
    return nn.Sequential(*layers)
''',
        "average-pooling": '''
def make_vgg(cfg, C_in, num_classes, image_size):
    n_pool = sum(1 for v in cfg if v == "M")
    if image_size % (2 ** n_pool):
        raise ValueError("size")
    layers, C = [], C_in
    for v in cfg:
        if v == "M":
            layers.append(nn.AvgPool2d(2, 2))
        else:
            layers += [nn.Conv2d(C, v, 3, padding=1), nn.ReLU()]
            C = v
    side = image_size // 2 ** n_pool
    layers += [nn.Flatten(), nn.Linear(C * side * side, num_classes)]
    return nn.Sequential(*layers)
''',
        "no-size-check": '''
def make_vgg(cfg, C_in, num_classes, image_size):
    n_pool = sum(1 for v in cfg if v == "M")
    layers, C = [], C_in
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(C, v, 3, padding=1), nn.ReLU()]
            C = v
    side = image_size // 2 ** n_pool
    layers += [nn.Flatten(), nn.Linear(C * side * side, num_classes)]
    return nn.Sequential(*layers)
''',
    },
    "q-alexnet-fc1": {
        "no-bias": "q_alexnet_fc1 = 9216 * 4096",
        "flatten-size": "q_alexnet_fc1 = 9216",
    },
    "residual-block": {
        "no-skip": _BLOCK_INIT + '''
    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(h)))
''',
        "subtracts": _BLOCK_INIT + '''
    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.shortcut(x) - self.bn2(self.conv2(h)))
''',
        "relu-before-add": _BLOCK_INIT + '''
    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(h))) + self.shortcut(x)
''',
        "relu-on-branch-and-after-add": _BLOCK_INIT + '''
    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(F.relu(self.bn2(self.conv2(h))) + self.shortcut(x))
''',
        "projection-without-batchnorm": '''
class ResidualBlock(nn.Module):
    def __init__(self, C_in, C_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(C_in, C_out, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(C_out)
        self.conv2 = nn.Conv2d(C_out, C_out, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(C_out)
        if stride != 1 or C_in != C_out:
            self.shortcut = nn.Sequential(nn.Conv2d(C_in, C_out, 1, stride=stride, bias=False))
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(h)) + self.shortcut(x))
''',
        "stride-on-second-conv": '''
class ResidualBlock(nn.Module):
    def __init__(self, C_in, C_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(C_in, C_out, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(C_out)
        self.conv2 = nn.Conv2d(C_out, C_out, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(C_out)
        if stride != 1 or C_in != C_out:
            self.shortcut = nn.Sequential(nn.Conv2d(C_in, C_out, 1, stride=stride, bias=False), nn.BatchNorm2d(C_out))
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(h)) + self.shortcut(x))
''',
    },
    "block-params": {
        "forgets-batchnorm": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return C_out * C_in * k * k + (C_out if conv_bias else 0)
''',
        "forgets-conv-bias": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return 2 * C_in + C_out * C_in * k * k
''',
        "counts-running-stats": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return 4 * C_in + C_out * C_in * k * k + (C_out if conv_bias else 0)
''',
        "batchnorm-on-output-channels": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return 2 * C_out + C_out * C_in * k * k + (C_out if conv_bias else 0)
''',
        "bottleneck-middle-1x1": '''
def bottleneck_params(C, C_mid, conv_bias=True):
    return (preact_unit_params(C, C_mid, 1, conv_bias) + preact_unit_params(C_mid, C_mid, 1, conv_bias)
            + preact_unit_params(C_mid, C, 1, conv_bias))
''',
        "bottleneck-ignores-conv-bias-flag": '''
def bottleneck_params(C, C_mid, conv_bias=True):
    return (preact_unit_params(C, C_mid, 1) + preact_unit_params(C_mid, C_mid, 3) + preact_unit_params(C_mid, C, 1))
''',
    },
    "q-basic-block-params": {
        "seed-single-unit": "q_basic_block_params = 2360832",
        "with-conv-biases": "q_basic_block_params = 2 * (3 * 3 * 512 * 512 + 512) + 2 * (2 * 512)",
    },
    "q-subtract-residual": {
        "vanishing": 'q_subtract_residual = "a"',
        "relu-kills": 'q_subtract_residual = "c"',
    },
    "inception": {
        "concat-on-width": _INCEPTION_INIT + '''
    def forward(self, x):
        y1 = F.relu(self.b1(x))
        y3 = F.relu(self.b3(F.relu(self.b3_reduce(x))))
        y5 = F.relu(self.b5(F.relu(self.b5_reduce(x))))
        y4 = F.relu(self.pool_proj(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([y1, y3, y5, y4], dim=-1)
''',
        "pool-without-padding": _INCEPTION_INIT + '''
    def forward(self, x):
        y1 = F.relu(self.b1(x))
        y3 = F.relu(self.b3(F.relu(self.b3_reduce(x))))
        y5 = F.relu(self.b5(F.relu(self.b5_reduce(x))))
        y4 = F.relu(self.pool_proj(F.max_pool2d(x, 3, stride=1)))
        return torch.cat([y1, y3, y5, y4], dim=1)
''',
        "pool-branch-first": _INCEPTION_INIT + '''
    def forward(self, x):
        y1 = F.relu(self.b1(x))
        y3 = F.relu(self.b3(F.relu(self.b3_reduce(x))))
        y5 = F.relu(self.b5(F.relu(self.b5_reduce(x))))
        y4 = F.relu(self.pool_proj(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([y4, y1, y3, y5], dim=1)
''',
        "no-relu-after-reductions": _INCEPTION_INIT + '''
    def forward(self, x):
        y1 = F.relu(self.b1(x))
        y3 = F.relu(self.b3(self.b3_reduce(x)))
        y5 = F.relu(self.b5(self.b5_reduce(x)))
        y4 = F.relu(self.pool_proj(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([y1, y3, y5, y4], dim=1)
''',
        "projection-before-pooling": _INCEPTION_INIT + '''
    def forward(self, x):
        y1 = F.relu(self.b1(x))
        y3 = F.relu(self.b3(F.relu(self.b3_reduce(x))))
        y5 = F.relu(self.b5(F.relu(self.b5_reduce(x))))
        y4 = F.max_pool2d(F.relu(self.pool_proj(x)), 3, stride=1, padding=1)
        return torch.cat([y1, y3, y5, y4], dim=1)
''',
    },
    "q-inception-savings": {
        "inverted": "q_inception_savings = (192 * 16 + 16 * 32 * 25) / (192 * 32 * 25)",
        "forgets-reduction-layer": "q_inception_savings = (192 * 32 * 25) / (16 * 32 * 25)",
    },
    "linear-to-conv": {
        "channels-last-order": '''
def linear_to_conv(weight, bias, C, H, W):
    M = weight.shape[0]
    if weight.shape[1] != C * H * W:
        raise ValueError("shape")
    return weight.reshape(M, H, W, C).permute(0, 3, 1, 2).contiguous(), bias.clone()
''',
        "height-width-swapped": '''
def linear_to_conv(weight, bias, C, H, W):
    M = weight.shape[0]
    if weight.shape[1] != C * H * W:
        raise ValueError("shape")
    return weight.reshape(M, C, W, H).transpose(2, 3).contiguous(), bias.clone()
''',
        "bias-dropped": '''
def linear_to_conv(weight, bias, C, H, W):
    M = weight.shape[0]
    if weight.shape[1] != C * H * W:
        raise ValueError("shape")
    return weight.reshape(M, C, H, W), torch.zeros_like(bias)
''',
        "no-shape-check": '''
def linear_to_conv(weight, bias, C, H, W):
    M = weight.shape[0]
    return weight.reshape(M, C, H, -1), bias
''',
    },
    "crop-concat": {
        "wrong-axis": '''
def crop_and_concat(up, skip):
    N, C1, H, W = up.shape
    N2, C2, H2, W2 = skip.shape
    if N != N2 or H2 < H or W2 < W:
        raise ValueError("shapes")
    top, left = (H2 - H) // 2, (W2 - W) // 2
    return torch.cat([skip[:, :, top:top + H, left:left + W], up], dim=2)
''',
        "up-first": '''
def crop_and_concat(up, skip):
    N, C1, H, W = up.shape
    N2, C2, H2, W2 = skip.shape
    if N != N2 or H2 < H or W2 < W:
        raise ValueError("shapes")
    top, left = (H2 - H) // 2, (W2 - W) // 2
    return torch.cat([up, skip[:, :, top:top + H, left:left + W]], dim=1)
''',
        "crop-top-left-corner": '''
def crop_and_concat(up, skip):
    N, C1, H, W = up.shape
    N2, C2, H2, W2 = skip.shape
    if N != N2 or H2 < H or W2 < W:
        raise ValueError("shapes")
    return torch.cat([skip[:, :, :H, :W], up], dim=1)
''',
        "offset-rounded-up": '''
def crop_and_concat(up, skip):
    N, C1, H, W = up.shape
    N2, C2, H2, W2 = skip.shape
    if N != N2 or H2 < H or W2 < W:
        raise ValueError("shapes")
    top, left = (H2 - H + 1) // 2, (W2 - W + 1) // 2
    return torch.cat([skip[:, :, top:top + H, left:left + W], up], dim=1)
''',
        "no-checks": '''
def crop_and_concat(up, skip):
    H, W = up.shape[-2:]
    top, left = (skip.shape[2] - H) // 2, (skip.shape[3] - W) // 2
    return torch.cat([skip[:, :, top:top + H, left:left + W], up], dim=1)
''',
    },
    "tiny-unet": {
        "concat-up-first": _UNET_INIT + '''
    def forward(self, x):
        if x.shape[-2] % 2 or x.shape[-1] % 2:
            raise ValueError("odd")
        s = F.relu(self.enc1b(F.relu(self.enc1a(x))))
        h = F.relu(self.enc2b(F.relu(self.enc2a(F.max_pool2d(s, 2)))))
        u = self.up(h)
        h = F.relu(self.dec1b(F.relu(self.dec1a(torch.cat([u, s], dim=1)))))
        return self.head(h)
''',
        "concat-on-wrong-axis": _UNET_INIT + '''
    def forward(self, x):
        if x.shape[-2] % 2 or x.shape[-1] % 2:
            raise ValueError("odd")
        s = F.relu(self.enc1b(F.relu(self.enc1a(x))))
        h = F.relu(self.enc2b(F.relu(self.enc2a(F.max_pool2d(s, 2)))))
        u = self.up(h)
        h = F.relu(self.dec1b(F.relu(self.dec1a(torch.cat([s, u], dim=2)))))
        return self.head(h)
''',
        "relu-after-upsampling": _UNET_INIT + '''
    def forward(self, x):
        if x.shape[-2] % 2 or x.shape[-1] % 2:
            raise ValueError("odd")
        s = F.relu(self.enc1b(F.relu(self.enc1a(x))))
        h = F.relu(self.enc2b(F.relu(self.enc2a(F.max_pool2d(s, 2)))))
        u = F.relu(self.up(h))
        h = F.relu(self.dec1b(F.relu(self.dec1a(torch.cat([s, u], dim=1)))))
        return self.head(h)
''',
        "skip-taken-before-second-conv": _UNET_INIT + '''
    def forward(self, x):
        if x.shape[-2] % 2 or x.shape[-1] % 2:
            raise ValueError("odd")
        s1 = F.relu(self.enc1a(x))
        s = F.relu(self.enc1b(s1))
        h = F.relu(self.enc2b(F.relu(self.enc2a(F.max_pool2d(s, 2)))))
        u = self.up(h)
        h = F.relu(self.dec1b(F.relu(self.dec1a(torch.cat([s1, u], dim=1)))))
        return self.head(h)
''',
        "no-odd-size-check": _UNET_INIT + '''
    def forward(self, x):
        s = F.relu(self.enc1b(F.relu(self.enc1a(x))))
        h = F.relu(self.enc2b(F.relu(self.enc2a(F.max_pool2d(s, 2)))))
        u = F.interpolate(self.up(h), size=s.shape[-2:])
        h = F.relu(self.dec1b(F.relu(self.dec1a(torch.cat([s, u], dim=1)))))
        return self.head(h)
''',
    },
    "autoencoder": {
        "relu-on-code": _AE_INIT + '''
    def encode(self, x):
        return F.relu(self.enc2(F.relu(self.enc1(x))))

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))

    def forward(self, x):
        return self.decode(self.encode(x))
''',
        "sigmoid-output": _AE_INIT + '''
    def encode(self, x):
        return self.enc2(F.relu(self.enc1(x)))

    def decode(self, z):
        return torch.sigmoid(self.dec2(F.relu(self.dec1(z))))

    def forward(self, x):
        return self.decode(self.encode(x))
''',
        "no-hidden-activation": _AE_INIT + '''
    def encode(self, x):
        return self.enc2(self.enc1(x))

    def decode(self, z):
        return self.dec2(self.dec1(z))

    def forward(self, x):
        return self.decode(self.encode(x))
''',
        "forward-returns-code": _AE_INIT + '''
    def encode(self, x):
        return self.enc2(F.relu(self.enc1(x)))

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))

    def forward(self, x):
        z = self.encode(x)
        self.decode(z)
        return z
''',
    },
    "train-autoencoder": {
        "untrained": _train_ae(steps="0"),
        "decoder-only": _train_ae(params="[*model.dec1.parameters(), *model.dec2.parameters()]"),
        "learning-rate-too-small": _train_ae(lr="1e-5"),
        "loss-against-zeros": _train_ae(loss="F.mse_loss(model(xb), torch.zeros_like(xb))"),
        "wrong-latent-size": _train_ae().replace("model = Autoencoder(X.shape[1], M, K)", "model = Autoencoder(X.shape[1], M, M)"),
    },
    "reparameterize": {
        "sigma-squared-as-in-the-seed": '''
def reparameterize(mu, log_var, eps):
    return mu + torch.exp(log_var) * eps
''',
        "log-var-as-std": '''
def reparameterize(mu, log_var, eps):
    return mu + log_var * eps
''',
        "half-variance": '''
def reparameterize(mu, log_var, eps):
    return mu + 0.5 * torch.exp(log_var) * eps
''',
        "shift-before-scale": '''
def reparameterize(mu, log_var, eps):
    return (mu + eps) * torch.exp(0.5 * log_var)
''',
    },
    "gaussian-kl": {
        "sign-flipped": '''
def gaussian_kl(mu, log_var):
    return -0.5 * (mu ** 2 + torch.exp(log_var) - 1.0 - log_var).sum(dim=1)
''',
        "log-sigma-instead-of-log-sigma2": '''
def gaussian_kl(mu, log_var):
    return 0.5 * (mu ** 2 + torch.exp(log_var) - 1.0 - 0.5 * log_var).sum(dim=1)
''',
        "mean-over-latent-dims": '''
def gaussian_kl(mu, log_var):
    return 0.5 * (mu ** 2 + torch.exp(log_var) - 1.0 - log_var).mean(dim=1)
''',
        "seed-garbled-plus-log": '''
def gaussian_kl(mu, log_var):
    return 0.5 * (mu ** 2 + log_var - 1.0).sum(dim=1)
''',
        "sigma-instead-of-variance": '''
def gaussian_kl(mu, log_var):
    return 0.5 * (mu ** 2 + torch.exp(0.5 * log_var) - 1.0 - log_var).sum(dim=1)
''',
    },
    "negative-elbo": {
        "mean-over-pixels": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    reconstruction = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").mean(dim=1)
    return (reconstruction + beta * gaussian_kl(mu, log_var)).mean()
''',
        "beta-on-reconstruction": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    reconstruction = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1)
    return (beta * reconstruction + gaussian_kl(mu, log_var)).mean()
''',
        "kl-subtracted": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    reconstruction = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1)
    return (reconstruction - beta * gaussian_kl(mu, log_var)).mean()
''',
        "unstable-bce-from-probabilities": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    p = torch.sigmoid(x_logits)
    reconstruction = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(dim=1)
    return (reconstruction + beta * gaussian_kl(mu, log_var)).mean()
''',
        "summed-over-batch": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    reconstruction = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1)
    return (reconstruction + beta * gaussian_kl(mu, log_var)).sum()
''',
    },
    "vae": {
        "sigmoid-in-decode": _VAE_INIT + '''
    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.fc_mu(h), self.fc_log_var(h)

    def decode(self, z):
        return torch.sigmoid(self.dec2(F.relu(self.dec1(z))))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        if eps is None:
            eps = torch.randn_like(mu)
        return self.decode(reparameterize(mu, log_var, eps)), mu, log_var
''',
        "decodes-the-mean-only": _VAE_INIT + '''
    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.fc_mu(h), self.fc_log_var(h)

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        return self.decode(mu), mu, log_var
''',
        "variance-instead-of-log-variance": _VAE_INIT + '''
    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.fc_mu(h), torch.exp(self.fc_log_var(h))

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        if eps is None:
            eps = torch.randn_like(mu)
        return self.decode(reparameterize(mu, log_var, eps)), mu, log_var
''',
        "fixed-noise-when-none": _VAE_INIT + '''
    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.fc_mu(h), self.fc_log_var(h)

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        if eps is None:
            eps = torch.zeros_like(mu)
        return self.decode(reparameterize(mu, log_var, eps)), mu, log_var
''',
    },
    "q-vae-prior": {
        "seed-answer-data": 'q_vae_prior = "a"',
        "weights": 'q_vae_prior = "c"',
    },
    "q-beta-vae": {
        "sharper": 'q_beta_vae = "a"',
        "no-effect": 'q_beta_vae = "c"',
    },
    "kl-on-grid": {
        "arguments-swapped": '''
def kl_on_grid(p, q, dx):
    return (torch.xlogy(q, q) - torch.xlogy(q, p)).sum() * dx
''',
        "forgets-dx": '''
def kl_on_grid(p, q, dx):
    return (torch.xlogy(p, p) - torch.xlogy(p, q)).sum()
''',
        "zeros-give-nan": '''
def kl_on_grid(p, q, dx):
    return (p * torch.log(p / q)).sum() * dx
''',
        "log-ratio-upside-down": '''
def kl_on_grid(p, q, dx):
    return (torch.xlogy(p, q) - torch.xlogy(p, p)).sum() * dx
''',
        "not-differentiable": '''
def kl_on_grid(p, q, dx):
    from scipy.special import rel_entr
    return torch.tensor(rel_entr(p.detach().numpy(), q.detach().numpy()).sum() * dx)
''',
    },
    "q-kl-direction": {
        "only-forward": 'q_kl_direction = "a"',
        "reversed-names": 'q_kl_direction = "c"',
    },
    "gan-losses": {
        "generator-sign-flipped": '''
def generator_loss(fake_logits, kind="non_saturating"):
    if kind == "non_saturating":
        return -F.softplus(-fake_logits).mean()
    if kind == "minimax":
        return F.softplus(fake_logits).mean()
    raise ValueError(kind)
''',
        "kinds-swapped": '''
def generator_loss(fake_logits, kind="non_saturating"):
    if kind == "minimax":
        return F.softplus(-fake_logits).mean()
    if kind == "non_saturating":
        return -F.softplus(fake_logits).mean()
    raise ValueError(kind)
''',
        "discriminator-labels-swapped": '''
def discriminator_loss(real_logits, fake_logits):
    return F.softplus(real_logits).mean() + F.softplus(-fake_logits).mean()
''',
        "seed-half-factor": '''
def discriminator_loss(real_logits, fake_logits):
    return 0.5 * (F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean())
''',
        "log-of-sigmoid": '''
def discriminator_loss(real_logits, fake_logits):
    return -torch.log(torch.sigmoid(real_logits)).mean() - torch.log(1 - torch.sigmoid(fake_logits)).mean()


def generator_loss(fake_logits, kind="non_saturating"):
    if kind == "non_saturating":
        return -torch.log(torch.sigmoid(fake_logits)).mean()
    if kind == "minimax":
        return torch.log(1 - torch.sigmoid(fake_logits)).mean()
    raise ValueError(kind)
''',
        "no-error-for-unknown-kind": '''
def generator_loss(fake_logits, kind="non_saturating"):
    if kind == "minimax":
        return -F.softplus(fake_logits).mean()
    return F.softplus(-fake_logits).mean()
''',
    },
    "wgan-losses": {
        "critic-with-log": '''
def critic_loss(real_scores, fake_scores):
    return -F.logsigmoid(real_scores).mean() - F.logsigmoid(-fake_scores).mean()
''',
        "critic-sign-swapped": '''
def critic_loss(real_scores, fake_scores):
    return real_scores.mean() - fake_scores.mean()
''',
        "generator-sign-swapped": '''
def wgan_generator_loss(fake_scores):
    return fake_scores.mean()
''',
        "generator-with-log": '''
def wgan_generator_loss(fake_scores):
    return -F.logsigmoid(fake_scores).mean()
''',
    },
    "q-gan-saturate": {
        "exact-objective": 'q_gan_saturate = "b"',
        "mode-collapse": 'q_gan_saturate = "d"',
    },
    "q-wgan-critic": {
        "sigmoid": 'q_wgan_critic = "a"',
        "bce": 'q_wgan_critic = "d"',
    },
    "diffusion-forward": {
        "alpha-bar-as-sum": '''
def alpha_bars(betas):
    return 1.0 - torch.cumsum(betas, dim=0)
''',
        "off-by-one-step": '''
def q_sample(x0, t, betas, eps):
    T = betas.shape[0]
    if bool((t < 1).any()) or bool((t > T).any()):
        raise ValueError("t")
    a_bar = torch.cat([torch.ones(1, dtype=betas.dtype), alpha_bars(betas)])[t - 1]
    a_bar = a_bar.reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + torch.sqrt(1.0 - a_bar) * eps
''',
        "variance-instead-of-std": '''
def q_sample(x0, t, betas, eps):
    T = betas.shape[0]
    if bool((t < 1).any()) or bool((t > T).any()):
        raise ValueError("t")
    a_bar = alpha_bars(betas)[t - 1].reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + (1.0 - a_bar) * eps
''',
        "signal-without-sqrt": '''
def q_sample(x0, t, betas, eps):
    T = betas.shape[0]
    if bool((t < 1).any()) or bool((t > T).any()):
        raise ValueError("t")
    a_bar = alpha_bars(betas)[t - 1].reshape(-1, *([1] * (x0.dim() - 1)))
    return a_bar * x0 + torch.sqrt(1.0 - a_bar) * eps
''',
        "last-beta-only": '''
def q_sample(x0, t, betas, eps):
    T = betas.shape[0]
    if bool((t < 1).any()) or bool((t > T).any()):
        raise ValueError("t")
    a = (1.0 - betas[t - 1]).reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a) * x0 + torch.sqrt(1.0 - a) * eps
''',
        "no-range-check": '''
def q_sample(x0, t, betas, eps):
    a_bar = alpha_bars(betas)[t - 1].reshape(-1, *([1] * (x0.dim() - 1)))
    return torch.sqrt(a_bar) * x0 + torch.sqrt(1.0 - a_bar) * eps
''',
    },
    "q-alpha-bar-T": {
        "alpha-bar-not-sqrt": "q_alpha_bar_T = float(np.prod(1 - np.linspace(1e-4, 0.02, 1000)))",
        "sum-instead-of-product": "q_alpha_bar_T = float(np.sqrt(max(1 - np.sum(np.linspace(1e-4, 0.02, 1000)), 0.0)))",
    },
    "q-diffusion-terms": {
        "seed-001-constant-gap": 'q_diffusion_terms = "acd"',
        "missing-denoising": 'q_diffusion_terms = "ab"',
        "prior-term-zero": 'q_diffusion_terms = "abce"',
    },
}

CORRECT = {
    "param-counts": {
        "via-torch-meta-modules": '''
def conv2d_params(C_in, C_out, k, bias=True):
    return sum(p.numel() for p in nn.Conv2d(C_in, C_out, k, bias=bias, device="meta").parameters())


def linear_params(D, M, bias=True):
    return sum(p.numel() for p in nn.Linear(D, M, bias=bias, device="meta").parameters())


def batchnorm2d_params(C):
    return sum(p.numel() for p in nn.BatchNorm2d(C, device="meta").parameters())
''',
        "numpy-ints": '''
def conv2d_params(C_in, C_out, k, bias=True):
    kernel = np.broadcast_to(np.asarray(k), (2,))
    return np.int64(C_out) * C_in * int(np.prod(kernel)) + np.int64(C_out) * bool(bias)


def linear_params(D, M, bias=True):
    return np.int64((D + int(bias)) * M)
''',
    },
    "layer-shapes": {
        "math-floor-lists": '''
def layer_shapes(specs, input_shape):
    C, H, W = input_shape
    flat = None
    out = []
    for spec in specs:
        if spec[0] == "conv":
            C, k, s, p = spec[1], spec[2], spec[3], spec[4]
            H, W = math.floor((H + 2 * p - k) / s) + 1, math.floor((W + 2 * p - k) / s) + 1
        elif spec[0] == "pool":
            k, s = spec[1], spec[2]
            p = spec[3] if len(spec) == 4 else 0
            H, W = math.floor((H + 2 * p - k) / s) + 1, math.floor((W + 2 * p - k) / s) + 1
        elif spec[0] == "flatten":
            flat = C * H * W
            out.append([flat])
            continue
        elif spec[0] == "linear":
            out.append([spec[1]])
            continue
        else:
            raise ValueError(spec[0])
        if min(H, W) < 1:
            raise ValueError("empty feature map")
        out.append([C, H, W])
    return out
''',
    },
    "lenet": {
        "modules-and-view": '''
class LeNet5(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.fc2 = nn.Linear(84, num_classes)
        self.fc1 = nn.Linear(120, 84)
        self.conv3 = nn.Conv2d(16, 120, kernel_size=5)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.conv1 = nn.Conv2d(1, 6, kernel_size=(5, 5))
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)
        self.act = nn.Tanh()

    def forward(self, x):
        x = self.pool(self.act(self.conv1(x)))
        x = self.pool(self.act(self.conv2(x)))
        x = self.act(self.conv3(x))
        x = x.view(x.shape[0], -1)
        return self.fc2(self.act(self.fc1(x)))
''',
    },
    "make-vgg": {
        "ordered-dict-and-inplace-relu": '''
from collections import OrderedDict


def make_vgg(cfg, C_in, num_classes, image_size):
    n_pool = cfg.count("M")
    side, rest = divmod(image_size, 2 ** n_pool)
    if rest:
        raise ValueError("image_size must be divisible by 2**n_pool")
    layers, C = OrderedDict(), C_in
    for v in cfg:
        i = str(len(layers))
        if v == "M":
            layers[i] = nn.MaxPool2d(kernel_size=2, stride=2)
        else:
            layers[i] = nn.Conv2d(C, v, kernel_size=3, stride=1, padding=1)
            layers[str(len(layers))] = nn.ReLU(inplace=True)
            C = v
    layers[str(len(layers))] = nn.Flatten()
    layers[str(len(layers))] = nn.Linear(C * side ** 2, num_classes)
    return nn.Sequential(layers)
''',
    },
    "q-alexnet-fc1": {"as-int": "q_alexnet_fc1 = 37752832"},
    "residual-block": {
        "modules-and-inplace": '''
class ResidualBlock(nn.Module):
    def __init__(self, C_in, C_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(C_in, C_out, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(C_out)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(C_out, C_out, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(C_out)
        self.shortcut = nn.Identity()
        if stride > 1 or C_out != C_in:
            self.shortcut = nn.Sequential(nn.Conv2d(C_in, C_out, kernel_size=1, stride=stride, bias=False),
                                          nn.BatchNorm2d(C_out))

    def forward(self, x):
        identity = self.shortcut(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)
''',
    },
    "block-params": {
        "closed-form": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return 2 * C_in + C_in * C_out * k ** 2 + C_out * int(conv_bias)


def bottleneck_params(C, C_mid, conv_bias=True):
    b = int(conv_bias)
    return 2 * (C + 2 * C_mid) + C * C_mid + 9 * C_mid ** 2 + C_mid * C + b * (2 * C_mid + C)
''',
    },
    "q-basic-block-params": {"by-hand": "q_basic_block_params = 4720640"},
    "inception": {
        "sequential-branches": '''
class InceptionModule(nn.Module):
    def __init__(self, C_in, c1, c3_reduce, c3, c5_reduce, c5, c_pool):
        super().__init__()
        self.pool_proj = nn.Conv2d(C_in, c_pool, kernel_size=1)
        self.b5 = nn.Conv2d(c5_reduce, c5, kernel_size=5, padding=2)
        self.b5_reduce = nn.Conv2d(C_in, c5_reduce, kernel_size=1)
        self.b3 = nn.Conv2d(c3_reduce, c3, kernel_size=3, padding=1)
        self.b3_reduce = nn.Conv2d(C_in, c3_reduce, kernel_size=1)
        self.b1 = nn.Conv2d(C_in, c1, kernel_size=1)
        self.pool = nn.MaxPool2d(3, stride=1, padding=1)

    def forward(self, x):
        branches = [
            nn.Sequential(self.b1, nn.ReLU()),
            nn.Sequential(self.b3_reduce, nn.ReLU(), self.b3, nn.ReLU()),
            nn.Sequential(self.b5_reduce, nn.ReLU(), self.b5, nn.ReLU()),
            nn.Sequential(self.pool, self.pool_proj, nn.ReLU()),
        ]
        return torch.cat([branch(x) for branch in branches], 1)
''',
    },
    "q-inception-savings": {"decimal": "q_inception_savings = 9.677"},
    "linear-to-conv": {
        "view-without-copy": '''
def linear_to_conv(weight, bias, C, H, W):
    if weight.shape[-1] != C * H * W:
        raise ValueError("weight does not match C * H * W")
    return weight.view(-1, C, H, W), bias
''',
        "unflatten": '''
def linear_to_conv(weight, bias, C, H, W):
    if weight.shape[1] != C * H * W:
        raise ValueError("weight does not match C * H * W")
    return weight.unflatten(1, (C, H, W)).clone(), bias.detach().clone()
''',
    },
    "crop-concat": {
        "narrow": '''
def crop_and_concat(up, skip):
    if up.shape[0] != skip.shape[0] or skip.shape[2] < up.shape[2] or skip.shape[3] < up.shape[3]:
        raise ValueError("skip must be at least as large as up, with the same batch size")
    cropped = skip.narrow(2, (skip.shape[2] - up.shape[2]) // 2, up.shape[2])
    cropped = cropped.narrow(3, (skip.shape[3] - up.shape[3]) // 2, up.shape[3])
    return torch.cat((cropped, up), 1)
''',
    },
    "tiny-unet": {
        "uses-crop-and-concat-and-modules": '''
class TinyUNet(nn.Module):
    def __init__(self, C_in, C_out, c=8):
        super().__init__()
        self.enc1a = nn.Conv2d(C_in, c, 3, padding=1)
        self.enc1b = nn.Conv2d(c, c, 3, padding=1)
        self.enc2a = nn.Conv2d(c, 2 * c, 3, padding=1)
        self.enc2b = nn.Conv2d(2 * c, 2 * c, 3, padding=1)
        self.up = nn.ConvTranspose2d(2 * c, c, kernel_size=2, stride=2)
        self.dec1a = nn.Conv2d(2 * c, c, 3, padding=1)
        self.dec1b = nn.Conv2d(c, c, 3, padding=1)
        self.head = nn.Conv2d(c, C_out, kernel_size=1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        if x.shape[2] % 2 != 0 or x.shape[3] % 2 != 0:
            raise ValueError("even sizes only")
        skip = torch.relu(self.enc1b(torch.relu(self.enc1a(x))))
        deep = torch.relu(self.enc2b(torch.relu(self.enc2a(self.pool(skip)))))
        merged = crop_and_concat(self.up(deep), skip)
        return self.head(torch.relu(self.dec1b(torch.relu(self.dec1a(merged)))))
''',
    },
    "autoencoder": {
        "sequential-inside-forward": '''
class Autoencoder(nn.Module):
    def __init__(self, D, M, K):
        super().__init__()
        self.dec2 = nn.Linear(M, D)
        self.dec1 = nn.Linear(K, M)
        self.enc2 = nn.Linear(M, K)
        self.enc1 = nn.Linear(D, M)

    def encode(self, x):
        return nn.Sequential(self.enc1, nn.ReLU(), self.enc2)(x)

    def decode(self, z):
        return nn.Sequential(self.dec1, nn.ReLU(), self.dec2)(z)

    def forward(self, x):
        z = self.encode(x)
        return self.decode(z)
''',
    },
    "train-autoencoder": {
        "epochs-of-shuffled-batches": '''
def train_autoencoder(X_train, K, M=64, steps=300, batch_size=128, lr=1e-2, seed=0):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    X = torch.tensor(np.array(X_train), dtype=torch.float32)
    model = Autoencoder(X.shape[1], M, K)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    step = 0
    while step < steps:
        order = torch.randperm(len(X), generator=gen)
        for start in range(0, len(X) - batch_size + 1, batch_size):
            xb = X[order[start:start + batch_size]]
            loss = ((model(xb) - xb) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            if step == steps:
                break
    return dict(model.state_dict())
''',
        "float64-training": '''
def train_autoencoder(X_train, K, M=64, steps=300, batch_size=128, lr=1e-2, seed=0):
    torch.manual_seed(seed)
    X = torch.from_numpy(np.asarray(X_train, dtype=np.float64))
    model = Autoencoder(X.shape[1], M, K).double()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        xb = X[torch.randint(len(X), (batch_size,))]
        loss = F.mse_loss(model(xb), xb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return {k: v.float() for k, v in model.state_dict().items()}
''',
    },
    "reparameterize": {
        "sqrt-of-variance": '''
def reparameterize(mu, log_var, eps):
    sigma = log_var.exp().sqrt()
    return sigma * eps + mu
''',
        "float32": '''
def reparameterize(mu, log_var, eps):
    return (mu.float() + torch.exp(log_var.float() / 2) * eps.float())
''',
    },
    "gaussian-kl": {
        "torch-distributions": '''
def gaussian_kl(mu, log_var):
    q = torch.distributions.Normal(mu, torch.exp(0.5 * log_var))
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch.distributions.kl_divergence(q, p).sum(-1)
''',
        "loop-over-dimensions": '''
def gaussian_kl(mu, log_var):
    total = torch.zeros(mu.shape[0], dtype=mu.dtype)
    for k in range(mu.shape[1]):
        m, lv = mu[:, k], log_var[:, k]
        total = total - 0.5 * (1 + lv - m * m - lv.exp())
    return total
''',
    },
    "negative-elbo": {
        "softplus-form": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    # BCE(l, x) = softplus(l) - x * l
    reconstruction = (F.softplus(x_logits) - x * x_logits).sum(1)
    kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp(), dim=1)
    return torch.mean(reconstruction + beta * kl)
''',
        "sum-then-divide": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    N = x.shape[0]
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum")
    return rec / N + beta * gaussian_kl(mu, log_var).sum() / N
''',
    },
    "vae": {
        "one-linear-for-both-heads": '''
class VAE(nn.Module):
    def __init__(self, D, M, K):
        super().__init__()
        self.K = K
        self.enc = nn.Linear(D, M)
        self.fc_mu = nn.Linear(M, K)
        self.fc_log_var = nn.Linear(M, K)
        self.dec1 = nn.Linear(K, M)
        self.dec2 = nn.Linear(M, D)

    def encode(self, x):
        h = torch.relu(self.enc(x))
        w = torch.cat([self.fc_mu.weight, self.fc_log_var.weight], 0)
        b = torch.cat([self.fc_mu.bias, self.fc_log_var.bias], 0)
        mu, log_var = F.linear(h, w, b).split(self.K, dim=1)
        return mu, log_var

    def decode(self, z):
        return self.dec2(torch.relu(self.dec1(z)))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        eps = torch.randn(mu.shape, dtype=mu.dtype) if eps is None else eps
        z = mu + (0.5 * log_var).exp() * eps
        return self.decode(z), mu, log_var
''',
    },
    "q-vae-prior": {"upper-case": 'q_vae_prior = "B"'},
    "kl-on-grid": {
        "masked": '''
def kl_on_grid(p, q, dx):
    mask = p > 0
    return dx * torch.sum(p[mask] * (torch.log(p[mask]) - torch.log(q[mask])))
''',
        "where-with-safe-log": '''
def kl_on_grid(p, q, dx):
    safe_p = torch.where(p > 0, p, torch.ones_like(p))
    terms = torch.where(p > 0, p * (torch.log(safe_p) - torch.log(q)), torch.zeros_like(p))
    return terms.sum() * dx
''',
    },
    "q-kl-direction": {"list-of-letters": 'q_kl_direction = ["b", "a"]'},
    "gan-losses": {
        "bce-with-logits": '''
def discriminator_loss(real_logits, fake_logits):
    bce = F.binary_cross_entropy_with_logits
    return bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))


def generator_loss(fake_logits, kind="non_saturating"):
    bce = F.binary_cross_entropy_with_logits
    if kind == "non_saturating":
        return bce(fake_logits, torch.ones_like(fake_logits))
    elif kind == "minimax":
        return -bce(fake_logits, torch.zeros_like(fake_logits))
    else:
        raise ValueError("kind must be 'non_saturating' or 'minimax'")
''',
        "logsigmoid": '''
def discriminator_loss(real_logits, fake_logits):
    return -F.logsigmoid(real_logits).mean() - F.logsigmoid(-fake_logits).mean()


def generator_loss(fake_logits, kind="non_saturating"):
    if kind not in ("non_saturating", "minimax"):
        raise ValueError(kind)
    if kind == "minimax":
        return F.logsigmoid(-fake_logits).mean()
    return -F.logsigmoid(fake_logits).mean()
''',
    },
    "wgan-losses": {
        "sums-divided": '''
def critic_loss(real_scores, fake_scores):
    return fake_scores.sum() / fake_scores.numel() - real_scores.sum() / real_scores.numel()


def wgan_generator_loss(fake_scores):
    return torch.mean(-fake_scores)
''',
    },
    "diffusion-forward": {
        "log-space-and-loop": '''
def alpha_bars(betas):
    return torch.exp(torch.cumsum(torch.log1p(-betas), dim=0))


def q_sample(x0, t, betas, eps):
    if int(t.min()) < 1 or int(t.max()) > len(betas):
        raise ValueError("t out of range")
    ab = alpha_bars(betas)
    rows = [ab[int(s) - 1].sqrt() * x0[i] + (1 - ab[int(s) - 1]).sqrt() * eps[i] for i, s in enumerate(t)]
    return torch.stack(rows)
''',
        "explicit-product-float32": '''
def alpha_bars(betas):
    out, running = [], torch.ones((), dtype=betas.dtype)
    for b in betas:
        running = running * (1 - b)
        out.append(running)
    return torch.stack(out)


def q_sample(x0, t, betas, eps):
    if (t < 1).any() or (t > betas.numel()).any():
        raise ValueError("t out of range")
    ab = alpha_bars(betas.float())[t - 1].view(-1, *([1] * (x0.ndim - 1)))
    return ab.sqrt() * x0.float() + (1 - ab).sqrt() * eps.float()
''',
    },
    "q-alpha-bar-T": {"numpy": "q_alpha_bar_T = float(np.sqrt(np.prod(1 - np.linspace(1e-4, 0.02, 1000))))"},
    "q-diffusion-terms": {"other-order": 'q_diffusion_terms = "c, b, a"'},
}


# --------------------------------------------------------------------------- issue 15: the classes of mistakes
# (integer dtypes, edge cases the docstrings name, inputs modified in place, each argument of a training
# function) and of correct answers (loops, other formulas, defensive code, float32, public-code styles).
def _more(table, additions):
    for slug, variants in additions.items():
        clash = set(table.setdefault(slug, {})) & set(variants)
        assert not clash, f"duplicate variant names for {slug}: {clash}"
        table[slug].update(variants)


_more(WRONG, {
    "param-counts": {
        "float-counts": '''
def conv2d_params(C_in, C_out, k, bias=True):
    k_h, k_w = (k, k) if isinstance(k, int) else k
    return float(C_out * C_in * k_h * k_w + (C_out if bias else 0))


def linear_params(D, M, bias=True):
    return float(M * D + (M if bias else 0))


def batchnorm2d_params(C):
    return float(2 * C)
''',
        "batchnorm-true-division": '''
def batchnorm2d_params(C):
    return 4 * C / 2
''',
        "tuple-kernel-first-side-squared": '''
def conv2d_params(C_in, C_out, k, bias=True):
    side = k if isinstance(k, int) else k[0]
    return C_out * C_in * side * side + (C_out if bias else 0)
''',
    },
    "layer-shapes": {
        "float-shapes-np-floor": _shapes(size="np.floor((n + 2 * p - k) / s) + 1"),
        "int-truncation": _shapes(size="int((n + 2 * p - k) / s) + 1"),
        "unknown-kind-ignored": _shapes().replace("        else:\n            raise ValueError(kind)\n",
                                                  "        else:\n            continue\n"),
        "checks-height-only": _shapes().replace("if H < 1 or W < 1:", "if H < 1:"),
    },
    "lenet": {
        "view-flattens-the-batch": _LENET_INIT + '''
    def forward(self, x):
        h = F.avg_pool2d(torch.tanh(self.conv1(x)), 2)
        h = F.avg_pool2d(torch.tanh(self.conv2(h)), 2)
        h = torch.tanh(self.conv3(h)).view(-1)
        return self.fc2(torch.tanh(self.fc1(h)))
''',
    },
    "make-vgg": {
        "c-last-from-cfg": '''
def make_vgg(cfg, C_in, num_classes, image_size):
    n_pool = cfg.count("M")
    if image_size % 2 ** n_pool:
        raise ValueError("size")
    layers, C = [], C_in
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(C, v, 3, padding=1), nn.ReLU()]
            C = v
    C_last = [v for v in cfg if v != "M"][-1]
    side = image_size // 2 ** n_pool
    layers += [nn.Flatten(), nn.Linear(C_last * side * side, num_classes)]
    return nn.Sequential(*layers)
''',
    },
    "q-alexnet-fc1": {
        "in-millions": "q_alexnet_fc1 = 37.75",
        "rounded-to-4-digits": "q_alexnet_fc1 = 37750000",
        "bias-per-input": "q_alexnet_fc1 = 9216 * 4096 + 9216",
    },
    "residual-block": {
        "adds-into-the-input": _BLOCK_INIT + '''
    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        identity = self.shortcut(x)
        identity += self.bn2(self.conv2(h))
        return F.relu(identity)
''',
    },
    "block-params": {
        "float-from-math-pow": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return 2 * C_in + C_out * C_in * math.pow(k, 2) + (C_out if conv_bias else 0)
''',
    },
    "q-basic-block-params": {
        "counts-running-stats": "q_basic_block_params = 2 * (3 * 3 * 512 * 512) + 2 * (4 * 512)",
        "one-batchnorm": "q_basic_block_params = 2 * (3 * 3 * 512 * 512) + 2 * 512",
        "in-millions": "q_basic_block_params = 4.72",
    },
    "q-subtract-residual": {
        "batchnorm-sign": 'q_subtract_residual = "d"',
        "two-letters": 'q_subtract_residual = "bc"',
    },
    "q-inception-savings": {
        "percent-saved": "q_inception_savings = 100 * (1 - (192 * 16 + 16 * 32 * 25) / (192 * 32 * 25))",
        "fraction-saved": "q_inception_savings = 1 - (192 * 16 + 16 * 32 * 25) / (192 * 32 * 25)",
        "reduction-counted-as-5x5": "q_inception_savings = (192 * 32 * 25) / (192 * 16 * 25 + 16 * 32 * 25)",
    },
    "linear-to-conv": {
        "float32-output": '''
def linear_to_conv(weight, bias, C, H, W):
    if weight.shape[1] != C * H * W:
        raise ValueError("shape")
    return weight.float().reshape(-1, C, H, W).clone(), bias.float().clone()
''',
        "resizes-the-input": '''
def linear_to_conv(weight, bias, C, H, W):
    M = weight.shape[0]
    if weight.shape[1] != C * H * W:
        raise ValueError("shape")
    return weight.resize_(M, C, H, W), bias
''',
        "square-maps-only": '''
def linear_to_conv(weight, bias, C, H, W):
    if H != W or weight.shape[1] != C * H * W:
        raise ValueError("shape")
    return weight.reshape(-1, C, H, W).clone(), bias.clone()
''',
    },
    "crop-concat": {
        "checks-height-only": '''
def crop_and_concat(up, skip):
    N, C1, H, W = up.shape
    N2, C2, H2, W2 = skip.shape
    if N != N2 or H2 < H:
        raise ValueError("shapes")
    top, left = (H2 - H) // 2, (W2 - W) // 2
    return torch.cat([skip[:, :, top:top + H, left:left + W], up], dim=1)
''',
    },
    "train-autoencoder": {
        "hard-coded-lr": _train_ae(lr="1e-2"),
        "ignores-seed": _train_ae().replace("    torch.manual_seed(seed)\n", ""),
        "hard-coded-seed": _train_ae().replace("torch.manual_seed(seed)", "torch.manual_seed(0)"),
        "no-zero-grad": _train_ae().replace("        opt.zero_grad()\n", ""),
        "clamps-gradients-in-place": _train_ae().replace(
            "        opt.step()", "        for p in model.parameters():\n            p.grad.clamp_(-0.01, 0.01)\n        opt.step()"),
        "unseeded-numpy-batches": _train_ae().replace("X[torch.randint(0, len(X), (batch_size,))]",
                                                      "X[torch.from_numpy(np.random.randint(0, len(X), batch_size))]"),
        "ignores-batch-size": _train_ae().replace("(batch_size,)", "(128,)"),
        "sgd-instead-of-adam": _train_ae().replace("torch.optim.Adam", "torch.optim.SGD"),
        "batches-drawn-before-the-model": '''
def train_autoencoder(X_train, K, M=64, steps=300, batch_size=128, lr=1e-2, seed=0):
    torch.manual_seed(seed)
    X = torch.as_tensor(X_train, dtype=torch.float32)
    batches = torch.randint(0, len(X), (steps, batch_size))
    model = Autoencoder(X.shape[1], M, K)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for idx in batches:
        xb = X[idx]
        loss = F.mse_loss(model(xb), xb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return dict(model.state_dict())
''',
    },
    "reparameterize": {
        "adds-into-mu": '''
def reparameterize(mu, log_var, eps):
    mu += torch.exp(0.5 * log_var) * eps
    return mu
''',
        "scales-eps-in-place": '''
def reparameterize(mu, log_var, eps):
    return mu + eps.mul_(torch.exp(0.5 * log_var))
''',
    },
    "gaussian-kl": {
        "summed-over-the-batch-too": '''
def gaussian_kl(mu, log_var):
    return 0.5 * (mu ** 2 + torch.exp(log_var) - 1.0 - log_var).sum()
''',
    },
    "negative-elbo": {
        "ignores-beta": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    reconstruction = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1)
    return (reconstruction + gaussian_kl(mu, log_var)).mean()
''',
    },
    "vae": {
        "sigma-squared-inline": _VAE_INIT + '''
    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.fc_mu(h), self.fc_log_var(h)

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        if eps is None:
            eps = torch.randn_like(mu)
        return self.decode(mu + torch.exp(log_var) * eps), mu, log_var
''',
    },
    "q-vae-prior": {
        "discriminator": 'q_vae_prior = "d"',
        "two-letters": 'q_vae_prior = "ab"',
    },
    "q-beta-vae": {
        "plain-autoencoder": 'q_beta_vae = "d"',
        "two-letters": 'q_beta_vae = "bd"',
    },
    "kl-on-grid": {
        "not-differentiable-in-q": '''
def kl_on_grid(p, q, dx):
    return (torch.xlogy(p, p) - torch.xlogy(p, q.detach())).sum() * dx
''',
    },
    "q-kl-direction": {
        "with-c": 'q_kl_direction = "abc"',
        "b-and-d": 'q_kl_direction = "bd"',
    },
    "wgan-losses": {
        "sums-not-means": '''
def critic_loss(real_scores, fake_scores):
    return fake_scores.sum() - real_scores.sum()
''',
    },
    "q-gan-saturate": {
        "not-differentiable": 'q_gan_saturate = "c"',
        "two-letters": 'q_gan_saturate = "ab"',
    },
    "q-wgan-critic": {
        "one-step": 'q_wgan_critic = "c"',
        "two-letters": 'q_wgan_critic = "bc"',
    },
    "diffusion-forward": {
        "scales-eps-in-place": '''
def q_sample(x0, t, betas, eps):
    T = betas.shape[0]
    if bool((t < 1).any()) or bool((t > T).any()):
        raise ValueError("t")
    a_bar = alpha_bars(betas)[t - 1].reshape(-1, *([1] * (x0.dim() - 1)))
    eps.mul_(torch.sqrt(1.0 - a_bar))
    return torch.sqrt(a_bar) * x0 + eps
''',
    },
    "q-alpha-bar-T": {
        "percent": "q_alpha_bar_T = 100 * float(np.sqrt(np.prod(1 - np.linspace(1e-4, 0.02, 1000))))",
        "last-beta-only": "q_alpha_bar_T = float(np.sqrt(1 - 0.02))",
        "noise-fraction": "q_alpha_bar_T = float(np.sqrt(1 - np.prod(1 - np.linspace(1e-4, 0.02, 1000))))",
    },
    "q-diffusion-terms": {
        "without-a": 'q_diffusion_terms = "bc"',
        "with-d": 'q_diffusion_terms = "abcd"',
    },
})

_more(CORRECT, {
    "param-counts": {
        "loops-and-validation": '''
def conv2d_params(C_in, C_out, k, bias=True):
    kernel = (k, k) if isinstance(k, int) else tuple(k)
    if C_in < 1 or C_out < 1 or len(kernel) != 2 or min(kernel) < 1:
        raise ValueError("sizes must be positive")
    total = 0
    for _ in range(C_out):
        total += C_in * kernel[0] * kernel[1]
        if bias:
            total += 1
    return total


def linear_params(D, M, bias=True):
    total = 0
    for _ in range(M):
        total += D + (1 if bias else 0)
    return total


def batchnorm2d_params(C):
    return sum(2 for _ in range(C))
''',
    },
    "layer-shapes": {
        "numpy-int64": '''
def layer_shapes(specs, input_shape):
    C, hw = int(input_shape[0]), np.array(input_shape[1:], dtype=np.int64)
    out = []
    for kind, *args in specs:
        if kind in ("conv", "pool"):
            if kind == "conv":
                C, k, s, p = args
            else:
                k, s, p = (args + [0])[:3]
            hw = (hw + 2 * p - k) // s + 1
            if (hw < 1).any():
                raise ValueError(f"empty feature map after {kind}")
            out.append((C, *hw))
        elif kind == "flatten":
            out.append((C * int(np.prod(hw)),))
        elif kind == "linear":
            out.append((args[0],))
        else:
            raise ValueError(f"unknown layer kind {kind}")
    return out
''',
    },
    "lenet": {
        "cs231n-style-view": '''
class LeNet5(nn.Module):
    def __init__(self, num_classes=10):
        super(LeNet5, self).__init__()
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5, stride=1)
        self.conv2 = nn.Conv2d(in_channels=6, out_channels=16, kernel_size=5, stride=1)
        self.conv3 = nn.Conv2d(in_channels=16, out_channels=120, kernel_size=5, stride=1)
        self.fc1 = nn.Linear(in_features=120, out_features=84)
        self.fc2 = nn.Linear(in_features=84, out_features=num_classes)

    def forward(self, x):
        x = torch.tanh(self.conv1(x))
        x = F.avg_pool2d(x, kernel_size=2, stride=2)
        x = torch.tanh(self.conv2(x))
        x = F.avg_pool2d(x, kernel_size=2, stride=2)
        x = torch.tanh(self.conv3(x))
        x = x.view(-1, 120)
        x = torch.tanh(self.fc1(x))
        return self.fc2(x)
''',
    },
    "make-vgg": {
        "padding-same-and-inplace-relu": '''
def make_vgg(cfg, C_in, num_classes, image_size):
    if image_size % (2 ** cfg.count("M")) != 0:
        raise ValueError("image_size must be divisible by 2 ** (number of 'M')")
    layers, channels, size = [], C_in, image_size
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            size //= 2
        else:
            layers.extend([nn.Conv2d(channels, v, kernel_size=3, padding="same"), nn.ReLU(inplace=True)])
            channels = v
    layers.extend([nn.Flatten(), nn.Linear(channels * size * size, num_classes)])
    return nn.Sequential(*layers)
''',
    },
    "q-alexnet-fc1": {
        "expression": "q_alexnet_fc1 = 9216 * 4096 + 4096",
        "float": "q_alexnet_fc1 = 3.7752832e7",
        "numpy-int": "q_alexnet_fc1 = np.int64(256 * 6 * 6 * 4096 + 4096)",
    },
    "residual-block": {
        "kuangliu-style-empty-sequential": '''
class ResidualBlock(nn.Module):
    def __init__(self, C_in, C_out, stride=1):
        super(ResidualBlock, self).__init__()
        self.conv1 = nn.Conv2d(C_in, C_out, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(C_out)
        self.conv2 = nn.Conv2d(C_out, C_out, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(C_out)
        self.shortcut = nn.Sequential()
        if stride != 1 or C_in != C_out:
            self.shortcut = nn.Sequential(
                nn.Conv2d(C_in, C_out, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(C_out)
            )

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out = torch.add(out, self.shortcut(x))
        return F.relu(out)
''',
    },
    "block-params": {
        "loop-over-units-numpy-int": '''
def preact_unit_params(C_in, C_out, k, conv_bias=True):
    return np.int64(2 * C_in + C_out * C_in * k * k + (C_out if conv_bias else 0))


def bottleneck_params(C, C_mid, conv_bias=True):
    total = 0
    for c_in, c_out, k in [(C, C_mid, 1), (C_mid, C_mid, 3), (C_mid, C, 1)]:
        total += preact_unit_params(c_in, c_out, k, conv_bias=conv_bias)
    return total
''',
    },
    "q-basic-block-params": {
        "float": "q_basic_block_params = 4720640.0",
        "expression": "q_basic_block_params = 2 * (3 * 3 * 512 * 512 + 2 * 512)",
    },
    "q-subtract-residual": {
        "upper-case": 'q_subtract_residual = "B"',
        "parenthesised": 'q_subtract_residual = "(b)"',
    },
    "inception": {
        "modules-and-tuple-cat": '''
class InceptionModule(nn.Module):
    def __init__(self, C_in, c1, c3_reduce, c3, c5_reduce, c5, c_pool):
        super().__init__()
        self.b1 = nn.Conv2d(in_channels=C_in, out_channels=c1, kernel_size=1)
        self.b3_reduce = nn.Conv2d(C_in, c3_reduce, kernel_size=1)
        self.b3 = nn.Conv2d(c3_reduce, c3, kernel_size=3, padding=1)
        self.b5_reduce = nn.Conv2d(C_in, c5_reduce, kernel_size=1)
        self.b5 = nn.Conv2d(c5_reduce, c5, kernel_size=5, padding=2)
        self.pool = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.pool_proj = nn.Conv2d(C_in, c_pool, kernel_size=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        branch1 = self.relu(self.b1(x))
        branch3 = self.relu(self.b3(self.relu(self.b3_reduce(x))))
        branch5 = self.relu(self.b5(self.relu(self.b5_reduce(x))))
        branch_pool = self.relu(self.pool_proj(self.pool(x)))
        return torch.cat((branch1, branch3, branch5, branch_pool), 1)
''',
    },
    "q-inception-savings": {
        "three-digits": "q_inception_savings = 9.68",
        "numpy-expression": "q_inception_savings = np.float64(153600) / np.float64(15872)",
    },
    "linear-to-conv": {
        "numpy-roundtrip-keeps-dtype": '''
def linear_to_conv(weight, bias, C, H, W):
    w = weight.detach().cpu().numpy()
    if w.shape[1] != C * H * W:
        raise ValueError("weight does not match C * H * W")
    return torch.from_numpy(w.reshape(w.shape[0], C, H, W).copy()), torch.from_numpy(bias.detach().cpu().numpy().copy())
''',
        "element-loop": '''
def linear_to_conv(weight, bias, C, H, W):
    M, P = weight.shape
    if P != C * H * W:
        raise ValueError("weight does not match C * H * W")
    out = torch.empty(M, C, H, W, dtype=weight.dtype)
    for c in range(C):
        for h in range(H):
            for w in range(W):
                out[:, c, h, w] = weight[:, (c * H + h) * W + w]
    return out, bias.clone()
''',
    },
    "crop-concat": {
        "negative-padding": '''
def crop_and_concat(up, skip):
    if up.shape[0] != skip.shape[0] or skip.shape[2] < up.shape[2] or skip.shape[3] < up.shape[3]:
        raise ValueError("skip must be at least as large as up, with the same batch size")
    dh, dw = skip.shape[2] - up.shape[2], skip.shape[3] - up.shape[3]
    cropped = F.pad(skip, (-(dw // 2), -(dw - dw // 2), -(dh // 2), -(dh - dh // 2)))
    return torch.cat([cropped, up], dim=1)
''',
    },
    "tiny-unet": {
        "pool-module-and-tuple-cat": '''
class TinyUNet(nn.Module):
    def __init__(self, C_in, C_out, c=8):
        super().__init__()
        self.enc1a = nn.Conv2d(C_in, c, kernel_size=3, padding=1)
        self.enc1b = nn.Conv2d(c, c, kernel_size=3, padding=1)
        self.enc2a = nn.Conv2d(c, 2 * c, kernel_size=3, padding=1)
        self.enc2b = nn.Conv2d(2 * c, 2 * c, kernel_size=3, padding=1)
        self.up = nn.ConvTranspose2d(2 * c, c, kernel_size=2, stride=2)
        self.dec1a = nn.Conv2d(2 * c, c, kernel_size=3, padding=1)
        self.dec1b = nn.Conv2d(c, c, kernel_size=3, padding=1)
        self.head = nn.Conv2d(c, C_out, kernel_size=1)
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        if x.size(2) % 2 == 1 or x.size(3) % 2 == 1:
            raise ValueError("H and W must be even")
        s = self.relu(self.enc1b(self.relu(self.enc1a(x))))
        h = self.relu(self.enc2b(self.relu(self.enc2a(self.pool(s)))))
        h = self.relu(self.dec1a(torch.cat((s, self.up(h)), dim=1)))
        return self.head(self.relu(self.dec1b(h)))
''',
    },
    "autoencoder": {
        "clamp-and-inline-forward": '''
class Autoencoder(nn.Module):
    def __init__(self, D, M, K):
        super().__init__()
        self.enc1, self.enc2 = nn.Linear(D, M), nn.Linear(M, K)
        self.dec1, self.dec2 = nn.Linear(K, M), nn.Linear(M, D)

    def encode(self, x):
        return self.enc2(torch.clamp(self.enc1(x), min=0))

    def decode(self, z):
        return self.dec2(torch.relu(self.dec1(z)))

    def forward(self, x):
        return self.dec2(torch.relu(self.dec1(self.enc2(torch.relu(self.enc1(x))))))
''',
    },
    "train-autoencoder": {
        "numpy-rng-batches": '''
def train_autoencoder(X_train, K, M=64, steps=300, batch_size=128, lr=1e-2, seed=0):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    X = torch.from_numpy(np.array(X_train, dtype=np.float32))
    model = Autoencoder(X.shape[1], M, K)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for step in range(steps):
        batch = X[torch.from_numpy(rng.integers(0, X.shape[0], size=batch_size))]
        optimizer.zero_grad()
        reconstruction = model(batch)
        loss = ((reconstruction - batch) ** 2).mean()
        loss.backward()
        optimizer.step()
    return {name: p.detach().clone() for name, p in model.state_dict().items()}
''',
        "validation-copy-and-set-to-none": '''
def train_autoencoder(X_train, K, M=64, steps=300, batch_size=128, lr=1e-2, seed=0):
    X_train = np.array(X_train, dtype=np.float64, copy=True)
    if X_train.ndim != 2 or K < 1 or M < 1 or steps < 0 or batch_size < 1 or lr <= 0:
        raise ValueError("bad arguments")
    torch.manual_seed(seed)
    model = Autoencoder(X_train.shape[1], M, K)
    X = torch.tensor(X_train, dtype=torch.float32)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        xb = X[torch.randint(high=X.shape[0], size=(batch_size,))]
        opt.zero_grad(set_to_none=True)
        F.mse_loss(model(xb), xb, reduction="mean").backward()
        opt.step()
    return {k: v.detach().float().clone() for k, v in model.state_dict().items()}
''',
    },
    "reparameterize": {
        "detached-eps": '''
def reparameterize(mu, log_var, eps):
    eps = eps.detach()  # the noise is not learned
    return mu + eps * torch.exp(log_var / 2)
''',
        "addcmul": '''
def reparameterize(mu, log_var, eps):
    return torch.addcmul(mu, torch.exp(0.5 * log_var), eps)
''',
    },
    "gaussian-kl": {
        "pow-and-halving": '''
def gaussian_kl(mu, log_var):
    return (mu.pow(2) + log_var.exp() - log_var - 1).sum(-1) / 2
''',
        "clamped-log-var": '''
def gaussian_kl(mu, log_var):
    log_var = torch.clamp(log_var, -30.0, 30.0)  # guard against overflow in exp
    return 0.5 * torch.sum(mu * mu + torch.exp(log_var) - 1.0 - log_var, dim=1)
''',
    },
    "negative-elbo": {
        "float-beta": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    beta = float(beta)
    reconstruction = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").sum(dim=1)
    return torch.mean(reconstruction + beta * gaussian_kl(mu, log_var))
''',
        "detached-x": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    x = x.detach()  # the data are targets, not parameters
    reconstruction = (F.softplus(x_logits) - x * x_logits).sum(dim=1)
    return (reconstruction + beta * gaussian_kl(mu, log_var)).mean()
''',
        "mean-times-D": '''
def negative_elbo(x, x_logits, mu, log_var, beta=1.0):
    N, D = x.shape
    reconstruction = D * F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").mean(dim=1)
    return (reconstruction + beta * gaussian_kl(mu, log_var)).mean()
''',
    },
    "vae": {
        "inline-z": '''
class VAE(nn.Module):
    def __init__(self, D, M, K):
        super().__init__()
        self.enc = nn.Linear(D, M)
        self.fc_mu = nn.Linear(M, K)
        self.fc_log_var = nn.Linear(M, K)
        self.dec1 = nn.Linear(K, M)
        self.dec2 = nn.Linear(M, D)

    def encode(self, x):
        h = torch.relu(self.enc(x))
        return self.fc_mu(h), self.fc_log_var(h)

    def decode(self, z):
        return self.dec2(torch.relu(self.dec1(z)))

    def forward(self, x, eps=None):
        mu, log_var = self.encode(x)
        if eps is None:
            eps = torch.randn_like(log_var)
        std = torch.exp(0.5 * log_var)
        return self.decode(mu + eps * std), mu, log_var
''',
    },
    "q-vae-prior": {"spaces": 'q_vae_prior = " b "'},
    "q-beta-vae": {
        "upper-case": 'q_beta_vae = "B"',
        "list": 'q_beta_vae = ["b"]',
    },
    "kl-on-grid": {
        "clamped-q": '''
def kl_on_grid(p, q, dx):
    q_safe = q.clamp_min(torch.finfo(q.dtype).tiny)  # defensive: never log(0)
    return dx * torch.sum(torch.xlogy(p, p) - p * torch.log(q_safe))
''',
        "float64-upcast": '''
def kl_on_grid(p, q, dx):
    p64, q64 = p.double(), q.double()
    return (torch.xlogy(p64, p64) - torch.xlogy(p64, q64)).sum() * dx
''',
    },
    "q-kl-direction": {
        "upper-case": 'q_kl_direction = "AB"',
        "comma-separated": 'q_kl_direction = "a, b"',
    },
    "gan-losses": {
        "logaddexp": '''
def discriminator_loss(real_logits, fake_logits):
    return (torch.logaddexp(torch.zeros_like(real_logits), -real_logits).mean()
            + torch.logaddexp(torch.zeros_like(fake_logits), fake_logits).mean())


def generator_loss(fake_logits, kind="non_saturating"):
    zeros = torch.zeros_like(fake_logits)
    if kind == "non_saturating":
        return torch.logaddexp(zeros, -fake_logits).mean()
    elif kind == "minimax":
        return -torch.logaddexp(zeros, fake_logits).mean()
    raise ValueError(f"unknown kind {kind}")
''',
        "float32-compute": '''
def discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits.float()).mean() + F.softplus(fake_logits.float()).mean()


def generator_loss(fake_logits, kind="non_saturating"):
    if kind == "non_saturating":
        return F.softplus(-fake_logits.float()).mean()
    if kind == "minimax":
        return -F.softplus(fake_logits.float()).mean()
    raise ValueError(kind)
''',
    },
    "wgan-losses": {
        "python-sum-and-len": '''
def critic_loss(real_scores, fake_scores):
    return sum(fake_scores) / len(fake_scores) - sum(real_scores) / len(real_scores)


def wgan_generator_loss(fake_scores):
    return -sum(fake_scores) / len(fake_scores)
''',
    },
    "q-gan-saturate": {
        "upper-case": 'q_gan_saturate = "A"',
        "parenthesised": 'q_gan_saturate = "(a)"',
    },
    "q-wgan-critic": {
        "upper-case": 'q_wgan_critic = "B"',
        "list": 'q_wgan_critic = ["b"]',
    },
    "diffusion-forward": {
        "gather-and-view": '''
def alpha_bars(betas):
    return torch.cumprod(1 - betas, 0)


def q_sample(x0, t, betas, eps):
    if t.min() < 1 or t.max() > len(betas):
        raise ValueError("t must lie in 1..T")
    a = torch.gather(alpha_bars(betas), 0, t - 1).view(-1, *[1] * (x0.ndim - 1))
    return a.sqrt() * x0 + (1 - a).sqrt() * eps
''',
    },
    "q-alpha-bar-T": {
        "three-digits": "q_alpha_bar_T = 0.00635",
        "float32-torch": "q_alpha_bar_T = float(torch.cumprod(1 - torch.linspace(1e-4, 0.02, 1000), 0)[-1].sqrt())",
    },
    "q-diffusion-terms": {
        "comma-separated": 'q_diffusion_terms = "a, b, c"',
        "upper-case": 'q_diffusion_terms = "ABC"',
    },
})


# --------------------------------------------------------------------------- issue 17: receptive field, pooling, AlexNet's
# filters, top-k accuracy, U-Net skips, the non-convex reverse KL, adversarial autoencoders.
_TOPK_CHECK = '''
    N, C = scores.shape
    if not 1 <= k <= C:
        raise ValueError("k must lie in 1..C")
'''

_more(WRONG, {
    "q-lenet-rf": {
        "without-conv3": "q_lenet_rf = 16",
        "strides-ignored": "q_lenet_rf = 1 + 4 + 1 + 4 + 1 + 4",
        "area-not-side": "q_lenet_rf = 32 * 32",
        "first-conv-only": "q_lenet_rf = 5",
        "as-a-string": 'q_lenet_rf = "32 x 32"',
        "map-size-before-fc": "q_lenet_rf = 1",
    },
    "q-avg-max-pool": {
        "learnable-weights": 'q_avg_max_pool = "abcd"',
        "gradient-only": 'q_avg_max_pool = "a"',
        "without-linearity": 'q_avg_max_pool = "ad"',
        "channels": 'q_avg_max_pool = "acde"',
        "all": 'q_avg_max_pool = "abcde"',
    },
    "q-alexnet-filters": {
        "small-filters-cannot": 'q_alexnet_filters = "abce"',
        "whole-image": 'q_alexnet_filters = "acde"',
        "no-price": 'q_alexnet_filters = "ae"',
        "only-vgg": 'q_alexnet_filters = "e"',
        "unknown-option": 'q_alexnet_filters = "acf"',
    },
    "topk-accuracy": {
        "argsort-stable-ties": '''
def topk_accuracy(scores, labels, k):
    N, C = scores.shape
    if not 1 <= k <= C:
        raise ValueError("k")
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return float(np.mean((top == labels[:, None]).any(axis=1)))
''',
        "argsort-reversed-ties": '''
def topk_accuracy(scores, labels, k):
    N, C = scores.shape
    if not 1 <= k <= C:
        raise ValueError("k")
    top = np.argsort(scores, axis=1, kind="stable")[:, ::-1][:, :k]
    return float(np.mean((top == labels[:, None]).any(axis=1)))
''',
        "torch-topk": '''
def topk_accuracy(scores, labels, k):
    C = scores.shape[1]
    if k < 1 or k > C:
        raise ValueError("k out of range")
    top = torch.topk(torch.as_tensor(scores), k, dim=1).indices
    return (top == torch.as_tensor(labels)[:, None]).any(dim=1).float().mean().item()
''',
        "ties-in-favour": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    true = scores[np.arange(N), labels]
    return float(np.mean((scores > true[:, None]).sum(axis=1) < k))
''',
        "off-by-one": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    true = scores[np.arange(N), labels]
    return float(np.mean((scores >= true[:, None]).sum(axis=1) - 1 <= k))
''',
        "percent": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    true = scores[np.arange(N), labels]
    return 100.0 * np.mean((scores >= true[:, None]).sum(axis=1) - 1 < k)
''',
        "count-not-fraction": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    true = scores[np.arange(N), labels]
    return int(np.sum((scores >= true[:, None]).sum(axis=1) - 1 < k))
''',
        "no-range-check": '''
def topk_accuracy(scores, labels, k):
    N = scores.shape[0]
    true = scores[np.arange(N), labels]
    return float(np.mean((scores >= true[:, None]).sum(axis=1) - 1 < k))
''',
        "k-equal-C-rejected": '''
def topk_accuracy(scores, labels, k):
    N, C = scores.shape
    if not 1 <= k < C:
        raise ValueError("k must lie in 1..C-1")
    true = scores[np.arange(N), labels]
    return float(np.mean((scores >= true[:, None]).sum(axis=1) - 1 < k))
''',
        "sorts-scores-in-place": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    true = scores[np.arange(N), labels].copy()
    scores.sort(axis=1)
    return float(np.mean((scores >= true[:, None]).sum(axis=1) - 1 < k))
''',
        "top-1-always": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    return float(np.mean(scores.argmax(axis=1) == labels))
''',
    },
    "q-unet-skip": {
        "best-compressor": 'q_unet_skip = "b"',
        "cannot-reconstruct": 'q_unet_skip = "c"',
        "useless-denoiser": 'q_unet_skip = "d"',
        "two-letters": 'q_unet_skip = "ad"',
    },
    "q-reverse-kl-start": {
        "adam-diverged": 'q_reverse_kl_start = "a"',
        "saddle": 'q_reverse_kl_start = "c"',
        "global-minimum": 'q_reverse_kl_start = "d"',
        "two-letters": 'q_reverse_kl_start = "bc"',
    },
    "aae-losses": {
        "codes-real-prior-fake": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-code_logits).mean() + F.softplus(prior_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return ((x_hat - x) ** 2).mean() + lam * F.softplus(-code_logits).mean()
''',
        "minimax-encoder-loss": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-prior_logits).mean() + F.softplus(code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return ((x_hat - x) ** 2).mean() - lam * F.softplus(code_logits).mean()
''',
        "lam-ignored": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-prior_logits).mean() + F.softplus(code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return ((x_hat - x) ** 2).mean() + F.softplus(-code_logits).mean()
''',
        "lam-on-reconstruction": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-prior_logits).mean() + F.softplus(code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return lam * ((x_hat - x) ** 2).mean() + F.softplus(-code_logits).mean()
''',
        "reconstruction-summed-over-pixels": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-prior_logits).mean() + F.softplus(code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return ((x_hat - x) ** 2).sum(dim=1).mean() + lam * F.softplus(-code_logits).mean()
''',
        "naive-log-sigmoid": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return -torch.log(torch.sigmoid(prior_logits)).mean() - torch.log(1 - torch.sigmoid(code_logits)).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return ((x_hat - x) ** 2).mean() - lam * torch.log(torch.sigmoid(code_logits)).mean()
''',
        "codes-detached": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-prior_logits).mean() + F.softplus(code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return ((x_hat - x) ** 2).mean() + lam * F.softplus(-code_logits.detach()).mean()
''',
        "in-place-sigmoid": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return F.softplus(-prior_logits).mean() + F.softplus(code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    rec = ((x_hat - x) ** 2).mean()
    with torch.no_grad():
        code_logits.neg_()
    return rec + lam * F.softplus(code_logits).mean()
''',
    },
    "q-aae-vs-vae": {
        "same-kl": 'q_aae_vs_vae = "a"',
        "discriminator-on-images": 'q_aae_vs_vae = "b"',
        "density-needed": 'q_aae_vs_vae = "d"',
        "two-letters": 'q_aae_vs_vae = "cd"',
    },
    "q-aae-labels": {
        "without-semi-supervised": 'q_aae_labels = "ad"',
        "rare-harmed": 'q_aae_labels = "abc"',
        "classifier-only": 'q_aae_labels = "abde"',
        "all": 'q_aae_labels = "abcde"',
        "one-letter": 'q_aae_labels = "a"',
    },
})

_more(CORRECT, {
    "q-lenet-rf": {
        "int": "q_lenet_rf = 32",
        "float": "q_lenet_rf = 32.0",
        "numpy-int": "q_lenet_rf = np.int64(32)",
        "recursion-by-hand": '''
r = 1
for k, s in [(5, 1), (2, 2), (5, 1), (2, 2), (5, 1)][::-1]:  # back from conv3 to the input
    r = (r - 1) * s + k
q_lenet_rf = r
''',
    },
    "q-avg-max-pool": {
        "upper-case": 'q_avg_max_pool = "ACD"',
        "list-any-order": 'q_avg_max_pool = ["d", "a", "c"]',
    },
    "q-alexnet-filters": {
        "comma-separated": 'q_alexnet_filters = "a, c, e"',
        "other-order": 'q_alexnet_filters = "eca"',
    },
    "topk-accuracy": {
        "loop": '''
def topk_accuracy(scores, labels, k):
    n_examples, n_classes = scores.shape
    if k < 1 or k > n_classes:
        raise ValueError(f"k={k} is not in 1..{n_classes}")
    correct = 0
    for n in range(n_examples):
        true_score = scores[n][labels[n]]
        rivals = 0
        for c in range(n_classes):
            if c != labels[n] and scores[n][c] >= true_score:
                rivals += 1
        if rivals < k:
            correct += 1
    return correct / n_examples
''',
        "kth-largest-of-the-others": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    rows = np.arange(N)
    true = scores[rows, labels]
    others = scores.astype(np.float64)  # a copy; the true class is set aside
    others[rows, labels] = -np.inf
    kth_best_other = np.sort(others, axis=1)[:, C - k]
    return float(np.mean(true > kth_best_other))
''',
        "torch": '''
def topk_accuracy(scores, labels, k):
    scores, labels = torch.as_tensor(scores), torch.as_tensor(labels, dtype=torch.long)
    N, C = scores.shape
    if not 1 <= k <= C:
        raise ValueError("k must lie in 1..C")
    true = scores.gather(1, labels[:, None])  # (N, 1)
    rivals = (scores >= true).sum(dim=1) - 1
    return (rivals < k).double().mean().item()
''',
        "defensive-copies-and-checks": '''
def topk_accuracy(scores, labels, k):
    scores = np.array(scores, dtype=float, copy=True)
    labels = np.array(labels, copy=True).astype(int)
    if scores.ndim != 2 or labels.shape != (scores.shape[0],):
        raise ValueError("scores must be (N, C) and labels (N,)")
    N, C = scores.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= C:
        raise ValueError("k must be an int in 1..C")
    if labels.min() < 0 or labels.max() >= C:
        raise ValueError("labels out of range")
    true = scores[np.arange(N), labels][:, None]
    return float(((scores >= true).sum(1) - 1 < k).mean())
''',
        "pessimistic-argsort": '''
def topk_accuracy(scores, labels, k):''' + _TOPK_CHECK + '''
    # Put the true class behind every class tied with it, then take the first k of a stable sort.
    rank_key = -scores.astype(np.float64)
    order = np.lexsort((np.arange(C)[None, :] == labels[:, None], rank_key), axis=1)
    return float(np.mean((order[:, :k] == labels[:, None]).any(axis=1)))
''',
    },
    "q-unet-skip": {
        "upper-case": 'q_unet_skip = "A"',
        "parenthesised": 'q_unet_skip = "(a)"',
    },
    "q-reverse-kl-start": {
        "upper-case": 'q_reverse_kl_start = "B"',
        "list": 'q_reverse_kl_start = ["b"]',
    },
    "aae-losses": {
        "with-the-gan-losses": '''
def aae_discriminator_loss(code_logits, prior_logits):
    return discriminator_loss(prior_logits, code_logits)


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    return F.mse_loss(x_hat, x) + lam * generator_loss(code_logits, "non_saturating")
''',
        "bce-with-logits": '''
def aae_discriminator_loss(code_logits, prior_logits):
    bce = F.binary_cross_entropy_with_logits
    return bce(prior_logits, torch.ones_like(prior_logits)) + bce(code_logits, torch.zeros_like(code_logits))


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    adversarial = F.binary_cross_entropy_with_logits(code_logits, torch.ones_like(code_logits))
    return F.mse_loss(x_hat, x, reduction="mean") + float(lam) * adversarial
''',
        "logaddexp-float32": '''
def aae_discriminator_loss(code_logits, prior_logits):
    prior_logits, code_logits = prior_logits.float(), code_logits.float()  # computed and returned in float32
    zp, zc = torch.zeros_like(prior_logits), torch.zeros_like(code_logits)
    return torch.logaddexp(zp, -prior_logits).mean() + torch.logaddexp(zc, code_logits).mean()


def aae_autoencoder_loss(x, x_hat, code_logits, lam=1.0):
    x, x_hat, code_logits = x.float(), x_hat.float(), code_logits.float()
    reconstruction = ((x_hat - x) ** 2).sum() / x.numel()
    return reconstruction + lam * torch.logaddexp(torch.zeros_like(code_logits), -code_logits).mean()
''',
    },
    "q-aae-vs-vae": {
        "upper-case": 'q_aae_vs_vae = "C"',
        "list": 'q_aae_vs_vae = ["c"]',
    },
    "q-aae-labels": {
        "other-order": 'q_aae_labels = "dba"',
        "comma-separated-upper": 'q_aae_labels = "A, B, D"',
    },
})


# What a student whose code behaves like each WRONG variant is told (issue 18: feedback that names the mistake).
DIAGNOSES = {
    "param-counts": {
        "bias-ignored": "Your conv2d_params never counts the biases; with bias=True a convolution has one bias per "
                        "output channel, C_out more parameters.",
        "kernel-not-squared": "For a square kernel you count k instead of k * k weights per input channel; an int k "
                              "means a k x k kernel, so multiply by k_h * k_w.",
        "bias-per-input-channel": "Your linear_params adds D biases; a linear layer has one bias per output unit, M "
                                  "of them.",
        "batchnorm-counts-running-stats": "You count the running mean and variance of batch norm; those are buffers, "
                                          "not parameters: only gamma and beta, 2 per channel, are learned.",
        "float-counts": "Your counts are floats; a number of parameters is an int, so keep the arithmetic in "
                        "integers.",
        "batchnorm-true-division": "Your batch-norm count is a float (the / operator always returns one); a number of"
                                   " parameters is an int.",
        "tuple-kernel-first-side-squared": "For a rectangular kernel (k_h, k_w) you square the first side; the filter"
                                           " has k_h * k_w weights per input channel.",
    },
    "layer-shapes": {
        "padding-ignored": "Your sizes ignore the padding p; each spatial size becomes floor((H + 2p - k) / s) + 1.",
        "true-division": "Your sizes are not rounded down and come out as floats (true division /); the formula takes"
                         " the floor, and shapes are ints.",
        "ceil-division": "Your sizes round up when the stride does not divide evenly; the formula rounds down "
                         "(floor).",
        "flatten-forgets-channels": "Your flatten gives H * W features; flattening (C, H, W) keeps every channel, C *"
                                    " H * W features.",
        "no-error-for-empty-map": "You clamp a size below 1 to 1; the spec asks for ValueError when a layer shrinks "
                                  "the map to nothing.",
        "float-shapes-np-floor": "Your sizes are floats (np.floor returns floats); the shapes must be tuples of ints.",
        "int-truncation": "int() rounds toward zero, not down, so a kernel slightly larger than the padded input can "
                          "give size 1 instead of 0, and no error; use floor division //.",
        "unknown-kind-ignored": "You skip a layer of unknown kind; the spec asks for ValueError when a layer kind is "
                                "unknown.",
        "checks-height-only": "You check only the height; raise ValueError also when the width drops below 1.",
    },
    "lenet": {
        "max-pooling": "You pool with max pooling; LeNet-5 uses 2 x 2 average pooling with stride 2.",
        "relu-instead-of-tanh": "You use ReLU; LeNet-5's activation is tanh after conv1, conv2, conv3 and fc1.",
        "no-activation-after-conv3": "You flatten conv3's output without an activation; conv3 is followed by tanh "
                                     "too, before fc1.",
        "softmax-on-output": "You apply softmax to the output; forward must return the raw logits of fc2 (the loss "
                             "applies the softmax).",
        "padding-2-like-mnist-28": "You pad conv1 (padding=2, as for 28 x 28 MNIST); the input here is 32 x 32 and "
                                   "every convolution is valid (no padding), so conv3 already ends at 1 x 1.",
        "view-flattens-the-batch": "You flatten the whole batch into one vector; keep the batch axis and flatten only"
                                   " the rest, giving (N, 120).",
    },
    "make-vgg": {
        "classifier-ignores-pooling": "Your classifier's input size ignores the pooling; each \"M\" halves the side, so"
                                      " F = C_last * (image_size / 2**n_M)**2.",
        "no-padding": "Your convolutions have no padding, so each one shrinks the map by 2 pixels; VGG's 3 x 3 "
                      "convolutions use padding 1 to keep the size.",
        "average-pooling": "You pool with average pooling; \"M\" stands for 2 x 2 max pooling with stride 2.",
        "no-size-check": "You accept an image_size that 2**n_M does not divide; the spec asks for ValueError then, "
                         "because pooling would drop pixels.",
        "c-last-from-cfg": "You take C_last from the numbers in cfg, which fails when cfg has no convolution; C_last "
                           "is then C_in, the channels of the input.",
    },
    "q-alexnet-fc1": {
        "no-bias": "You count the weights only; a fully connected layer also has one bias per output unit.",
        "flatten-size": "9216 is the number of input features, not of parameters; each of the 4096 outputs has a "
                        "weight for every input, plus a bias.",
        "in-millions": "You gave the count in millions; the question asks for the exact number of parameters.",
        "rounded-to-4-digits": "You rounded the count; the question asks for the exact number of parameters.",
        "bias-per-input": "You added one bias per input feature; a linear layer has one bias per output unit.",
    },
    "residual-block": {
        "no-skip": "Your block has no skip connection: it returns only the residual branch. Add shortcut(x) to bn2's "
                   "output before the last ReLU.",
        "subtracts": "You subtract the residual branch from the shortcut; the block adds them: relu(branch + "
                     "shortcut(x)).",
        "relu-before-add": "You apply the last ReLU to the branch before adding the shortcut; the ReLU comes after "
                           "the addition, so the branch can contribute negative values.",
        "relu-on-branch-and-after-add": "You apply ReLU to the branch before the addition as well as after it; the "
                                        "branch ends in batch norm, and only the sum goes through ReLU.",
        "projection-without-batchnorm": "Your projection shortcut is a 1 x 1 convolution without batch norm; when the"
                                        " shapes differ, the shortcut is that convolution followed by BatchNorm2d.",
        "stride-on-second-conv": "You put the stride on conv2; the spec puts it on conv1 (and on the shortcut), with "
                                 "conv2 always at stride 1.",
        "adds-into-the-input": "You add into the shortcut's output in place; with an identity shortcut that is `x` "
                               "itself, so the caller's input changes. Add out of place instead.",
    },
    "block-params": {
        "forgets-batchnorm": "Your unit count leaves out batch norm; each pre-activation unit starts with "
                             "BatchNorm2d(C_in), which learns 2 * C_in parameters.",
        "forgets-conv-bias": "You never count the convolution's bias; with conv_bias=True it adds C_out parameters.",
        "counts-running-stats": "You count batch norm's running mean and variance; those are buffers, not parameters:"
                                " 2 per channel.",
        "batchnorm-on-output-channels": "Your batch norm counts the output channels; in a pre-activation unit batch "
                                        "norm acts on the unit's input, so it has 2 * C_in parameters.",
        "bottleneck-middle-1x1": "Your bottleneck's middle unit is 1 x 1; it is a 3 x 3 convolution from C_mid to "
                                 "C_mid, between the two 1 x 1 units.",
        "bottleneck-ignores-conv-bias-flag": "You ignore the argument `conv_bias` in bottleneck_params; pass it on to"
                                             " all three units.",
        "float-from-math-pow": "Your count is a float (math.pow returns one); a number of parameters is an int, so "
                               "use k * k or k ** 2.",
    },
    "q-basic-block-params": {
        "seed-single-unit": "2,360,832 is the problem set's single unit with a conv bias; your block has two 3 x 3 "
                            "convolutions without bias, each followed by its own batch norm.",
        "with-conv-biases": "You counted a bias for each convolution; the block's convolutions have bias=False (batch"
                            " norm's shift does that job).",
        "counts-running-stats": "You counted batch norm's running mean and variance; those are buffers, not "
                                "parameters: 2 per channel.",
        "one-batchnorm": "Your batch-norm count is half of what it should be: each of the two batch norms learns a "
                         "scale and a shift per channel.",
        "in-millions": "You gave the count in millions, rounded; the question asks for the exact number of "
                       "parameters.",
    },
    "q-subtract-residual": {
        "vanishing": "The identity path still passes the gradient through unchanged, and F can learn to output the "
                     "negative of what it would otherwise; the sign alone makes nothing vanish.",
        "relu-kills": "Subtracting does not make the output negative: F ends in batch norm and can take either sign, "
                      "so x - F(x) is no more negative than x + F(x).",
        "batchnorm-sign": "Batch norm can change the sign: its learned scale gamma may be negative (and the "
                          "convolution before it can flip signs too).",
        "two-letters": "Assign one letter; the two options you chose contradict each other (one says yes, the other "
                       "no).",
    },
    "inception": {
        "concat-on-width": "You concatenate along the last (width) axis; the branches are stacked along the channel "
                           "axis (dim=1), giving c1 + c3 + c5 + c_pool channels.",
        "pool-without-padding": "Your max pooling has no padding, so the pool branch shrinks by 2 pixels; pooling "
                                "here uses k=3, stride 1, padding 1, which keeps H x W.",
        "pool-branch-first": "You put the pool branch first; the channel order is b1, b3, b5, then the pool branch.",
        "no-relu-after-reductions": "You feed the 1 x 1 reductions straight into the 3 x 3 and 5 x 5 convolutions; "
                                    "every convolution, the reductions included, is followed by ReLU.",
        "projection-before-pooling": "You apply pool_proj before the max pooling; the pool branch pools first and "
                                     "then projects the pooled map (followed by ReLU).",
    },
    "q-inception-savings": {
        "inverted": "You divided B's count by A's, which gives a number below 1; the question asks how many times "
                    "more weights A has, so A's count goes on top.",
        "forgets-reduction-layer": "Your count for B leaves out the 1 x 1 reduction from 192 to 16 channels; its "
                                   "weights belong to version B too.",
        "percent-saved": "You computed the percentage of weights saved; the question asks for the ratio of A's "
                         "weights to B's.",
        "fraction-saved": "You computed the fraction of weights saved; the question asks for the ratio of A's weights"
                          " to B's, a number larger than 1.",
        "reduction-counted-as-5x5": "You counted the reduction as a 5 x 5 convolution; it is 1 x 1, with one weight "
                                    "per pair of input and output channels.",
    },
    "linear-to-conv": {
        "channels-last-order": "You read each weight row as (H, W, C), channels last; x.flatten(1) runs over (C, H, "
                               "W) in row-major order, so column j is (c, h, w) with j = (c * H + h) * W + w.",
        "height-width-swapped": "You read each weight row as (C, W, H) and swap the last two axes; x.flatten(1) runs "
                                "over (C, H, W) in row-major order, with w varying fastest.",
        "bias-dropped": "Your conv bias is all zeros; the convolution must add the same bias as the linear layer.",
        "no-shape-check": "You accept a weight whose number of columns is not C * H * W; the spec asks for ValueError"
                          " then.",
        "float32-output": "You convert to float32; the returned weight and bias keep the dtype of `weight` (float64 "
                          "in, float64 out).",
        "resizes-the-input": "You change `weight` in place (resize_ alters the caller's tensor); the function must "
                             "leave its inputs unchanged (reshape and copy).",
        "square-maps-only": "You reject feature maps with H != W; the conversion works for any C x H x W, so raise "
                            "ValueError only when the columns do not number C * H * W.",
    },
    "crop-concat": {
        "wrong-axis": "You concatenate along the height axis (dim=2); the two maps are joined along the channel axis "
                      "(dim=1), giving C2 + C1 channels.",
        "up-first": "You put `up` first; the channel order is the cropped skip first (channels 0 to C2 - 1), then up.",
        "crop-top-left-corner": "You crop skip from its top-left corner; the crop is centred, starting at row (H2 - "
                                "H) // 2 and column (W2 - W) // 2.",
        "offset-rounded-up": "Your crop offset rounds up when H2 - H (or W2 - W) is odd; the crop starts at floor((H2"
                             " - H) / 2), rounding down.",
        "no-checks": "You do not check the shapes; the spec asks for ValueError when the batch sizes differ or skip "
                     "is smaller than up in H or W.",
        "checks-height-only": "You check the height but not the width; raise ValueError also when skip is narrower "
                              "than up (W2 < W).",
    },
    "tiny-unet": {
        "concat-up-first": "You concatenate [u, s]; the skip s comes first, then u (dec1a's input channels expect "
                           "that order).",
        "concat-on-wrong-axis": "You concatenate along the height axis (dim=2); s and u are joined along the channel "
                                "axis (dim=1).",
        "relu-after-upsampling": "You apply ReLU after the transposed convolution `up`; u has no activation.",
        "skip-taken-before-second-conv": "Your skip takes the map after enc1a only; the skip s is the output of both "
                                         "encoder convolutions, relu(enc1b(...)).",
        "no-odd-size-check": "You accept an odd H or W; the spec asks forward to raise ValueError when H or W is odd.",
    },
    "autoencoder": {
        "relu-on-code": "You apply ReLU to the code z; enc2's output is the code and has no activation (it may be "
                        "negative).",
        "sigmoid-output": "You squash the output with a sigmoid; dec2's output is x_hat and has no activation.",
        "no-hidden-activation": "Your hidden layers have no ReLU, so the whole autoencoder is linear; apply ReLU "
                                "after enc1 and after dec1.",
        "forward-returns-code": "Your forward returns the code z; it must return the reconstruction x_hat = "
                                "decode(encode(x)), of shape (N, D).",
    },
    "train-autoencoder": {
        "untrained": "You return the initial weights without training; the function must make exactly `steps` Adam "
                     "updates.",
        "decoder-only": "Your optimiser updates only the decoder; the encoder must be trained too, so give Adam all "
                        "of the model's parameters.",
        "learning-rate-too-small": "Your training hardly changes the weights: Adam does not get the argument `lr` but"
                                   " a far smaller rate. Pass `lr` on.",
        "loss-against-zeros": "Your loss compares the output with zeros; an autoencoder's target is its input, so "
                              "measure the error between the reconstruction and the minibatch.",
        "wrong-latent-size": "You ignore the argument `K`: your code has M dimensions. The latent size is K.",
        "hard-coded-lr": "You ignore the argument `lr` and give Adam a fixed learning rate; pass the caller's `lr`.",
        "ignores-seed": "You ignore the argument `seed`; without torch.manual_seed(seed) at the start, the same "
                        "arguments give different weights.",
        "hard-coded-seed": "You seed torch with a fixed number instead of the argument `seed`; different seeds must "
                           "give different runs.",
        "no-zero-grad": "You never clear the gradients, so each update uses the sum of all gradients so far; zero "
                        "them before every backward pass.",
        "clamps-gradients-in-place": "You clip the gradients before each step; the spec asks for plain Adam updates "
                                     "on the mean squared error, with the gradients as they are.",
        "unseeded-numpy-batches": "You draw minibatches with NumPy's global generator, which `seed` does not control,"
                                  " so runs differ; draw them with torch after torch.manual_seed(seed).",
        "ignores-batch-size": "You ignore the argument `batch_size` and draw a fixed number of rows; each minibatch "
                              "must have `batch_size` rows.",
        "sgd-instead-of-adam": "You train with SGD; the spec asks for Adam with the given `lr` (its other settings "
                               "PyTorch's defaults).",
        "batches-drawn-before-the-model": "You draw the minibatch indices before building the model, so the initial "
                                          "weights depend on steps and batch_size; seed, build the model, then draw.",
    },
    "reparameterize": {
        "sigma-squared-as-in-the-seed": "You scale eps by the variance exp(log_var), which gives z the variance "
                                        "sigma^4; scale it by the standard deviation, exp(log_var / 2).",
        "log-var-as-std": "You multiply eps by log_var itself; log_var is log(sigma^2), so the standard deviation is "
                          "exp(log_var / 2).",
        "half-variance": "You scale eps by half the variance, 0.5 * exp(log_var); the half belongs inside the "
                         "exponent: sigma = exp(0.5 * log_var).",
        "shift-before-scale": "You scale mu along with eps; z = mu + sigma * eps scales only the noise and then "
                              "shifts it by mu.",
        "adds-into-mu": "You change `mu` in place; the function must leave its inputs unchanged (work on a copy).",
        "scales-eps-in-place": "You change `eps` in place; the function must leave its inputs unchanged (work on a "
                               "copy).",
    },
    "gaussian-kl": {
        "sign-flipped": "Your KL is negative; the formula has +1/2 in front, and a KL divergence is never below 0.",
        "log-sigma-instead-of-log-sigma2": "You subtract half of log_var, which is log sigma; the formula subtracts "
                                           "log sigma^2, which is log_var itself.",
        "mean-over-latent-dims": "You average over the K latent dimensions; the KL of independent dimensions is their"
                                 " sum.",
        "seed-garbled-plus-log": "Your terms are mu^2 + log sigma^2 - 1; the formula is mu^2 + sigma^2 - 1 - log "
                                 "sigma^2, with sigma^2 = exp(log_var) and the log subtracted.",
        "sigma-instead-of-variance": "You use sigma = exp(log_var / 2) where the formula has the variance sigma^2 = "
                                     "exp(log_var).",
        "summed-over-the-batch-too": "You also sum over the batch and return one number; the spec asks for one KL per"
                                     " example, a tensor of shape (N,).",
    },
    "negative-elbo": {
        "mean-over-pixels": "You average the BCE over the D pixels; the reconstruction term sums over pixels, and "
                            "only the batch is averaged.",
        "beta-on-reconstruction": "You weight the reconstruction term by beta; beta multiplies the KL term.",
        "kl-subtracted": "You subtract the KL term; the loss is minus the ELBO, so beta times the KL is added.",
        "unstable-bce-from-probabilities": "You take logs of sigmoid probabilities, which gives log 0 = -inf for "
                                           "large logits; compute the BCE from the logits "
                                           "(F.binary_cross_entropy_with_logits).",
        "summed-over-batch": "You sum over the batch; the loss is the mean over the N examples.",
        "ignores-beta": "You ignore the argument `beta`; it weights the KL term.",
    },
    "vae": {
        "sigmoid-in-decode": "Your decode applies a sigmoid; it must return logits (no sigmoid), which is what the "
                             "loss takes.",
        "decodes-the-mean-only": "Your forward decodes mu and never uses eps; it must decode the sample mu + sigma * "
                                 "eps (with torch.randn_like(mu) when eps is None).",
        "variance-instead-of-log-variance": "Your encode returns the exponential of fc_log_var, a variance; its "
                                            "second output is the log-variance itself, any real number.",
        "fixed-noise-when-none": "When eps is None you use zeros, so forward always decodes the mean; draw standard "
                                 "normal noise with torch.randn_like(mu).",
        "sigma-squared-inline": "You decode mu + exp(log_var) * eps, scaling the noise by the variance; the sample "
                                "scales it by the standard deviation, exp(log_var / 2).",
    },
    "q-vae-prior": {
        "seed-answer-data": "Neither model assumes the training images are Gaussian; the data distribution can be "
                            "anything. Ask where the random input of the decoder or generator comes from.",
        "weights": "How weights are initialised is a training detail, not a modelling assumption; the question asks "
                   "which distribution the model itself takes to be normal.",
        "discriminator": "A discriminator outputs a probability or a logit, with nothing normal about it, and a VAE "
                         "has no discriminator at all.",
        "two-letters": "Assign one letter; the training images are not assumed to be normal (that is the summary's "
                       "mistake the question asks you to correct).",
    },
    "q-beta-vae": {
        "sharper": "A large beta gives the KL term, not the decoder, the larger share of the loss, so reconstructions"
                   " do not get sharper.",
        "no-effect": "beta does not rescale the whole loss, only the KL term against the reconstruction term, so it "
                     "changes the balance and the optimum.",
        "plain-autoencoder": "A dominant KL term is not ignored: it is what the optimiser works on hardest. A plain "
                             "autoencoder is what beta = 0 gives.",
        "two-letters": "Assign one letter; a dominant KL term pulls the codes toward the prior, the opposite of a "
                       "plain autoencoder (which is beta = 0).",
    },
    "kl-on-grid": {
        "arguments-swapped": "You compute KL(q || p), with the two densities swapped; KL(p || q) weights the "
                             "log-ratio by p.",
        "forgets-dx": "You leave out the grid spacing dx; the sum approximates an integral, so multiply by dx.",
        "zeros-give-nan": "Where p_i = 0 your term is 0 * log 0 = nan; such terms must count as 0 (torch.xlogy does "
                          "that).",
        "log-ratio-upside-down": "Your log-ratio is upside down, log(q_i / p_i), which flips the sign; KL(p || q) "
                                 "uses log(p_i / q_i).",
        "not-differentiable": "You compute outside torch and wrap the result in a new tensor, so no gradient flows "
                              "back; use torch operations so the result is differentiable in p and q.",
        "not-differentiable-in-q": "You detach q, so no gradient reaches it; the result must be differentiable in "
                                   "both p and q.",
    },
    "q-kl-direction": {
        "only-forward": "(a) is right, but you left out a true statement about the other direction, KL(q || p).",
        "reversed-names": "(c) mixes up the directions: KL(p || q) is weighted by p, so regions where p = 0 cost "
                          "nothing there; it is the mass-covering direction.",
        "with-c": "(c) is false: KL(p || q) is weighted by p, so regions where p = 0 contribute nothing; it is the "
                  "mass-covering direction, not the mode-seeking one.",
        "b-and-d": "(d) is false: the KL divergence is not symmetric (not a distance), and for a two-mode p the two "
                   "directions have different minimisers.",
    },
    "gan-losses": {
        "generator-sign-flipped": "Your generator losses have the wrong sign: the non-saturating one is mean(-log "
                                  "sigmoid(l)) (positive), the minimax one mean(log(1 - sigmoid(l))) (negative).",
        "kinds-swapped": "You return the minimax loss for kind=\"non_saturating\" and the other way round; "
                         "non-saturating is mean(-log sigmoid(l)), minimax mean(log(1 - sigmoid(l))).",
        "discriminator-labels-swapped": "Your discriminator loss labels the real examples 0 and the fakes 1; it must "
                                        "use label 1 for real and 0 for fake.",
        "seed-half-factor": "You halve the discriminator loss (the summary's 1/(2N)); the loss here is the plain sum "
                            "of the two mean BCEs.",
        "log-of-sigmoid": "You take the log of sigmoid probabilities, which gives inf for large logits; write the "
                          "losses with softplus of the logits, which stays finite.",
        "no-error-for-unknown-kind": "You treat an unknown `kind` as non-saturating; the spec asks for ValueError for"
                                     " anything other than \"non_saturating\" or \"minimax\".",
    },
    "wgan-losses": {
        "critic-with-log": "Your critic loss uses log-sigmoids, as a GAN discriminator would; the WGAN critic's "
                           "scores are raw: mean of fake scores minus mean of real scores, no sigmoid or log.",
        "critic-sign-swapped": "Your critic loss is mean(real) - mean(fake); the critic minimises mean(fake) - "
                               "mean(real), so that real examples score higher.",
        "generator-sign-swapped": "Your generator loss is +mean(fake_scores); the generator wants high critic scores,"
                                  " so it minimises minus their mean.",
        "generator-with-log": "Your generator loss applies a log-sigmoid to the scores; the critic's scores are raw, "
                              "so the generator loss is minus their plain mean.",
        "sums-not-means": "You sum the scores; the losses use the mean over each batch, so they do not grow with the "
                          "batch size.",
    },
    "q-gan-saturate": {
        "exact-objective": "It is the other way round: log(1 - D(G(z))) is the generator's term in the minimax "
                           "objective V, and -log D(G(z)) is the substitute.",
        "mode-collapse": "The choice of generator loss does not prevent mode collapse; the reason concerns the size "
                         "of the gradient when D(G(z)) is near 0.",
        "not-differentiable": "log(1 - D(G(z))) is differentiable; the issue is how large its gradient is when "
                              "D(G(z)) is near 0.",
        "two-letters": "Assign one letter; (b) is false: log(1 - D(G(z))) is the term of the minimax objective "
                       "itself, not an approximation of it.",
    },
    "q-wgan-critic": {
        "sigmoid": "A WGAN critic outputs an unbounded real score, not a probability: no sigmoid. Look at which "
                   "functions the maximum in W's definition ranges over.",
        "bce": "The WGAN critic's loss is a difference of mean scores, not a binary cross-entropy; the condition is "
               "on the class of functions the critic may be.",
        "one-step": "The number of critic steps per generator step is a training choice (WGAN often takes several); "
                    "the condition is on the critic function itself.",
        "two-letters": "Assign one letter; how many critic steps you take per generator step is a tuning choice, not "
                       "a condition for the estimate.",
    },
    "diffusion-forward": {
        "alpha-bar-as-sum": "Your alpha_bars is 1 minus the running sum of the betas; alpha_bar_t is the running "
                            "product of (1 - beta_s) (the two agree only while the betas are tiny).",
        "off-by-one-step": "You use alpha_bar_{t-1} for step t (t = 1 leaves x0 untouched); alpha_bar_t already "
                           "includes beta_t, and betas[0] is beta_1.",
        "variance-instead-of-std": "You scale eps by 1 - alpha_bar_t, the variance; the noise is scaled by its "
                                   "standard deviation, sqrt(1 - alpha_bar_t).",
        "signal-without-sqrt": "You scale x0 by alpha_bar_t; the signal is scaled by sqrt(alpha_bar_t).",
        "last-beta-only": "You use only 1 - beta_t, one step's fraction; after t steps the signal fraction is the "
                          "product over steps 1..t, alpha_bar_t.",
        "no-range-check": "You accept steps outside 1..T (t = 0 silently picks the last step); the spec asks for "
                          "ValueError then.",
        "scales-eps-in-place": "You change `eps` in place; the function must leave its inputs unchanged (work on a "
                               "copy).",
    },
    "q-alpha-bar-T": {
        "alpha-bar-not-sqrt": "You gave alpha_bar_T itself; the question asks for its square root, the factor in "
                              "front of x0.",
        "sum-instead-of-product": "You used 1 minus the sum of the betas (which reaches 0 here); alpha_bar_T is the "
                                  "product of (1 - beta_t) over all steps.",
        "percent": "You gave a percentage; the question asks for the fraction itself.",
        "last-beta-only": "You used only the last step's 1 - beta_T; the signal left after T steps is the product "
                          "over all steps (then its square root).",
        "noise-fraction": "You gave sqrt(1 - alpha_bar_T), the factor of the noise; the question asks for the factor "
                          "of the original signal.",
    },
    "q-diffusion-terms": {
        "seed-001-constant-gap": "(d) is false: the gap depends on theta, through p_theta; it is set aside because it"
                                 " is non-negative and intractable, as a statement you left out says.",
        "missing-denoising": "You left out a true statement: given x0, q(x_{t-1} | x_t, x0) is Gaussian, so comparing"
                             " it with a Gaussian p_theta has a closed form.",
        "prior-term-zero": "(e) is false: the prior-matching term is only close to 0 when alpha_bar_T is near 0; what"
                           " lets it be dropped is that it has no learnable parameters.",
        "without-a": "You left out a true statement: q is a fixed process and p(x_T) = N(0, I) is fixed, so the "
                     "prior-matching term has no learnable parameters.",
        "with-d": "(d) is false: the gap KL(q(x_{1:T} | x0) || p_theta(x_{1:T} | x0)) depends on theta through "
                  "p_theta; it is set aside because it is intractable and non-negative.",
    },
    "q-lenet-rf": {
        "without-conv3": "16 is the field after the second pooling; conv3 (5 x 5) widens it again, so run the "
                         "recursion through every layer up to conv3.",
        "strides-ignored": "You added k - 1 per layer but ignored the strides; going back through a stride-2 pooling "
                           "doubles the field: r_{l-1} = (r_l - 1) s_l + k_l.",
        "area-not-side": "You gave the area of the window in pixels; the question asks for its side H.",
        "first-conv-only": "5 is the field of conv1 alone; the units after conv3 look through all five layers, so "
                           "apply the recursion back to the input.",
        "as-a-string": "Assign a number (the side H in pixels), not a string.",
        "map-size-before-fc": "1 is the side of the feature map after conv3, not of the input window its units see; "
                              "the receptive field is measured in input pixels.",
    },
    "q-avg-max-pool": {
        "learnable-weights": "(b) is false: neither pooling has learnable weights; average pooling uses the fixed "
                             "weight 1/k^2.",
        "gradient-only": "(a) is right, but it is not the only true statement; read the others again with average "
                         "pooling's fixed weights 1/k^2 in mind.",
        "without-linearity": "You left out a true statement: averaging with fixed weights 1/k^2 is a linear "
                             "operation, a fixed convolution applied to each channel.",
        "channels": "(e) is false: both poolings act on each channel separately and keep the number of channels.",
        "all": "(b) and (e) are false: neither pooling has learnable weights, and both keep the number of channels.",
    },
    "q-alexnet-filters": {
        "small-filters-cannot": "(b) is false: a stack of small filters sees a large window too (three 3 x 3 layers "
                                "see 7 x 7), as (e) itself says.",
        "whole-image": "(d) is false: an 11 x 11 window is a small part of a 227 x 227 image; only deeper layers see "
                       "large parts of it.",
        "no-price": "You left out a true statement about the cost of large strided filters: many weights each, and "
                    "details that fall between outputs 4 pixels apart.",
        "only-vgg": "(e) is right, but you left out true statements about AlexNet's own choice: why it used 11 x 11 "
                    "filters with stride 4, and what that costs.",
        "unknown-option": "There is no option (f); answer only with letters from a to e.",
    },
    "topk-accuracy": {
        "argsort-stable-ties": "With tied scores you let np.argsort's order decide; here every class tied with the "
                               "true class ranks above it, so count the other classes scoring at least as high.",
        "argsort-reversed-ties": "With tied scores you let the sort order decide which class comes first; here every "
                                 "class tied with the true class ranks above it.",
        "torch-topk": "torch.topk breaks ties in its own order; here a class tied with the true class ranks above it,"
                      " so an example counts only when fewer than k other classes score at least as high.",
        "ties-in-favour": "You count only classes scoring strictly higher than the true class, so ties go its way; "
                          "classes with an equal score rank above it (>=, not >).",
        "off-by-one": "You accept an example when k other classes score at least as high; it is correct only when "
                      "fewer than k of them do.",
        "percent": "You return a percentage (0 to 100); the spec asks for a fraction between 0 and 1.",
        "count-not-fraction": "You return the number of correct examples; the spec asks for the fraction, divided by "
                              "N.",
        "no-range-check": "You accept k outside 1..C; the spec asks for ValueError when k < 1 or k > C.",
        "k-equal-C-rejected": "You reject k = C; it is allowed (then every example counts as correct), and only k < 1"
                              " or k > C raise ValueError.",
        "sorts-scores-in-place": "You change `scores` in place (you sort it); the function must leave its inputs "
                                 "unchanged (work on a copy).",
        "top-1-always": "You ignore the argument `k` and always compute top-1 accuracy; an example counts when its "
                        "true class is among the k best.",
    },
    "q-unet-skip": {
        "best-compressor": "The skips let the input bypass the bottleneck, so nothing forces the code to summarise "
                           "the image; training it together with the skips does not make it a good compressor.",
        "cannot-reconstruct": "Concatenation keeps every channel and the next convolution learns how to combine them;"
                              " a U-Net reconstructs its input easily, if anything too easily.",
        "useless-denoiser": "A denoiser's target is the clean image, so copying the noisy input through the skips "
                            "does not fit it; there the skips supply useful fine detail.",
        "two-letters": "Assign one letter; the two statements you chose contradict each other about whether a U-Net "
                       "works as a denoiser.",
    },
    "q-reverse-kl-start": {
        "adam-diverged": "Adam did not diverge: the fit stopped at a finite point with a finite KL, where the "
                         "gradient is zero. Think about what kind of stationary point that is.",
        "saddle": "At a saddle some small step would lower the KL; here every small change of the mean or the width "
                  "raises it, so more steps would not help.",
        "global-minimum": "The compromise cannot be the global minimum: the fit on a mode reaches a KL of about 0.69,"
                          " lower than the 1.85 here.",
        "two-letters": "Assign one letter; a local minimum and a saddle point are different kinds of stationary "
                       "point, so the two statements exclude each other.",
    },
    "aae-losses": {
        "codes-real-prior-fake": "Your discriminator loss treats the codes as real and the prior samples as fake; the"
                                 " prior samples are real (label 1) and the codes of images fake (label 0).",
        "minimax-encoder-loss": "Your adversarial term is the minimax loss of the codes; the spec asks for the "
                                "non-saturating one, the mean of -log D(z) over the codes.",
        "lam-ignored": "You ignore the argument `lam`; it weights the adversarial term of the autoencoder loss.",
        "lam-on-reconstruction": "You multiply the reconstruction error by lam; lam weights the adversarial term.",
        "reconstruction-summed-over-pixels": "You sum the squared error over the D entries of each example; the "
                                             "reconstruction term is the mean over all N * D entries.",
        "naive-log-sigmoid": "You take the log of sigmoid probabilities, which gives inf for large logits; compute "
                             "the losses with softplus of the logits, which stays finite.",
        "codes-detached": "You detach code_logits in the adversarial term, so it sends no gradient to the encoder; "
                          "the loss must stay differentiable in code_logits.",
        "in-place-sigmoid": "You change `code_logits` in place; the function must leave its inputs unchanged (work on"
                            " a copy).",
    },
    "q-aae-vs-vae": {
        "same-kl": "The AAE does not estimate a per-example KL: its discriminator sees codes without knowing which "
                   "image each came from, so it can only judge them all together.",
        "discriminator-on-images": "The AAE's discriminator works on codes in the latent space, not on images, and "
                                   "the reconstruction term stays.",
        "density-needed": "It is the other way round: the VAE's KL term needs the prior's density, while the AAE's "
                          "discriminator needs only samples from the prior.",
        "two-letters": "Assign one letter; the two statements you chose contradict each other about which model needs"
                       " only samples from the prior.",
    },
    "q-aae-labels": {
        "without-semi-supervised": "You left out a true statement: with an extra \"no label\" entry in the one-hot "
                                   "vector, labelled and unlabelled images can train the same encoder.",
        "rare-harmed": "(c) is false: a rare digit need not fill a whole Gaussian, and a mode of its own keeps its "
                       "codes from being crowded among frequent digits.",
        "classifier-only": "(e) is false: the discriminator can use labels, given as one-hot vectors next to the "
                           "codes, with each prior sample drawn from its class's Gaussian.",
        "all": "(c) and (e) are false: a mode of its own protects a rare digit rather than harming it, and the "
               "discriminator can take labels as one-hot inputs.",
        "one-letter": "(a) is right, but other statements are true too; look again at what labels given to the "
                      "discriminator can do.",
    },
}
