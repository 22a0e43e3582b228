"""The output folder of `planner build`: built aside, swapped in whole, never someone else's.

- A build works in a fresh folder `.<name>.building-XXXX` next to the output `<name>`
  (so that renames stay on one filesystem). It holds the new site, the empty docs folder
  of the bundled configuration, and a lock file locked for the life of the build.
- The new site replaces the output by one atomic exchange of the two folders where the
  system has one (Linux renameat2 RENAME_EXCHANGE); elsewhere by two renames, with a
  moment between them when there is no site. A reader of the output sees the old site or
  the new one, complete, never a mix.
- Only a folder planner built (it holds the MARKER file), an empty folder, or a path that
  does not exist is replaced: anything else is refused.
- A build killed with SIGKILL leaves its working folder behind (SIGTERM unwinds and
  removes it: planner.engine.site.exit_on_sigterm); the next build into the same output
  removes every `.<name>.building-*` folder whose lock is free or missing. The lock is a
  POSIX record lock: a process's own, so a forked child does not keep it, and released by
  the system when the process dies however it dies. Making a working folder, sweeping and
  swapping happen under a lock on the output's parent folder, so a build never sees
  another's folder half made, and two builds racing into one output take turns to swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

if sys.platform != "win32":
    import fcntl

MARKER = ".planner-site"
MARKER_TEXT = "Built by `planner build`, which replaces this whole folder on every build.\n"
LOCK = ".planner-lock"
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)  # not on Windows
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


class OutputError(Exception):
    """The output folder cannot be replaced (a usage problem: another folder is needed)."""


def building_prefix(target: Path) -> str:
    return f".{target.name}.building-"


def replaceable(target: Path, marker: str = MARKER) -> bool:
    """Whether `target` may be replaced: it does not exist, is an empty folder, or holds
    planner's `marker` file. A symbolic link is never followed here (the caller resolves
    the path)."""
    if not os.path.lexists(target):
        return True
    if target.is_symlink() or not target.is_dir():
        return False
    return (target / marker).is_file() or not any(target.iterdir())


def _lock(path: Path) -> int | None:
    """An open descriptor of `path` holding its exclusive lock, or None when another
    process holds it. The file is created when missing."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o600)
    if sys.platform == "win32":
        return fd
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def _folder_lock(parent: Path) -> Iterator[None]:
    """Serialises, between planner processes, the steps that must not interleave in `parent`:
    making a working folder and its lock, sweeping, checking and swapping the output. It is
    a lock on the folder itself, so that nothing is left behind."""
    if sys.platform == "win32":
        yield
        return
    fd = os.open(parent, os.O_RDONLY | _CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _sweep(parent: Path, prefix: str) -> None:
    """Remove the working folders `parent/prefix*` of builds that have ended: their lock is
    free, or they have none (the build died making it; the caller holds the folder lock,
    so no build is making one now). Not on Windows, which has no such locks here."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix)]
        for folder in candidates:
            if folder.is_symlink() or not folder.is_dir():
                continue
            fd = None
            if (folder / LOCK).exists():
                with contextlib.suppress(OSError):
                    fd = _lock(folder / LOCK)
                if fd is None:
                    continue  # a build still running
            try:
                shutil.rmtree(folder, ignore_errors=True)
            finally:
                if fd is not None:
                    os.close(fd)


_STOPS = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)}


def _hold_signals() -> set[int]:
    """Hold back the signals that stop a build (see `workspace`); returns the mask to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return set()
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS))


def _release_signals(mask: set[int]) -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


@contextlib.contextmanager
def workspace(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh, locked working folder `parent/prefix*`, removed on the way out; the
    leftovers of ended builds with the same prefix are removed first. A stopping signal
    (SIGTERM, SIGHUP, SIGINT) that comes while it is being made or removed waits until
    that is done, so that it is always removed."""
    mask = _hold_signals()
    folder: Path | None = None
    fd: int | None = None
    try:
        with _folder_lock(parent):
            _sweep(parent, prefix)
            folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            fd = _lock(folder / LOCK)
        _release_signals(mask)
        yield folder
    finally:
        _hold_signals()  # a signal now would stop the removal half way
        try:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            if fd is not None:
                os.close(fd)
        finally:
            _release_signals(mask)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically; False when the system or filesystem cannot."""
    if sys.platform != "linux":
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)  # glibc 2.28 and later
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap_in(new: Path, target: Path, trash: Path, marker: str = MARKER) -> None:
    """Put the folder `new` in the place of `target`, which must be replaceable (checked
    again here, under a lock, against a build racing this one). The previous `target`
    ends up at `new` or `trash` (paths in the caller's workspace, for it to remove)."""
    with _folder_lock(target.parent):
        if not replaceable(target, marker):
            raise OutputError(str(target))
        with contextlib.suppress(FileNotFoundError):  # no target yet: a plain rename
            if _exchange(new, target):
                return
            os.rename(target, trash)  # no exchange here: a moment without a site
        try:
            os.rename(new, target)
        except BaseException:
            if os.path.lexists(trash) and not os.path.lexists(target):
                os.rename(trash, target)
            raise
