"""A grading slot's warm parent of student workers: imports once, forks a sandboxed worker per notebook.

Started by :class:`autograder.sandbox.warm.Zygote` as ``python -B zygote.py CTL``, inside
bubblewrap with no student file in sight: the same read-only system, interpreter,
virtual environment and ``course`` as a worker's sandbox, its own PID, network, IPC
and UTS namespaces, and only three capabilities (``CAP_SYS_ADMIN`` to make namespaces
and mounts, ``CAP_SETFCAP``, which the kernel asks of whoever maps a user namespace onto
root, as bubblewrap maps a cold sandbox, and ``CAP_SETPCAP`` to empty the bounding set).  It imports what chapters use
(NumPy, Matplotlib, scikit-learn, PyTorch, ``course``, IPython), makes the worker's
shell, and then only forks.  Nothing a student runs ever runs in this process.

Per notebook it forks a *supervisor*, which makes a fresh mount and PID namespace and
forks the *worker*, PID 1 of that namespace.  Before any byte from the grader is read
the worker:

1. enters the notebook's own memory and pids cgroups (through ``cgroup.procs`` files
   the grader opened and passed in: the grader's credentials move it), or takes
   rlimits where there are no cgroups;
2. mounts a fresh ``/proc`` (``/proc/sys`` and friends read-only, as bubblewrap does),
   size-limited ``/tmp`` and ``/dev/shm`` and a new ``/dev/pts``: nothing the previous
   student wrote is there, and nothing of the zygote is visible;
3. makes a user namespace mapping uid and gid 65534 onto what the zygote is (as the
   cold sandbox does), then new network (loopback only), IPC, UTS and cgroup
   namespaces, and drops every capability, the bounding set included;
4. reseeds the random generators a fork would otherwise share, and serves the grader
   with the ordinary worker loop (``worker.main``).

The supervisor stays outside that namespace, reports the worker's exit status on a
channel of the grader's and kills the worker (and with it its whole namespace) when
the grader asks or goes away.  Nothing passes from one student to the next: each
worker is a fresh fork of a zygote that no student code has touched, and whatever it
changes dies with it.

Forking is safe only while the zygote has one thread: its environment caps OpenMP,
MKL and OpenBLAS at one thread before anything is imported, no PyTorch operation runs
here, IPython's history thread is off, and every fork checks that this process still
has exactly one thread (else it refuses, and the grader starts workers cold).
"""
from __future__ import annotations

import ctypes
import gc
import json
import os
import select
import signal
import socket
import sys
import time

# What chapter notebooks import: paid for once here instead of once per notebook.  A module
# missing from this environment is skipped; one a chapter imports beyond this list still works,
# it is just imported in the worker.
PRELOAD = ("numpy", "scipy", "scipy.spatial.distance", "scipy.special", "scipy.stats", "matplotlib",
           "matplotlib.pyplot", "matplotlib_inline.backend_inline", "sklearn", "sklearn.cluster",
           "sklearn.decomposition", "sklearn.metrics", "sklearn.linear_model", "sklearn.model_selection",
           "torch", "torch.nn", "torch.nn.functional", "torch.distributions", "torch.utils.data",
           "IPython.display", "course", "course.testing", "course.data", "course.plotting", "course.widgets",
           "course.unsolved", "course.device", "course.diagnosis")

_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC = 0x20000, 0x02000000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 4, 24, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SANDBOX_UID = 65534


class SetupError(Exception):
    """A step of entering the worker's sandbox failed: the worker must not run."""


def _check(what: str, result: int) -> None:
    if result != 0:
        raise SetupError(f"{what}: {os.strerror(ctypes.get_errno())}")


def _mount(source, target, fstype, flags, data=None) -> None:
    enc = (lambda s: s.encode() if isinstance(s, str) else s)
    _check(f"mount {target}", _libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)))


def _unshare(flags: int, what: str) -> None:
    _check(f"unshare {what}", _libc.unshare(flags))


def _prctl(option: int, arg: int = 0, arg3: int = 0) -> int:
    return _libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(arg3), ctypes.c_ulong(0), ctypes.c_ulong(0))


def threads() -> int:
    with open("/proc/self/status") as f:
        return int(next(line.split()[1] for line in f if line.startswith("Threads:")))


def _status_field(name: str) -> str:
    with open("/proc/self/status") as f:
        return next((line.split(None, 1)[1].strip() for line in f if line.startswith(name + ":")), "")


