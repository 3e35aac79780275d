"""The grader's side of a sandboxed worker: start it, bound it, talk to it.

A :class:`Sandbox` owns one worker process (inside bubblewrap when available)
with its own cgroups for memory and process count.  Test code sees student
functions and objects only through :class:`StudentObject` proxies: calling
them or reading their attributes sends data to the worker and decodes data
back; everything else about them raises ``TypeError``.
"""
from __future__ import annotations

import builtins
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .protocol import ProtocolError, decode, encode, read_msg, write_msg

HERE = Path(__file__).resolve().parent
SANDBOX_HOME = "/opt/dlgrader"  # where the sandbox sees this folder, the venv and `course`
VENV_HOME = "/opt/venv"
COURSE_HOME = "/opt/dlcourse"


class SandboxError(RuntimeError):
    """The worker died, hung, broke the protocol or could not start."""


class InstructorCellNeedsStudent(BaseException):
    """Raised on the grader's side when an instructor cell (not a test) reaches for student code.

    Such cells (plots, demos) run only on the student's side; on the grader's
    side the cell just stops here.  A BaseException, so that ``except Exception``
    in instructor code does not swallow it.
    """


class BudgetSpent(TimeoutError):
    """A test cell used up its time budget: no further call into student code is made."""

    def __init__(self, seconds: float):
        super().__init__(f"this test ran past its time limit of {seconds:g} s in all (every call into your code "
                         "counts towards it); make your code faster")


class SandboxUnavailable(SandboxError):
    """bubblewrap is missing or cannot create namespaces here."""


@dataclass
class Limits:
    call_timeout: float = 60.0  # seconds for one cell or call inside the worker
    memory_mb: int = 3072
    max_pids: int = 64
    tmp_mb: int = 256


_EXC_CACHE: dict[str, type] = {}


def student_exception(ename: str, evalue: str, tb: str, builtin: bool) -> BaseException:
    """An exception to raise on the grader's side for one raised by student code.

    For builtin exception names it is a subclass of that builtin with the same
    name, so ``pytest.raises(ValueError)`` and the stub check
    (``NotImplementedError``) keep working.
    """
    base = getattr(builtins, ename, None) if builtin else None
    if not (isinstance(base, type) and issubclass(base, Exception)):
        base = RuntimeError
    key = f"{ename}:{base.__name__}"
    if key not in _EXC_CACHE:
        _EXC_CACHE[key] = type(ename if base is not RuntimeError else f"Student{ename}"[:60], (base,),
                               {"__module__": "student", "student_traceback": ""})
    exc = _EXC_CACHE[key](evalue)
    exc.student_traceback = tb
    return exc


def _cgroup_root(controller: str) -> Path | None:
    p = Path("/sys/fs/cgroup") / controller
    return p if (p / "cgroup.procs").exists() and os.access(p, os.W_OK) else None


def enter_memory_cgroup(name: str, memory_mb: int) -> bool:
    """Move this process into a new memory cgroup limited to ``memory_mb``; False where cgroups are not ours."""
    root = _cgroup_root("memory")
    if root is None:
        return False
    d = root / name
    try:
        d.mkdir(exist_ok=True)
        (d / "memory.limit_in_bytes").write_text(str(memory_mb << 20))
        (d / "cgroup.procs").write_text(str(os.getpid()))
        return True
    except OSError:
        return False


