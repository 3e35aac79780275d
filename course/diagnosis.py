"""Name the mistake: compare what a student's function did with what known wrong implementations do.

When a test fails, the calls it made to the exercise's functions are on record: the
arguments (copied before the call), what came back (or which exception), and which
arguments were changed in place.  Each catalogued wrong implementation of that
exercise, and the reference, is then called on the same arguments.  A wrong
implementation is named when it behaves exactly like the student's code on every call
that could be compared, *and* differs from the reference on at least one of them -- so
a correct solution, which behaves like the reference, is never diagnosed, and a call
that tells nothing apart proves nothing.

The comparison is of plain data only (arrays, tensors, numbers, strings, containers of
them); an object that lives in student code cannot be compared and makes that call
neutral.  This module holds no catalogue: the grader (``autograder.diagnose``) and the
test harness pass the wrong implementations in, and the student's own kernel only ever
sees the sketches of :func:`sketch` (see ``course.lab_diagnosis``).
"""
from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import math
import pickle
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

CALL_SECONDS = 2.0  # a call that took the student longer is not replayed (training runs)
BUDGET_SECONDS = 6.0  # replaying wrong implementations for one failed test, at most
NOTEBOOK_SECONDS = 8.0  # and for all the failed tests of one graded notebook together
# Results of one formula agree to RTOL in float32 and RTOL64 in float64; different mistakes do not (an answer
# rounded to 4 digits is a different answer: counts are exact, and 0.1 % slips are catalogued mistakes).
RTOL, RTOL64 = 1e-4, 1e-6


class Unrecordable(Exception):
    """A value that is not plain data (a student object, a function, an open file...)."""


def _is_tensor(x) -> bool:
    return type(x).__module__.startswith("torch") and hasattr(x, "detach") and hasattr(x, "clone")


def snapshot(x, depth: int = 0):
    """A copy of plain data that later changes to ``x`` cannot reach; :class:`Unrecordable` otherwise."""
    if depth > 8:
        raise Unrecordable("nested too deeply")
    if x is None or type(x) in (bool, int, float, complex, str, bytes):
        return x
    if isinstance(x, np.generic):
        return x.copy()
    if type(x) is np.ndarray:
        if x.dtype.hasobject:
            raise Unrecordable("object array")
        return x.copy()
    if _is_tensor(x):
        return x.detach().clone()
    if type(x) in (list, tuple):
        return type(x)(snapshot(v, depth + 1) for v in x)
    if _plain_function(x):
        return x  # a test's own function (a loss, a lambda): the replay is handed the same one
    if _is_module(x):
        return copy.deepcopy(x)  # a model the test built (a student's lives in the sandbox: never here)
    if type(x) is dict:
        return {k: snapshot(v, depth + 1) for k, v in x.items() if type(k) in (str, int, float, bool, tuple)}
    raise Unrecordable(type(x).__name__)


def _is_module(x) -> bool:
    import sys

    torch = sys.modules.get("torch")
    return torch is not None and isinstance(x, torch.nn.Module)


def _plain_function(x) -> bool:
    """A Python function, method, builtin or partial -- never an object made by student code in the sandbox."""
    import functools
    import inspect

    return inspect.isfunction(x) or inspect.isbuiltin(x) or inspect.ismethod(x) or type(x) is functools.partial


def _tensor_bytes(dtype: str, shape: tuple, data: bytes, requires_grad: bool):
    """Stands for a tensor in a digest (never called: digests are not unpickled)."""
    raise TypeError("a digest is not meant to be loaded")


class _ContentPickler(pickle.Pickler):
    """Pickles a tensor as its dtype, shape and bytes.  PyTorch's own pickling of a tensor is not
    stable (the same RNG state pickled twice in a kernel gave two digests), which kept every call
    with a tensor in it -- the torch RNG state is in every call -- from ever meeting its cached replays."""

    def reducer_override(self, obj):
        if _is_tensor(obj):
            import torch

            t = obj.detach().cpu().contiguous()
            data = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
            return _tensor_bytes, (str(t.dtype), tuple(t.shape), data, bool(obj.requires_grad))
        return NotImplemented


def _digest(*parts) -> str | None:
    try:
        buf = io.BytesIO()
        _ContentPickler(buf, protocol=5).dump(parts)
        return hashlib.sha1(buf.getvalue()).hexdigest()
    except Exception:  # noqa: BLE001 -- an argument pickle cannot write: the call is simply not cached
        return None


@dataclass
class Outcome:
    """What one call did: the exception's class name, or a snapshot of the value; which arguments changed."""

    raised: str | None = None
    value: Any = None
    comparable: bool = True
    mutated: tuple = ()


