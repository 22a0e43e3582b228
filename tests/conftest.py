"""Fixtures and hooks shared by the tests (their plain helpers are in tests/helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.diagnostics import Diagnostic
from tests.helpers import CASES, CHROMIUM, CHROMIUM_ARGS, check_dir


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