def remove_stale_cgroups() -> int:
    """Remove the empty cgroups an earlier, killed grader left behind; returns how many went.

    Only empty groups are removed (``rmdir`` refuses others), and only those older
    than a minute, so a grader running beside this one keeps even the group it has
    just made and not yet entered.
    """
    gone, now = 0, time.time()
    for controller in ("memory", "pids"):
        root = _cgroup_root(controller)
        for d in root.glob("dlgrader-*") if root else []:
            try:
                if now - d.stat().st_mtime < 60:
                    continue
                d.rmdir()
                gone += 1
            except OSError:
                pass
    return gone


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def check_sandbox() -> None:
    """Raise :class:`SandboxUnavailable` with what to do when bubblewrap cannot run here."""
    bw = bwrap_path()
    if not bw:
        raise SandboxUnavailable("bubblewrap (bwrap) is not installed: run `apt-get install bubblewrap` "
                                 "(as root), or `make setup` as root, then grade again")
    r = subprocess.run([bw, "--unshare-all", "--ro-bind", "/", "/", "true"], capture_output=True, text=True)
    if r.returncode != 0:
        raise SandboxUnavailable(f"bubblewrap cannot create a sandbox here: {r.stderr.strip()} "
                                 "(user namespaces may be disabled; see docs/grading.md)")


#: The worker's environment in the sandbox, which starts from an empty one.
SANDBOX_ENV = {"HOME": "/tmp", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLCONFIGDIR": "/tmp/.mpl",
               "PYTHONDONTWRITEBYTECODE": "1",
               # `course` from its mount, ahead of the editable install's pointer into the instructor's tree
               "PYTHONPATH": COURSE_HOME, "PATH": f"{VENV_HOME}/bin:/usr/bin"}


def sandbox_mounts(tmp_mb: int, submission: Path | None) -> list[str]:
    """bubblewrap's file system for a worker (its submission at /submission) or a slot's zygote (none)."""
    venv = Path(sys.prefix)
    base = Path(sys.base_prefix).resolve()
    course_pkg = Path(importlib.util.find_spec("course.testing").origin).resolve().parent
    opts = ["--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
            "--proc", "/proc", "--dev", "/dev",
            # Both writable folders are fresh, size-limited tmpfs mounts of this sandbox alone:
            # nothing one notebook writes there is seen by the next.
            "--size", str(tmp_mb << 20), "--tmpfs", "/tmp",
            "--perms", "1777", "--size", str(tmp_mb << 20), "--tmpfs", "/dev/shm",
            "--ro-bind", str(base), str(base), "--ro-bind", str(venv), VENV_HOME,
            "--ro-bind", str(course_pkg), f"{COURSE_HOME}/course",
            "--ro-bind", str(HERE), SANDBOX_HOME]
    if submission is not None:
        opts += ["--ro-bind", str(submission), "/submission"]
    mpl_cache = Path.home() / ".cache" / "matplotlib"
    if mpl_cache.is_dir():
        opts += ["--ro-bind", str(mpl_cache), "/opt/mplcache"]
    return opts


