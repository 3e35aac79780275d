"""Checks used by the graded test cells.

Every check raises :class:`AssertionError` with a message a learner can act on:
what was expected, what came back, and where the two differ (shape, then dtype,
then the worst element with its index and relative error).  Checks take plain
data -- NumPy arrays, PyTorch tensors, numbers, lists -- never the learner's
objects, so they keep working when grading runs student code in a sandbox and
hands back only data (see ``docs/test-authors.md``).

Tolerances.  Oracles compute in float64.  A learner's float32 answer carries
about 7 significant digits, so when either side is float32 (or float16) the
tolerances widen to :data:`FLOAT32_RTOL` / :data:`FLOAT32_ATOL`; otherwise the
float64 defaults apply.  Both are far tighter than the errors that typical bugs
cause (a missing square root, a wrong axis, an off-by-one), which are O(1).
"""
from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np

__all__ = [
    "Unanswered",
    "FLOAT64_RTOL",
    "FLOAT64_ATOL",
    "FLOAT32_RTOL",
    "FLOAT32_ATOL",
    "to_numpy",
    "assert_shape",
    "assert_close",
    "assert_equal",
    "assert_unchanged",
    "check_answer",
    "check_choice",
    "numerical_gradient",
    "check_gradient",
    "torch_reference",
    "vjp",
]

FLOAT64_RTOL = 1e-7
FLOAT64_ATOL = 1e-9
FLOAT32_RTOL = 2e-4
FLOAT32_ATOL = 1e-5


class Unanswered(NotImplementedError):
    """Raised when a question's answer variable still holds its placeholder.

    A subclass of :class:`NotImplementedError`, so graders treat it exactly like
    an unimplemented stub function.
    """


def to_numpy(value: Any, name: str = "result") -> np.ndarray:
    """Return ``value`` as a plain NumPy array.

    Accepts arrays, PyTorch tensors (detached and moved to the CPU), numbers and
    nested lists.  Raises :class:`AssertionError` for ``None`` and for objects
    that are not numeric data, with a message naming ``name``.
    """
    if value is None:
        raise AssertionError(f"{name} is None: did the function forget to `return` its result?")
    if type(value).__module__.startswith("torch"):
        value = value.detach().cpu().numpy()
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise AssertionError(f"{name} could not be read as an array: {exc}") from None
    if arr.dtype == object:
        raise AssertionError(
            f"{name} is not numeric data (got an array of Python objects from {type(value).__name__})"
        )
    return np.array(arr)  # a base ndarray, never a subclass the caller controls


def _fmt_shape(shape: Sequence[int]) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def assert_shape(actual: Any, shape: Sequence[int | None], name: str = "result") -> np.ndarray:
    """Check that ``actual`` has ``shape``; ``None`` in ``shape`` matches any size.

    Returns ``actual`` as a NumPy array so callers can chain further checks.
    """
    arr = to_numpy(actual, name)
    shape = tuple(shape)
    ok = arr.ndim == len(shape) and all(e is None or e == a for e, a in zip(shape, arr.shape))
    if not ok:
        want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
        raise AssertionError(f"{name} has the wrong shape: expected {want}, got {_fmt_shape(arr.shape)}")
    return arr


