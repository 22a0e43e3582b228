"""`planner build` killed (SIGKILL, SIGTERM) at several moments: the previous site stays
complete, SIGTERM cleans up at once, and the next build removes what SIGKILL left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.engine import outdir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402

PLANNER = [sys.executable, "-c", "from planner.cli import main; main()"]

Moment = Callable[[Path], bool]


def _work(parent: Path) -> list[Path]:
    return sorted(parent.glob(outdir.building_prefix(parent / "site") + "*"))


def _in_work(pattern: str) -> Moment:
    return lambda parent: any(any(w.glob(pattern)) for w in _work(parent))


MOMENTS: dict[str, Moment] = {
    "while checking": lambda _parent: True,
    "work folder made": lambda parent: bool(_work(parent)),
    "pages being written": _in_work("site/segments/*/index.html"),
    "assets being copied": _in_work("site/assets/*"),
    "just before the swap": _in_work(f"site/{outdir.MARKER}"),
}


def temporary(tmp: Path) -> list[str]:
    """What builds left in the temporary folder, but Jinja's compiled-template cache (meant
    to stay: planner.render._bytecode_cache)."""
    return sorted(name for name in os.listdir(tmp) if not name.startswith("_jinja2-cache"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(tmp_path: Path, plans: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["TMPDIR"] = str(tmp_path / "tmp")  # to see what is left in the temporary folder
    return subprocess.Popen([*PLANNER, "build", str(plans), "-o", "site"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_at(tmp_path: Path, plans: Path, moment: Moment, signum: int) -> tuple[int, str]:
    child = build(tmp_path, plans)
    deadline = time.monotonic() + 300
    while not moment(tmp_path) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    child.send_signal(signum)
    _out, err = child.communicate(timeout=120)
    return child.returncode, err


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_killed_builds_keep_the_previous_site_and_leave_nothing(tmp_path: Path) -> None:
    plans = synth.write(tmp_path / "plans", 21)  # long enough to be killed at every moment
    (tmp_path / "tmp").mkdir()
    site = tmp_path / "site"

    def complete_build() -> None:
        child = build(tmp_path, plans)
        assert "Traceback" not in child.communicate(timeout=600)[1]
        assert child.returncode == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "site", "tmp"]
        assert temporary(tmp_path / "tmp") == []

    complete_build()
    expected = files(site)
    assert "index.html" in expected and outdir.MARKER in expected
    for name, moment in MOMENTS.items():
        for signum in (signal.SIGTERM, signal.SIGKILL):
            code, err = kill_at(tmp_path, plans, moment, signum)
            what = f"{signal.Signals(signum).name} {name}"
            assert "Traceback" not in err, what
            assert files(site) == expected, f"{what}: the site is complete, old or new"
            if signum == signal.SIGTERM:
                assert code in (0, 128 + signum, -signum), what
                assert _work(tmp_path) == [], f"{what}: SIGTERM cleans up"
                assert temporary(tmp_path / "tmp") == [], what
            else:
                complete_build()  # which removes what the killed one left
                assert files(site) == expected
