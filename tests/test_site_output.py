"""The output folder of `planner build`: what it replaces, how, and what a failure leaves.

See planner.engine.outdir. The kill tests are in tests/test_site_faults.py.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.engine import outdir
from tests.site.hostile import copy_plans

PLANNER = [sys.executable, "-c", "from planner.cli import main; main()"]


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: the bundled configuration is used
    return CliRunner()


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def no_traceback(result: object) -> None:
    output = getattr(result, "output", "")
    exception = getattr(result, "exception", None)
    assert "Traceback" not in output
    assert exception is None or isinstance(exception, SystemExit), repr(exception)


@pytest.mark.parametrize("contents", [
    {"index.html": "<p>my page</p>", "notes.txt": "keep me"},
    {"index.html": "x", ".git/HEAD": "ref: refs/heads/main\n"},
    {"404.html": "x", "sitemap.xml": "<urlset/>"},
    {"README": "a folder of someone else's"},
])
def test_build_replaces_no_folder_it_did_not_build(tmp_path: Path, runner: CliRunner,
                                                    contents: dict[str, str]) -> None:
    plans = copy_plans(tmp_path)
    mine = tmp_path / "mine"
    for name, text in contents.items():
        (mine / name).parent.mkdir(parents=True, exist_ok=True)
        (mine / name).write_text(text, encoding="utf-8")
    before = files(mine)
    result = runner.invoke(main, ["build", str(plans), "-o", str(mine)])
    assert result.exit_code == 2, result.output
    assert "not built by `planner build`" in result.output
    assert files(mine) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "plans"]


def test_build_replaces_an_empty_folder_and_its_own_site(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 0
    assert (site / outdir.MARKER).is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    result = runner.invoke(main, ["build", str(plans), "-o", str(site)])
    assert result.exit_code == 0, result.output
    assert not (site / "stale.html").exists(), "the whole folder is replaced"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "site"]


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_site_folder_honours_the_umask(tmp_path: Path, runner: CliRunner, umask: int) -> None:
    plans = copy_plans(tmp_path)
    previous = os.umask(umask)
    try:
        assert runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")]).exit_code == 0
    finally:
        os.umask(previous)
    site = tmp_path / "site"
    for folder in (site, site / "calendar"):
        assert folder.stat().st_mode & 0o777 == 0o777 & ~umask, folder
    assert (site / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_output_below_a_file_or_in_a_link_loop_is_a_usage_error(tmp_path: Path,
                                                                runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    os.symlink("loop", tmp_path / "loop")
    for out, said in (("notes.txt/site", "is a file, not a folder"),
                      ("notes.txt/a/b", "is a file, not a folder"),
                      ("loop/site", "loop of symbolic links")):
        result = runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / out)])
        assert result.exit_code == 2, (out, result.output)
        assert said in result.output
        no_traceback(result)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a folder"


def test_full_disk_is_a_clear_error_and_keeps_the_previous_site(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    plans = copy_plans(tmp_path)
    site = tmp_path / "site"
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 0
    before = files(site)
    import mkdocs.utils

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "x.html"))

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    result = runner.invoke(main, ["build", str(plans), "-o", str(site)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    no_traceback(result)
    assert files(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "site"]


def _tmpfs(where: Path, *options: str) -> None:
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs",
                              str(where)], capture_output=True)
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here (not root)")


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="needs root on Linux")
@pytest.mark.parametrize("options", [("size=200k",), ("size=1m", "ro")])
def test_real_full_or_read_only_disk(tmp_path: Path, options: tuple[str, ...]) -> None:
    plans = copy_plans(tmp_path)
    disk = tmp_path / "disk"
    _tmpfs(disk, *options)
    try:
        result = subprocess.run([*PLANNER, "build", str(plans), "-o", str(disk / "site")],
                                cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 1, result.stderr
        assert "could not write to" in result.stderr
        assert "Traceback" not in result.stderr
        assert os.listdir(disk) == [], "nothing half-written is left"
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_serve_on_a_bad_address_or_a_busy_port(tmp_path: Path, runner: CliRunner) -> None:
    import socket

    plans = copy_plans(tmp_path)
    for address in ("foo", "8000", "127.0.0.1:http", "127.0.0.1:70000", "example.org:80"):
        result = runner.invoke(main, ["serve", str(plans), "-a", address])
        assert result.exit_code == 2, (address, result.output)
        assert "is not an address to serve on" in result.output
        no_traceback(result)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["serve", str(plans), "-a", f"127.0.0.1:{port}"])
    assert result.exit_code == 1, result.output
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    no_traceback(result)


def test_the_output_is_never_missing_during_the_swap(tmp_path: Path, runner: CliRunner,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rename of the second build leaves a complete site at the output."""
    plans = copy_plans(tmp_path)
    site = tmp_path / "site"
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 0
    seen = []

    def checked(rename: object) -> object:
        def call(*args: object, **kwargs: object) -> object:
            result = rename(*args, **kwargs)  # type: ignore[operator]
            seen.append((site / "index.html").is_file() and (site / outdir.MARKER).is_file())
            return result
        return call

    monkeypatch.setattr(os, "rename", checked(os.rename))
    monkeypatch.setattr(os, "replace", checked(os.replace))
    monkeypatch.setattr(outdir, "_exchange", checked(outdir._exchange))
    assert runner.invoke(main, ["build", str(plans), "-o", str(site)]).exit_code == 0
    assert seen and all(seen)


