"""A campaign's `repeat` expanded into its occurrence dates (the rule itself is read and
checked by planner.recurrence_rules).

The occurrence dates follow dateutil: DTSTART (the campaign's `start`) is an
occurrence only when it matches the rule, e.g. a `start` on a Wednesday with
`BYDAY=MO` first occurs on the following Monday.
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import takewhile

from planner.recurrence_rules import is_valid_rrule, plain_rule, rule


def rrule_dates(text: str, start: dt.date, through: dt.date) -> tuple[dt.date, ...]:
    """The occurrence dates of the rule from `start` up to and including `through`; none
    for a rule that `is_valid_rrule` refuses.

    The rule's own COUNT and UNTIL apply, and its dates come in order, so the first date
    after `through` ends the iteration. A rule that can never match (e.g.
    BYMONTH=2;BYMONTHDAY=30) is refused: dateutil would search for its first date up to
    the year 9999.
    """
    if not is_valid_rrule(text, start):
        return ()
    if (plain := plain_rule(text, start)) is not None:
        return _plain_dates(*plain, start, through)
    bound = dt.datetime.combine(through, dt.time())
    return tuple(d.date() for d in takewhile(lambda d: d <= bound, rule(text, start)))


def _plain_dates(freq: str, interval: int, count: int | None, start: dt.date, through: dt.date
                 ) -> tuple[dt.date, ...]:
    """The dates dateutil gives a rule that repeats its start's day (`plain_rule`), counted
    directly: dateutil's general iteration lays out every period's calendar, 15 µs a date.
    Every `interval` days or weeks from the start; or the start's day in every
    `interval`-th month or year that has that day (a start on the 31st skips the shorter
    months, one on 29 February the years that are not leap years)."""
    out: list[dt.date] = []
    most = math.inf if count is None else count
    if freq in ("DAILY", "WEEKLY"):
        step = dt.timedelta(days=interval * (7 if freq == "WEEKLY" else 1))
        day = start
        while day <= through and len(out) < most:
            out.append(day)
            if dt.date.max - day < step:
                break
            day += step
        return tuple(out)
    months = interval * (12 if freq == "YEARLY" else 1)
    index, last = start.year * 12 + start.month - 1, through.year * 12 + through.month - 1
    while index <= last and len(out) < most:
        year, month = divmod(index, 12)
        index += months
        try:
            day = dt.date(year, month + 1, start.day)
        except ValueError:
            continue  # the month has no such day
        if day > through:
            break
        out.append(day)
    return tuple(out)
