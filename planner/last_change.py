"""When a plans folder last changed: the instant calendar feeds are stamped with.

In order: `SOURCE_DATE_EPOCH` when set (reproducible builds); else, when the folder is
in a git work tree and nothing in it is uncommitted, the commit time of the last commit
that touched it (the same on every clone, whatever the files' times after a checkout);
else the newest modification time of its files. Building an unchanged plan twice gives
the same instant, so the same bytes; a change gives a later one. A missing git, a folder
outside any repository or a git that refuses the folder just means the file times.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

_GIT_TIMEOUT = 10  # seconds; a hung git must not hang the build


def _git(root: Path, *args: str) -> str | None:
    """The output of `git -C root args`, or None when git is missing or fails."""
    # GIT_OPTIONAL_LOCKS=0: `git status` must not refresh (write) the index meanwhile
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              env=env, timeout=_GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def commit_time(root: Path) -> dt.datetime | None:
    """The time of the last commit touching `root`, when everything under it is committed."""
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if status is None or status.strip():
        return None
    stamp = (_git(root, "log", "-1", "--format=%ct", "--", ".") or "").strip()
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC) if stamp.isdigit() else None


def newest_file_time(root: Path) -> dt.datetime:
    """The newest modification time of the files under `root` (hidden ones left out), to
    the second; the Unix epoch when there are none."""
    newest = 0.0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                try:
                    newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
                except OSError:
                    continue
    return dt.datetime.fromtimestamp(int(newest), tz=dt.UTC)


def last_change(root: Path) -> dt.datetime:
    """When the plans in `root` last changed (see the module doc), in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return commit_time(root) or newest_file_time(root)
