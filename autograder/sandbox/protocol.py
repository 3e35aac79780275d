"""The wire format between the grader and a sandboxed student worker.

A message is a frame::

    b"DLG1" | header length (u32) | blob count (u32) | blob lengths (u64 each) | header JSON | blobs

The header is a JSON object; values inside it are *tagged* so that arrays travel
as ``.npy`` blobs and everything else that is not plain data stays behind in the
process that owns it as an opaque handle.

The decoder is the security boundary of grading.  It trusts nothing: sizes are
checked before anything is allocated, arrays are read with
``allow_pickle=False`` and rebuilt as base ``np.ndarray`` of a numeric dtype,
nesting depth and element counts are bounded, and any surprise raises
:class:`ProtocolError` (the caller then kills the worker).

This module runs on both sides, inside the sandbox too, so it imports only the
standard library and NumPy (PyTorch lazily, when a tensor is on the wire).
"""
from __future__ import annotations

import io
import json
from collections import Counter, OrderedDict, defaultdict
import math
import struct

import numpy as np

MAGIC = b"DLG1"
MAX_HEADER = 16 << 20  # bytes of JSON
MAX_BLOBS = 4096
# What one message may carry: far above any array a chapter's function returns, and low
# enough that a hostile reply cannot make the grading slot allocate gigabytes.
MAX_BLOB = 256 << 20
MAX_TOTAL = 256 << 20
MAX_DEPTH = 32
MAX_ITEMS = 1_000_000  # list/dict elements in one message
MAX_STR = 16 << 20
NUMERIC_KINDS = "biufc"


class ProtocolError(Exception):
    """A malformed or oversized message: the peer is broken or hostile."""


def _read_exact(f, n: int) -> bytes:
    """Exactly ``n`` bytes, read into one buffer (no chunks joined: a large blob is not held twice)."""
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = f.readinto(view[got:])
        if not k:
            raise EOFError("the peer closed the channel")
        got += k
    return buf


def write_msg(f, header: dict, blobs: list[bytes] = ()) -> None:
    body = json.dumps(header, separators=(",", ":")).encode()
    f.write(MAGIC + struct.pack("<II", len(body), len(blobs)))
    f.write(struct.pack(f"<{len(blobs)}Q", *[len(b) for b in blobs]))
    f.write(body)
    for b in blobs:
        f.write(b)
    f.flush()


def read_msg(f) -> tuple[dict, list[bytes]]:
    head = _read_exact(f, 12)
    if head[:4] != MAGIC:
        raise ProtocolError("bad frame magic")
    hlen, nblobs = struct.unpack("<II", head[4:])
    if hlen > MAX_HEADER or nblobs > MAX_BLOBS:
        raise ProtocolError(f"frame too large ({hlen} header bytes, {nblobs} blobs)")
    sizes = struct.unpack(f"<{nblobs}Q", _read_exact(f, 8 * nblobs))
    if any(s > MAX_BLOB for s in sizes) or sum(sizes) > MAX_TOTAL:
        raise ProtocolError("frame carries more data than the grader accepts")
    try:
        header = json.loads(_read_exact(f, hlen))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"header is not JSON: {exc}") from None
    except RecursionError:  # json's decoder recurses; a hostile header may nest past the interpreter's limit
        raise ProtocolError("header is nested too deeply") from None
    if not isinstance(header, dict):
        raise ProtocolError("header is not a JSON object")
    _check_depth(header)
    return header, [_read_exact(f, s) for s in sizes]


def _check_depth(value, limit: int = MAX_DEPTH + 8) -> None:
    """Refuse JSON nested deeper than ``limit``, without recursion, so no later step can overflow the stack."""
    stack = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if d > limit:
            raise ProtocolError("header is nested too deeply")
        if type(v) is dict:
            stack.extend((x, d + 1) for x in v.values())
        elif type(v) is list:
            stack.extend((x, d + 1) for x in v)


# -- values ---------------------------------------------------------------------

