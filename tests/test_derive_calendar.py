"""Calendar occurrences, deadlines and measurement dates, with hand-computed answers."""

from __future__ import annotations

import datetime as dt
from itertools import takewhile
from pathlib import Path

import pytest

from planner.derive.calendar import (
    Entry,
    campaign_occurrences,
    deadline,
    entries,
    measurement_dates,
    occurrences,
    segment_entries,
    series,
)
from planner.derive.goal_facts import goal_facts
from planner.derive.recurrence import rrule_dates
from planner.i18n import ENGLISH
from planner.recurrence_rules import is_bounded, rrule_problem, rule
from tests.derive_support import SEGMENT_HEAD, playbook, segment, write_plan

D = dt.date
Y2027 = playbook()
APRIL_TO_MARCH = playbook("period: {start: 2027-04-01, end: 2028-03-31}")
Y2028 = playbook("year: 2028")


def _campaigns(*lines: str) -> str:
    body = "messages:\n  - {id: news, kind: newsletter, channel: email, title: News}\ncampaigns:\n"
    return body + "".join(f"  - {{id: c{i}, title: C, message: news, {line}}}\n"
                          for i, line in enumerate(lines))


def _spans(pb, *lines: str) -> list[tuple[dt.date, dt.date]]:
    return [(o.start, o.end) for o in occurrences(pb, segment(_campaigns(*lines)), "s")]


def test_a_one_off_campaign_is_one_occurrence() -> None:
    occ = occurrences(Y2027, segment(_campaigns("start: 2027-03-01, end: 2027-03-14")), "engaged")
    assert len(occ) == 1
    o = occ[0]
    assert (o.segment, o.campaign.id, o.start, o.end, o.index, o.days) == (
        "engaged", "c0", D(2027, 3, 1), D(2027, 3, 14), 0, 14)


def test_count_keeps_the_length_of_each_occurrence() -> None:
    assert _spans(Y2027, "start: 2027-03-01, end: 2027-03-14, repeat: 'FREQ=MONTHLY;COUNT=3'") == [
        (D(2027, 3, 1), D(2027, 3, 14)), (D(2027, 4, 1), D(2027, 4, 14)),
        (D(2027, 5, 1), D(2027, 5, 14))]


def test_until_is_inclusive() -> None:
    # 2027-02-01 is a Monday; UNTIL 1 March (a Monday) is the fifth occurrence
    starts = [s for s, _ in _spans(Y2027, "start: 2027-02-01, repeat: 'FREQ=WEEKLY;UNTIL=20270301'")]
    assert starts == [D(2027, 2, 1), D(2027, 2, 8), D(2027, 2, 15), D(2027, 2, 22), D(2027, 3, 1)]


def test_until_with_a_time_and_utc_counts_by_its_date() -> None:
    assert len(_spans(Y2027, "start: 2027-02-01, repeat: 'FREQ=WEEKLY;UNTIL=20270301T235959Z'")) == 5


def test_byday() -> None:
    starts = [s for s, _ in _spans(Y2027, "start: 2027-03-01, repeat: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4'")]
    assert starts == [D(2027, 3, 1), D(2027, 3, 4), D(2027, 3, 8), D(2027, 3, 11)]


def test_a_start_that_does_not_match_byday_is_not_an_occurrence() -> None:
    # 2027-03-03 is a Wednesday: dateutil starts at the first Monday after it
    starts = [s for s, _ in _spans(Y2027, "start: 2027-03-03, repeat: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2'")]
    assert starts == [D(2027, 3, 8), D(2027, 3, 15)]


def test_nth_weekday_of_the_month() -> None:
    starts = [s for s, _ in _spans(Y2027, "start: 2027-01-01, repeat: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3'")]
    assert starts == [D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9)]


def test_leap_day_yearly_happens_only_in_leap_years() -> None:
    assert _spans(Y2028, "start: 2028-02-29, repeat: FREQ=YEARLY") == [(D(2028, 2, 29), D(2028, 2, 29))]
    assert rrule_dates("FREQ=YEARLY;COUNT=2", D(2028, 2, 29), D(2040, 1, 1)) == (
        D(2028, 2, 29), D(2032, 2, 29))