# -- the zygote ---------------------------------------------------------------------

def _init(ctl: socket.socket) -> tuple[dict, object]:
    """Take the environment from the grader, import what chapters use, make the worker's shell."""
    t0 = time.monotonic()
    init = json.loads(ctl.recv(1 << 16) or b"{}")
    env = init.get("env", {})
    # This process was started with an empty environment (so /proc/1/environ of every worker, a
    # fork of it, is empty too); the worker's variables are set here, before anything is imported,
    # so that OpenMP, MKL and OpenBLAS read their single-thread settings.
    os.environ.update(env)
    sys.dont_write_bytecode = True
    for p in reversed([p for p in env.get("PYTHONPATH", "").split(":") if p]):
        sys.path.insert(1, p)  # where PYTHONPATH would have put it, after the script's own folder
    import worker

    if init.get("sandboxed"):
        worker.copy_mpl_cache()
    loaded = []
    # The grader names what the assignments it grades import; without a list, what chapters use.
    preload = init.get("preload")
    names = [n for n in preload if isinstance(n, str)] if isinstance(preload, list) else PRELOAD
    for name in names:
        try:
            __import__(name)
            loaded.append(name)
        except Exception:  # noqa: BLE001 -- a chapter that needs it imports it in its worker
            pass
    shell = worker.make_shell()
    gc.collect()
    gc.freeze()  # keep the collector off these objects in the workers, so their pages stay shared
    _prctl(PR_SET_DUMPABLE, 0)  # no process of the same user may read or write this one's memory
    ctl.send(json.dumps({"op": "ready", "threads": threads(), "preloaded": loaded,
                         "seconds": round(time.monotonic() - t0, 2)}).encode())
    return init, shell