def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    # (not np.ascontiguousarray: it turns a 0-d array into a 1-d one)
    np.lib.format.write_array(buf, arr if arr.flags.c_contiguous else arr.copy(order="C"), allow_pickle=False)
    return buf.getvalue()


def _from_npy(blob: bytes) -> np.ndarray:
    buf = io.BytesIO(blob)
    try:
        version = np.lib.format.read_magic(buf)
        reader = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = reader(buf, max_header_size=10_000)
    except Exception as exc:
        raise ProtocolError(f"bad array header: {exc}") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise ProtocolError(f"array dtype {dtype} is not a plain numeric type")
    if len(shape) > 32 or any((not isinstance(s, int)) or s < 0 for s in shape):
        raise ProtocolError("bad array shape")
    count = math.prod(shape)
    if count * dtype.itemsize != len(blob) - buf.tell():
        raise ProtocolError("array size does not match its header")
    data = np.frombuffer(blob, dtype=dtype, count=count, offset=buf.tell())
    return np.array(data.reshape(shape, order="F" if fortran else "C"), dtype=dtype, order="C")  # an owned base array


class Encoder:
    """Turns a value into tagged JSON plus blobs.

    ``on_other(value)`` decides what happens to a value that is not plain data:
    it returns a tagged dict (a handle or a callback reference) or raises.
    """

    def __init__(self, on_other):
        self.on_other = on_other
        self.blobs: list[bytes] = []
        self.items = 0

    def __call__(self, v, depth: int = 0):
        self.items += 1
        if depth > MAX_DEPTH or self.items > MAX_ITEMS:
            raise ValueError("the value is nested too deeply or is too large to send")
        if v is None or type(v) in (bool, str):
            return v
        if type(v) is int:
            return v if abs(v) < 1 << 63 else {"t": "bigint", "v": str(v)}
        if type(v) is float:
            return {"t": "float", "v": repr(v)} if not math.isfinite(v) else v
        if type(v) is complex:
            return {"t": "complex", "v": [repr(v.real), repr(v.imag)]}
        if type(v) in (list, tuple):
            return {"t": type(v).__name__, "v": [self(x, depth + 1) for x in v]}
        # A state_dict() is an OrderedDict, a tally often a defaultdict or Counter: each travels as a dict
        # (exact types only, so no student subclass runs code while being read).
        if type(v) in (dict, OrderedDict, defaultdict, Counter):
            keys = list(v)
            if all(type(k) in (str, int) for k in keys):
                return {"t": "dict", "k": [self(k, depth + 1) for k in keys], "v": [self(v[k], depth + 1) for k in keys]}
        if type(v) is bytes:
            self.blobs.append(v)
            return {"t": "bytes", "b": len(self.blobs) - 1}
        if type(v) is np.ndarray and v.dtype.kind in NUMERIC_KINDS and v.dtype.fields is None:
            self.blobs.append(_npy(v))
            return {"t": "nd", "b": len(self.blobs) - 1}
        if isinstance(v, np.generic) and type(v).__module__ == "numpy" and v.dtype.kind in NUMERIC_KINDS:
            self.blobs.append(_npy(np.asarray(v)))
            return {"t": "npscalar", "b": len(self.blobs) - 1}
        mod = type(v).__module__
        if mod.startswith("torch") and type(v).__name__ in ("Tensor", "Parameter"):
            t = v.detach().cpu()
            try:
                arr = t.resolve_conj().numpy()
            except (TypeError, RuntimeError):  # bfloat16 and friends have no NumPy dtype
                arr = t.float().numpy()
            self.blobs.append(_npy(arr))
            return {"t": "param" if type(v).__name__ == "Parameter" else "tensor", "b": len(self.blobs) - 1,
                    "rg": bool(v.requires_grad)}
        if mod == "torch" and type(v).__name__ in ("dtype", "device", "Size"):
            if type(v).__name__ == "Size":
                return {"t": "tuple", "v": [int(s) for s in v]}
            return {"t": "torch_" + type(v).__name__, "v": str(v)}
        if type(v) is np.dtype:
            return {"t": "npdtype", "v": v.str}
        return self.on_other(v)


