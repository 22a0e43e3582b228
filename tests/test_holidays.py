"""Campaigns anchored to moving holidays: known dates for 2027 and 2028, a period that crosses
a year, P014 with suggestions by id and by localised name, and every output using the dates."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.check import check_paths
from planner.cli import main
from planner.holidays import table
from planner.scaffold import scaffold

KNOWN = {
    2027: {"midsummer-eve": "2027-06-25", "easter-sunday": "2027-03-28", "mothers-day": "2027-05-09",
           "independence-day": "2027-12-06", "christmas-eve": "2027-12-24",
           "rosh-hashanah": "2027-10-02", "yom-kippur": "2027-10-11", "sukkot": "2027-10-16",
           "hanukkah": "2027-12-25", "purim": "2027-03-23", "passover": "2027-04-22",
           "shavuot": "2027-06-11", "valentines-day": "2027-02-14", "black-friday": "2027-11-26",
           "cyber-monday": "2027-11-29", "singles-day": "2027-11-11"},
    2028: {"midsummer-eve": "2028-06-23", "easter-sunday": "2028-04-16", "mothers-day": "2028-05-14",
           "independence-day": "2028-12-06", "christmas-eve": "2028-12-24",
           "rosh-hashanah": "2028-09-21", "yom-kippur": "2028-09-30", "sukkot": "2028-10-05",
           "hanukkah": "2028-12-13", "purim": "2028-03-12", "passover": "2028-04-11",
           "shavuot": "2028-05-31", "valentines-day": "2028-02-14", "black-friday": "2028-11-24",
           "cyber-monday": "2028-11-27", "singles-day": "2028-11-11"},
}


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_known_dates(year: int) -> None:
    found = table(("FI", "IL"), dt.date(year, 1, 1), dt.date(year, 12, 31), "en")
    assert {hid: found[hid].date.isoformat() for hid in KNOWN[year]} == KNOWN[year]
    # FI is listed first: its Independence Day is the bare id; Israel's is qualified.
    assert found["independence-day-il"].date.year == year and found["independence-day-il"].country == "IL"


def test_a_period_crossing_a_year() -> None:
    found = table(("FI", "IL"), dt.date(2027, 4, 1), dt.date(2028, 3, 31), "fi")
    assert "easter-sunday" not in found  # 2027-03-28 and 2028-04-16 both lie outside
    assert found["purim"].date == dt.date(2028, 3, 12)
    assert found["hanukkah"].date == dt.date(2027, 12, 25)
    assert found["midsummer-eve"].name == "Juhannusaatto"
    # A holiday of several days that began before the period is not one of its holidays.
    later = table(("IL",), dt.date(2028, 1, 1), dt.date(2028, 12, 31), "en")
    assert later["hanukkah"].date == dt.date(2028, 12, 13)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    scaffold(tmp_path / "t", "fi", 2027)
    return tmp_path / "t" / "plans"


def anchor(plan: Path, start: str, end: str | None = None, countries: str = "[FI]") -> Path:
    playbook = plan / "playbook.yaml"
    text = re.sub(r"(?m)^holidays:.*\n", "", playbook.read_text(encoding="utf-8"))
    playbook.write_text(text.replace("currency: EUR\n", f"currency: EUR\nholidays: {countries}\n"),
                        encoding="utf-8")
    segment = plan / "segments" / "asiakkaat.yaml"
    text = segment.read_text(encoding="utf-8")
    campaign = ("campaigns:\n  - id: juhla\n    title: Juhlakampanja\n    message: uutiskirje\n"
                f"    start: {start}\n" + (f"    end: {end}\n" if end else "")
                + "    goals: [uusintatilaukset-30]\n")
    segment.write_text(text.replace("campaigns:\n", campaign), encoding="utf-8")
    return segment


def findings(plan: Path) -> list[tuple[str, int, int, str, str]]:
    return [(d.rule, d.line, d.column, d.message, d.hint) for d in check_paths([plan]).diagnostics]


def test_an_anchored_campaign_resolves_everywhere(plan: Path, tmp_path: Path) -> None:
    anchor(plan, "{holiday: midsummer-eve, days: -7}", "{holiday: midsummer-eve, days: -1}")
    assert findings(plan) == []
    out = tmp_path / "gen"
    assert CliRunner().invoke(main, ["generate", str(plan), "--out", str(out)]).exit_code == 0
    ics = (out / "docs" / "calendar.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20270618\nDTEND;VALUE=DATE:20270625" in ics
    csv = (out / "docs" / "campaigns.csv").read_text(encoding="utf-8")
    assert "2027-06-18" in csv and "2027-06-24" in csv
    page = (out / "docs" / "segments" / "asiakkaat.md").read_text(encoding="utf-8")
    assert "alkaa 7 päivää ennen: Juhannusaatto" in page
    calendar = (out / "docs" / "calendar.md").read_text(encoding="utf-8")
    assert 'data-holiday="midsummer-eve" data-date="2027-06-25"' in calendar
    assert 'data-holiday="christmas-eve"' in calendar  # the country's public holidays are marked
    clock = (out / "docs" / "clock.md").read_text(encoding="utf-8")
    assert 'data-holiday="independence-day"' in clock


def test_contact_pressure_counts_the_resolved_date(plan: Path) -> None:
    anchor(plan, "{holiday: christmas-eve, days: -10}")  # 2027-12-14, the week of the newsletter
    segment = plan / "segments" / "asiakkaat.yaml"
    text = segment.read_text(encoding="utf-8")
    segment.write_text(text.replace("contact_policy", "contact_policy"), encoding="utf-8")
    from planner.derive.pressure import worst_case
    from planner.plan import load_plan

    loaded = load_plan(plan)
    assert loaded.playbook is not None
    seg = dict((sf.id, s) for sf, s in loaded.segments)["asiakkaat"]
    assert seg.campaigns[0].start == dt.date(2027, 12, 14)
    assert worst_case(loaded.playbook, seg, "asiakkaat")["week"].count == 2  # with 2027-12-12's letter


def test_unknown_holiday_is_p014_with_suggestions_by_local_name(plan: Path) -> None:
    segment = anchor(plan, "{holiday: juhannus, days: -7}")
    line = next(i for i, t in enumerate(segment.read_text(encoding="utf-8").splitlines(), 1)
                if "juhannus," in t)
    (rule, at, column, message, hint), = findings(plan)
    assert (rule, at, column) == ("P014", line, 22)
    assert "'juhannus'" in message
    assert "'midsummer-eve' (Juhannusaatto, 2027-06-25)" in hint


def test_a_holiday_outside_the_period_or_country_is_p014(plan: Path) -> None:
    anchor(plan, "{holiday: rosh-hashanah}")  # an Israeli holiday, the plan is FI's
    (rule, *_rest), = findings(plan)
    assert rule == "P014"


def test_a_holiday_of_no_country_says_the_playbook_names_none(plan: Path) -> None:
    anchor(plan, "{holiday: midsummer-eve}", countries="[]")
    (rule, *_at, message, _hint), = findings(plan)
    assert rule == "P014"
    assert "`holidays:`" in message and "()" not in message and "(-)" not in message


def test_a_holiday_under_a_broken_playbook_waits_for_its_fix(plan: Path) -> None:
    """The playbook's own finding names the problem; anchored dates say they cannot be dated,
    not that the holiday is unknown (and never "countries (-)")."""
    anchor(plan, "{holiday: midsummer-eve}", countries="[FI, XX]")
    found = findings(plan)
    assert [f[0] for f in found] == ["P004", "P014"]
    (_rule, _line, _column, message, hint) = found[1]
    assert "'midsummer-eve'" in message and "(-)" not in message
    assert hint  # fix the playbook first


@pytest.mark.parametrize(("start", "rule"), [
    ("{holiday: midsummer-eve, days: soon}", "P004"),
    ("{holiday: midsummer-eve, weeks: 1}", "P004"),
    ("{holiday: midsummer-eve, days: 400}", "P004"),
    ("{holiday: midsummer-eve, days: 200}", "P008"),  # resolves outside the period
])
def test_badly_written_holiday_dates(plan: Path, start: str, rule: str) -> None:
    anchor(plan, start)
    assert [f[0] for f in findings(plan)] == [rule]


def test_unknown_country_code(plan: Path) -> None:
    anchor(plan, "2027-03-01", countries="[FI, XX]")
    lines = (plan / "playbook.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, t in enumerate(lines, 1) if t.startswith("holidays:"))
    (rule, line, column, message, _hint), = findings(plan)
    assert (rule, line, column) == ("P004", at, lines[at - 1].index("XX") + 1)
    assert "XX" in message


def test_holidays_command(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    result = CliRunner().invoke(main, ["holidays", str(repo / "examples" / "fi")])
    assert result.exit_code == 0
    assert "2027-06-25  midsummer-eve" in result.output and "Juhannusaatto" in result.output
    result = CliRunner().invoke(main, ["holidays", str(repo / "examples" / "he"), "--format", "json"])
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["rosh-hashanah"]["date"] == "2027-10-02" and rows["rosh-hashanah"]["name"] == "ראש השנה"
    assert rows["black-friday"]["country"] is None