@pytest.mark.parametrize("freq", ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
def test_rules_that_repeat_the_start_give_dateutils_dates(freq: str) -> None:
    """A rule without BY-parts is counted without dateutil's iteration (planner.derive.
    recurrence): the same dates, for starts on the 29th-31st, 29 February, any weekday."""
    starts = [D(2027, 1, 31), D(2028, 2, 29), D(2027, 3, 3), D(2027, 12, 31), D(2026, 5, 30)]
    for start, through in [(s, t) for s in starts for t in (D(2026, 12, 31), D(2031, 3, 31))]:
        for extra in ("", ";INTERVAL=2", ";INTERVAL=5;COUNT=3", ";COUNT=13", ";WKST=SU;INTERVAL=3"):
            text = f"FREQ={freq}{extra}"
            bound = dt.datetime.combine(through, dt.time())
            dateutil_dates = tuple(d.date() for d in takewhile(lambda d: d <= bound,  # noqa: B023
                                                                rule(text, start)))
            assert rrule_dates(text, start, through) == dateutil_dates, (text, start, through)


def test_monthly_on_the_31st_skips_short_months_and_last_day_does_not() -> None:
    starts = [s for s, _ in _spans(Y2028, "start: 2028-01-31, repeat: 'FREQ=MONTHLY;COUNT=4'")]
    assert starts == [D(2028, 1, 31), D(2028, 3, 31), D(2028, 5, 31), D(2028, 7, 31)]
    starts = [s for s, _ in _spans(Y2028, "start: 2028-01-31, repeat: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3'")]
    assert starts == [D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31)]


def test_a_campaign_across_the_leap_day_keeps_its_length() -> None:
    assert _spans(Y2028, "start: 2028-02-27, end: 2028-03-01, repeat: 'FREQ=YEARLY'") == [
        (D(2028, 2, 27), D(2028, 3, 1))]


def test_clipped_to_the_period_with_series_numbers_kept() -> None:
    seg = segment(_campaigns("start: 2027-06-01, repeat: 'FREQ=MONTHLY;COUNT=12'"))
    occ = occurrences(Y2027, seg, "s")
    assert [o.start.month for o in occ] == [6, 7, 8, 9, 10, 11, 12]
    # a period that starts later drops the first ones but keeps their numbers
    later = playbook("period: {start: 2027-09-01, end: 2028-08-31}")
    occ = occurrences(later, seg, "s")
    assert [(o.start, o.index) for o in occ][:2] == [(D(2027, 9, 1), 3), (D(2027, 10, 1), 4)]
    assert occ[-1].start == D(2028, 5, 1) and occ[-1].index == 11


def test_open_rule_repeats_through_a_period_that_is_not_a_calendar_year() -> None:
    starts = [s for s, _ in _spans(APRIL_TO_MARCH, "start: 2027-04-15, repeat: FREQ=MONTHLY")]
    assert len(starts) == 12
    assert (starts[0], starts[-1]) == (D(2027, 4, 15), D(2028, 3, 15))


def test_occurrences_overlapping_an_edge_keep_their_dates() -> None:
    spans = _spans(Y2027, "start: 2027-12-27, end: 2028-01-02")  # P008 reports the end
    assert spans == [(D(2027, 12, 27), D(2028, 1, 2))]
    pb = playbook("period: {start: 2027-04-01, end: 2028-03-31}")
    assert _spans(pb, "start: 2027-03-29, end: 2027-04-02") == [(D(2027, 3, 29), D(2027, 4, 2))]
    assert _spans(pb, "start: 2027-03-20, end: 2027-03-31") == []


def test_occurrences_of_all_campaigns_are_sorted_by_start() -> None:
    seg = segment(_campaigns("start: 2027-03-10", "start: 2027-01-05, repeat: 'FREQ=MONTHLY;COUNT=3'"))
    occ = occurrences(Y2027, seg, "s")
    assert [(o.campaign.id, o.start) for o in occ] == [
        ("c1", D(2027, 1, 5)), ("c1", D(2027, 2, 5)), ("c1", D(2027, 3, 5)), ("c0", D(2027, 3, 10))]


