"""`--update-golden` (registered in tests/conftest.py): rewrite the golden files of the
site tests instead of comparing them.

    python -m pytest tests/site --update-golden      # or UPDATE_GOLDEN=1
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    try:
        flag = bool(request.config.getoption("--update-golden"))
    except ValueError:
        flag = False
    return flag or os.environ.get("UPDATE_GOLDEN") == "1"