class Sandbox:
    """One worker process for one notebook; use as a context manager.

    Inside a grading slot the worker is a fork of the slot's warm zygote (see
    :mod:`.warm`), sandboxed as it forks; elsewhere, or where the zygote cannot
    serve, it is a fresh process in a bubblewrap of its own.
    """

    def __init__(self, workdir: Path, limits: Limits | None = None, sandboxed: bool = True):
        self.workdir = Path(workdir)
        self.limits = limits or Limits()
        self.sandboxed = sandboxed
        self.proc: subprocess.Popen | None = None
        self.seq = 0
        self.callbacks: dict[int, object] = {}
        self.cgroups: list[Path] = []
        self.restarts = 0
        self.printed: list[str] = []  # what student code printed during calls, for the test cell's stdout
        self.allow_calls = True
        # While a test's calls are kept for diagnosis: an object with handles(id) and call(id, fn, args, kwargs)
        # (autograder.sandbox.executor._Watch)
        self.recording = None
        # When set (monotonic seconds), every request must finish by then: a test cell's
        # budget covers all its calls into student code together, not each one alone.
        self.budget_end: float | None = None
        self.budget_seconds = 0.0
        self.status = None  # warm: our end of the channel to the worker's supervisor (see .zygote)
        self._ended: dict = {}  # what the supervisor reported: the worker's exit code, or why it could not start

    # -- process --------------------------------------------------------------
    def _command(self, fd_in: int, fd_out: int) -> tuple[list[str], list[str]]:
        """bubblewrap's options and the worker's command line.

        Nothing inside names the instructor's tree: the virtual environment, the
        ``course`` package and this folder are mounted under ``/opt``, and the options
        (which name host paths) reach bubblewrap through a pipe (``--args``), so the
        sandbox's ``/proc/1/cmdline`` shows none of them.
        """
        py = Path(sys.executable)
        if not self.sandboxed:
            return [], [str(py), str(HERE / "worker.py"), str(fd_in), str(fd_out)]
        opts = ["--unshare-all", "--die-with-parent", "--new-session",
                "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL", "--clearenv",
                *sandbox_mounts(self.limits.tmp_mb, self.workdir),
                *[o for k, v in SANDBOX_ENV.items() for o in ("--setenv", k, v)], "--chdir", "/tmp"]
        return opts, [f"{VENV_HOME}/bin/python", f"{SANDBOX_HOME}/worker.py", str(fd_in), str(fd_out)]

    def _make_cgroups(self) -> list[Path]:
        made = []
        tag = f"dlgrader-{uuid.uuid4().hex[:12]}"
        for controller, fname, value in (("memory", "memory.limit_in_bytes", self.limits.memory_mb << 20),
                                         ("pids", "pids.max", self.limits.max_pids)):
            root = _cgroup_root(controller)
            if root is None:
                continue
            d = root / tag
            try:
                d.mkdir()
                (d / fname).write_text(str(value))
                if controller == "memory" and (d / "memory.memsw.limit_in_bytes").exists():
                    (d / "memory.memsw.limit_in_bytes").write_text(str(value))
                made.append(d)
            except OSError:
                continue
        return made

    def start(self) -> None:
        from .warm import current_zygote

        zygote = current_zygote(self.sandboxed)
        if zygote is not None and self._start_warm(zygote):
            return
        if self.sandboxed and not bwrap_path():
            check_sandbox()
        self.cgroups = self._make_cgroups()
        r_in, w_in = os.pipe()
        r_out, w_out = os.pipe()
        limits, cgroups = self.limits, [str(c / "cgroup.procs") for c in self.cgroups]

        def enter_limits():  # runs in the child between fork and exec
            for procs in cgroups:
                with open(procs, "w") as f:
                    f.write(str(os.getpid()))
            if not cgroups:  # no cgroups (not root): fall back to rlimits
                import resource

                mem = limits.memory_mb << 20
                resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
                resource.setrlimit(resource.RLIMIT_NPROC, (limits.max_pids, limits.max_pids))

        opts, program = self._command(r_in, w_out)
        fds = [r_in, w_out]
        if self.sandboxed:
            a_r, a_w = os.pipe()
            os.write(a_w, b"".join(os.fsencode(o) + b"\0" for o in opts))  # a few KB: fits the pipe's buffer
            os.close(a_w)
            fds.append(a_r)
            cmd = [bwrap_path(), "--args", str(a_r), *program]
        else:
            cmd = program
        # bubblewrap's own processes (the sandbox's PID 1 among them, whose /proc/1/environ
        # student code can read) start from an empty environment: nothing of the grader's
        # shell (tokens, database passwords) enters; --setenv gives the worker what it needs.
        env = {} if self.sandboxed else {"PATH": os.environ.get("PATH", ""), "OMP_NUM_THREADS": "1",
                                         "HOME": str(self.workdir), "MPLBACKEND": "Agg"}
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, pass_fds=tuple(fds),
                                     preexec_fn=enter_limits, start_new_session=True, env=env,
                                     cwd=str(self.workdir) if not self.sandboxed else None)
        for fd in fds:
            os.close(fd)
        self.w = os.fdopen(w_in, "wb")
        self.r = os.fdopen(r_out, "rb", buffering=0)
        self._send({"op": "hello", "call_timeout": limits.call_timeout, "copy_from": "/submission"
                    if self.sandboxed else None})
        hello = self._recv(deadline=time.monotonic() + 60)[0]
        if hello.get("op") != "ready":
            raise SandboxError("the worker did not start")

    def _start_warm(self, zygote) -> bool:
        """Start the worker as a fork of the slot's zygote; False where the zygote cannot serve (start cold then)."""
        import socket

        from .warm import ZygoteUnavailable

        self.cgroups = self._make_cgroups()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        r_in, w_in = os.pipe()
        r_out, w_out = os.pipe()
        fds = [r_in, w_out, theirs.fileno()]
        try:
            for c in self.cgroups:  # opened here: the worker moves itself in with our credentials
                fds.append(os.open(c / "cgroup.procs", os.O_WRONLY | os.O_CLOEXEC))
            zygote.spawn({"sandboxed": self.sandboxed, "tmp_mb": self.limits.tmp_mb,
                          "memory_mb": self.limits.memory_mb, "max_pids": self.limits.max_pids,
                          "workdir": str(self.workdir)}, fds)
        except (ZygoteUnavailable, OSError):
            for fd in (w_in, r_out):
                os.close(fd)
            ours.close()
            self.kill()
            return False
        finally:
            for fd in fds[:2] + fds[3:]:
                os.close(fd)
            theirs.close()
        self.status = ours
        self.w = os.fdopen(w_in, "wb")
        self.r = os.fdopen(r_out, "rb", buffering=0)
        # Nothing of the host is mounted in a warm sandbox: the student's files come with the hello.
        names, blobs = _folder_files(self.workdir) if self.sandboxed else (None, [])
        try:
            self._send({"op": "hello", "call_timeout": self.limits.call_timeout, "files": names}, blobs)
            hello = self._recv(deadline=time.monotonic() + 60)[0]
        except SandboxError:
            self._warm_end(1)
            if "setup" not in self._ended:
                raise
            zygote.broken = f"a worker could not enter its sandbox ({self._ended['setup']})"
            self.kill()
            return False
        if hello.get("op") != "ready":
            raise SandboxError("the worker did not start")
        return True

    def _warm_end(self, timeout: float) -> dict:
        """What the supervisor said about the worker's end (waiting up to ``timeout`` s for its exit code)."""
        import json
        import select

        deadline = time.monotonic() + timeout
        while self.status is not None and "exit" not in self._ended:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.status], [], [], left)[0]:
                break
            try:
                msg = json.loads(self.status.recv(1 << 16) or b"null")
            except (OSError, ValueError):
                msg = None
            if not isinstance(msg, dict):  # the supervisor is gone: there is nothing more to learn
                self._ended.setdefault("exit", None)
                break
            if type(msg.get("exit")) is int:
                self._ended["exit"] = msg["exit"]
            if type(msg.get("setup_error")) is str:
                self._ended["setup"] = msg["setup_error"][:500]
        return self._ended

    def kill(self) -> None:
        if self.status is not None:  # warm: the supervisor kills the worker, the PID 1 of its namespace
            try:
                self.status.send(b"kill")
            except OSError:
                pass
            self._warm_end(10)
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        for c in self.cgroups:  # kill stragglers that left the process group, then remove the group
            for pid in (c / "cgroup.procs").read_text().split() if (c / "cgroup.procs").exists() else []:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            for _ in range(50):
                try:
                    c.rmdir()
                    break
                except OSError:
                    time.sleep(0.05)
        self.cgroups = []
        for f in (getattr(self, "w", None), getattr(self, "r", None), self.status):
            try:
                f and f.close()
            except OSError:
                pass
        self.proc = self.status = None

    def close(self) -> None:
        self.kill()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def died_because(self) -> str:
        """A sentence on why the worker is gone, for feedback."""
        if self.status is not None:
            ended = self._warm_end(1)
            if "setup" in ended:
                return f"the student process could not enter its sandbox ({ended['setup']})"
            code = ended.get("exit")
        elif self.proc is None:
            return "the worker was stopped"
        else:
            try:
                code = self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        for c in self.cgroups:
            oom = c / "memory.oom_control"
            if oom.exists() and any(line.split()[:1] == ["oom_kill"] and line.split()[1] != "0"
                                    for line in oom.read_text().splitlines()):
                return f"student code used more than the memory limit of {self.limits.memory_mb} MB"
        if code is None:
            return "student code stopped responding"
        if code < 0:
            return f"the student process was killed by signal {-code}"
        return f"the student process exited with status {code}"

    # -- messages -------------------------------------------------------------
    def _send(self, header: dict, blobs=()) -> None:
        try:
            write_msg(self.w, header, list(blobs))
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise SandboxError(f"{self.died_because()} ({exc})") from None

    def _recv(self, deadline: float) -> tuple[dict, list[bytes]]:
        import select

        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self.r], [], [], left)[0]:
            raise SandboxError("student code ran past the grader's time limit")
        try:
            return read_msg(self.r)
        except ProtocolError as exc:
            raise SandboxError(f"the grader refused what your code sent back: {exc}") from None
        except (EOFError, OSError, ValueError) as exc:
            raise SandboxError(f"{self.died_because()} ({exc})") from None

    def _encode_arg(self, v):
        if isinstance(v, StudentObject):
            return {"t": "h", "id": object.__getattribute__(v, "_id")}
        if callable(v):
            i = len(self.callbacks) + 1
            self.callbacks[i] = v
            return {"t": "cb", "id": i}
        raise TypeError(f"a {type(v).__name__} cannot be passed to student code")

    def _decode_ref(self, ref):
        if ref.get("t") == "h" and type(ref.get("id")) is int:
            tn = ref.get("type")
            return StudentObject(self, ref["id"], tn if type(tn) is str else "object")
        raise ProtocolError("unexpected reference from the worker")

    def request(self, op: str, blobs=(), timeout: float | None = None, **fields):
        """Send one request; serve callbacks until its reply; return ``(ok, value, error, outputs)``."""
        limit = min(timeout or self.limits.call_timeout, self.limits.call_timeout)
        if self.budget_end is not None:
            left = self.budget_end - time.monotonic()
            if left <= 0.01:  # too little to start a call in; the worker's timer would fire at once
                raise BudgetSpent(self.budget_seconds)
            limit = min(limit, left)
        self.seq += 1
        seq = self.seq
        self._send({"op": op, "seq": seq, "limit": limit, **fields}, blobs)
        deadline = time.monotonic() + limit + 5  # the worker's own timer fires at `limit`; this is the backstop
        while True:
            msg, rblobs = self._recv(deadline)
            if msg.get("op") == "callback":
                self._serve_callback(msg, rblobs)
                continue
            if msg.get("op") != "reply" or msg.get("seq") != seq:
                raise SandboxError("the worker sent an unexpected message")
            outputs = msg.get("outputs")
            if type(outputs) is not list:
                raise SandboxError("the worker sent malformed outputs")
            ok = msg.get("ok") is True
            try:
                value = decode(msg.get("value"), rblobs, self._decode_ref) if ok else None
            except ProtocolError as exc:
                raise SandboxError(f"the worker sent data the grader refuses: {exc}") from None
            err = msg.get("error") if not ok else None
            if not ok and (type(err) is not dict or not all(type(err.get(k)) is str for k in ("ename", "evalue"))
                           or type(err.get("traceback", "")) is not str):
                raise SandboxError("the worker sent a malformed error")
            extra = {k: msg[k] for k in ("mutated",) if k in msg}
            return ok, value, err, outputs, extra

    def _serve_callback(self, msg, blobs):
        fn = self.callbacks.get(msg.get("id"))
        try:
            payload = decode(msg.get("payload"), blobs, self._decode_ref)
            if type(payload) is not list or len(payload) != 2:
                raise ProtocolError("bad callback")
            args, kwargs = payload
            if fn is None or type(args) is not list or type(kwargs) is not dict:
                raise ProtocolError("bad callback")
            value, vblobs = encode(fn(*args, **kwargs), self._encode_arg)
            self._send({"op": "callback_result", "value": value}, vblobs)
        except ProtocolError as exc:
            raise SandboxError(f"the worker sent a malformed callback: {exc}") from None
        except Exception as exc:  # the grader's function failed on the student's input
            self._send({"op": "callback_error", "ename": type(exc).__name__, "evalue": str(exc)[:500]})

    def _printed(self, outputs):
        for o in outputs:
            if type(o) is dict and o.get("output_type") == "stream" and type(o.get("text")) is str:
                self.printed.append(o["text"][:100_000])

    def call(self, op: str, payload=None, **fields):
        """A request whose failure is raised as the student's exception; returns ``(value, extra)``.

        ``payload`` (arguments, a value to assign, ...) is encoded as data; the
        other fields are plain JSON chosen by the grader.
        """
        tagged, blobs = encode(payload, self._encode_arg)
        if not self.allow_calls:
            raise InstructorCellNeedsStudent()
        ok, value, err, outputs, extra = self.request(op, blobs, payload=tagged, **fields)
        self._printed(outputs)
        if not ok and err["ename"] == "TimeoutError" and self.budget_end is not None \
                and time.monotonic() >= self.budget_end - 0.05:
            raise BudgetSpent(self.budget_seconds)  # the worker's timer fired at the end of the test's budget
        if not ok:
            raise student_exception(err["ename"], err["evalue"], err.get("traceback", ""), err.get("builtin") is True)
        return value, extra

    def run_cell(self, code: str, timeout: float | None = None):
        """Run a cell on the student side; returns ``(ok, outputs)`` (nbformat output dicts)."""
        ok, _, err, outputs, _ = self.request("run", code=code, timeout=timeout)
        return ok, outputs


