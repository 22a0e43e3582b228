"""`--update-golden`: rewrite the golden files of the site tests instead of comparing.

    python -m pytest tests/site --update-golden

(The option is registered here, so pass the tests/site path with it; setting
UPDATE_GOLDEN=1 works from anywhere.)
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    try:
        flag = bool(request.config.getoption("--update-golden"))
    except ValueError:
        flag = False
    return flag or os.environ.get("UPDATE_GOLDEN") == "1"
