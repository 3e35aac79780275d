"""Reading a submission folder as hostile input: no symlink is followed, nothing unbounded is read.

A student controls every entry of their folder.  A symlink there could point at
``/etc/passwd``, ``/proc/self/environ`` or the instructor's own source notebook,
and a FIFO or device would block or never end.  So every folder is opened with
``O_NOFOLLOW | O_DIRECTORY`` and every file with ``O_NOFOLLOW | O_NONBLOCK``,
each relative to its parent's descriptor (no path is resolved twice), and only
regular files are read, up to a limit checked before reading.

Messages say what is wrong in words: they never quote a file's contents, and
they show names the file system gives as bytes with ``\\xNN`` escapes.
"""
from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field

# Files beside a notebook; past this the rest are skipped with a note.  nbgrader's own
# bookkeeping of a submission's files grows faster than linearly with their number.
MAX_FILES = 200


class UnsafeEntry(Exception):
    """A submission entry the grader refuses to read; ``str()`` says why in words."""


def shown(name: str | bytes) -> str:
    """A file or folder name as text that is always printable and UTF-8 (bytes become ``\\xNN``)."""
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
                   for c in text)


def is_utf8(name: str) -> bool:
    try:
        os.fsencode(name).decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _kind(mode: int) -> str:
    for test, what in ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a regular file"


def _refuse(name: str, dir_fd: int | None, exc: OSError, wanted: str) -> UnsafeEntry:
    if exc.errno == errno.ENOENT:
        return UnsafeEntry(f"{shown(name)} does not exist")
    try:
        what = _kind(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        what = "unreadable"
    if exc.errno in (errno.ELOOP, errno.EMLINK) or what == "a symbolic link":
        what = "a symbolic link"
    return UnsafeEntry(f"{shown(name)} is {what}, not {wanted}; submit plain files and folders (links are never "
                       "followed)")


@contextmanager
def open_dir(name: str, dir_fd: int | None = None):
    """A descriptor of the folder ``name`` (relative to ``dir_fd``), refusing symlinks and non-folders."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as exc:
        raise _refuse(name, dir_fd, exc, "a folder") from None
    try:
        yield fd
    finally:
        os.close(fd)


def read_file(name: str, dir_fd: int | None, limit: int) -> bytes:
    """The bytes of the regular file ``name``; :class:`UnsafeEntry` for links, FIFOs, devices, folders, size."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as exc:
        raise _refuse(name, dir_fd, exc, "a regular file") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeEntry(f"{shown(name)} is {_kind(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise TooLarge(name, st.st_size, limit)
        data = f.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        raise TooLarge(name, len(data), limit)
    return data


class TooLarge(UnsafeEntry):
    def __init__(self, name: str, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(f"{shown(name)} is {size >> 20} MB, over the {limit >> 20} MB limit")


def entries(dir_fd: int) -> list[tuple[str, str]]:
    """``(name, kind)`` of each entry of a folder, sorted, never following a link; kind is dir|file|other."""
    found = []
    with os.scandir(dir_fd) as it:
        for e in it:
            kind = "dir" if e.is_dir(follow_symlinks=False) else "file" if e.is_file(follow_symlinks=False) else "other"
            found.append((e.name, kind))
    return sorted(found)


@dataclass
class Files:
    """Data files found beside a notebook, and what was skipped and why."""

    data: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def data_files(dir_fd: int, max_bytes: int, max_files: int = MAX_FILES, skip_suffix: str = ".ipynb") -> Files:
    """Regular files under a folder (relative paths), bounded in total size and count; links are skipped."""
    out, total = Files(), 0
    for top, dirs, names, fd in os.fwalk(".", dir_fd=dir_fd, follow_symlinks=False):
        for d in dirs:
            if os.path.islink(os.path.join(f"/proc/self/fd/{fd}", d)):
                out.skipped.append(f"{shown(os.path.join(top, d))} is a symbolic link; it was not followed")
        dirs[:] = sorted(d for d in dirs if d not in (".ipynb_checkpoints", "__pycache__"))
        for name in sorted(names):
            rel = os.path.normpath(os.path.join(top, name))
            if name.endswith(skip_suffix):
                continue
            if not is_utf8(rel):
                out.skipped.append(f"{shown(rel)} was not copied: its name is not UTF-8")
                continue
            if len(out.data) >= max_files:
                out.skipped.append(f"files past the first {max_files} were not copied")
                return out
            try:
                blob = read_file(name, fd, max_bytes - total)
            except TooLarge:
                out.skipped.append(f"{shown(rel)} and what follows were not copied: data files are limited to "
                                   f"{max_bytes >> 20} MB in all")
                return out
            except UnsafeEntry as exc:
                out.skipped.append(f"{exc}; it was not copied")
                continue
            total += len(blob)
            out.data[rel] = blob
    return out