@dataclass
class Call:
    name: str
    args: tuple
    kwargs: dict
    outcome: Outcome
    seconds: float
    key: str | None = field(default=None)
    rng: tuple | None = None  # the global random states before the call, where the replay can use them
    # A method call on an instance of an exercise's class: (constructor args, constructor kwargs,
    # state_dict, training flag) -- the replay builds the slip's class alike and loads the same weights.
    ctx: tuple | None = None
    err: dict | None = None  # NumPy's error handling the test called with (np.errstate(over="raise")...)

    @property
    def exercise_name(self) -> str:
        """``C`` for ``C()`` (building the class) and ``C.forward`` (calling an instance), else the name."""
        return self.name.split(".")[0].removesuffix("()")


def _rng_state() -> tuple:
    import random
    import sys

    torch = sys.modules.get("torch")
    return (random.getstate(), np.random.get_state(), torch.random.get_rng_state() if torch else None)


def _set_rng(state: tuple) -> None:
    import random
    import sys

    random.setstate(state[0])
    np.random.set_state(state[1])
    if state[2] is not None and "torch" in sys.modules:
        sys.modules["torch"].random.set_rng_state(state[2])


def _changed(before, after) -> tuple:
    """Keys (``0``, ``1``, ``k:name``) of the arguments whose data differ from their snapshot."""
    args0, kwargs0 = before
    args1, kwargs1 = after
    keys = [(str(i), a, b) for i, (a, b) in enumerate(zip(args0, args1))]
    keys += [(f"k:{k}", kwargs0[k], kwargs1.get(k)) for k in kwargs0]
    out = []
    for key, a, b in keys:
        try:
            if not _identical(a, snapshot(b)):
                out.append(key)
        except Unrecordable:
            continue
    return tuple(out)