def test_a_campaign_that_ends_before_it_starts_counts_as_one_day() -> None:
    assert _spans(Y2027, "start: 2027-03-10, end: 2027-03-01") == [(D(2027, 3, 10), D(2027, 3, 10))]


def test_an_unvalidated_bad_rule_is_read_as_a_one_off() -> None:
    c = segment(_campaigns("start: 2027-03-01")).campaigns[0]
    bad = c.model_copy(update={"repeat": "FREQ=SOMETIMES"})
    assert [o.start for o in series(bad, "s", D(2027, 12, 31))] == [D(2027, 3, 1)]


def test_series_and_campaign_occurrences() -> None:
    c = segment(_campaigns("start: 2027-11-01, repeat: 'FREQ=MONTHLY;COUNT=4'")).campaigns[0]
    assert [o.start for o in series(c, "s", D(2028, 12, 31))] == [
        D(2027, 11, 1), D(2027, 12, 1), D(2028, 1, 1), D(2028, 2, 1)]
    assert [o.index for o in campaign_occurrences(c, "s", D(2027, 12, 1), D(2028, 1, 31))] == [1, 2]


# --- RRULE checking ------------------------------------------------------------------


@pytest.mark.parametrize("rule", [
    "FREQ=MONTHLY;COUNT=3", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH", "freq=daily;interval=2",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20271231",
])
def test_good_rules(rule: str) -> None:
    assert rrule_problem(rule, D(2027, 1, 1), ENGLISH) is None


@pytest.mark.parametrize("rule,reason", [
    ("FREQ=MONTHY", "FREQ=MONTHY is not a frequency (did you mean MONTHLY?)"),
    ("FRQ=MONTHLY", "unknown part FRQ (did you mean FREQ?)"),
    ("COUNT=3", "FREQ is missing"),
    ("FREQ=MONTHLY;;COUNT=3", "is not NAME=VALUE"),
    ("montly", "neither an RRULE (NAME=VALUE;...) nor one of the words weekly, monthly"),
    ("", "empty"),
    ("FREQ=HOURLY", "within a day"),
    ("FREQ=DAILY;BYHOUR=9", "times of day"),
    ("FREQ=WEEKLY;COUNT=0", "at least 1"),
    ("FREQ=WEEKLY;INTERVAL=0", "at least 1"),
    ("FREQ=WEEKLY;COUNT=2;UNTIL=20270301", "not both"),
    ("FREQ=WEEKLY;BYDAY=XX", "BYDAY has an invalid value: XX"),
    ("FREQ=WEEKLY;FREQ=DAILY", "given twice"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "never gives a date"),
    ("FREQ=DAILY\nEXDATE:20270105", "one line"),
])
def test_bad_rules_say_why(rule: str, reason: str) -> None:
    problem = rrule_problem(rule, D(2027, 1, 1), ENGLISH)
    assert problem is not None and reason in problem


def test_a_start_on_the_31st_cannot_repeat_in_a_short_month_only() -> None:
    problem = rrule_problem("FREQ=YEARLY;BYMONTH=4", D(2027, 1, 31), ENGLISH)
    assert problem is not None and "the day of `start`" in problem


def test_bounded_rules() -> None:
    assert is_bounded("FREQ=WEEKLY;COUNT=3") and is_bounded("FREQ=WEEKLY;UNTIL=20270101")
    assert not is_bounded("FREQ=WEEKLY")


@pytest.mark.parametrize("rule", [
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",          # no month has six Mondays
    "FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1;BYSETPOS=2",
    "FREQ=DAILY;BYSETPOS=2",
    "FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31",
])
def test_rules_that_can_never_give_a_date_are_refused(rule: str) -> None:
    problem = rrule_problem(rule, D(2027, 1, 1), ENGLISH)
    assert problem is not None and "never gives a date" in problem
    assert rrule_dates(rule, D(2027, 1, 1), D(2027, 12, 31)) == ()


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5", "FREQ=YEARLY;BYDAY=MO;BYSETPOS=53"])
def test_rules_that_only_sometimes_give_a_date_are_fine(rule: str) -> None:
    assert rrule_problem(rule, D(2027, 1, 1), ENGLISH) is None


