"""The Hebrew and Finnish sites in real headless Chromium (Debian's, driven by Playwright).

Built from the frozen copies tests/site/plans-he and plans-fi, whose segment and goal
ids are partly in non-ASCII letters. The Hebrew site is right-to-left as a whole and in
its diagrams, every page opens with no console error, no failed request and no request
beyond the local server, and links to pages and anchors with Hebrew ids work.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.site.hostile import FIXTURE_PLANS_FI, FIXTURE_PLANS_HE, copy_plans
from tests.test_browser import CHROMIUM, Watch, _build, html_pages, serving

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                       "(apt-get install -y chromium)")
WIDE = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def he_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("he")
    return _build(copy_plans(base, FIXTURE_PLANS_HE), base / "site")


@pytest.fixture(scope="module")
def fi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fi")
    return _build(copy_plans(base, FIXTURE_PLANS_FI), base / "site")


def _box(locator: object) -> dict[str, float]:
    box = locator.bounding_box()  # type: ignore[attr-defined]
    assert box is not None
    return box


def _right(locator: object) -> float:
    box = _box(locator)
    return box["x"] + box["width"]


def test_every_hebrew_page_opens_cleanly_right_to_left(browser: object, he_site: Path) -> None:
    paths = html_pages(he_site)
    assert any(unquote(p) == "segments/מועדון/" for p in paths)
    with serving(he_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        watch = Watch(page, origin)
        for path in paths:
            response = page.goto(origin + path, wait_until="networkidle")
            assert response is not None and response.ok, path
            html = page.locator("html")
            assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "he", path
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", path
            assert page.locator("article h1").count() == 1, path
        # Material's own strings come from its Hebrew translation
        assert page.locator("input.md-search__input").get_attribute("placeholder") == "חיפוש"
        page.close()
    assert watch.errors == []
    assert watch.failed == []
    assert watch.foreign == []


def test_the_hebrew_calendar_runs_from_the_right(browser: object, he_site: Path) -> None:
    with serving(he_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        page.goto(origin + "calendar/", wait_until="networkidle")
        names = page.locator(".pl-cal-head .pl-cal-mname")
        assert names.count() == 12
        assert names.first.inner_text() == "ינו׳" and names.last.inner_text() == "דצמ׳"
        january, december = _box(names.first), _box(names.last)
        assert january["x"] > december["x"] + december["width"], "January right of December"
        label = _box(page.locator(".pl-cal-head .pl-cal-label"))
        assert label["x"] > january["x"], "the segment names are on the right, where a line starts"
        # the bars follow: the later a campaign date, the further left its bar starts (its
        # right edge, in a right-to-left calendar)
        bars = page.locator(".pl-cal-bar[data-segment=customers]")
        xs = [x for _start, x in sorted((b.get_attribute("data-start"), _right(b))
                                        for b in bars.all())]
        assert len(xs) > 5 and xs == sorted(xs, reverse=True), "later dates further left"
        page.close()


def test_the_hebrew_clock_and_timeline_are_mirrored(browser: object, he_site: Path) -> None:
    with serving(he_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        page.goto(origin + "clock/", wait_until="networkidle")
        clock = _box(page.locator("svg.pl-clock"))
        centre = clock["x"] + clock["width"] / 2
        months = page.locator("svg.pl-clock .pl-clock-mname")
        assert months.first.text_content() == "ינו׳"
        assert _box(months.first)["x"] + _box(months.first)["width"] < centre, "January left of twelve"
        assert _box(months.nth(2))["x"] < centre and _box(months.nth(8))["x"] > centre

        page.goto(origin + "journeys/", wait_until="networkidle")
        timeline = page.locator('svg.pl-journey-timeline[data-journey="יום-הולדת"]')
        assert timeline.count() == 1
        trigger = _box(timeline.locator("[data-kind=trigger]"))
        end = _box(timeline.locator("[data-kind=end]"))
        assert trigger["x"] > end["x"], "the journey starts on the right"
        page.close()


def test_links_to_hebrew_ids_work(browser: object, he_site: Path) -> None:
    with serving(he_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        watch = Watch(page, origin)
        page.goto(origin, wait_until="networkidle")
        page.locator("a.pl-seg-card", has_text="מועדון VIP").click()
        page.wait_for_load_state("networkidle")
        assert unquote(page.url) == origin + "segments/מועדון/"
        assert page.locator("article h1").inner_text().startswith("מועדון VIP")
        # a goal link with a Hebrew id lands on the goal
        page.goto(origin, wait_until="networkidle")
        page.locator('.pl-goal-list a[href$="#goal-%D7%A9%D7%99%D7%9E%D7%95%D7%A8-82"]').click()
        page.wait_for_load_state("networkidle")
        assert unquote(page.url) == origin + "segments/מועדון/#goal-שימור-82"
        assert page.evaluate("document.querySelector(':target')?.id") == "goal-שימור-82"
        assert page.locator("#goal-שימור-82").is_visible()
        # the segment's feed downloads
        response = page.request.get(origin + "segments/מועדון.ics")
        assert response.ok and b"BEGIN:VCALENDAR" in response.body()
        page.close()
    assert watch.errors == [] and watch.failed == [] and watch.foreign == []


def test_the_finnish_site_speaks_finnish(browser: object, fi_site: Path) -> None:
    with serving(fi_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        watch = Watch(page, origin)
        page.goto(origin + "calendar/", wait_until="networkidle")
        html = page.locator("html")
        assert html.get_attribute("lang") == "fi" and html.get_attribute("dir") == "ltr"
        names = page.locator(".pl-cal-head .pl-cal-mname")
        assert [names.nth(i).inner_text() for i in (0, 5, 11)] == ["tammi", "kesä", "joulu"]
        assert _box(names.first)["x"] < _box(names.last)["x"], "January left of December"
        assert page.locator("input.md-search__input").get_attribute("placeholder") == "Hae"
        page.goto(origin + "segments/l%C3%A4hteneet/", wait_until="networkidle")
        assert page.locator("article h1").count() == 1
        page.close()
    assert watch.errors == [] and watch.failed == [] and watch.foreign == []


def test_the_hebrew_lifecycle_coverage_and_service_messages(browser: object, he_site: Path
                                                            ) -> None:
    with serving(he_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        page.goto(origin, wait_until="networkidle")
        groups = page.locator(".pl-coverage .pl-group")
        assert groups.count() == 3
        # interested, engaged, passive and lost: from the right, as a Hebrew line reads
        boxes = [_box(g) for g in groups.all()]
        assert boxes[0]["x"] > boxes[1]["x"] > boxes[2]["x"]
        assert all(g.is_visible() for g in page.locator(".pl-coverage .pl-need").all())
        assert page.locator(".pl-coverage .pl-need.pl-warn").count() == 0  # every need is met
        page.locator(".pl-group-engaged a", has_text="לקוחות פעילים").click()
        page.wait_for_load_state("networkidle")
        assert unquote(page.url).endswith("/segments/customers/")
        # the service messages: counted apart, tagged in the touch plan and the calendar
        assert page.locator(".pl-meter-row.pl-service").count() == 2
        assert page.locator(".pl-messages tr.pl-service .pl-purpose").count() == 2
        bar = page.locator(".pl-cal-bar.pl-cal-service")
        assert bar.count() == 1 and "(הודעת שירות)" in (bar.get_attribute("title") or "")
        page.close()


def test_the_finnish_coverage_panel_shows_the_waiver_inside_its_card(browser: object,
                                                                     fi_site: Path) -> None:
    with serving(fi_site) as origin:
        page = browser.new_page(viewport=WIDE)  # type: ignore[attr-defined]
        page.goto(origin, wait_until="networkidle")
        card = page.locator(".pl-coverage .pl-group-passive-lost")
        waiver = card.locator(".pl-need-waiver")
        assert waiver.count() == 1 and "L804" in waiver.inner_text()
        inner, outer = _box(waiver), _box(card)
        assert inner["x"] >= outer["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        assert waiver.evaluate("e => e.scrollWidth <= e.clientWidth"), "the reason wraps"
        page.close()
