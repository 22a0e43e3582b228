"""One side of `planner diff`: a plans directory, or the plans of a git revision.

A revision's plan files are read from git's objects (`git ls-tree` and `git cat-file --batch`)
into a temporary folder, never by checking out: the working tree, the index and HEAD stay as
they are. Either side that cannot be read is a `SideError`, never an empty plan: a comparison
that failed must not read as "no changes".
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

WORKING_TREE = "working tree"


class SideError(Exception):
    """A side of the comparison cannot be read (exit 2)."""


@contextmanager
def plans_of(spec: str | None, plans: Path) -> Iterator[tuple[Path, str]]:
    """(plans directory, label) for `spec`: None is the working tree's `plans`; a directory is
    itself; anything else is a git revision of the repository holding `plans`."""
    if spec is None:
        yield _directory(plans, plans.as_posix()), WORKING_TREE
        return
    candidate = Path(spec)
    if candidate.is_dir():
        yield _directory(candidate, spec), spec
        return
    with tempfile.TemporaryDirectory(prefix="planner-diff-") as tmp:
        yield _from_git(spec, plans, Path(tmp)), spec


def _directory(path: Path, label: str) -> Path:
    if not path.is_dir():
        raise SideError(f"{label}: no such plans directory")
    if not any((path / name).is_file() for name in ("playbook.yaml", "playbook.yml")):
        raise SideError(f"{label}: not a plans directory (no playbook.yaml)")
    return path


def _git(repo: Path, *args: str, input_: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], input=input_,
                                capture_output=True, timeout=120)
    except FileNotFoundError as e:
        raise SideError("git is not installed: name plans directories instead of revisions") from e
    except subprocess.TimeoutExpired as e:
        raise SideError(f"git {args[0]} did not answer within 120 s") from e
    if result.returncode != 0:
        raise SideError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def _from_git(revision: str, plans: Path, into: Path) -> Path:
    """The plan files of `revision`, at the path `plans` has in the working tree."""
    folder = plans if plans.is_dir() else plans.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the plans folder may not exist in the working tree any more
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except SideError as e:
        raise SideError(f"'{revision}' is not a plans directory, and {folder} is not in a git "
                        f"repository to read it as a revision from") from e
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except SideError as e:
        raise SideError(f"'{revision}' is neither a plans directory nor a git revision") from e
    relative = plans.resolve().relative_to(top.resolve()).as_posix() if plans.exists() else (
        plans.as_posix())
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", revision, "--", relative)
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _tab, raw_name = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob" and mode in ("100644", "100755"):  # not links, not submodules
            blobs.append((sha, raw_name.decode("utf-8", "surrogateescape")))
    root = into / "plans"
    root.mkdir()
    contents = _cat_blobs(top, [sha for sha, _name in blobs])
    base = PurePosixPath(relative)
    for (_sha, name), data in zip(blobs, contents, strict=True):
        inside = PurePosixPath(name).relative_to(base)
        target = root.joinpath(*inside.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if not any((root / name).is_file() for name in ("playbook.yaml", "playbook.yml")):
        raise SideError(f"{revision} has no {relative}/playbook.yaml")
    return root


def _cat_blobs(repo: Path, shas: list[str]) -> list[bytes]:
    """Every blob in one `git cat-file --batch` call."""
    if not shas:
        return []
    out = _git(repo, "cat-file", "--batch", input_="".join(f"{s}\n" for s in shas).encode())
    blobs, at = [], 0
    for _sha in shas:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        start = header_end + 1
        blobs.append(out[start:start + size])
        at = start + size + 1  # the newline after each object
    return blobs
