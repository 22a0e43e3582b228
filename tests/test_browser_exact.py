"""What the reader sees at 1280 px in Chromium, on the bundled plans and the Finnish and
Hebrew examples: no two labels of an automation map overlap, every month column of
every calendar is fully visible, its name not clipped, and no table is cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner import i18n
from planner.derive.journeys import graph
from planner.model import Journey
from planner.render.fmt import Formatter
from planner.render.journey_svg import diagram
from tests.helpers import CHROMIUM, REPO
from tests.site.hostile import copy_plans
from tests.test_browser import _build, html_pages, serving
from tests.test_journey_map import CASES

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium")
PLANS = {"en": REPO / "plans", "fi": REPO / "examples" / "fi", "he": REPO / "examples" / "he"}
PLANS = {k: v for k, v in PLANS.items() if (v / "playbook.yaml").is_file()}

# Pairs of label boxes (text elements, the diamond's "?" left out) that intersect.
_OVERLAPS = """svg => {
  const boxes = [...svg.querySelectorAll('text:not(.pl-j-q)')]
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [ta, a] = boxes[i], [tb, b] = boxes[j];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 0.5 && h > 0.5) out.push(ta + ' / ' + tb);
  }
  return out;
}"""

# Month columns (and their names) not wholly inside the calendar's visible box.
_HIDDEN_MONTHS = """scroller => {
  const view = scroller.getBoundingClientRect();
  const out = [];
  for (const col of scroller.querySelectorAll('.pl-cal-mname')) {
    const c = col.getBoundingClientRect(), name = col.firstElementChild.getBoundingClientRect();
    if (c.left < view.left - 0.5 || c.right > view.right + 0.5 || c.width < 1)
      out.push('column ' + col.textContent);
    if (name.left < c.left - 0.5 || name.right > c.right + 0.5) out.push('name ' + col.textContent);
  }
  return out;
}"""


@pytest.fixture(scope="module", params=sorted(PLANS))
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def built(language: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp(language)
    return _build(copy_plans(base, PLANS[language]), base / "site")


def test_no_two_labels_of_a_map_overlap(browser: object, built: Path) -> None:
    found: list[tuple[str, str | None, str]] = []
    with serving(built) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        for path in html_pages(built):
            page.goto(origin + path, wait_until="load")
            for svg in page.locator("svg.pl-journey").all():
                found += [(path, svg.get_attribute("data-journey"), pair)
                          for pair in svg.evaluate(_OVERLAPS)]
        page.close()
    assert found == []


def test_no_two_labels_overlap_on_maps_of_every_shape(browser: object, built: Path,
                                                      language: str) -> None:
    """Uneven, nested and empty branch paths (a branch without `else` among them), both
    layouts, drawn in the language of the site and shown on one of its pages."""
    fmt = Formatter(language)
    maps = []
    for steps in CASES.values():
        for layout in ("timeline", "journey"):
            journey = Journey.model_validate({"id": "j", "title": "J", "trigger": "joined",
                                              "layout": layout, "exit": "purchased",
                                              "steps": yaml.safe_load(steps)})
            maps.append(str(diagram(graph(journey), fmt, i18n.language(language))))
    found = []
    with serving(built) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto(origin + "journeys/", wait_until="load")
        page.locator("article").evaluate("(a, maps) => { a.innerHTML = maps.join('') }", maps)
        for svg in page.locator("svg.pl-journey").all():
            found += svg.evaluate(_OVERLAPS)
        page.close()
    assert len(maps) == 2 * len(CASES) and found == []


def test_every_month_column_is_visible_at_1280px(browser: object, built: Path) -> None:
    hidden, calendars = [], 0
    with serving(built) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        for path in html_pages(built):
            page.goto(origin + path, wait_until="load")
            for scroller in page.locator(".pl-cal-scroll").all():
                calendars += 1
                hidden += [(path, m) for m in scroller.evaluate(_HIDDEN_MONTHS)]
        page.close()
    assert calendars > 1, "the calendar page and the segment pages have calendars"
    assert hidden == []


def test_no_table_is_cut_off_at_1280px(browser: object, built: Path) -> None:
    cut = []
    with serving(built) as origin:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        for path in html_pages(built):
            page.goto(origin + path, wait_until="load")
            cut += [(path, c) for c in page.evaluate(
                "() => [...document.querySelectorAll('.pl-table')]"
                ".filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.className)")]
        page.close()
    assert cut == []
