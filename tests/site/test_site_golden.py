"""Golden files of representative pages, feeds and exports, in English, Finnish and Hebrew.

The plans are frozen copies (tests/site/plans, plans-fi, plans-he), so editing the
bundled examples never changes a golden file. The Finnish and Hebrew copies have ids
in non-ASCII letters, so the goldens also pin their links, anchors, ICS UIDs and CSV.

A change to the site's output shows up here as a diff to review; when it is
intended, refresh with `python -m pytest tests/site --update-golden`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from planner.check import check_plan
from planner.plan import load_plan
from planner.render import pages
from tests.site.hostile import FIXTURE_PLANS, FIXTURE_PLANS_FI, FIXTURE_PLANS_HE

GOLDEN = Path(__file__).parent.parent / "golden"
FEED_STAMP = 1798761600  # 2027-01-01T00:00:00Z
PLANS = {"en": FIXTURE_PLANS, "fi": FIXTURE_PLANS_FI, "he": FIXTURE_PLANS_HE}
# (language, page path) -> golden file name
CASES = {
    ("en", "index.md"): "index.md",
    ("en", "segments/engaged.md"): "segment-engaged.md",
    ("en", "calendar.md"): "calendar.md",
    ("en", "calendar.ics"): "calendar.ics",
    ("en", "segments/engaged.ics"): "segment-engaged.ics",
    ("fi", "index.md"): "fi-index.md",
    ("fi", "calendar.md"): "fi-calendar.md",
    ("fi", "segments/lähteneet.md"): "fi-segment-lahteneet.md",
    ("fi", "goals.csv"): "fi-goals.csv",
    ("he", "index.md"): "he-index.md",
    ("he", "calendar.md"): "he-calendar.md",
    ("he", "segments/מועדון.md"): "he-segment-club.md",
    ("he", "segments/מועדון.ics"): "he-segment-club.ics",
    ("he", "journeys.md"): "he-journeys.md",
    ("he", "clock.md"): "he-clock.md",
}


@cache
def site_pages(language: str) -> dict[str, str | bytes]:
    plan = load_plan(PLANS[language])
    return pages(plan, check_plan(plan))


@pytest.mark.parametrize(("language", "path"), sorted(CASES), ids=lambda v: str(v))
def test_page_matches_golden(language: str, path: str, update_golden: bool,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    # the feeds' stamp would otherwise follow the fixtures' git history or file times
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FEED_STAMP))
    content = site_pages(language)[path]
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    golden = GOLDEN / CASES[(language, path)]
    if update_golden or not golden.exists():
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(data)
        if not update_golden:
            pytest.skip(f"wrote the missing golden file {golden.name}")
        return
    expected = golden.read_bytes()
    assert data.decode("utf-8") == expected.decode("utf-8"), (
        f"{path} ({language}) differs from {golden}; if the change is intended, run "
        "`python -m pytest tests/site --update-golden`")
