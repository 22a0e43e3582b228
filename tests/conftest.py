"""Shared helpers: build a plans directory from one segment file and check it."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.check import check_paths
from planner.diagnostics import Diagnostic

TESTS = Path(__file__).parent
CASES = TESTS / "plans"
REPO = TESTS.parent
# Debian's Chromium, as the browser tests drive it (see DESIGN.md).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_LANGUAGE = re.compile(r"^#\s*language:\s*(\w+)", re.M)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop a `planner serve` started by a test as a user would (Ctrl-C), or kill it."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def plan_dir_for(case: Path, into: Path) -> Path:
    """A plans directory holding the fixture playbook and `case` as its segment; a case
    named `playbook*.yaml` replaces the playbook instead, with the minimal segment."""
    root = into / "plans"
    (root / "segments").mkdir(parents=True)
    text = case.read_text(encoding="utf-8", errors="replace")
    if case.name.startswith("playbook"):
        shutil.copyfile(case, root / "playbook.yaml")
        shutil.copyfile(CASES / "valid" / "minimal.yaml", root / "segments" / "engaged.yaml")
    else:
        playbook = (CASES / "playbook.yaml").read_text(encoding="utf-8")
        if m := _LANGUAGE.search(text[:300]):
            playbook = playbook.replace("language: en", f"language: {m[1]}")
        (root / "playbook.yaml").write_text(playbook, encoding="utf-8")
        stem = case.stem.split(".")[0]
        shutil.copyfile(case, root / "segments" / f"{stem}.yaml")
    return root


def check_dir(root: Path) -> list[Diagnostic]:
    return check_paths([root]).diagnostics


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output")


@pytest.fixture
def check_text(tmp_path: Path):
    """check_text(segment_yaml, playbook_yaml=None) -> diagnostics, for inline cases.

    The lifecycle findings (L8xx) are left out unless `lifecycle=True`: they judge the
    coverage of a whole plan, which a one-segment plan lacks by construction."""

    def run(segment: str, playbook: str | None = None, name: str = "engaged",
            lifecycle: bool = False) -> list[Diagnostic]:
        root = tmp_path / "plans"
        (root / "segments").mkdir(parents=True, exist_ok=True)
        (root / "playbook.yaml").write_text(
            playbook or (CASES / "playbook.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        (root / "segments" / f"{name}.yaml").write_text(segment, encoding="utf-8")
        found = check_dir(root)
        return found if lifecycle else [d for d in found if not d.rule.startswith("L8")]

    return run


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium per test module (Playwright, Debian's binary)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
