"""The student side of grading: runs inside the sandbox, executes student code, answers calls.

Started as ``python worker.py IN OUT`` with the protocol on those file
descriptors, or, warm, forked by a slot's zygote (``zygote.py``), which calls
:func:`main` with a shell it made before any student was in sight.  It holds an
IPython ``InteractiveShell`` (no Jupyter kernel), runs the cells it is sent, and
serves calls on the names the grader asks for.  Whatever it returns that is not
plain data stays here behind a numbered handle.

Nothing in this process is trusted: the grader checks every reply.
"""
from __future__ import annotations

import io
import os
import signal
import sys
import traceback

import numpy as np

from protocol import decode, encode, read_msg, write_msg  # this folder is sys.path[0]

RIN = ROUT = None  # the protocol's channel, opened by main()
MAX_OUTPUT = 256 * 1024  # characters of printed text kept per request
MAX_DISPLAY = 2 << 20  # bytes of one rich display kept
MAX_DISPLAYS = 16 << 20  # bytes of rich display kept per request, all displays together

_forked = [False]


def _after_fork_in_child():
    """A process forked by student code must never speak on the grader's channel."""
    _forked[0] = True
    for f in (RIN, ROUT):
        try:
            os.close(f.fileno())
        except OSError:
            pass


handles: dict[int, object] = {}
_next_handle = [1]
call_timeout = [60.0]


class BoundedText(io.TextIOBase):
    """A write-only text stream that keeps the first MAX_OUTPUT characters."""

    def __init__(self):
        self.parts, self.size, self.dropped = [], 0, 0

    def writable(self):
        return True

    def write(self, s):
        s = str(s)
        room = MAX_OUTPUT - self.size
        if room > 0:
            self.parts.append(s[:room])
            self.size += min(len(s), room)
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def text(self):
        t = "".join(self.parts)
        return t + (f"\n[... {self.dropped} more characters of output were cut]\n" if self.dropped else "")


class Capture:
    """Redirects printing and rich display for the duration of one request."""

    def __init__(self):
        self.out, self.err, self.displays = BoundedText(), BoundedText(), []
        self.display_bytes, self.dropped_displays = 0, 0

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = self.out, self.err
        _current[0] = self
        return self

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
        _current[0] = None

    def outputs(self):
        outs = []
        if self.out.size or self.out.dropped:
            outs.append({"output_type": "stream", "name": "stdout", "text": self.out.text()})
        if self.err.size or self.err.dropped:
            outs.append({"output_type": "stream", "name": "stderr", "text": self.err.text()})
        if self.dropped_displays:
            outs.append({"output_type": "stream", "name": "stdout",
                         "text": f"[{self.dropped_displays} displays were dropped: over the size limit]\n"})
        return outs + self.displays


_current: list[Capture | None] = [None]


def _publish(data, metadata=None, **kwargs):
    cap = _current[0]
    if cap is None:
        return
    data = {k: v for k, v in (data or {}).items() if isinstance(v, str) and k in ("text/plain", "image/png", "text/html")}
    size = sum(len(v) for v in data.values())
    if data and size <= MAX_DISPLAY and cap.display_bytes + size <= MAX_DISPLAYS:
        cap.display_bytes += size
        cap.displays.append({"output_type": "display_data", "data": data, "metadata": {}})
    else:
        cap.dropped_displays += 1


_limit = [60.0]  # seconds the current request may take
# The timer raises only while student code (or the grader's code around one call) runs: fired
# anywhere else -- setting up capture, sending the reply -- it would kill the worker, and a
# test whose budget is nearly spent sends limits of a few milliseconds.
_armed = [False]
_expired = [False]


def _timeout() -> TimeoutError:
    return TimeoutError(f"this call ran past the grader's time limit ({_limit[0]:.3g} s left for it)")


def _on_alarm(signum, frame):
    _expired[0] = True
    if _armed[0]:
        _armed[0] = False
        raise _timeout()


class _StudentTime:
    """The stretch of a request during which the timer may raise."""

    def __enter__(self):
        _armed[0] = True
        if _expired[0]:  # it fired before this stretch began
            _armed[0] = False
            raise _timeout()

    def __exit__(self, *exc):
        _armed[0] = False


def _handle(obj) -> dict:
    i = _next_handle[0]
    _next_handle[0] += 1
    handles[i] = obj
    return {"t": "h", "id": i, "type": type(obj).__name__[:80]}