def _identical(a, b) -> bool:
    """Bit for bit the same data (an input rounded to float32 in place has changed, if only by 1e-8)."""
    if type(a) is not type(b):
        return False
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(_identical(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return a.keys() == b.keys() and all(_identical(a[k], b[k]) for k in a)
    if type(a) is np.ndarray or isinstance(a, np.generic) or _is_tensor(a):
        x, _ = _as_array(a)
        y, _ = _as_array(b)
        return x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y, equal_nan=x.dtype.kind in "fc")
    if _is_module(a):  # a model the test passed: changed when its weights changed
        sa, sb = a.state_dict(), b.state_dict()
        return sa.keys() == sb.keys() and all(_identical(sa[k], sb[k]) for k in sa)
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 -- objects that cannot say: take them as unchanged
        return True


def outcome_of(fn: Callable, args: tuple, kwargs: dict, before=False) -> tuple[Outcome, Any, BaseException | None]:
    """Call ``fn`` on ``args`` (which it may change); returns the outcome, the value, and the exception raised.

    ``before`` is the arguments' snapshot when the caller already took one (``None``: not plain data).
    """
    if before is False:
        try:
            before = (snapshot(tuple(args)), snapshot(dict(kwargs)))
        except Unrecordable:
            before = None
    try:
        value = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 -- what it raised is the outcome
        mutated = _changed(before, (args, kwargs)) if before else ()
        return Outcome(raised=_exc_name(exc), mutated=mutated), None, exc
    mutated = _changed(before, (args, kwargs)) if before else ()
    try:
        return Outcome(value=snapshot(value), mutated=mutated), value, None
    except Unrecordable:
        return Outcome(comparable=False, mutated=mutated), value, None


def _exc_name(exc: BaseException) -> str:
    # The grader raises a student's builtin exception as a subclass of the same name (see the sandbox client).
    for cls in type(exc).__mro__:
        if cls.__module__ == "builtins":
            return cls.__name__
    return type(exc).__name__


def structure(obj) -> Outcome:
    """What building a class gives, as data: a module's parameter and buffer names with their shapes."""
    sd = getattr(obj, "state_dict", None)
    if callable(sd):
        try:
            return Outcome(value={str(k): [int(n) for n in v.shape] for k, v in dict(sd()).items()})
        except Exception:  # noqa: BLE001 -- a state_dict that cannot be read tells nothing
            pass
    return Outcome(comparable=False)


def module_state(obj):
    """(a copy of the weights, the training flag) of a module, for a replay to start from the same place."""
    sd = obj.state_dict()
    return {str(k): snapshot(v) for k, v in dict(sd).items()}, bool(getattr(obj, "training", False))


class Recorder:
    """Collects the calls a test makes to the exercise's functions (``log``), without changing what they do."""

    def __init__(self, rng: bool = False):
        self.calls: list[Call] = []
        self.rng = rng  # keep the random states (in a kernel that the replays share)

    def call(self, name: str, fn: Callable, args: tuple, kwargs: dict):
        return self._record(name, fn, args, kwargs)

    def built(self, name: str, args: tuple, kwargs: dict, obj, seconds: float = 0.0):
        """Record that the test built ``name(*args, **kwargs)``; returns the constructor snapshot (None: not data)."""
        try:
            ctor = (snapshot(tuple(args)), snapshot(dict(kwargs)))
        except Unrecordable:
            return None
        self.calls.append(Call(f"{name}()", ctor[0], ctor[1], structure(obj), seconds, _digest(name, ctor)))
        return ctor

    def method(self, name: str, ctor, state, fn: Callable, args: tuple, kwargs: dict):
        """Call ``fn`` (an instance's forward) and record it with what a replay needs to rebuild the instance."""
        if ctor is None or state is None:  # the instance is not data: the call runs unrecorded
            return self._record(name, fn, args, kwargs, keep=False)
        return self._record(name, fn, args, kwargs, (ctor, state))

    def _record(self, name: str, fn: Callable, args: tuple, kwargs: dict, instance=None, keep: bool = True):
        try:
            saved = (snapshot(tuple(args)), snapshot(dict(kwargs)))
        except Unrecordable:
            saved = None
        rng = _rng_state() if self.rng and saved is not None else None
        err = np.geterr()
        t0 = time.perf_counter()
        outcome, value, exc = outcome_of(fn, args, kwargs, before=saved)
        if saved is not None and keep:
            seconds = time.perf_counter() - t0
            if instance is None:
                self.calls.append(Call(name, saved[0], saved[1], outcome, seconds,
                                       _digest(name, saved[0], saved[1], rng, err), rng, err=err))
            else:
                ctor, state = instance
                self.calls.append(Call(name, saved[0], saved[1], outcome, seconds,
                                       _digest(name, ctor, state, saved, rng, err), rng, (ctor[0], ctor[1], *state),
                                       err))
        if exc is not None:
            raise exc
        return value

    def wrap_class(self, name: str, cls) -> Callable[[], None]:
        """Record building ``cls`` and calling its instances' ``forward`` (in a kernel); returns the undo."""
        rec, own = self, {k: cls.__dict__[k] for k in ("__init__", "forward") if k in cls.__dict__}
        init, forward = cls.__init__, getattr(cls, "forward", None)

        def recorded_init(obj, *args, **kwargs):
            t0 = time.perf_counter()
            init(obj, *args, **kwargs)
            if type(obj) is cls:
                obj.__dict__["_dlcourse_ctor"] = rec.built(name, args, kwargs, obj, time.perf_counter() - t0)

        def recorded_forward(obj, *args, **kwargs):
            ctor = obj.__dict__.get("_dlcourse_ctor")
            if ctor is None or type(obj) is not cls or obj.__dict__.get("_dlcourse_busy"):
                return forward(obj, *args, **kwargs)
            try:
                state = module_state(obj)
            except Exception:  # noqa: BLE001 -- weights that are not plain data: not recorded
                state = None
            obj.__dict__["_dlcourse_busy"] = True  # a forward that calls itself is recorded once
            try:
                return rec.method(f"{name}.forward", ctor, state, lambda *a, **k: forward(obj, *a, **k), args, kwargs)
            finally:
                obj.__dict__.pop("_dlcourse_busy", None)

        cls.__init__ = recorded_init
        if forward is not None:
            cls.forward = recorded_forward

        def undo():
            for k in ("__init__", "forward"):
                if k in own:
                    setattr(cls, k, own[k])
                elif k in cls.__dict__:
                    delattr(cls, k)
        return undo

    def wrap(self, name: str, fn: Callable) -> Callable:
        """``fn`` recording every call (for the kernel: a test cell's globals are wrapped while it runs)."""
        import functools

        @functools.wraps(fn)
        def recorded(*args, **kwargs):
            return self.call(name, fn, args, kwargs)

        recorded.__dlcourse_recorded__ = fn
        return recorded


# -- comparison -------------------------------------------------------------------------------
def _as_array(x):
    if _is_tensor(x):
        import torch

        x = x.detach().cpu().resolve_conj()
        if x.dtype == torch.bfloat16:  # NumPy has no bfloat16
            x = x.float()
        return np.asarray(x.numpy()), True
    return np.asarray(x), False


def close(a, b, exact: bool = False) -> bool | None:
    """Whether two snapshots hold the same data (``None`` when they cannot be compared).

    ``exact`` also demands the same dtype and container types; otherwise only the kind
    of number counts (int, float, bool, complex), and Python ints equal floats.
    """
    numbers = (bool, int, float, complex)
    if a is None or b is None:
        return a is b
    if type(a) in (str, bytes) or type(b) in (str, bytes):
        return type(a) is type(b) and a == b
    if type(a) in (list, tuple) or type(b) in (list, tuple):
        if type(a) not in (list, tuple) or type(b) not in (list, tuple) or len(a) != len(b):
            return False
        if exact and type(a) is not type(b):
            return False
        found = True
        for x, y in zip(a, b):
            r = close(x, y, exact)
            if r is False:
                return False
            found = found and r is not None
        return True if found else None
    if type(a) is dict or type(b) is dict:
        if type(a) is not dict or type(b) is not dict or set(a) != set(b):
            return False
        results = [close(a[k], b[k], exact) for k in a]
        return False if False in results else (None if None in results else True)
    plain = (np.ndarray, np.generic) + numbers
    if not ((isinstance(a, plain) or _is_tensor(a)) and (isinstance(b, plain) or _is_tensor(b))):
        return None
    if exact and (_is_tensor(a) != _is_tensor(b)):
        return False
    scalars = all(type(v) in numbers or isinstance(v, np.generic) for v in (a, b))
    if exact and scalars and type(a) is not type(b):
        return False  # 3 and 3.0, or a float and np.float64: the same answer, not the same result
    x, _ = _as_array(a)
    y, _ = _as_array(b)
    if x.shape != y.shape:
        return False
    if x.dtype.hasobject or y.dtype.hasobject:
        return None
    if exact and x.dtype != y.dtype:
        return False
    kx, ky = x.dtype.kind, y.dtype.kind
    loose = {"i": "n", "u": "n", "f": "n"} if scalars else {"u": "i"}
    if loose.get(kx, kx) != loose.get(ky, ky):
        return False
    if kx in "fc" or ky in "fc":
        single = any(d.kind in "fc" and d.itemsize <= (8 if d.kind == "c" else 4) for d in (x.dtype, y.dtype))
        rtol = RTOL if single else RTOL64
        with np.errstate(all="ignore"):
            x, y = x.astype(np.complex128 if "c" in (kx, ky) else np.float64), y.astype(
                np.complex128 if "c" in (kx, ky) else np.float64)
            finite = np.isfinite(y)
            scale = float(np.max(np.abs(y[finite]))) if finite.any() else 0.0
            # Elements far below the array's own scale are rounding noise around zero.
            return bool(np.allclose(x, y, rtol=rtol, atol=rtol * 1e-2 * scale, equal_nan=True))
    return bool(np.array_equal(x, y))


def same(a: Outcome | None, b: Outcome | None, exact: bool = False) -> bool | None:
    """Whether two calls behaved alike: same exception, or same data back and the same arguments changed."""
    if a is None or b is None:
        return None
    if a.raised or b.raised:
        return a.raised == b.raised and a.mutated == b.mutated
    if a.mutated != b.mutated:
        return False
    if not (a.comparable and b.comparable):
        return None
    return close(a.value, b.value, exact)


# -- the decision --------------------------------------------------------------------------------
@dataclass
class Finding:
    variant: str
    sentence: str


def decide(student: list, reference: list, variants: dict[str, list], compare=None) -> list[str]:
    """Variants that behave like the student on every comparable call and unlike the reference on one.

    Compared first by kind of number (so a float32 solution with the same slip still
    matches); a variant that differs from the reference only in its exact dtype is
    then looked for with exact comparisons.  ``compare`` is :func:`same` (outcomes) or
    :func:`same_sketch` (sketches, in the student's kernel).
    """
    compare = compare or same

    def matches(outs: list[Outcome | None], exact: bool) -> tuple[bool, bool]:
        evidence = False
        for s, v, r in zip(student, outs, reference):
            if s is None or v is None:
                continue
            m = compare(s, v, exact)
            if m is False:
                return False, False
            if m is None:
                # Values that cannot be compared (a model, say) still tell returning from raising.
                if r is not None and _raised(s) == _raised(v) and _raised(v) != _raised(r):
                    evidence = True
                continue
            # Evidence is a call where the slip and the reference part and the student sides with the slip:
            # a result that is within tolerance of both (a float32 solution, say) tells nothing.
            if compare(v, r, exact) is False and compare(s, r, exact) is not True:
                evidence = True
        return True, evidence

    found = []
    for name, outs in variants.items():
        ok, evidence = matches(outs, exact=False)
        if ok and not evidence:
            ok, evidence = matches(outs, exact=True)
        if ok and evidence:
            found.append(name)
    return found


def _raised(o) -> str | None:
    return o.get("raised") if isinstance(o, dict) else o.raised


class Diagnoser:
    """Replays one exercise's catalogued mistakes on the calls a failed test made.

    ``exercise`` is ``{"kind": "function" | "value", "names": [...], "reference": source,
    "variants": {name: {"source": ..., "sentence": ...}}}``.  ``namespace()`` returns a fresh
    dict in which every exercise's reference is defined (the notebook's helpers too), so a
    wrong implementation that calls another exercise's function calls the reference.
    ``cache`` (shared by the caller across students) keeps each replayed outcome: every
    student of a class gets the same test inputs, so each mistake is replayed once per class.
    """

    def __init__(self, slug: str, exercise: dict, namespace: Callable[[], dict], cache: dict | None = None,
                 budget: float = BUDGET_SECONDS):
        self.slug, self.ex, self.namespace = slug, exercise, namespace
        self.cache = {} if cache is None else cache
        self.deadline = time.monotonic() + budget

    def _defined(self, source: str | None) -> dict | None:
        ns = self.namespace()
        if source is None:
            source = self.ex.get("reference") if self.ex.get("kind") == "value" else None
        if source:
            try:
                with _quiet():
                    exec(compile(source, f"<{self.slug}>", "exec"), ns)  # noqa: S102 -- trusted catalogue code
            except Exception:  # noqa: BLE001 -- a variant that does not even define itself tells nothing
                return None
        return ns

    def _replay(self, variant: str | None, source: str | None, call: Call) -> Outcome | None:
        key = (self.slug, variant, call.key) if call.key else None
        if key is not None and key in self.cache:
            return self.cache[key]
        if time.monotonic() > self.deadline:
            return None
        ns = self._defined(source)
        out = None
        if ns is not None:
            if self.ex.get("kind") == "value":
                try:
                    out = Outcome(value=snapshot(ns[call.name])) if call.name in ns else None
                except Unrecordable:
                    out = None
            elif callable(ns.get(call.exercise_name)):
                try:
                    args, kwargs = copy.deepcopy(call.args), copy.deepcopy(call.kwargs)
                except Exception:  # noqa: BLE001
                    args, kwargs = snapshot(call.args), snapshot(call.kwargs)
                with _quiet(), np.errstate(**(call.err or {})):
                    if call.rng is not None:
                        _set_rng(call.rng)
                    out = _replay_call(ns[call.exercise_name], call, args, kwargs)
        if key is not None:
            self.cache[key] = out
        return out

    def replayable(self, calls: list[Call]) -> list[Call]:
        return [c for c in calls if c.exercise_name in self.ex.get("names", ()) and c.seconds <= CALL_SECONDS]

    def differs(self, calls: list[Call]) -> list[str]:
        """The variants that behave unlike the reference on some of these calls (replays are cached)."""
        calls = self.replayable(calls)
        reference = [self._replay(None, None, c) for c in calls]
        return [v for v, spec in self.ex.get("variants", {}).items()
                if any(same(self._replay(v, spec["source"], c), r, exact) is False
                       for c, r in zip(calls, reference) for exact in (False, True))]

    def consistent(self, calls: list[Call]) -> list[str]:
        """The variants whose replays never contradict what the student's code did (replays are cached)."""
        calls = self.replayable(calls)
        return [v for v, spec in self.ex.get("variants", {}).items()
                if not any(same(c.outcome, self._replay(v, spec["source"], c)) is False for c in calls)]

    def explain(self, calls: list[Call]) -> list[Finding]:
        calls = self.replayable(calls)
        if not calls or not self.ex.get("variants"):
            return []
        kept = _rng_state()  # replays must not move the random streams the notebook goes on with
        try:
            reference = [self._replay(None, None, c) for c in calls]
            outs = {v: [self._replay(v, spec["source"], c) for c in calls] for v, spec in self.ex["variants"].items()}
        finally:
            _set_rng(kept)
        student = [c.outcome for c in calls]
        return [Finding(v, self.ex["variants"][v]["sentence"]) for v in decide(student, reference, outs)]


def _replay_call(target, call: Call, args, kwargs) -> Outcome | None:
    """One recorded call again, on ``target`` (a slip's or the reference's function or class)."""
    if call.name.endswith("()"):  # building the class: compare what it is made of
        try:
            return structure(target(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001
            return Outcome(raised=_exc_name(exc))
    if call.ctx is not None:  # an instance's forward, rebuilt with the student's weights
        ctor_args, ctor_kwargs, state, training = call.ctx
        try:
            obj = target(*copy.deepcopy(ctor_args), **copy.deepcopy(ctor_kwargs))
            obj.load_state_dict(copy.deepcopy(state))
            obj.train(training)
        except Exception:  # noqa: BLE001 -- the slip is built differently: building it already told that
            return None
        out, _, _ = outcome_of(getattr(obj, call.name.split(".", 1)[1]), args, kwargs)
        return out
    out, _, _ = outcome_of(target, args, kwargs)
    return out


@contextlib.contextmanager
def _quiet():
    """Replays print nothing, warn nothing, and leave NumPy's error settings as they were."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def message(findings: list[Finding]) -> str:
    """The lines a failed test gains: what the student's code does, in the catalogue's words."""
    if not findings:
        return ""
    if len(findings) == 1:
        return f"What this looks like: {findings[0].sentence}"
    return "What this looks like (your results match more than one known slip):\n" + "\n".join(
        f"  - {f.sentence}" for f in findings)


def value_calls(names, values: dict) -> list[Call]:
    """Answer variables as calls: the value a question's name holds is its outcome."""
    calls = []
    for n in names:
        if n not in values:
            continue
        try:
            calls.append(Call(n, (), {}, Outcome(value=snapshot(values[n])), 0.0, _digest(n)))
        except Unrecordable:
            continue
    return calls




LAB_CALLS, LAB_COVER = 8, 2


def _fewest_calls(calls: list[dict]) -> list[dict]:
    """The calls worth shipping: in test order, each that tells a slip apart not yet told apart twice.

    A gradient check may call a function hundreds of times; a few calls per slip name it as well.
    """
    told: dict[str, int] = {}
    kept = []
    for c in calls:
        new = [v for v, x in c["variants"].items() if (x["differs"] or x["differs_exact"]) and told.get(v, 0) < LAB_COVER]
        if new and len(kept) < LAB_CALLS:
            kept.append(c)
            for v in new:
                told[v] = told.get(v, 0) + 1
    return kept


def namespace_factory(host: dict, kit: dict) -> Callable[[], dict]:
    """A function returning fresh copies of ``host`` with every exercise's reference defined in it."""
    base = dict(host)
    for code in kit["defs"]:
        try:
            with _quiet():
                exec(compile(code, "<reference>", "exec"), base)  # noqa: S102 -- the instructor's own code
        except Exception:  # noqa: BLE001 -- a reference that needs notebook state: replays of it tell nothing
            continue
    return lambda: dict(base)


def watch(rec: Recorder, names, ns: dict) -> tuple[dict, list]:
    """Record a test cell's calls to the exercise's functions and classes found in ``ns`` (a kernel's globals)."""
    import inspect

    wrapped, undo = {}, []
    for n in names:
        if inspect.isfunction(ns.get(n)):
            ns[n] = wrapped[n] = rec.wrap(n, ns[n])
        elif inspect.isclass(ns.get(n)) and _is_module_class(ns[n]):
            undo.append(rec.wrap_class(n, ns[n]))
    return wrapped, undo


def unwatch(wrapped: dict, undo: list, ns: dict) -> None:
    for n, w in wrapped.items():
        if ns.get(n) is w:
            ns[n] = w.__dlcourse_recorded__
    for u in undo:
        u()


def _is_module_class(cls) -> bool:
    import sys

    torch = sys.modules.get("torch")
    return torch is not None and issubclass(cls, torch.nn.Module)


class InKernel:
    """Diagnosis inside one kernel (the test harness): wrap, run the test cell, unwrap, explain.

    ``begin`` wraps the exercise's functions in the notebook's globals so that the test
    cell's calls are recorded; ``end`` puts the originals back (unless the cell rebound
    the name itself); ``explain`` replays the kit on what was recorded.
    """

    def __init__(self, kit: dict):
        self.kit, self.cache = kit, {}
        self.slug, self.rec, self.wrapped = None, Recorder(rng=True), {}

    def begin(self, slug: str, ns: dict) -> None:
        import inspect

        self.slug, self.rec, self.wrapped, self.undo = slug, Recorder(rng=True), {}, []
        ex = self.kit["exercises"].get(slug)
        if ex and ex["kind"] == "function":
            self.wrapped, self.undo = watch(self.rec, ex["names"], ns)

    def end(self, ns: dict) -> None:
        unwatch(self.wrapped, self.undo, ns)
        self.wrapped, self.undo = {}, []

    # arm/disarm: the harness's way to have every test cell of an exercise recorded and explained in the
    # kernel's own cell hooks, with two round trips per exercise instead of three per test cell.
    def arm(self, slug: str, explain_all: bool = False) -> None:
        """Until :meth:`disarm`, each cell the kernel runs is a test of ``slug``: recorded, and explained when it
        fails (every cell with ``explain_all``)."""
        from IPython import get_ipython

        self.armed, self.explain_all, self.found, self.testing = slug, explain_all, [], False
        get_ipython().events.register("pre_run_cell", self._pre)
        get_ipython().events.register("post_run_cell", self._post)

    def _pre(self, info=None) -> None:
        from IPython import get_ipython

        self.testing = True
        self.begin(self.armed, get_ipython().user_ns)

    def _post(self, result) -> None:
        from IPython import get_ipython

        if not self.testing:  # the cell that armed
            return
        self.testing = False
        ns = get_ipython().user_ns
        self.end(ns)
        failed = result.error_in_exec is not None or result.error_before_exec is not None
        self.found.append(self.explain(ns) if failed or self.explain_all else None)

    def disarm(self, ns: dict) -> list:
        """Stop; the explanation of each test cell run since :meth:`arm` (None: it passed), in order."""
        from IPython import get_ipython

        get_ipython().events.unregister("pre_run_cell", self._pre)
        get_ipython().events.unregister("post_run_cell", self._post)
        self.end(ns)  # the wrap this very cell's hook made
        self.testing = False
        return self.found

    def explain(self, ns: dict) -> dict:
        ex = self.kit["exercises"].get(self.slug)
        if not ex:
            return {"found": [], "differs": [], "calls": 0}
        calls = self.rec.calls if ex["kind"] == "function" else value_calls(ex["names"], ns)
        d = Diagnoser(self.slug, ex, namespace_factory(ns, self.kit), self.cache)
        found = d.explain(calls)
        return {"found": [f.variant for f in found], "differs": d.differs(calls), "consistent": d.consistent(calls),
                "calls": len(d.replayable(calls)), "message": message(found)}

    def lab_entry(self, ns: dict) -> dict | None:
        """What the student's kernel may know of this visible test (``course.lab_diagnosis``): per call, the
        argument digest and, per slip, its sketch and whether it differs from the reference -- never the
        reference's own result."""
        ex = self.kit["exercises"].get(self.slug)
        if not ex or ex["kind"] != "function":
            return None
        d = Diagnoser(self.slug, ex, namespace_factory(ns, self.kit), self.cache, budget=120)
        kept = _rng_state()
        try:
            calls = []
            for c in d.replayable(self.rec.calls):
                r = d._replay(None, None, c)
                slips = {}
                for v, spec in ex["variants"].items():
                    o = d._replay(v, spec["source"], c)
                    if o is not None:  # a slip drawing fresh randomness has no sketch a table could keep
                        d.cache.pop((self.slug, v, c.key), None)
                        if same(o, d._replay(v, spec["source"], c), True) is False:
                            continue
                    if o is not None and r is not None:
                        so, sr = sketch(o), sketch(r)  # a slip a sketch cannot tell apart gives no evidence there
                        slips[v] = {"sketch": so, "differs": same(o, r) is False and same_sketch(so, sr) is not True,
                                    "differs_exact": same(o, r, True) is False and same_sketch(so, sr, True) is not True}
                if any(x["differs"] or x["differs_exact"] for x in slips.values()):
                    calls.append({"key": call_key(c.name, c.args, c.kwargs, c.ctx), "variants": slips})
        finally:
            _set_rng(kept)
        calls = _fewest_calls(calls)
        if not calls:
            return None
        used = {v for c in calls for v in c["variants"]}
        return {"exercise": self.slug, "names": ex["names"], "calls": calls,
                "sentences": {v: spec["sentence"] for v, spec in ex["variants"].items() if v in used}}


# -- sketches: what the student's own kernel may know of a wrong implementation ------------------
# The release carries no value a wrong implementation returns, only a sketch of it: for an array
# of more than SMALL numbers, a few random projections (which cannot be turned back into the
# array, so a sign slip's sketch does not hand out the expected output); for a small one, a hash
# of its values rounded to 4 significant digits.  Sketches of two calls compare like ``same``.
SMALL, PROJECTIONS = 16, 4


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def fingerprint(x, depth: int = 0) -> str:
    """A stable digest of plain data, the same in every process (the key that finds a visible test's call)."""
    if depth > 8:
        return "deep"
    if x is None or type(x) in (bool, int, float, complex, str, bytes):
        return _hash(f"{type(x).__name__}:{x!r}")
    if isinstance(x, np.generic) or type(x) is np.ndarray or _is_tensor(x):
        a, tensor = _as_array(x)
        if a.dtype.hasobject:
            return "object"
        a = np.ascontiguousarray(a)
        return hashlib.sha1(f"{tensor}{a.dtype.str}{a.shape}".encode() + a.tobytes()).hexdigest()[:16]
    if type(x) in (list, tuple):
        return _hash(type(x).__name__ + ",".join(fingerprint(v, depth + 1) for v in x))
    if type(x) is dict:
        return _hash("dict" + ",".join(f"{k!r}={fingerprint(v, depth + 1)}" for k, v in x.items()))
    if _plain_function(x):
        code = getattr(x, "__code__", None)
        return _hash(f"fn:{getattr(x, '__qualname__', '')}:{code.co_code.hex() if code else ''}")
    return "opaque"


def call_key(name: str, args, kwargs, ctx=None) -> str:
    return _hash(name + fingerprint(tuple(args)) + fingerprint(dict(kwargs)) + (fingerprint(ctx) if ctx else ""))


def _sketch_value(x, depth: int = 0):
    if depth > 8:
        return {"t": "?"}
    if x is None or type(x) in (str, bytes):
        return {"t": "h", "h": _hash(repr(x))}
    if type(x) in (list, tuple):
        return {"t": "l", "c": type(x).__name__, "items": [_sketch_value(v, depth + 1) for v in x]}
    if type(x) is dict:
        return {"t": "d", "items": {repr(k): _sketch_value(v, depth + 1) for k, v in x.items()}}
    numbers = (bool, int, float, complex)
    if not (type(x) in numbers or isinstance(x, np.generic) or type(x) is np.ndarray or _is_tensor(x)):
        return {"t": "?"}
    a, tensor = _as_array(x)
    if a.dtype.hasobject:
        return {"t": "?"}
    out = {"t": "a", "shape": list(a.shape), "dtype": a.dtype.str, "kind": a.dtype.kind, "tensor": tensor,
           "py": type(x) in numbers or isinstance(x, np.generic), "type": type(x).__name__}
    if out["py"] and a.dtype.kind in "iu":
        a = a.astype(np.float64)  # Python's 3 and 3.0 are the same answer
    if a.dtype.kind in "biu" or a.size <= SMALL:
        if a.dtype.kind in "fc":
            with np.errstate(all="ignore"):
                scale = float(np.max(np.abs(a[np.isfinite(a)]))) if np.isfinite(a).any() else 0.0
                q = np.where(np.abs(a) <= 1e-9 * max(scale, 1e-300), 0, a)
                text = np.array2string(np.asarray(q).astype(np.complex128 if a.dtype.kind == "c" else np.float64),
                                       precision=3, floatmode="maxprec", formatter={"float": lambda v: f"{v:.3e}"},
                                       threshold=SMALL + 1)
        else:
            text = np.array2string(a.astype(np.int64) if a.dtype.kind in "biu" else a, threshold=a.size + 1)
        out["h"] = _hash(text)
        return out
    v = a.astype(np.complex128 if a.dtype.kind == "c" else np.float64).ravel()
    bad = ~np.isfinite(v)
    out["nonfinite"] = int(bad.sum())
    v = np.where(bad, 0.0, v)
    w = np.random.default_rng(a.size).standard_normal((PROJECTIONS, a.size))
    p = w @ v
    r9 = lambda z: float(f"{z:.9g}")  # noqa: E731 -- nine digits are far finer than any tolerance here
    out["p"] = [[r9(z.real), r9(z.imag)] for z in p] if a.dtype.kind == "c" else [r9(z) for z in p]
    out["norm"] = r9(float(np.linalg.norm(v)))
    out["single"] = a.dtype.itemsize <= 4 or (a.dtype.kind == "c" and a.dtype.itemsize <= 8)
    return out


def sketch(o: Outcome | None) -> dict | None:
    """What may be shipped about one call's outcome (see the note above)."""
    if o is None:
        return None
    if o.raised:
        return {"raised": o.raised, "mutated": list(o.mutated)}
    return {"mutated": list(o.mutated), "value": _sketch_value(o.value) if o.comparable else {"t": "?"}}


def _same_value_sketch(a: dict, b: dict, exact: bool) -> bool | None:
    if a["t"] == "?" or b["t"] == "?":
        return None
    if a["t"] != b["t"]:
        return False
    if a["t"] == "h":
        return a["h"] == b["h"]
    if a["t"] in ("l", "d"):
        if exact and a.get("c") != b.get("c"):
            return False
        ia, ib = a["items"], b["items"]
        if (len(ia) != len(ib)) if a["t"] == "l" else (set(ia) != set(ib)):
            return False
        pairs = zip(ia, ib) if a["t"] == "l" else ((ia[k], ib[k]) for k in ia)
        results = [_same_value_sketch(x, y, exact) for x, y in pairs]
        return False if False in results else (None if None in results else True)
    if a["shape"] != b["shape"] or (exact and (a["dtype"] != b["dtype"] or a["tensor"] != b["tensor"]
                                               or a.get("type") != b.get("type"))):
        return False
    loose = {"i": "n", "u": "n", "f": "n"} if (a["py"] and b["py"]) else {"u": "i"}
    if loose.get(a["kind"], a["kind"]) != loose.get(b["kind"], b["kind"]):
        return False
    if ("h" in a) != ("h" in b):
        return None  # an int array and a small float one, say: kinds already decided
    if "h" in a:
        return a["h"] == b["h"]
    if a["nonfinite"] != b["nonfinite"]:
        return False
    n = float(np.prod(a["shape"]))
    rtol = RTOL if (a["single"] or b["single"]) else RTOL64
    tol = rtol * math.sqrt(n) * max(a["norm"], b["norm"])
    pa, pb = np.asarray(a["p"], dtype=float), np.asarray(b["p"], dtype=float)
    return bool(abs(a["norm"] - b["norm"]) <= tol and np.all(np.abs(pa - pb) <= tol))


def same_sketch(a: dict | None, b: dict | None, exact: bool = False) -> bool | None:
    if a is None or b is None:
        return None
    if a.get("raised") or b.get("raised"):
        return a.get("raised") == b.get("raised") and a["mutated"] == b["mutated"]
    if a["mutated"] != b["mutated"]:
        return False
    return _same_value_sketch(a["value"], b["value"], exact)
