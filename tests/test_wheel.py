"""What a team gets: the wheel installed into a clean virtual environment, used in a folder
outside this checkout (`planner init`, check, build, `mkdocs build --strict`), and a fresh clone
of the repository it made (what the team's CI gets)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            env=env, timeout=900)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a new virtual environment holding only the wheel and its dependencies."""
    root = tmp_path_factory.mktemp("wheel")
    # sdist first, then the wheel from it in a clean folder: a wheel built in place reuses the
    # checkout's build/ folder, whose stale copies hide a data file the wheel would lack.
    sh(sys.executable, "-m", "build", "--outdir", root / "dist", REPO, cwd=root)
    wheel = next((root / "dist").glob("lifecycle_planner-*.whl"))
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    sh(bin_dir / "python", "-m", "pip", "install", "-q", "-c", REPO / "constraints.txt", wheel,
       cwd=root)
    return bin_dir


def _env(bin_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _use(team: Path, env: dict[str, str]) -> None:
    assert sh("planner", "check", "--strict", "--format", "json", "plans", cwd=team, env=env).strip() == "[]"
    sh("planner", "build", "plans", "-o", "site", cwd=team, env=env)
    assert (team / "site" / "index.html").is_file()
    assert (team / "site" / "calendar.ics").is_file()
    sh("mkdocs", "build", "--strict", "--site-dir", "mkdocs-site", cwd=team, env=env)
    assert (team / "mkdocs-site" / "segments" / "index.html").is_file()


def test_the_wheel_works_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    env = _env(installed)
    planner = installed / "planner"
    version = sh(installed / "python", "-c", "import planner; print(planner.__version__)",
                 cwd=tmp_path, env=env).strip()
    assert sh(planner, "--version", cwd=tmp_path, env=env).strip() == f"planner {version}"
    located = sh(installed / "python", "-c", "import planner.render as r; print(r.TEMPLATES)",
                 cwd=tmp_path, env=env)
    assert not located.startswith(str(REPO)), "the wheel must carry its own templates"
    sh("planner", "init", "team", "--language", "he", cwd=tmp_path, env=env)
    team = tmp_path / "team"
    _use(team, env)
    sh("planner", "generate", "plans", "--out", "generated", cwd=team, env=env)
    sh("mkdocs", "build", "-q", cwd=team / "generated", env=env)

    # What the team's CI gets: a fresh clone of the repository `init` made.
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    sh("git", "init", "-q", cwd=team)
    sh(*git, "add", "-A", cwd=team)
    sh(*git, "commit", "-q", "-m", "plan", cwd=team)
    sh("git", "clone", "-q", team, tmp_path / "clone", cwd=tmp_path)
    clone = tmp_path / "clone"
    assert (clone / "docs").is_dir(), "docs/ must survive git"
    assert not (clone / "site").exists(), "the built site is ignored"
    _use(clone, env)


def test_the_wheel_carries_every_data_file_of_the_package(installed: Path, tmp_path: Path) -> None:
    """A data file left out of the wheel works in the checkout and crashes only for users."""
    env = _env(installed)
    where = "import os, planner; print(os.path.dirname(planner.__file__))"
    package = Path(sh(installed / "python", "-c", where, cwd=tmp_path, env=env).strip())
    tracked = sh("git", "ls-files", "planner", cwd=REPO).split()
    data = [f for f in tracked if not f.endswith(".py") and not f.endswith(".mo")]
    missing = [f for f in data if not (package.parent / f).is_file()]
    assert data and missing == [], f"not in the wheel: {missing}"


def test_the_wheel_ships_no_developer_tooling(installed: Path, tmp_path: Path) -> None:
    """Only the `planner` package is installed: not tools/ (catalog maintenance), tests/ or bench/."""
    env = _env(installed)
    where = "import os, planner; print(os.path.dirname(planner.__file__))"
    package = Path(sh(installed / "python", "-c", where, cwd=tmp_path, env=env).strip())
    shipped = {p.name for p in package.parent.iterdir()}
    assert not shipped & {"tools", "tests", "bench"}, sorted(shipped)
    assert not (package / "catalogs.py").exists()
    record = next(package.parent.glob("lifecycle_planner-*.dist-info/RECORD")).read_text()
    assert all(line.startswith(("planner/", "lifecycle_planner-", "../../../bin/"))
               for line in record.splitlines()), record


def test_a_misspelt_value_gets_a_hint_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    env = _env(installed)
    sh("planner", "init", "team", cwd=tmp_path, env=env)
    team = tmp_path / "team"
    segment = next((team / "plans" / "segments").glob("*.yaml"))
    text = segment.read_text(encoding="utf-8")
    segment.write_text(text.replace("channel: email", "channel: emial", 1), encoding="utf-8")
    result = subprocess.run(["planner", "check", "plans"], cwd=team, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "'email'" in result.stdout, result.stdout
