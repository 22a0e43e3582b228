"""The folder `planner generate` writes builds with every engine that reads mkdocs.yml:
MkDocs, ProperDocs (its fork) and Zensical (Material's successor, which runs no MkDocs plugins)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main

REPO = Path(__file__).resolve().parent.parent
ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    "properdocs": [sys.executable, "-m", "properdocs", "build", "--strict"],
    "zensical": ["zensical", "build"],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("engines") / "generated"
    result = CliRunner().invoke(main, ["generate", str(REPO / "examples" / "fi"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_generated_folder_builds(generated: Path, tmp_path: Path, engine: str) -> None:
    command = ENGINES[engine]
    if shutil.which(command[0]) is None and command[0] != sys.executable:
        pytest.skip(f"{engine} is not installed")
    folder = tmp_path / engine
    shutil.copytree(generated, folder)
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert 'lang="fi"' in home
    assert (folder / "site" / "calendar" / "index.html").is_file()
    assert (folder / "site" / "calendar.ics").is_file()
