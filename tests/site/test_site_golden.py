"""Golden files of representative pages and the calendar feed, from tests/site/plans.

A change to the site's output shows up here as a diff to review; when it is
intended, refresh with `python -m pytest tests/site --update-golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.check import check_plan
from planner.plan import load_plan
from planner.render import pages
from tests.site.hostile import FIXTURE_PLANS

GOLDEN = Path(__file__).parent.parent / "golden"
CASES = {
    "index.md": "index.md",
    "segments/engaged.md": "segment-engaged.md",
    "calendar.md": "calendar.md",
    "calendar.ics": "calendar.ics",
    "segments/engaged.ics": "segment-engaged.ics",
}


@pytest.fixture(scope="module")
def site_pages() -> dict[str, str | bytes]:
    plan = load_plan(FIXTURE_PLANS)
    return pages(plan, check_plan(plan))


@pytest.mark.parametrize("path", sorted(CASES))
def test_page_matches_golden(path: str, site_pages: dict[str, str | bytes], update_golden: bool,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = site_pages[path]
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    golden = GOLDEN / CASES[path]
    if update_golden or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(data)
        if not update_golden:
            pytest.skip(f"wrote the missing golden file {golden.name}")
        return
    expected = golden.read_bytes()
    assert data.decode("utf-8") == expected.decode("utf-8"), (
        f"{path} differs from {golden}; if the change is intended, run "
        "`python -m pytest tests/site --update-golden`")