def serve(ctl_fd: int) -> None:
    ctl = socket.socket(fileno=ctl_fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped by the kernel
    init, shell = _init(ctl)
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(ctl, 1 << 16, 32)
        except OSError:
            return
        if not data:
            return  # the grading slot went away
        req = json.loads(data)
        n = threads()
        if n != 1:  # a thread pool started after all: forking now could deadlock a worker
            for fd in fds:
                os.close(fd)
            ctl.send(json.dumps({"op": "refused", "why": f"the zygote runs {n} threads"}).encode())
            continue
        pid = os.fork()
        if pid == 0:
            try:
                _supervise(req, fds, shell)
            finally:
                os._exit(70)
        for fd in fds:
            os.close(fd)
        ctl.send(json.dumps({"op": "spawned", "pid": pid}).encode())


# -- the supervisor -----------------------------------------------------------------

def _only_fds(keep: set[int]) -> None:
    """Close every descriptor but ``keep``; stdin, stdout and stderr become /dev/null."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        if fd != null:
            os.dup2(null, fd)
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _send(status: socket.socket, msg: dict) -> None:
    try:
        status.send(json.dumps(msg).encode())
    except OSError:
        pass


def _supervise(req: dict, fds: list[int], shell) -> None:
    """Forked from the zygote: make the worker's namespaces, fork it, report its end, kill it on request."""
    zygote = os.getppid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != zygote:
        os._exit(1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    fd_in, fd_out, status_fd, *cgroups = fds
    _only_fds({fd_in, fd_out, status_fd, *cgroups})
    status = socket.socket(fileno=status_fd)
    sandboxed = bool(req.get("sandboxed"))
    try:
        if sandboxed:
            _unshare(CLONE_NEWNS | CLONE_NEWPID, "mount and PID namespaces")
    except SetupError as exc:
        _send(status, {"setup_error": str(exc)})
        os._exit(1)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _worker(req, fd_in, fd_out, status, cgroups, shell)
            code = 0
        finally:
            os._exit(code)
    for fd in (fd_in, fd_out, *cgroups):  # the grader sees the channel close the moment the worker dies
        os.close(fd)
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    watched = [status] + ([pidfd] if pidfd is not None else [])
    while True:
        ready = select.select(watched, [], [], None if pidfd is not None else 0.2)[0]
        if status in ready:
            try:
                status.recv(64)  # "kill", or the grader closed its end: either way the worker goes
            except OSError:
                pass
            _kill(pid, sandboxed)
            watched.remove(status)
        done, wstatus = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    code = -os.WTERMSIG(wstatus) if os.WIFSIGNALED(wstatus) else os.WEXITSTATUS(wstatus)
    _send(status, {"exit": code})
    os._exit(0)


def _kill(pid: int, sandboxed: bool) -> None:
    """The worker is PID 1 of its namespace: killing it ends every process it made (unsandboxed: its group)."""
    for kill in ((os.kill,) if sandboxed else (os.killpg, os.kill)):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


# -- the worker -----------------------------------------------------------------------

def _worker(req: dict, fd_in: int, fd_out: int, status: socket.socket, cgroups: list[int], shell) -> None:
    step = "its session"
    try:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        os.setsid()
        step = "its cgroups"
        _enter_limits(req, cgroups)
        step = "its namespaces"
        if req.get("sandboxed"):
            _enter_sandbox(req)
        else:
            workdir = str(req["workdir"])
            os.chdir(workdir)
            os.environ["HOME"] = workdir
    except (SetupError, OSError, ValueError, KeyError) as exc:
        _send(status, {"setup_error": f"{step}: {type(exc).__name__}: {exc}"})
        raise
    status.close()
    _reseed()
    import worker

    sys.argv = [worker.__file__, str(fd_in), str(fd_out)]  # as a cold worker is started
    worker.main(fd_in, fd_out, ready_shell=shell)


def _enter_limits(req: dict, cgroups: list[int]) -> None:
    for fd in cgroups:  # opened by the grader: its credentials, not ours, let this process in
        os.write(fd, b"0")
        os.close(fd)
    if not cgroups:  # no cgroups of ours (not root): rlimits, on top of what the zygote maps already
        import resource

        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        mem = mapped + (int(req["memory_mb"]) << 20)
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_NPROC, (int(req["max_pids"]), int(req["max_pids"])))


def _enter_sandbox(req: dict) -> None:
    size = int(req["tmp_mb"]) << 20
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for p in ("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus"):  # as bubblewrap covers them
        if os.path.exists(p):
            _mount(p, p, None, MS_BIND | MS_REC)
            _mount(None, p, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=1777")
    _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=1777")
    if os.path.isdir("/dev/pts"):
        _mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620")
    os.chdir("/tmp")
    # Our own user namespace: uid and gid 65534 stand for what the zygote is, as bubblewrap maps a
    # cold sandbox.  The namespaces made after it belong to it, so its (soon dropped) capabilities
    # suffice to bring up loopback; the mounts above stay out of its reach.
    outer_uid, outer_gid = os.geteuid(), os.getegid()
    _unshare(CLONE_NEWUSER, "user namespace")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{SANDBOX_UID} {outer_uid} 1"),
                       ("gid_map", f"{SANDBOX_UID} {outer_gid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)
    _unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP, "network, IPC, UTS and cgroup namespaces")
    _loopback_up()
    _drop_capabilities()


def _loopback_up() -> None:
    import fcntl
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        flags = struct.unpack("16sH", fcntl.ioctl(s, siocgifflags, struct.pack("16sH", b"lo", 0))[:18])[1]
        fcntl.ioctl(s, siocsifflags, struct.pack("16sH", b"lo", flags | iff_up))


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_capabilities() -> None:
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last = int(f.read())
    for cap in range(last + 1):
        _check(f"drop capability {cap} from the bounding set", _prctl(PR_CAPBSET_DROP, cap))
    _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    _check("capset", _libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()))
    _check("no_new_privs", _prctl(PR_SET_NO_NEW_PRIVS, 1))
    _prctl(PR_SET_DUMPABLE, 1)  # as any fresh process (the zygote made itself undumpable)
    left = [k for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb") if int(_status_field(k) or "0", 16)]
    if left or os.getuid() != SANDBOX_UID:
        raise SetupError(f"capabilities left after dropping them: {left}, uid {os.getuid()}")


def _reseed() -> None:
    """Fresh seeds, as a fresh process has: Python's, NumPy's and PyTorch's global generators are
    seeded from the OS when first imported, so every fork would otherwise share the zygote's stream."""
    import random

    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    if "torch" in sys.modules:
        sys.modules["torch"].default_generator.seed()  # the CPU generator only: no device is touched


if __name__ == "__main__":
    if sys.argv[2:] != ["--clean"]:
        # bubblewrap sets PWD whatever it is told: start again with no environment at all, so that
        # every worker's /proc/1/environ (a fork's is the zygote's) is empty.
        os.execve(sys.executable, [sys.executable, "-B", __file__, sys.argv[1], "--clean"], {})
    serve(int(sys.argv[1]))