def _folder_files(root: Path) -> tuple[list[str], list[bytes]]:
    """The regular files under ``root`` (never through a link), as relative names and contents."""
    names, blobs = [], []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if not path.is_symlink() and path.is_file():
                names.append(path.relative_to(root).as_posix())
                blobs.append(path.read_bytes())
    return names, blobs


def _deny(what):
    def method(self, *args, **kwargs):
        raise TypeError(f"the grader cannot {what} an object made by student code; "
                        "compare the data it returns instead")
    return method


class StudentObject:
    """An object that lives in the student's process.  Only calls and attribute access go through."""

    __slots__ = ("_sandbox", "_id", "_type")

    def __init__(self, sandbox: Sandbox, hid: int, typename: str):
        object.__setattr__(self, "_sandbox", sandbox)
        object.__setattr__(self, "_id", hid)
        object.__setattr__(self, "_type", typename)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        sb = object.__getattribute__(self, "_sandbox")
        value, _ = sb.call("getattr", target={"t": "h", "id": object.__getattribute__(self, "_id")}, name=name)
        return value

    def __setattr__(self, name, value):
        sb = object.__getattribute__(self, "_sandbox")
        sb.call("setattr", value, target={"t": "h", "id": object.__getattribute__(self, "_id")}, name=name)

    def __call__(self, *args, **kwargs):
        sb = object.__getattribute__(self, "_sandbox")
        return _call(sb, {"t": "h", "id": object.__getattribute__(self, "_id")}, args, kwargs)

    def __repr__(self):
        return f"<student {object.__getattribute__(self, '_type')} object>"

    def __remote_vjp__(self, inputs, grad_out, wrt=None):
        """course.testing.vjp on a student object: the backward pass runs in the worker."""
        sb = object.__getattribute__(self, "_sandbox")
        value, _ = sb.call("vjp", [list(inputs), grad_out, None if wrt is None else [int(i) for i in wrt]],
                           target={"t": "h", "id": object.__getattribute__(self, "_id")})
        return value

    __eq__ = _deny("compare")
    __ne__ = _deny("compare")
    __lt__ = __le__ = __gt__ = __ge__ = _deny("compare")
    __hash__ = None
    __bool__ = _deny("take the truth value of")
    __len__ = _deny("take the length of")
    __iter__ = _deny("iterate over")
    __contains__ = _deny("search")
    __getitem__ = _deny("index")
    __setitem__ = _deny("index")
    __array__ = _deny("convert to an array")
    __index__ = __int__ = __float__ = __complex__ = _deny("convert to a number")
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _deny("do arithmetic with")
    __truediv__ = __rtruediv__ = __matmul__ = __rmatmul__ = __pow__ = __neg__ = _deny("do arithmetic with")