def test_swap_without_an_exchange_and_against_a_racing_folder(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def site(name: str, text: str, marker: bool = True) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
        if marker:
            (folder / outdir.MARKER).write_text("", encoding="utf-8")
        return folder

    if sys.platform == "linux":  # the atomic exchange is there (ext4, tmpfs, btrfs, xfs)
        assert outdir._exchange(site("a", "a"), site("b", "b"))
        assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == "b"
    target = site("site", "old")
    outdir.swap_in(site("new", "new"), target, tmp_path / "trash")
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    monkeypatch.setattr(outdir, "_exchange", lambda _a, _b: False)  # a system without one
    outdir.swap_in(site("newer", "newer"), target, tmp_path / "trash2")
    assert (target / "index.html").read_text(encoding="utf-8") == "newer"
    assert (tmp_path / "trash2" / "index.html").read_text(encoding="utf-8") == "new"
    # someone put their own folder there after the build began: it is refused, not replaced
    os.rename(target, tmp_path / "ours")
    theirs = site("site", "theirs", marker=False)
    with pytest.raises(outdir.OutputError):
        outdir.swap_in(site("newest", "newest"), theirs, tmp_path / "trash3")
    assert (theirs / "index.html").read_text(encoding="utf-8") == "theirs"


def _hold_lock(lock: Path) -> subprocess.Popen[str]:
    """Another process holding `lock`, as a running build holds its working folder's."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR); "
         "fcntl.lockf(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()",
         str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_build_sweeps_only_the_leftovers_of_ended_builds(tmp_path: Path, runner: CliRunner) -> None:
    plans = copy_plans(tmp_path)
    prefix = outdir.building_prefix(tmp_path / "site")
    ended, running, unlocked = (tmp_path / f"{prefix}{x}" for x in ("a1", "b2", "c3"))
    for folder in (ended, running):
        (folder / "site").mkdir(parents=True)
        (folder / outdir.LOCK).write_text("", encoding="utf-8")
    unlocked.mkdir()  # killed before it had made its lock file
    other = tmp_path / ".other.building-d4"  # another output's: left to its own builds
    other.mkdir()
    (other / outdir.LOCK).write_text("", encoding="utf-8")
    not_a_folder = tmp_path / f"{prefix}e5"
    not_a_folder.write_text("a file of the user's", encoding="utf-8")
    holder = _hold_lock(running / outdir.LOCK)
    try:
        assert runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")]).exit_code == 0
        assert not ended.exists() and not unlocked.exists()
        assert running.is_dir() and other.is_dir() and not_a_folder.is_file()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    assert runner.invoke(main, ["build", str(plans), "-o", str(tmp_path / "site")]).exit_code == 0
    assert not running.exists(), "swept once its build had ended"


def test_two_builds_racing_into_one_output(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    env = dict(os.environ)
    for _round in range(3):
        builds = [subprocess.Popen([*PLANNER, "build", str(plans), "-o", "site"], cwd=tmp_path,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True) for _ in range(2)]
        for build in builds:
            _out, err = build.communicate(timeout=300)
            assert build.returncode == 0, err
            assert "Traceback" not in err
        assert (tmp_path / "site" / "index.html").is_file()
        assert (tmp_path / "site" / "calendar" / "index.html").is_file()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "site"]
