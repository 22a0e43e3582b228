"""The year's loop on the site: goal status and charts, measurements, progress, revenue now,
recorded and missing measurements and today on the clock and the calendar."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from planner.cli import main
from planner.plan import load_plan
from planner.render import pages
from tests.helpers import CASES, REPO

TRACKED = CASES / "tracking"
APRIL = dt.date(2027, 4, 15)


def _pages(root: Path, today: dt.date = APRIL) -> dict[str, str]:
    plan = load_plan(root, today)
    return {k: v for k, v in pages(plan, []).items() if isinstance(v, str)}


def _goal_block(page: str, goal: str) -> str:
    start = page.index(f'id="goal-{goal}"')
    return page[start:page.index("</div>\n\n", start)]


def test_each_goal_shows_its_status_and_chart() -> None:
    segment = _pages(TRACKED)["segments/engaged.md"]
    on_track = _goal_block(segment, "repeat-32")
    assert 'class="pl-status pl-status-on-track">on track<' in on_track
    assert "latest 26% on Mar 31, 2027" in on_track and "50% of the way, 50% expected" in on_track
    chart = re.search(r"<svg[^>]*class=\"pl-chart\".*?</svg>", on_track, re.S)
    assert chart is not None
    svg = chart.group()
    assert svg.count('class="pl-chart-point"') == 3  # Jan, Feb, Mar
    assert 'class="pl-chart-today"' in svg and 'class="pl-chart-path"' in svg
    # the expected path: a step at each of the six monthly dates, from 20 up to 32
    path = re.search(r'<path d="([^"]+)" class="pl-chart-path"', svg)
    assert path is not None and path.group(1).count("V") == 6
    assert 'role="img"' in svg and "From 20% to 32% by Jun 30, 2027" in svg
    no_data = _goal_block(segment, "nps-50")
    assert "pl-status-no-data" in no_data and "pl-chart-point" not in no_data


def test_the_segment_page_lists_each_kpis_measurements() -> None:
    segment = _pages(TRACKED)["segments/engaged.md"]
    nps = segment[segment.index('id="measurements-nps"'):]
    nps = nps[:nps.index("</section>")]
    assert nps.count('class="pl-m-missing"') == 3
    repeat = segment[segment.index('id="measurements-repeat-rate"'):]
    repeat = repeat[:repeat.index("</section>")]
    assert repeat.count('class="pl-m-recorded"') == 3 and "brewing guide live" in repeat
    assert "Apr 30" not in repeat  # upcoming dates without values are left out


def test_home_summarises_status_and_revenue_now() -> None:
    home = _pages(TRACKED)["index.md"]
    progress = home[home.index("pl-progress"):home.index("## Objectives")]
    assert "on track 1" in progress and "behind 1" in progress and "no data 1" in progress
    # planned 40 % secure of EUR 100,000; re-measured 50 % on 31 March
    assert "€40,000 secure" in home and "now: €50,000 secure" in home


def test_clock_and_calendar_tell_recorded_from_missing_and_mark_today() -> None:
    site = _pages(TRACKED)
    calendar, clock = site["calendar.md"], site["clock.md"]
    # 31 January: the repeat rate is recorded but the NPS is not: the day counts as missing
    assert re.search(r'class="pl-cal-measure pl-m-missing"[^>]*data-date="2027-01-31"', calendar)
    assert 'class="pl-cal-today"' in calendar
    assert 'class="pl-clock-measure pl-m-missing"' in clock
    assert 'class="pl-clock-today"' in clock
    # after the period's end there is no today to mark
    late = _pages(TRACKED, dt.date(2028, 1, 5))
    assert "pl-cal-today" not in late["calendar.md"] and "pl-clock-today" not in late["clock.md"]


def test_a_plan_without_actuals_renders_as_before(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    shutil.copytree(TRACKED, root)
    shutil.rmtree(root / "actuals")
    for today in (APRIL, dt.date(2030, 1, 1)):
        site = _pages(root, today)
        for path, text in site.items():
            # rules.md documents K80x, format.md the actuals and `tracking` fields
            if path.endswith(".md") and path not in ("rules.md", "format.md"):
                for mark in ('class="pl-status ', 'class="pl-chart"', "pl-m-", "today"):
                    assert mark not in text, (path, mark)


def test_right_to_left_charts_run_from_the_right() -> None:
    site = _pages(REPO / "examples" / "he")
    goal = _goal_block(site["segments/customers.md"], "cus-aov-240")
    xs = [float(x) for x in re.findall(r'<circle[^>]*cx="([\d.]+)"[^>]*class="pl-chart-point"',
                                       goal)]
    assert len(xs) == 3 and xs == sorted(xs, reverse=True)  # January rightmost


def test_build_and_generate_take_today(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "gen"
    result = runner.invoke(main, ["generate", str(TRACKED), "--out", str(out), "--today",
                                  "2027-04-15"])
    assert result.exit_code == 0, result.output
    assert "Apr 15, 2027" in (out / "docs" / "index.md").read_text(encoding="utf-8")
    # dated after that day, the same rows stop the build (K801)
    result = runner.invoke(main, ["build", str(TRACKED), "-o", str(tmp_path / "site"),
                                  "--today", "2027-02-15"])
    assert result.exit_code == 1 and "K801" in result.output


def test_the_mkdocs_plugin_takes_today_from_its_option(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(TRACKED, project / "plans")
    (project / "docs").mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace(
        "      strict: false", "      strict: false\n      today: 2027-04-15"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Apr 15, 2027" in home and "pl-status-behind" in home