def _callback_stub(cb_id: int):
    def call_grader(*args, **kwargs):
        payload, blobs = encode([list(args), kwargs], _handle)
        write_msg(ROUT, {"op": "callback", "id": cb_id, "payload": payload}, blobs)
        while True:
            msg, blobs = read_msg(RIN)
            if msg.get("op") == "callback_result":
                return decode(msg.get("value"), blobs, _resolve)
            if msg.get("op") == "callback_error":
                raise RuntimeError(f"the grader's function raised {msg.get('ename')}: {msg.get('evalue')}")
            serve(msg, blobs)  # the grader may call back into us meanwhile

    return call_grader


def _resolve(ref):
    t = ref.get("t")
    if t == "h" and ref.get("id") in handles:
        return handles[ref["id"]]
    if t == "cb" and type(ref.get("id")) is int:
        return _callback_stub(ref["id"])
    if t == "name":
        return _lookup(ref.get("n"))
    raise ValueError(f"unknown reference {ref!r}")


def _lookup(name):
    ns = shell.user_ns
    if type(name) is not str or name not in ns:
        raise NameError(f"name {name!r} is not defined: did you run the cell that defines it, and keep its name?")
    return ns[name]


def _mutable(value) -> bool:
    """Arguments whose in-place changes the grader mirrors back: arrays, tensors, lists, dicts, and tuples of them."""
    if type(value) is tuple:
        return any(_mutable(v) for v in value)
    return type(value) in (np.ndarray, list, dict) or type(value).__module__.startswith("torch")


def _snapshot(value):
    if type(value) is np.ndarray:
        return value.copy()
    if type(value) in (list, tuple):
        return type(value)(_snapshot(v) for v in value)
    if type(value) is dict:
        return {k: _snapshot(v) for k, v in value.items()}
    if hasattr(value, "clone"):
        return value.detach().clone()
    return value


def _same(a, b) -> bool:
    """Equal in type, shape, dtype and every value (NaN equals NaN); never raises."""
    try:
        if hasattr(a, "clone") and hasattr(b, "clone"):  # tensors (a Parameter's snapshot is a plain tensor)
            a, b = a.detach().cpu().numpy(), b.detach().cpu().numpy()
        if type(a) is not type(b):
            return False
        if type(a) is np.ndarray:
            return a.shape == b.shape and a.dtype == b.dtype and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        if type(a) in (list, tuple):
            return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
        if type(a) is dict:
            return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
        return bool(a == b) or (a != a and b != b)
    except Exception:  # noqa: BLE001 -- anything odd counts as changed
        return False


def _payload(msg, blobs, extra: int = 0):
    """``(list, value)`` -- a call's args and kwargs, vjp's inputs and grad_out -- plus up to ``extra`` more fields."""
    value = decode(msg.get("payload"), blobs, _resolve)
    if type(value) not in (list, tuple) or not 2 <= len(value) <= 2 + extra or type(value[0]) not in (list, tuple):
        raise ValueError("malformed request")
    return [list(value[0]), *value[1:], *[None] * (2 + extra - len(value))]


def _target(msg):
    obj = _resolve(msg["target"])
    for a in msg.get("attr", []):
        obj = getattr(obj, a)
    return obj


def _error(exc) -> dict:
    tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
    # The worker's own frames say nothing useful to a student: keep theirs.
    tb = [line for line in tb if "/dlgrader/" not in line and "/IPython/core/" not in line]
    return {"ename": type(exc).__name__, "evalue": str(exc)[:4000], "traceback": "".join(tb)[-8000:],
            "builtin": type(exc).__module__ == "builtins"}


def _reply(seq, ok, value=None, error=None, outputs=(), extra=None):
    if _forked[0]:  # a forked copy of the worker came back here: it has nothing to say
        os._exit(0)
    blobs = []
    if ok:
        try:
            value, blobs = encode(value, _handle)
        except Exception as exc:  # a value too big or too deep to send
            ok, error = False, _error(exc)
    head = {"op": "reply", "seq": seq, "ok": ok, "value": value if ok else None, "error": error,
            "outputs": list(outputs)}
    if extra:
        head.update(extra)
    write_msg(ROUT, head, blobs)


def run_cell(code: str):
    with Capture() as cap:
        try:
            with _StudentTime():
                res = shell.run_cell(code, store_history=False)
            err = res.error_before_exec or res.error_in_exec
        except TimeoutError as exc:  # the time ran out before IPython could start the cell
            err = exc
    outs = cap.outputs()
    if err is not None:
        e = _error(err)
        outs.append({"output_type": "error", "ename": e["ename"], "evalue": e["evalue"],
                     "traceback": e["traceback"].splitlines()})
    return err is None, outs, (_error(err) if err is not None else None)


_saved_rng: list = []