class Decoder:
    """Rebuilds values from tagged JSON; ``on_ref(tag_dict)`` resolves handles and callbacks."""

    def __init__(self, blobs: list[bytes], on_ref):
        self.blobs = blobs
        self.on_ref = on_ref
        self.items = 0

    def _blob(self, d):
        i = d.get("b")
        if type(i) is not int or not 0 <= i < len(self.blobs):
            raise ProtocolError("bad blob reference")
        return self.blobs[i]

    def __call__(self, v, depth: int = 0):
        self.items += 1
        if depth > MAX_DEPTH or self.items > MAX_ITEMS:
            raise ProtocolError("value nested too deeply or too large")
        if v is None or type(v) in (bool, int, float):
            return v
        if type(v) is str:
            if len(v) > MAX_STR:
                raise ProtocolError("string too long")
            return v
        if type(v) is not dict or type(v.get("t")) is not str:
            raise ProtocolError(f"untagged value of type {type(v).__name__}")
        t = v["t"]
        if t in ("list", "tuple"):
            items = v.get("v")
            if type(items) is not list:
                raise ProtocolError("bad sequence")
            out = [self(x, depth + 1) for x in items]
            return out if t == "list" else tuple(out)
        if t == "dict":
            ks, vs = v.get("k"), v.get("v")
            if type(ks) is not list or type(vs) is not list or len(ks) != len(vs):
                raise ProtocolError("bad dict")
            keys = [self(k, depth + 1) for k in ks]
            if any(type(k) not in (str, int) for k in keys):
                raise ProtocolError("bad dict key")
            return dict(zip(keys, (self(x, depth + 1) for x in vs)))
        if t == "float":
            if v.get("v") not in ("nan", "inf", "-inf"):
                raise ProtocolError("bad float")
            return float(v["v"])
        if t == "bigint":
            s = v.get("v")
            if type(s) is not str or len(s) > 4000 or not s.lstrip("-").isdigit():
                raise ProtocolError("bad int")
            return int(s)
        if t == "complex":
            re_im = v.get("v")
            if type(re_im) is not list or len(re_im) != 2 or any(type(x) is not str or len(x) > 40 for x in re_im):
                raise ProtocolError("bad complex")
            try:
                return complex(float(re_im[0]), float(re_im[1]))
            except ValueError:
                raise ProtocolError("bad complex") from None
        if t == "bytes":
            return bytes(self._blob(v))
        if t == "nd":
            return _from_npy(self._blob(v))
        if t == "npscalar":
            arr = _from_npy(self._blob(v))
            if arr.shape != ():
                raise ProtocolError("bad scalar")
            return arr[()]
        if t in ("tensor", "param"):
            import torch

            tensor = torch.from_numpy(_from_npy(self._blob(v)))
            if t == "param":
                return torch.nn.Parameter(tensor, requires_grad=bool(v.get("rg", True)))
            return tensor.requires_grad_(True) if v.get("rg") is True and tensor.is_floating_point() else tensor
        if t in ("torch_dtype", "torch_device"):
            import torch

            s = v.get("v")
            if type(s) is not str or len(s) > 40:
                raise ProtocolError("bad torch constant")
            if t == "torch_device":
                return torch.device(s)
            name = s.removeprefix("torch.")
            dt = getattr(torch, name, None)
            if not isinstance(dt, torch.dtype):
                raise ProtocolError("bad torch dtype")
            return dt
        if t == "npdtype":
            s = v.get("v")
            if type(s) is not str or len(s) > 10:
                raise ProtocolError("bad dtype")
            try:
                dt = np.dtype(s)
            except TypeError:
                raise ProtocolError("bad dtype") from None
            if dt.kind not in NUMERIC_KINDS:
                raise ProtocolError("bad dtype")
            return dt
        return self.on_ref(v)


def encode(value, on_other) -> tuple[object, list[bytes]]:
    enc = Encoder(on_other)
    return enc(value), enc.blobs


def decode(tagged, blobs, on_ref):
    return Decoder(blobs, on_ref)(tagged)
