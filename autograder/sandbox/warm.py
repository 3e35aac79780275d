"""Warm workers: a grading slot's zygote, which imports once and forks a sandboxed worker per notebook.

Starting a cold worker costs a new Python, NumPy and IPython, and the notebook's own
imports of Matplotlib, scikit-learn, PyTorch and ``course``: seconds that every
notebook pays the same.  A slot instead keeps one :class:`Zygote` (``zygote.py``,
inside a bubblewrap of its own with no student file in it) that has paid them once,
and :class:`~.client.Sandbox` asks it for each notebook's worker.  Each worker is a
fresh fork that enters its own namespaces, cgroups and tmpfs mounts and drops every
capability before it reads a byte from the grader; see ``zygote.py`` for the steps and
``docs/grading.md`` for why nothing passes from one student to the next.

Where the zygote cannot serve (no root for bubblewrap's namespaces, a zygote that dies
again and again, a thread it should not have), a sandbox simply starts cold.
"""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager

from .client import HERE, SANDBOX_ENV, SANDBOX_HOME, VENV_HOME, bwrap_path, sandbox_mounts


class ZygoteUnavailable(Exception):
    """The zygote cannot fork a worker now; the sandbox starts cold instead."""


class Zygote:
    """One slot's warm parent of student workers (``sandboxed``: inside bubblewrap; else a plain process)."""

    READY_SECONDS = 300  # its imports, on a machine busy grading
    MAX_STARTS = 3  # a zygote that died this often is not started again: workers start cold
    TMP_MB = 64  # the zygote's own /tmp (matplotlib's font cache); each worker mounts its own

    def __init__(self, sandboxed: bool = True, preload: list[str] | None = None):
        self.sandboxed = sandboxed
        self.preload = preload  # the modules to import once (None: zygote.PRELOAD, what the chapters use)
        self.proc: subprocess.Popen | None = None
        self.ctl: socket.socket | None = None
        self.info: dict | None = None  # the zygote's "ready" message
        self.broken: str | None = None  # why it is not used (then every sandbox starts cold)
        self.starts = 0
        self.spawned = 0
        self.lock = threading.Lock()

    def start(self) -> None:
        """Start the zygote; its imports run while the slot does other work (the first spawn waits for them)."""
        if self.sandboxed and (os.geteuid() != 0 or not bwrap_path()):
            # Making the worker's namespaces and mounts from a sandbox needs bubblewrap run by root.
            self.broken = "warm sandboxes need root and bubblewrap"
            return
        self.starts += 1
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fds = [theirs.fileno()]
        if self.sandboxed:
            opts = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                    "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                    "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETFCAP", "--cap-add", "CAP_SETPCAP",
                    "--clearenv",
                    *sandbox_mounts(self.TMP_MB, None), "--chdir", "/tmp"]
            a_r, a_w = os.pipe()
            os.write(a_w, b"".join(os.fsencode(o) + b"\0" for o in opts))  # as a cold sandbox's: via a pipe
            os.close(a_w)
            fds.append(a_r)
            cmd = [bwrap_path(), "--args", str(a_r), f"{VENV_HOME}/bin/python", "-B", f"{SANDBOX_HOME}/zygote.py",
                   str(theirs.fileno())]
            env = {"env": SANDBOX_ENV, "sandboxed": True}
        else:
            cmd = [sys.executable, "-B", str(HERE / "zygote.py"), str(theirs.fileno())]
            env = {"env": {"PATH": os.environ.get("PATH", ""), "HOME": os.path.expanduser("~"),
                           "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}, "sandboxed": False}
        if self.preload is not None:
            env["preload"] = list(self.preload)
        try:
            # An empty environment: every worker's /proc/1/environ is the zygote's, and so shows nothing.
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, pass_fds=tuple(fds), env={},
                                         start_new_session=True)
            ours.send(json.dumps(env).encode())
        except OSError as exc:
            self.broken = f"the zygote could not start ({exc})"
            ours.close()
            return
        finally:
            for fd in fds:
                os.close(fd)
        self.ctl, self.info = ours, None

    def _ready(self, timeout: float | None = None) -> None:
        if self.info is not None:
            return
        timeout = self.READY_SECONDS if timeout is None else timeout
        if not select.select([self.ctl], [], [], timeout)[0]:
            raise ZygoteUnavailable(f"the zygote was not ready after {timeout:g} s")
        msg = self._reply()
        if msg.get("op") != "ready":
            raise ZygoteUnavailable("the zygote did not start")
        if msg.get("threads") != 1:
            self.broken = f"the zygote runs {msg.get('threads')} threads after its imports: forking it is not safe"
            raise ZygoteUnavailable(self.broken)
        self.info = msg

    def _reply(self) -> dict:
        try:
            data = self.ctl.recv(1 << 16)
        except OSError:
            data = b""
        if not data:
            raise ZygoteUnavailable("the zygote exited")
        return json.loads(data)

    def spawn(self, request: dict, fds: list[int]) -> None:
        """Fork a worker for ``request`` (limits, mode) on ``fds`` (protocol in and out, status, cgroup.procs)."""
        with self.lock:
            for attempt in range(2):
                if self.broken:
                    raise ZygoteUnavailable(self.broken)
                if self.proc is None or self.proc.poll() is not None:
                    self._restart()
                    continue
                try:
                    self._ready()
                    socket.send_fds(self.ctl, [json.dumps(request).encode()], fds)
                    if not select.select([self.ctl], [], [], 60)[0]:
                        raise ZygoteUnavailable("the zygote did not answer")
                    msg = self._reply()
                except (OSError, ZygoteUnavailable, ValueError) as exc:
                    if self.broken:
                        raise ZygoteUnavailable(self.broken) from None
                    self._stop()  # hung or dead: a fresh one next time round
                    if attempt:
                        raise ZygoteUnavailable(str(exc)) from None
                    continue
                if msg.get("op") == "spawned":
                    self.spawned += 1
                    return
                self.broken = str(msg.get("why", "the zygote refused to fork"))
            raise ZygoteUnavailable(self.broken or "the zygote could not fork a worker")

    def _restart(self) -> None:
        self._stop()
        if self.starts >= self.MAX_STARTS:
            self.broken = f"the zygote died {self.starts} times"
            return
        self.start()

    def _stop(self) -> None:
        if self.ctl is not None:
            self.ctl.close()
            self.ctl = None
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            self.proc = None

    def close(self) -> None:
        with self.lock:
            self._stop()


_CURRENT: dict[bool, Zygote] = {}  # sandboxed -> the zygote this process's sandboxes start from


def current_zygote(sandboxed: bool) -> Zygote | None:
    """The zygote sandboxes of this mode start from here (a grading slot's), or None: start cold."""
    z = _CURRENT.get(sandboxed)
    return z if z is not None and not z.broken else None


def slot_zygote(sandboxed: bool, preload: list[str] | None = None) -> Zygote:
    """This process's zygote for ``sandboxed``, started the first time it is asked for (importing ``preload``).

    It serves every sandbox this process starts from then on; it ends with the process
    (bubblewrap's --die-with-parent) or with :func:`close_zygotes`.
    """
    z = _CURRENT.get(sandboxed)
    if z is None:
        z = _CURRENT[sandboxed] = Zygote(sandboxed, preload)
        z.start()
    return z


def close_zygotes() -> None:
    while _CURRENT:
        _CURRENT.popitem()[1].close()


@contextmanager
def warm(sandboxed: bool = True):
    """Sandboxes started inside this block come from a zygote of their own (for tests and one-off runs)."""
    before = _CURRENT.pop(sandboxed, None)
    z = slot_zygote(sandboxed)
    try:
        yield z
    finally:
        z.close()
        _CURRENT.pop(sandboxed, None)
        if before is not None:
            _CURRENT[sandboxed] = before


def wait_ready(z: Zygote, timeout: float | None = None) -> dict | None:
    """The zygote's "ready" report (what it imported, its threads, seconds), or None where it is not in use."""
    with z.lock:
        if z.broken or z.ctl is None:
            return None
        try:
            z._ready(timeout)
        except ZygoteUnavailable:
            return None
        return z.info
