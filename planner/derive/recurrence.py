"""A campaign's `repeat` expanded into its occurrence dates (the rule itself is read and
checked by planner.recurrence_rules).

The occurrence dates follow dateutil: DTSTART (the campaign's `start`) is an
occurrence only when it matches the rule, e.g. a `start` on a Wednesday with
`BYDAY=MO` first occurs on the following Monday.
"""

from __future__ import annotations

import datetime as dt
from itertools import takewhile

from planner.recurrence_rules import is_valid_rrule, rule


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
    bound = dt.datetime.combine(through, dt.time())
    return tuple(d.date() for d in takewhile(lambda d: d <= bound, rule(text, start)))