def _is_drawing(value) -> bool:
    """A Matplotlib figure, axes or artist, a widget (or an array of axes): what demos leave behind, never graded."""
    def drawn(v):
        return type(v).__module__.startswith(("matplotlib", "ipywidgets"))

    if isinstance(value, np.ndarray) and value.dtype == object and value.size:
        return drawn(value.flat[0])
    if isinstance(value, (list, tuple)) and value:
        return drawn(value[0])
    return drawn(value)


def _state_digest(rng: str | None = None) -> dict:
    """A digest of every value the notebook's names hold (drawings aside).

    ``dlcourse check`` compares two of them around a cell tagged ``skip-when-grading``:
    a changed value means that skipping the cell could change what follows.  A value
    that cannot be digested stands as its type and identity (a rebinding still shows).
    ``rng="save"`` keeps the global random generators' states and ``"restore"`` puts them
    back, so that what runs after the cell draws what it would draw were the cell skipped.
    """
    import random
    import types

    from course.diagnosis import _digest

    torch = sys.modules.get("torch")
    if rng == "save":
        _saved_rng[:] = [random.getstate(), np.random.get_state(), torch.get_rng_state() if torch else None]
    elif rng == "restore" and _saved_rng:
        random.setstate(_saved_rng[0])
        np.random.set_state(_saved_rng[1])
        if torch is not None and _saved_rng[2] is not None:
            torch.set_rng_state(_saved_rng[2])
    hidden = set(shell.user_ns_hidden)
    out = {}
    for name, value in list(shell.user_ns.items()):
        if name.startswith("_") or name in hidden or isinstance(value, types.ModuleType) or _is_drawing(value):
            continue
        out[name] = _digest(value) or f"{type(value).__qualname__}@{id(value)}"
    # Settings a cell can change through a module, which later cells (tests among them) would inherit.  Not
    # the environment or the warning filters: libraries change those when first used (PyTorch sets
    # TORCHINDUCTOR_CACHE_DIR, SymPy adds a filter), whichever cell uses them first.
    settings = {"NumPy's error handling": np.geterr(), "NumPy's print options": np.get_printoptions(),
                "sys.path": list(sys.path), "the working folder": os.getcwd()}
    if torch is not None:
        settings.update({"PyTorch's default dtype": str(torch.get_default_dtype()),
                         "PyTorch's gradient mode": torch.is_grad_enabled(),
                         "PyTorch's deterministic mode": torch.are_deterministic_algorithms_enabled()})
    out.update({f"<{k}>": _digest(repr(v)) for k, v in settings.items()})
    return out


def _errstate(state):
    """The test's NumPy error handling around its call (``np.errstate(over="raise")`` reaches student code)."""
    import numpy as np

    modes = ("ignore", "warn", "raise", "print")
    keys = ("divide", "over", "under", "invalid")
    if type(state) is not dict:
        return np.errstate()
    return np.errstate(**{k: v for k, v in state.items() if k in keys and v in modes})