def test_a_rule_that_never_matches_gives_no_dates_and_ends() -> None:
    # from 2027 every fourth year is never a leap year: dateutil searches to 9999 once
    assert rrule_dates("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", D(2027, 1, 1),
                       D(2027, 12, 31)) == ()


# --- the annual clock -------------------------------------------------------------------


def test_measurement_dates_in_a_calendar_year() -> None:
    first, last = D(2027, 1, 1), D(2027, 12, 31)
    weekly = measurement_dates("weekly", first, last)
    assert weekly[0] == D(2027, 1, 3) and weekly[-1] == D(2027, 12, 26) and len(weekly) == 52
    assert all(d.weekday() == 6 for d in weekly)
    monthly = measurement_dates("monthly", first, last)
    assert monthly[:3] == [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31)] and len(monthly) == 12
    assert measurement_dates("quarterly", first, last) == [
        D(2027, 3, 31), D(2027, 6, 30), D(2027, 9, 30), D(2027, 12, 31)]
    assert measurement_dates("yearly", first, last) == [last]
    assert measurement_dates(None, first, last) == []


def test_measurement_dates_in_a_period_from_april_to_march_with_a_leap_day() -> None:
    first, last = D(2027, 4, 1), D(2028, 3, 31)
    monthly = measurement_dates("monthly", first, last)
    assert len(monthly) == 12 and monthly[0] == D(2027, 4, 30) and D(2028, 2, 29) in monthly
    assert monthly[-1] == D(2028, 3, 31)
    assert measurement_dates("quarterly", first, last) == [
        D(2027, 6, 30), D(2027, 9, 30), D(2027, 12, 31), D(2028, 3, 31)]
    assert measurement_dates("yearly", first, last) == [D(2028, 3, 31)]
    weekly = measurement_dates("weekly", first, last)  # Thursday 1 April .. Friday 31 March
    assert (weekly[0], weekly[-1], len(weekly)) == (D(2027, 4, 4), D(2028, 3, 26), 52)


def test_measurement_dates_of_a_period_ending_mid_month() -> None:
    assert measurement_dates("monthly", D(2027, 1, 15), D(2027, 3, 15)) == [
        D(2027, 1, 31), D(2027, 2, 28)]
    assert measurement_dates("weekly", D(2027, 1, 4), D(2027, 1, 9)) == []


_CLOCK = SEGMENT_HEAD + """
kpis:
  - {id: repeat-rate, name: Repeat purchase rate, unit: "%", direction: up, measured: quarterly}
  - {id: nps, name: Net promoter score, unit: score, direction: up}
goals:
  - {id: by-june, title: Raise the rate by June, kpi: repeat-rate, due: 2027-Q2}
  - {id: by-month, kpi: repeat-rate, due: 2027-09}
  - {id: by-day, kpi: nps, due: 2027-11-15}
  - {id: unparseable, kpi: nps, due: someday}
  - {id: next-year, kpi: nps, due: 2028-03-31}
messages:
  - {id: news, kind: newsletter, channel: email, title: News}
campaigns:
  - {id: spring-news, title: Spring news, message: news, start: 2027-03-15, end: 2027-03-20,
     repeat: 'FREQ=MONTHLY;COUNT=2'}
"""


