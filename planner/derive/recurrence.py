"""A campaign's `repeat` expanded into its occurrence dates (the rule itself is read and
checked by planner.recurrence_rules).

The occurrence dates follow dateutil: DTSTART (the campaign's `start`) is an
occurrence only when it matches the rule, e.g. a `start` on a Wednesday with
`BYDAY=MO` first occurs on the following Monday.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice

from planner.recurrence_rules import is_valid_rrule, rule


def first_date(text: str, start: dt.date) -> dt.date | None:
    """The rule's first date, or None when it gives none or is not a valid rule (searched
    once per rule)."""
    if not is_valid_rrule(text, start):
        return None
    first = next(iter(rule(text, start)), None)
    return first.date() if first is not None else None


def rrule_dates(text: str, start: dt.date, through: dt.date) -> tuple[dt.date, ...]:
    """The occurrence dates of the rule from `start` up to and including `through`.

    The rule's own COUNT and UNTIL apply; `through` bounds the iteration even for a
    rule that can never match (e.g. BYMONTH=2;BYMONTHDAY=30), so this never runs away.
    """
    if first_date(text, start) is None:
        return ()
    recur = rule(text, start)
    count = getattr(recur, "_count", None)
    until = getattr(recur, "_until", None)
    bound = dt.datetime.combine(through, dt.time())
    if until is not None:
        bound = min(bound, until.replace(tzinfo=None))
    bounded = recur.replace(count=None, until=bound)
    days = (d.date() for d in bounded)
    return tuple(islice(days, count) if count is not None else days)