def serve(msg, blobs):
    seq, op = msg.get("seq"), msg.get("op")
    limit = msg.get("limit")
    # A request may have less time than a whole call (what is left of a test cell's budget).
    _limit[0] = min(call_timeout[0], float(limit)) if type(limit) in (int, float) and limit > 0 else call_timeout[0]
    _armed[0] = _expired[0] = False
    signal.setitimer(signal.ITIMER_REAL, _limit[0])
    try:
        if op == "run":
            ok, outs, err = run_cell(msg.get("code", ""))
            signal.setitimer(signal.ITIMER_REAL, 0)
            return _reply(seq, ok, None, err, outs)
        with Capture() as cap:
            try:
                with _StudentTime():
                    if op == "call":
                        fn = _target(msg)
                        args, kwargs = _payload(msg, blobs)
                        given = {str(i): a for i, a in enumerate(args)}
                        if type(kwargs) is dict:
                            given.update({f"k:{k}": v for k, v in kwargs.items()})
                        before = {key: _snapshot(a) for key, a in given.items() if _mutable(a)}
                        with _errstate(msg.get("errstate")):
                            value = fn(*args, **kwargs)
                        mutated = {key: given[key] for key, a in before.items() if not _same(given[key], a)}
                        extra = {"mutated": list(mutated)} if mutated else None
                        if mutated:
                            value = [value, list(mutated.values())]
                    elif op == "get":
                        value, extra = _lookup(msg.get("name")), None
                    elif op == "getattr":
                        value, extra = getattr(_resolve(msg["target"]), msg["name"]), None
                    elif op == "setattr":
                        setattr(_resolve(msg["target"]), msg["name"], decode(msg.get("payload"), blobs, _resolve))
                        value, extra = None, None
                    elif op == "vjp":
                        from course.testing import vjp

                        fn = _resolve(msg["target"])
                        inputs, grad_out, wrt = _payload(msg, blobs, extra=1)
                        value, extra = vjp(fn, *inputs, grad_out=grad_out, wrt=wrt), None
                    elif op == "delname":  # a test deleted an exercise name (nbgrader's `del name` idiom)
                        shell.user_ns.pop(str(msg.get("name")), None)
                        value, extra = None, None
                    elif op == "setname":  # ... and bound it again
                        shell.user_ns[str(msg.get("name"))] = decode(msg.get("payload"), blobs, _resolve)
                        value, extra = None, None
                    elif op == "define":  # a test defined an exercise name (e.g. an earlier exercise's reference)
                        source = decode(msg.get("payload"), blobs, _resolve)
                        if type(source) is not str:
                            raise TypeError("define takes the source of one def or class")
                        exec(compile(source, "<test>", "exec"), shell.user_ns)  # noqa: S102 -- instructor code from a test cell
                        value, extra = None, None
                    elif op == "digest":  # dlcourse check: did a demonstration tagged to be skipped change anything?
                        value, extra = _state_digest(msg.get("rng")), None
                    elif op == "release":
                        for i in msg.get("ids", []):
                            handles.pop(i, None)
                        value, extra = None, None
                    else:
                        raise ValueError(f"unknown request {op!r}")
            except BaseException as exc:  # noqa: BLE001 -- everything a student raises goes back as data
                if isinstance(exc, (SystemExit, KeyboardInterrupt)) and not isinstance(exc, Exception):
                    exc = RuntimeError(f"student code raised {type(exc).__name__}")
                signal.setitimer(signal.ITIMER_REAL, 0)
                return _reply(seq, False, None, _error(exc), cap.outputs())
        signal.setitimer(signal.ITIMER_REAL, 0)
        return _reply(seq, True, value, None, cap.outputs(), extra)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def copy_mpl_cache() -> None:
    """A ready font cache (mounted at /opt/mplcache) saves matplotlib seconds each time it starts."""
    import shutil

    if os.path.isdir("/opt/mplcache"):
        shutil.copytree("/opt/mplcache", os.environ.get("MPLCONFIGDIR", "/tmp/.mpl"), dirs_exist_ok=True)


def make_shell():
    """The IPython shell that runs student cells (history off: nothing is stored, and no saving thread runs)."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class WorkerShell(InteractiveShell):
        def enable_gui(self, gui=None):  # `%matplotlib inline` asks for this; there is no GUI here
            pass

    config = Config()
    config.HistoryManager.enabled = False
    sh = WorkerShell.instance(colors="NoColor", config=config)
    sh.display_pub.publish = _publish
    sh.showtraceback = lambda *args, **kwargs: None  # errors come back as error outputs instead
    return sh


def _write_files(names: list, blobs: list[bytes], dest: str) -> None:
    """The student's data files, sent with the hello, into the size-limited work folder."""
    os.makedirs(dest, exist_ok=True)
    for name, data in zip(names, blobs):
        parts = str(name).split("/")
        if not parts or any(p in ("", ".", "..") for p in parts):
            continue  # the grader sends relative names only; anything else is not written
        path = os.path.join(dest, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def main(fd_in: int | None = None, fd_out: int | None = None, ready_shell=None):
    """Serve the grader until it closes the channel (``ready_shell``: one a zygote made already)."""
    global shell, RIN, ROUT
    RIN = os.fdopen(int(sys.argv[1]) if fd_in is None else fd_in, "rb", buffering=0)
    ROUT = os.fdopen(int(sys.argv[2]) if fd_out is None else fd_out, "wb")
    os.register_at_fork(after_in_child=_after_fork_in_child)
    # Printing from C code or a stray os.write must never reach the protocol pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    signal.signal(signal.SIGALRM, _on_alarm)
    hello, blobs = read_msg(RIN)
    call_timeout[0] = float(hello.get("call_timeout", 60))
    if hello.get("copy_from"):
        # The submission folder is mounted read-only; work on a copy in the size-limited /tmp.
        import shutil

        shutil.copytree(hello["copy_from"], "/tmp/work", dirs_exist_ok=True)
        os.chdir("/tmp/work")
        copy_mpl_cache()
    elif type(hello.get("files")) is list:  # warm: no folder is mounted; the files come with the hello
        _write_files(hello["files"], blobs, "/tmp/work")
        os.chdir("/tmp/work")
    shell = ready_shell or make_shell()
    write_msg(ROUT, {"op": "ready", "pid": os.getpid()})
    while True:
        try:
            msg, blobs = read_msg(RIN)
        except EOFError:
            return
        serve(msg, blobs)


if __name__ == "__main__":
    main()