def _call(sb: Sandbox, target: dict, args, kwargs):
    rec = sb.recording
    if rec is not None and rec.handles(target.get("id")):
        # The test called an exercise's function or class: keep what went in and what came back, to name
        # the mistake if the test fails (arguments are copied before the call: student code may change them).
        return rec.call(target["id"], lambda *a, **k: _plain_call(sb, target, a, k), args, kwargs)
    return _plain_call(sb, target, args, kwargs)


def _plain_call(sb: Sandbox, target: dict, args, kwargs):
    # NumPy's error handling travels with the call: a test's `with np.errstate(over="raise")` holds for
    # student code as in a student's kernel.
    value, extra = sb.call("call", [list(args), kwargs], target=target,
                           errstate={k: v for k, v in np.geterr().items() if v in ("ignore", "warn", "raise", "print")})
    if extra.get("mutated"):
        # The student function changed arguments in place: mirror that here, so that a test's
        # assert_unchanged sees what a student's kernel would.
        value, changed = value
        for key, new in zip(extra["mutated"], changed):
            key = str(key)
            if key.startswith("k:"):
                target = kwargs.get(key[2:]) if type(kwargs) is dict else None
            else:
                i = int(key) if key.isdigit() else -1
                target = args[i] if 0 <= i < len(args) else None
            _mirror(target, new)
    return value


