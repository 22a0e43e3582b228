"""Contact pressure: worst rolling 7- and 30-day windows, counted by hand."""

from __future__ import annotations

import datetime as dt

from planner.derive.pressure import Pressure, busiest_window, cap, worst_case
from tests.derive_support import SEGMENT_HEAD, playbook, segment

D = dt.date
PB = playbook("year: 2027\ncontact_policy: {max_per_week: 3, max_per_month: 10}\n")

MESSAGES = """
messages:
  - {id: news, kind: newsletter, channel: email, title: News}
  - {id: offer, kind: offer, channel: email, title: Offer}
"""


def items(p: Pressure) -> tuple[str, ...]:
    """What a window holds, as C601 names it: "welcome-series (3 sends)"."""
    return tuple(name if n == 1 else f"{name} ({n} sends)" for name, n in (*p.campaigns, *p.journeys))


def _seg(campaigns: list[str], journeys: str = "", head: str = SEGMENT_HEAD):
    body = MESSAGES + "campaigns:\n" + "".join(
        f"  - {{id: {line.split()[0]}, title: T, message: news, {line.split(' ', 1)[1]}}}\n"
        for line in campaigns) if campaigns else MESSAGES
    return segment(body + journeys, head=head)


def test_busiest_window_sweeps_sorted_days() -> None:
    assert busiest_window([], 7) == (0, 0)
    assert busiest_window([1, 2, 8, 9, 10], 7) == (3, 2)       # 8, 9, 10 (1..7 holds only 2)
    assert busiest_window([1, 7, 8], 7) == (2, 0)              # 1 and 7 share a window, 8 does not
    assert busiest_window([5, 5, 5], 1) == (3, 0)


def test_a_window_across_a_month_end() -> None:
    # Thu 28 Jan, Sun 31 Jan, Tue 2 Feb, Wed 3 Feb: two ISO weeks and two months,
    # one rolling week
    seg = _seg(["a start: 2027-01-28", "b start: 2027-01-31", "c start: 2027-02-02",
                "d start: 2027-02-03", "e start: 2027-02-20"])
    w = worst_case(PB, seg, "s")
    week = w["week"]
    assert (week.count, week.cap, week.start, week.end) == (4, 3, D(2027, 1, 28), D(2027, 2, 3))
    assert items(week) == ("a", "b", "c", "d") and week.over
    month = w["month"]
    assert (month.count, month.cap, month.start, month.over) == (5, 10, D(2027, 1, 28), False)


def test_seven_days_apart_is_the_next_window() -> None:
    seg = _seg(["a start: 2027-03-01", "b start: 2027-03-08"])
    assert worst_case(PB, seg, "s")["week"].count == 1
    seg = _seg(["a start: 2027-03-01", "b start: 2027-03-07"])
    assert worst_case(PB, seg, "s")["week"].count == 2


def test_a_monthly_campaign_twice_in_a_rolling_month_over_february() -> None:
    # 12 February and 12 March are 28 days apart
    seg = _seg(["news start: 2027-01-12, repeat: 'FREQ=MONTHLY;COUNT=12'"])
    month = worst_case(PB, seg, "s")["month"]
    assert (month.count, month.start, items(month)) == (2, D(2027, 2, 12), ("news (2 sends)",))
    assert month.campaigns == (("news", 2),)


def test_a_multi_day_campaign_is_one_message_on_its_first_day() -> None:
    seg = _seg(["a start: 2027-03-01, end: 2027-03-31", "b start: 2027-03-20"])
    assert worst_case(PB, seg, "s")["week"].count == 1


def test_leap_day_window() -> None:
    pb = playbook("year: 2028\ncontact_policy: {max_per_week: 3}\n")
    # 24 Feb .. 1 Mar 2028 is 7 days because of 29 February
    seg = _seg(["a start: 2028-02-24", "b start: 2028-02-29", "c start: 2028-03-01"])
    week = worst_case(pb, seg, "s")["week"]
    assert (week.count, week.start, week.end) == (3, D(2028, 2, 24), D(2028, 3, 1))
    seg = _seg(["a start: 2027-02-24", "c start: 2027-03-03"])  # no 29th in 2027: 8 days apart
    assert worst_case(PB, seg, "s")["week"].count == 1


def test_only_occurrences_in_the_period_count() -> None:
    pb = playbook("period: {start: 2027-04-01, end: 2028-03-31}\n")
    seg = _seg(["daily start: 2027-03-04, repeat: 'FREQ=DAILY;COUNT=40'"])
    # 4 March .. 12 April: the 12 days of April in the period
    month = worst_case(pb, seg, "s")["month"]
    assert (month.count, month.start, month.cap) == (12, D(2027, 4, 1), None)


_JOURNEY = """
journeys:
  - id: welcome-series
    title: Welcome series
    trigger: joined
    exit: purchased
    steps:
      - send: news
      - wait: 3 days
      - branch:
          if: opened
          then: [{send: offer}]
          else: [{send: news}, {wait: 2 days}, {send: offer}]
      - wait: 4 weeks
      - send: news
  - id: birthday
    title: Birthday
    trigger: birthday
    exit: purchased
    steps:
      - send: offer
"""


def test_journeys_are_entered_at_their_worst_moment() -> None:
    seg = _seg(["spring-offer start: 2027-03-17", "monthly-news start: 2027-01-20, "
                "repeat: 'FREQ=MONTHLY;COUNT=12'"], _JOURNEY)
    w = worst_case(PB, seg, "s")
    week = w["week"]
    # campaigns: 17 and 20 March; welcome series: days 0, 3, 5; birthday: 1
    assert (week.count, week.start) == (6, D(2027, 3, 17))
    assert items(week) == ("spring-offer", "monthly-news", "welcome-series (3 sends)", "birthday")
    assert week.campaigns == (("spring-offer", 1), ("monthly-news", 1))
    assert week.journeys == (("welcome-series", 3), ("birthday", 1))
    month = w["month"]
    # campaigns: 20 Feb, 17 Mar, 20 Mar (28 days); welcome series: days 0, 3, 5 (day 33 is
    # outside any 30 days with day 3); birthday: 1
    assert (month.count, month.start) == (7, D(2027, 2, 20))
    assert items(month) == ("monthly-news (2 sends)", "spring-offer", "welcome-series (3 sends)",
                           "birthday")


def test_journeys_alone_start_at_the_period_start() -> None:
    seg = _seg([], _JOURNEY)
    week = worst_case(PB, seg, "s")["week"]
    assert (week.count, week.start, week.campaigns) == (4, D(2027, 1, 1), ())


def test_caps_fall_back_field_by_field() -> None:
    own = SEGMENT_HEAD + "contact_policy: {max_per_week: 1}\n"
    seg = _seg([], head=own)
    assert (cap(PB, seg, "week"), cap(PB, seg, "month")) == (1, 10)
    w = worst_case(PB, seg, "s")
    assert (w["week"].cap, w["month"].cap) == (1, 10)
    assert cap(playbook(), seg, "month") is None


def test_over_means_above_the_cap() -> None:
    at = Pressure("week", 7, 3, 3, D(2027, 1, 1))
    assert not at.over
    assert Pressure("week", 7, 4, 3, D(2027, 1, 1)).over
    assert not Pressure("month", 30, 40, None, D(2027, 1, 1)).over
    assert at.end == D(2027, 1, 7)


def test_an_empty_segment_has_no_pressure() -> None:
    w = worst_case(PB, segment(), "s")
    assert [(p.window, p.days, p.count, items(p)) for p in w.values()] == [
        ("week", 7, 0, ()), ("month", 30, 0, ())]
