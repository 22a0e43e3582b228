"""Reading the files of a plans directory without trusting what they are.

A plans directory is user input like the text in it: a `segments/x.yaml` may be a
FIFO (opening it would block forever), a folder, a dangling or looping link, a
file nobody may read, or a link to a file outside the plans directory
(`/proc/self/environ`, whose text would then be echoed into a CI log). Every
such case is an `Unreadable` with a sentence saying why, which the loader turns
into a positioned P001; nothing here blocks, follows a link out of the plans
directory, or raises anything else.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from planner.i18n import Language


class Unreadable(Exception):
    """A plan file that is not read; `message` says why, in the plan's language."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _real_folder(path: Path, real: str, root: Path) -> str:
    """The real path of the folder `root`, given `real`, the real path of `path`. When `path`
    lies in `root` as written and its real path is its absolute path, no part of it is a
    link (a link would have been replaced; `..` could hide one, so it must not appear),
    so neither is any part of `root`'s: its absolute path is its real path, without asking
    the file system for each part again."""
    absolute, folder = os.path.abspath(path), os.path.abspath(root)
    if real == absolute and ".." not in f"{path}{os.sep}{root}" and _inside(absolute, folder):
        return folder
    return os.path.realpath(root)


def _reason(exc: OSError, lang: Language) -> Unreadable:
    if exc.errno == errno.ELOOP:
        return Unreadable(lang._("the symbolic links loop; the file is not read"),
                          lang._("point the link at a file, or replace it with the file"))
    if exc.errno == errno.ENOENT:
        return Unreadable(lang._("the symbolic link points to nothing; the file is not read"),
                          lang._("point the link at an existing file, or remove it"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Unreadable(lang._("the file cannot be read: permission denied"),
                          lang._("give the user running planner read permission (chmod a+r)"))
    return Unreadable(lang._("the file cannot be read: {reason}").format(
        reason=exc.strerror or type(exc).__name__))


def read_bytes(path: Path, root: Path, lang: Language) -> bytes:
    """The bytes of `path` when it is (or links to) a regular file inside the folder `root`.

    Links are followed only to files inside `root`; the file is opened without blocking
    and checked to be a regular file on the open descriptor, so it cannot be swapped for
    a FIFO between the check and the read. Raises Unreadable, never OSError."""
    try:
        real = os.path.realpath(path, strict=True)
        real_root = _real_folder(path, real, root)
    except OSError as exc:
        raise _reason(exc, lang) from None
    except RuntimeError:  # some Pythons raise this for a loop
        raise _reason(OSError(errno.ELOOP, "loop"), lang) from None
    if not _inside(real, real_root):
        raise Unreadable(
            lang._("the file is a symbolic link to a file outside the plans directory; it is not read"),
            lang._("copy the file into the plans directory instead of linking to it"))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _reason(exc, lang) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable(lang._("this is a folder, not a file"),
                             lang._("rename the folder so that its name does not end in .yaml"))
        if not stat.S_ISREG(mode):
            raise Unreadable(
                lang._("this is not a regular file (a pipe, socket or device); it is not read"),
                lang._("plans are ordinary text files"))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _reason(exc, lang) from None
    finally:
        os.close(fd)


def list_folder(folder: Path, suffixes: tuple[str, ...], lang: Language) -> list[Path]:
    """The entries of `folder` whose names end in one of `suffixes`, by name, whatever they
    are (files, folders, links, FIFOs: `read_bytes` says what is wrong with each). An
    absent folder has none; a folder that is not one or cannot be listed raises Unreadable."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries]
    except FileNotFoundError:
        if os.path.lexists(folder):  # a dangling link in the folder's place
            raise _reason(OSError(errno.ENOENT, "dangling"), lang) from None
        return []
    except NotADirectoryError:
        raise Unreadable(lang._("'{name}' is not a folder").format(name=folder.name),
                         lang._("segments/ is a folder holding one <id>.yaml file per segment")
                         ) from None
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise Unreadable(lang._("the folder cannot be read: permission denied"),
                             lang._("give the user running planner read and search permission "
                                    "(chmod a+rx)")) from None
        raise _reason(exc, lang) from None
    return [folder / name for name in sorted(names) if name.endswith(suffixes)]