def _same_shape(actual: Any, expected: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Both values as arrays, after checking that their shapes agree."""
    a = to_numpy(actual, name)
    e = to_numpy(expected, "expected value")
    if a.shape != e.shape:
        raise AssertionError(f"{name} has the wrong shape: expected {_fmt_shape(e.shape)}, got {_fmt_shape(a.shape)}")
    return a, e


def _tolerances(a: np.ndarray, e: np.ndarray, rtol: float | None, atol: float | None) -> tuple[float, float]:
    low = any(x.dtype in (np.float32, np.float16, np.complex64) for x in (a, e))
    if rtol is None:
        rtol = FLOAT32_RTOL if low else FLOAT64_RTOL
    if atol is None:
        atol = FLOAT32_ATOL if low else FLOAT64_ATOL
    return rtol, atol


def assert_close(
    actual: Any,
    expected: Any,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    name: str = "result",
    check_dtype: str | None = None,
    dtype: Any = None,
    hint: str | None = None,
) -> None:
    """Check that ``actual`` matches ``expected`` elementwise within tolerances.

    An element passes when ``|actual - expected| <= atol + rtol * |expected|``
    (NaN matches NaN, infinities must match exactly).

    Args:
        actual: the learner's value (array, tensor, number or nested list).
        expected: the oracle's value.
        rtol, atol: tolerances; by default chosen from the dtypes (module docstring).
        name: how the message refers to the value, e.g. ``"pairwise_distances(A, B)"``.
        check_dtype: ``"float"`` requires a floating dtype, ``"int"`` an integer one,
            ``"bool"`` a boolean one; ``None`` accepts any numeric dtype.
        dtype: one exact dtype the value must have (``x.dtype`` for "keeps the dtype
            of its input"); use it only where the specification states the dtype.
        hint: a sentence appended to the message when the values differ.

    Raises:
        AssertionError: with the shape, dtype or worst-element difference.
    """
    a, e = _same_shape(actual, expected, name)
    _check_dtype(a, name, check_dtype, dtype)
    if a.dtype.kind == "b" or e.dtype.kind == "b":
        a, e = a.astype(np.int64), e.astype(np.int64)
    if a.dtype.kind not in "biufc":
        raise AssertionError(f"{name} has a non-numeric dtype {a.dtype}")
    rtol, atol = _tolerances(a, e, rtol, atol)
    a64 = a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)
    e64 = e.astype(np.complex128 if e.dtype.kind == "c" else np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(a64 - e64)
        bad = ~(diff <= atol + rtol * np.abs(e64))
    # Infinities must match exactly (an infinite tolerance would accept anything);
    # NaN matches only NaN.
    any_inf = np.isinf(a64) | np.isinf(e64)
    bad = np.where(any_inf, a64 != e64, bad)
    bad &= ~(np.isnan(a64) & np.isnan(e64))
    if not bad.any():
        return
    n_bad = int(bad.sum())
    score = np.where(bad, np.nan_to_num(diff, nan=np.inf), -1.0)
    idx = np.unravel_index(int(np.argmax(score)), a.shape) if a.ndim else ()
    got, want = a64[idx], e64[idx]
    where = f" at index {tuple(int(i) for i in idx)}" if a.ndim else ""
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = abs(got - want) / abs(want) if want != 0 else math.inf
    msg = (
        f"{name} differs from the expected value in {n_bad} of {a.size} element(s).\n"
        f"  worst element{where}: expected {want:.6g}, got {got:.6g} "
        f"(abs. error {abs(got - want):.3g}, rel. error {rel:.3g}; tolerance atol={atol:g}, rtol={rtol:g})"
    )
    if a.size <= 12:
        msg += f"\n  expected: {np.array2string(e, precision=5)}\n  got:      {np.array2string(a, precision=5)}"
    if hint:
        msg += f"\n  hint: {hint}"
    raise AssertionError(msg)


def _check_dtype(a: np.ndarray, name: str, kind: str | None, dtype: Any) -> None:
    """The dtype checks of assert_close and assert_equal: a kind ("int", "float", "bool") or one exact dtype."""
    if kind is not None:
        kinds = {"float": "f", "int": "iu", "bool": "b"}[kind]
        if a.dtype.kind not in kinds:
            what = {"int": "an integer", "float": "a float", "bool": "a boolean"}[kind]
            raise AssertionError(f"{name} should have {what} dtype, got {a.dtype}")
    if dtype is not None and a.dtype != np.dtype(_dtype_of(dtype)):
        raise AssertionError(f"{name} should have dtype {np.dtype(_dtype_of(dtype))}, got {a.dtype}")


def _dtype_of(dtype: Any) -> Any:
    """A NumPy dtype for a NumPy or PyTorch dtype (torch.float32 -> float32)."""
    if type(dtype).__module__.startswith("torch"):
        return str(dtype).rsplit(".", 1)[-1]
    return dtype


def assert_equal(
    actual: Any,
    expected: Any,
    *,
    name: str = "result",
    hint: str | None = None,
    check_dtype: str | None = None,
    dtype: Any = None,
) -> None:
    """Exact comparison for integer, boolean or label arrays (no tolerance).

    Without ``check_dtype``/``dtype`` a float that equals an integer (3.0 for 3) is
    accepted; pass ``check_dtype="int"`` where the specification says the values are
    integers (indices, labels, counts), so that floats lose the points the spec promises.
    """
    a, e = _same_shape(actual, expected, name)
    _check_dtype(a, name, check_dtype, dtype)
    if a.dtype.kind == "f" and e.dtype.kind in "iub" and np.all(np.isfinite(a)) and np.all(a == np.round(a)):
        a = a.astype(e.dtype)  # 3.0 for 3 is fine; 2.5 for 3 is not
    bad = a != e
    if not np.any(bad):
        return
    idx = np.unravel_index(int(np.argmax(bad)), a.shape) if a.ndim else ()
    where = f" first at index {tuple(int(i) for i in idx)}" if a.ndim else ""
    msg = (
        f"{name} differs from the expected value in {int(np.sum(bad))} of {a.size} element(s);"
        f"{where}: expected {e[idx]!r}, got {a[idx]!r}"
    )
    if a.size <= 20:
        msg += f"\n  expected: {e.tolist()}\n  got:      {a.tolist()}"
    if hint:
        msg += f"\n  hint: {hint}"
    raise AssertionError(msg)


def assert_unchanged(after: Any, before: Any, *, name: str = "the input", fn: str = "the function") -> None:
    """Check that an input still equals the copy taken before the call (shape, dtype and every value).

    Call it right after the call and before comparing results, so that a function that
    modifies its argument in place gets this message rather than a confusing one about
    its result: ``X0 = X.copy(); out = f(X); assert_unchanged(X, X0, name="X", fn="f")``.
    """
    a, b = to_numpy(after, name), to_numpy(before, name)
    same = a.shape == b.shape and a.dtype == b.dtype and bool(np.all((a == b) | ((a != a) & (b != b))))
    if not same:
        raise AssertionError(
            f"{fn} modified its argument {name} in place; it must leave its inputs unchanged. "
            f"Compute on a copy (`x = x - mu` makes a new array, `x -= mu` overwrites the caller's)."
        )


def _require_answer(value: Any, name: str) -> None:
    if value is None or value is Ellipsis:
        raise Unanswered(f"`{name}` has not been answered yet: assign your answer to it.")


def check_answer(
    value: Any,
    expected: float | None = None,
    *,
    name: str = "answer",
    rtol: float = 1e-3,
    atol: float = 1e-12,
    hint: str | None = None,
) -> None:
    """Check a numeric answer to a question (default: within 0.1 %, the course's rule).

    ``atol`` only keeps an exact 0 from demanding bit-exactness; it is far below any
    answer a question asks for, so a small answer (2.4e-9, say) is still judged to 0.1 %.

    With ``expected`` None only the format is checked: answered, and a number
    (the visible test; the hidden test passes the expected value).
    """
    _require_answer(value, name)
    if isinstance(value, (str, bytes)):  # "200" is text that looks like a number; a number is asked for
        raise AssertionError(f"`{name}` should be a number, not the string {value!r}: remove the quotes")
    try:
        got = float(value)
    except (TypeError, ValueError):
        raise AssertionError(f"`{name}` should be a number, got {value!r}") from None
    if expected is not None and not abs(got - expected) <= atol + rtol * abs(expected):
        msg = f"`{name}` = {got:.6g} is not right."
        if hint:
            msg += f" Hint: {hint}"
        raise AssertionError(msg)


def check_choice(value: Any, options: str | Sequence[str], expected: str | set[str] | None = None, *, name: str = "answer") -> None:
    """Check a multiple-choice answer given as a string of option letters.

    ``value`` may be a single letter (``"b"``) or several (``"ac"``, ``"a, c"``,
    ``["a", "c"]``) for questions with more than one correct option; case and
    order do not matter.  ``options`` lists the valid letters.  With
    ``expected`` None only the format is checked (the visible test); otherwise
    the set of letters must equal ``expected`` exactly.
    """
    _require_answer(value, name)
    if isinstance(value, (list, tuple, set)):
        value = "".join(str(v) for v in value)
    if not isinstance(value, str):
        raise AssertionError(f"`{name}` should be a string of option letters such as 'b' or 'ac', got {value!r}")
    letters = {c for c in value.lower() if c.isalnum()}
    valid = {c.lower() for c in options if c.isalnum()}
    if not letters:
        raise AssertionError(f"`{name}` names no option; choose from {sorted(valid)}")
    unknown = letters - valid
    if unknown:
        raise AssertionError(f"`{name}` names options that do not exist: {sorted(unknown)}; choose from {sorted(valid)}")
    if expected is not None:
        want = {c.lower() for c in expected if c.isalnum()}
        if letters != want:
            raise AssertionError(f"`{name}` = {''.join(sorted(letters))!r} is not the right choice.")


def numerical_gradient(f: Callable[[np.ndarray], Any], x: Any, dout: Any = None, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of ``L(x) = sum(f(x) * dout)`` with respect to ``x``.

    Works in float64 whatever the dtype of ``x``: the perturbed copy is float64,
    and ``f``'s output is cast to float64, so a float32 ``f`` is judged fairly
    (use ``h`` around 1e-3 for such functions).  ``dout`` defaults to ones
    (the gradient of the plain sum).  ``f`` must not modify its argument.
    """
    x = np.array(to_numpy(x, "x"), dtype=np.float64)
    grad = np.zeros_like(x)
    out0 = to_numpy(f(x.copy()), "f(x)")
    dout = np.ones_like(out0, dtype=np.float64) if dout is None else np.asarray(to_numpy(dout, "dout"), dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xp = x.copy()
        xp[i] += h
        xm = x.copy()
        xm[i] -= h
        lp = float(np.sum(to_numpy(f(xp), "f(x)").astype(np.float64) * dout))
        lm = float(np.sum(to_numpy(f(xm), "f(x)").astype(np.float64) * dout))
        grad[i] = (lp - lm) / (2 * h)
    return grad


def check_gradient(
    f: Callable[[np.ndarray], Any],
    x: Any,
    analytic: Any,
    dout: Any = None,
    *,
    name: str = "gradient",
    h: float = 1e-6,
    rtol: float = 1e-5,
    atol: float = 1e-7,
) -> None:
    """Compare an analytic gradient with :func:`numerical_gradient`.

    Default tolerances suit float64 functions with ``h=1e-6``; widen them (and
    ``h``) for float32 code.  Keep test inputs away from kinks (ReLU at 0, |x|
    at 0), where a finite difference is not a derivative.
    """
    num = numerical_gradient(f, x, dout, h=h)
    assert_close(analytic, num, rtol=rtol, atol=atol, name=name,
                 hint="the analytic gradient disagrees with central finite differences")


def torch_reference(fn: Callable[..., Any], *arrays: Any, dtype: str = "float64") -> Any:
    """Run ``fn`` on PyTorch copies of ``arrays`` and return NumPy results.

    Lets a test state its oracle in PyTorch: ``torch_reference(lambda a: a.softmax(-1), x)``.
    Inputs become float64 tensors (integer arrays keep their dtype); a tensor, or a
    tuple/list of tensors, comes back as NumPy.
    """
    import torch

    tdtype = getattr(torch, dtype)
    tensors = []
    for a in arrays:
        arr = to_numpy(a, "input")
        t = torch.from_numpy(np.ascontiguousarray(arr))
        tensors.append(t.to(tdtype) if arr.dtype.kind == "f" else t)
    with torch.no_grad():
        out = fn(*tensors)
    if isinstance(out, (tuple, list)):
        return type(out)(o.detach().cpu().numpy() if hasattr(o, "detach") else o for o in out)
    return out.detach().cpu().numpy() if hasattr(out, "detach") else out


def vjp(fn: Callable[..., Any], *inputs: Any, grad_out: Any = None,
        wrt: Sequence[int] | None = None) -> tuple[np.ndarray, list[np.ndarray]]:
    """Run ``fn`` on ``inputs`` and back-propagate ``grad_out`` through it.

    The one sanctioned way for a test to differentiate through a learner's
    PyTorch code: the backward pass happens here, next to the learner's code, and
    only plain arrays come back -- ``(output, [d output / d input_i . grad_out])``.

    ``wrt`` lists the positions of the inputs to differentiate (default: all); only
    those become float64 tensors that require grad, and the gradients come back in
    that order.  The others are passed as they are meant to be used: arrays as
    tensors without grad (float64, integers kept), numbers as Python numbers.  Name
    in ``wrt`` only what the specification promises is differentiable.
    """
    remote = getattr(type(fn), "__remote_vjp__", None)
    if remote is not None:  # at grading time: the backward pass runs next to the student's code
        return remote(fn, inputs, grad_out) if wrt is None else remote(fn, inputs, grad_out, wrt)
    import torch

    positions = list(range(len(inputs))) if wrt is None else [int(i) for i in wrt]
    args: list[Any] = []
    for i, x in enumerate(inputs):
        if i in positions:
            args.append(torch.tensor(to_numpy(x, "input"), dtype=torch.float64, requires_grad=True))
        elif isinstance(x, (bool, int, float)) or x is None:
            args.append(x)
        else:
            arr = to_numpy(x, "input")
            t = torch.from_numpy(np.ascontiguousarray(arr))
            args.append(t.to(torch.float64) if arr.dtype.kind == "f" else t)
    ts = [args[i] for i in positions]
    out = fn(*args)
    g = torch.ones_like(out) if grad_out is None else torch.as_tensor(to_numpy(grad_out, "grad_out"), dtype=out.dtype)
    grads = torch.autograd.grad(out, ts, grad_outputs=g, allow_unused=True)
    return out.detach().numpy(), [np.zeros(t.shape) if gr is None else gr.detach().numpy() for t, gr in zip(ts, grads)]


def _watch_visible_tests() -> None:
    """In a student's kernel, let a failing visible test name the slip it matches (course.lab_diagnosis)."""
    try:
        from . import lab_diagnosis

        lab_diagnosis.install()
    except Exception:  # noqa: BLE001 -- a nicety; never a reason for a notebook not to start
        pass


_watch_visible_tests()
