"""The plan's own date and duration notations, parsed strictly.

`due` and a goal's `start` accept a date (2027-06-30), a month (2027-06) or a
quarter (2027-Q2); a month or quarter stands for its whole span, so `due:
2027-06` means "by 30 June". Durations are `<n> <unit>` with hours, days,
weeks or months (a month counted as 30 days, as contact windows are).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(hours?|days?|weeks?|months?|h|d|w)\s*$")
_UNIT_DAYS = {"h": 1 / 24, "hour": 1 / 24, "d": 1, "day": 1, "w": 7, "week": 7, "month": 30}


@dataclass(frozen=True, slots=True)
class Span:
    """A date, month or quarter as the days it covers, with the text the user wrote."""

    first: dt.date
    last: dt.date
    text: str

    @property
    def precision(self) -> str:
        if self.first == self.last:
            return "day"
        return "month" if self.first.month == self.last.month else "quarter"


def parse_span(value: Any) -> Span | None:
    """A `due`/`start` value as a Span, or None when it is none of the three notations."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Span(value, value, value.isoformat())
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        return Span(dt.date(year, month, 1),
                    dt.date(year, month, calendar.monthrange(year, month)[1]), text)
    if m := _QUARTER.match(text):
        year, q = int(m[1]), int(m[2])
        last_month = 3 * q
        return Span(dt.date(year, last_month - 2, 1),
                    dt.date(year, last_month, calendar.monthrange(year, last_month)[1]), text)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return Span(day, day, text) if len(text) == 10 else None


# The longest delay a journey step or trigger may have (ten years): longer ones are no
# plan, and a bound keeps every date computed from delays inside Python's calendar.
MAX_DURATION_DAYS = 3660


def parse_duration(text: Any) -> dt.timedelta | None:
    """`3 days`, `2 weeks`, `12 hours`, `1 month` (30 days); None for anything else,
    and for a duration longer than MAX_DURATION_DAYS."""
    if not isinstance(text, str):
        return None
    m = _DURATION.match(text.lower())
    if m is None:
        return None
    unit = m[2].rstrip("s") if len(m[2]) > 1 else m[2]
    days = float(m[1]) * _UNIT_DAYS[unit]
    return dt.timedelta(days=days) if days <= MAX_DURATION_DAYS else None


def too_long(text: Any) -> bool:
    """Whether `text` is written as a duration but is longer than MAX_DURATION_DAYS."""
    return isinstance(text, str) and _DURATION.match(text.lower()) is not None and (
        parse_duration(text) is None)