def test_entries_of_a_plan(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "year: 2027\n", {"engaged": _CLOCK})
    got = entries(plan)
    assert [(e.kind, e.item, e.start) for e in got] == [
        ("campaign", "spring-news", D(2027, 3, 15)),
        ("measurement", "repeat-rate", D(2027, 3, 31)),
        ("campaign", "spring-news", D(2027, 4, 15)),
        ("deadline", "by-june", D(2027, 6, 30)),
        ("measurement", "repeat-rate", D(2027, 6, 30)),
        ("deadline", "by-month", D(2027, 9, 30)),
        ("measurement", "repeat-rate", D(2027, 9, 30)),
        ("deadline", "by-day", D(2027, 11, 15)),
        ("measurement", "repeat-rate", D(2027, 12, 31)),
    ]
    first = got[0]
    assert first == Entry(
        "campaign", "engaged", "spring-news", "Spring news", D(2027, 3, 15), D(2027, 3, 20),
        "campaign-engaged-spring-news-20270315@planner", message=first.message,
        occurrence=first.occurrence)
    assert first.message is not None and first.message.id == "news"
    assert first.occurrence is not None and first.occurrence.index == 0
    deadline = got[3]
    assert deadline.title == "Raise the rate by June" and deadline.goal is not None
    assert deadline.kpi is not None and deadline.kpi.id == "repeat-rate"
    assert deadline.uid == "deadline-engaged-by-june-20270630@planner"
    assert got[5].title == "by-month"  # no title: the id stands in
    assert got[1].uid == "measurement-engaged-repeat-rate-20270331@planner"


def test_entry_uids_are_stable_and_unique(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "year: 2027\n", {"engaged": _CLOCK, "loyal": _CLOCK})
    uids = [e.uid for e in entries(plan)]
    assert len(uids) == len(set(uids))
    again = write_plan(tmp_path / "again", "year: 2027\n", {"engaged": _CLOCK, "loyal": _CLOCK})
    assert [e.uid for e in entries(again)] == uids


def test_entries_without_a_valid_playbook_are_empty(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "year: nineteen\n", {"engaged": _CLOCK})
    assert plan.playbook is None and entries(plan) == []


def test_segment_entries_in_a_period_that_is_not_a_calendar_year() -> None:
    seg = segment(_CLOCK.replace("measured: quarterly", "measured: yearly")
                  .replace(SEGMENT_HEAD, ""))
    got = segment_entries(APRIL_TO_MARCH, seg, "engaged")
    assert [(e.kind, e.item, e.start) for e in got] == [
        ("campaign", "spring-news", D(2027, 4, 15)),
        ("deadline", "by-june", D(2027, 6, 30)),
        ("deadline", "by-month", D(2027, 9, 30)),
        ("deadline", "by-day", D(2027, 11, 15)),
        ("deadline", "next-year", D(2028, 3, 31)),
        ("measurement", "repeat-rate", D(2028, 3, 31)),
    ]


def test_a_deadline_lies_in_the_plan_period() -> None:
    goals = segment("""
        goals:
          - {id: in, due: 2027-Q4}
          - {id: out, due: 2028-01}
          - {id: bad, due: soon}
          - {id: mid, due: 2027-06}
          - {id: day, due: 2027-02-01}
        """).goals
    assert [deadline(goal_facts(g), Y2027.start, Y2027.end) for g in goals] == [
        D(2027, 12, 31), None, None, D(2027, 6, 30), D(2027, 2, 1)]
    assert deadline(goal_facts(goals[1]), APRIL_TO_MARCH.start, APRIL_TO_MARCH.end) == D(2028, 1, 31)


def test_each_value_is_listed_under_one_measurement() -> None:
    from planner.derive.progress import Measurement, listed_under, worse
    from planner.model import Kpi

    kpi = Kpi(id="k", name="K", unit="%", direction="up", measured="monthly")
    record = [Measurement(D(2027, 1, 31), "recorded"), Measurement(D(2027, 2, 28), "missing")]
    points = [(D(2027, 1, 15), 1.0),  # in January's cycle
              (D(2027, 2, 3), 2.0),   # February's cycle holds it, not January's grace days
              (D(2027, 3, 5), 3.0),   # late for February (7 grace days)
              (D(2027, 3, 20), 4.0)]  # neither: listed apart
    assert listed_under(Y2027, kpi, points, record) == {
        D(2027, 1, 15): D(2027, 1, 31), D(2027, 2, 3): D(2027, 2, 28),
        D(2027, 3, 5): D(2027, 2, 28)}
    assert worse("recorded", None) == "recorded"
    assert worse("recorded", "missing") == "missing" and worse("open", "upcoming") == "open"