def _mirror(target, new):
    """Make ``target`` (the test's argument) hold ``new`` (what it became in the sandbox), in place.

    Containers are mirrored element by element, so an array the test still holds a name for
    (``W`` of ``params = {"W": W}``, ``x`` of ``cache = (x, w)``) shows the change too.
    Returns the object the container should hold from now on.
    """
    try:
        if type(target) is np.ndarray and type(new) is np.ndarray:
            if target.shape != new.shape:
                if target.size == new.size:
                    target.shape = new.shape
                else:
                    target.resize(new.shape, refcheck=False)
            np.copyto(target, new, casting="unsafe")
            return target
        if type(target) is tuple and type(new) is tuple and len(target) == len(new):
            for a, b in zip(target, new):
                _mirror(a, b)
            return target
        if type(target) is list and type(new) is list:
            kept = [_mirror(a, b) for a, b in zip(target, new)]
            target[:] = kept + list(new[len(kept):])
            return target
        if type(target) is dict and type(new) is dict:
            kept = {k: _mirror(target[k], v) if k in target else v for k, v in new.items()}
            target.clear()
            target.update(kept)
            return target
        if hasattr(target, "clone") and hasattr(new, "clone"):
            import torch

            with torch.no_grad():
                if target.shape == new.shape:
                    target.copy_(new)
                else:
                    target.data = new.to(target.dtype)
            return target
    except (ValueError, TypeError, AttributeError, RuntimeError):
        pass  # e.g. a view that cannot change its shape: only its values could have been mirrored
    return new
