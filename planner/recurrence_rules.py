"""A campaign's `repeat`: an RFC 5545 RRULE value or a cadence word, read and checked
strictly with dateutil.

This module is at the level of planner.dates: `planner.model` validates `repeat` with
`rrule_problem`, and planner.derive.recurrence expands a valid rule into dates with `rule`.

What is accepted: a single `recur` value (`FREQ=MONTHLY;COUNT=3`, optionally
prefixed `RRULE:`), as dateutil's `rrulestr` parses it, with these extra
limits because campaigns are planned by the day:

- FREQ is YEARLY, MONTHLY, WEEKLY or DAILY (no HOURLY, MINUTELY, SECONDLY),
  and BYHOUR, BYMINUTE, BYSECOND are refused;
- COUNT and INTERVAL are whole numbers of at least 1;
- COUNT and UNTIL are not both given (RFC 5545 forbids it);
- UNTIL may carry a time or a `Z`: only its date counts.

The words `weekly`, `monthly`, `quarterly` and `yearly` stand for the rule of
that interval from the start date through the plan period (`as_rrule`).

"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from dateutil.rrule import rrule, rrulestr

from planner.i18n import ENGLISH, Language
from planner.suggest import suggest
from planner.vocabulary import CADENCES, Cadence, is_cadence

_PART = re.compile(r"^([A-Za-z]+)=(\S+)$")
_FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
_NO_TIMES = ("BYHOUR", "BYMINUTE", "BYSECOND")
_NAMES = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
          "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST", "BYEASTER")
_LONGEST = {m: 29 if m == 2 else _cal.monthrange(2001, m)[1] for m in range(1, 13)}  # days
# The largest value each BY-part takes (RFC 5545 3.3.10); negative values count from the end.
_BOUNDS = {"BYMONTH": 12, "BYMONTHDAY": 31, "BYYEARDAY": 366, "BYWEEKNO": 53}


def _parts(text: str, lang: Language) -> dict[str, str]:
    """NAME -> VALUE of an RRULE; raises ValueError with a reason a user can act on."""
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    if not body:
        raise ValueError(lang._("the rule is empty; write e.g. FREQ=MONTHLY;COUNT=3"))
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        m = _PART.match(piece.strip())
        if m is None:
            raise ValueError(lang._("'{piece}' is not NAME=VALUE").format(piece=piece.strip()))
        name = m[1].upper()
        if name in parts:
            raise ValueError(lang._("{name} is given twice").format(name=name))
        parts[name] = m[2].upper()
    return parts


# The plain words `repeat:` also takes: every such interval from the start date through the
# plan period (no COUNT or UNTIL). A start on the 29th-31st falls on the month's last day
# in shorter months instead of skipping them (RRULE alone would skip them).
CADENCE_RULES: dict[Cadence, str] = {"weekly": "FREQ=WEEKLY", "monthly": "FREQ=MONTHLY",
            "quarterly": "FREQ=MONTHLY;INTERVAL=3", "yearly": "FREQ=YEARLY"}


def as_rrule(text: str, start: dt.date | None) -> str:
    """`text` as an RRULE: a cadence word (weekly, monthly, quarterly, yearly) becomes the
    rule it stands for from `start`; an RRULE is returned as it is."""
    word = text.strip().lower()
    if not is_cadence(word):
        return text
    rule = CADENCE_RULES[word]
    if start is not None and word != "weekly" and start.day > 28:
        rule += f";BYMONTHDAY={start.day},-1;BYSETPOS=1"
        if word == "yearly":
            rule += f";BYMONTH={start.month}"
    return rule


def is_valid_rrule(text: str, start: dt.date | None = None) -> bool:
    return rrule_problem(text, start, ENGLISH) is None


@lru_cache(maxsize=4096)
def rrule_problem(text: str, start: dt.date | None, lang: Language) -> str | None:
    """Why `text` is not an acceptable `repeat` value (said in `lang`), or None when it is."""
    if any(c in text for c in "\r\n"):
        return lang._("write one RRULE on one line, without DTSTART, EXDATE or other properties")
    text = as_rrule(text, start)
    if "=" not in text and text.strip():
        return lang._("it is neither an RRULE (NAME=VALUE;...) nor one of the words {words}").format(
            words=", ".join(CADENCES))
    try:
        parts = _parts(text, lang)
    except ValueError as exc:
        return str(exc)
    for name in parts:
        if name not in _NAMES:
            return lang._("unknown part {name}").format(name=name) + _did_you_mean(name, _NAMES, lang)
    freq = parts.get("FREQ")
    if freq is None:
        return lang._("FREQ is missing, e.g. FREQ=WEEKLY")
    if freq in _SUB_DAILY:
        return lang._("FREQ={freq} repeats within a day; campaigns repeat YEARLY, MONTHLY, WEEKLY or "
                      "DAILY").format(freq=freq)
    if freq not in _FREQS:
        return lang._("FREQ={freq} is not a frequency{did_you_mean}: use YEARLY, MONTHLY, WEEKLY or "
                      "DAILY").format(freq=freq, did_you_mean=_did_you_mean(freq, _FREQS, lang))
    for name in _NO_TIMES:
        if name in parts:
            return lang._("{name} sets times of day; campaigns are planned by the day").format(
                name=name)
    for name in ("COUNT", "INTERVAL"):
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            return lang._("{name} must be a whole number of at least 1, not {value}").format(
                name=name, value=parts[name])
    if "COUNT" in parts and "UNTIL" in parts:
        return lang._("give COUNT or UNTIL, not both")
    if "BYEASTER" in parts:
        return lang._("BYEASTER is not part of RFC 5545; give the dates, e.g. with separate campaigns")
    for name, bound in _BOUNDS.items():
        for value in parts.get(name, "").split(",") if name in parts else ():
            number = value.strip().lstrip("+-")
            if not (number.isdigit() and 1 <= int(number) <= bound) or (
                    name == "BYMONTH" and value.strip().startswith("-")):
                return lang._("{name} has an invalid value: {value}").format(name=name, value=value)
    dtstart = start or dt.date(2000, 1, 1)
    try:
        rule(text, dtstart)
    except (ValueError, TypeError, OverflowError) as exc:
        return _dateutil_reason(str(exc), lang)
    # dateutil took every part: the parts read as it reads them
    return _never(_ByParts.of(parts, dtstart), "BYMONTHDAY" not in parts, lang)


class _ByParts(NamedTuple):
    """What `_never` needs of a rule that dateutil accepted, read from its parts as dateutil
    reads them: repeated values count once, and a rule that names none of BYWEEKNO,
    BYYEARDAY, BYMONTHDAY and BYDAY repeats the month and day (yearly), the day (monthly) or
    the weekday (weekly) of its start."""

    freq: int  # YEARLY=0, MONTHLY=1, WEEKLY=2, DAILY=3
    months: tuple[int, ...]  # sorted
    days: tuple[int, ...]  # days of the month: the positive ones sorted, then the negative ones
    positions: tuple[int, ...]  # BYSETPOS as written
    year_days: int  # how many distinct BYYEARDAY values
    weekdays: int  # how many distinct weekdays without a number (every Monday)
    nth_weekdays: int  # how many distinct numbered weekdays (the first Monday of the month)

    @classmethod
    def of(cls, parts: dict[str, str], start: dt.date) -> _ByParts:
        freq = _FREQS.index(parts["FREQ"])

        def numbers(name: str) -> list[int]:
            return [int(x) for x in parts[name].split(",")] if name in parts else []

        months, days = numbers("BYMONTH"), numbers("BYMONTHDAY")
        weekdays: set[int] = set()
        nth: set[tuple[int, int]] = set()
        for item in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
            weekday, n = _weekday(item)
            if n is None or freq > 1:  # a number counts only in a monthly or yearly rule
                weekdays.add(weekday)
            else:
                nth.add((weekday, n))
        if not any(name in parts for name in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")):
            if freq == 0:
                months = months or [start.month]
                days = [start.day]
            elif freq == 1:
                days = [start.day]
            elif freq == 2:
                weekdays = {start.weekday()}
        unique_days = set(days)
        return cls(freq, tuple(sorted(set(months))),
                   (*sorted(d for d in unique_days if d > 0), *sorted(d for d in unique_days if d < 0)),
                   tuple(numbers("BYSETPOS")), len(set(numbers("BYYEARDAY"))), len(weekdays), len(nth))


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _weekday(item: str) -> tuple[int, int | None]:
    """(weekday, its number or None) of a BYDAY item that dateutil accepted: MO, +1MO, MO(+1)."""
    if "(" in item:
        name, n = item.split("(")
        return _WEEKDAYS.index(name), int(n[:-1])
    number = item.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return _WEEKDAYS.index(item[len(number):]), int(number) if number else None


def _never(rule: _ByParts, implicit_day: bool, lang: Language) -> str | None:
    """Why the rule can never give a date, for the mistakes people make, or None:
    a day of the month that none of its months has (BYMONTH=2;BYMONTHDAY=30), and a
    BYSETPOS beyond the most dates one period can hold (BYDAY=MO;BYSETPOS=6 monthly).

    dateutil would search for a date up to the year 9999, which takes seconds. Rarer
    impossible rules cost that search once per rule (see `rrule_dates`)."""
    months, days = rule.months, rule.days
    if days and not any(abs(d) <= _LONGEST.get(m, 0) for m in months or range(1, 13) for d in days):
        wanted = ",".join(str(d) for d in days)
        if implicit_day:
            return lang._("the rule never gives a date: no month it allows has day {day} (the day of "
                          "`start`, which the rule repeats when it names no BYMONTHDAY)").format(
                day=wanted)
        return lang._("the rule never gives a date: no month it allows has day {day}").format(day=wanted)
    positions = rule.positions
    most = _most_per_period(rule)
    if positions and all(abs(p) > most for p in positions):
        return lang.ngettext(
            "the rule never gives a date: BYSETPOS={positions} asks for more than the {n} date "
            "each period can hold",
            "the rule never gives a date: BYSETPOS={positions} asks for more than the {n} dates "
            "each period can hold", most).format(positions=",".join(map(str, positions)), n=most)
    return None


def _most_per_period(rule: _ByParts) -> int:
    """An upper bound of the dates one period of the rule can hold (for BYSETPOS)."""
    freq, months, days = rule.freq, rule.months, rule.days
    if freq >= 3:
        return 1
    month_count = (len(months) or 12) if freq == 0 else 1
    most = (366, 31, 7)[freq]
    if rule.year_days:
        most = min(most, rule.year_days)
    if days:
        most = min(most, len(days) * month_count)
    if rule.weekdays or rule.nth_weekdays:
        per_weekday = (53 if not months else 5 * len(months), 5, 1)[freq]
        most = min(most, rule.weekdays * per_weekday + rule.nth_weekdays * month_count)
    return most


def _did_you_mean(word: str, known: tuple[str, ...], lang: Language) -> str:
    guess = suggest(word, known)
    return " " + lang._("(did you mean {guess}?)").format(guess=guess) if guess else ""


_DATEUTIL_INVALID = re.compile(r"^invalid '([A-Z]+)': (.*)$", re.S)


def _dateutil_reason(error: str, lang: Language) -> str:
    """dateutil's reason for refusing a rule, said in `lang`."""
    if m := _DATEUTIL_INVALID.match(error):
        return lang._("{name} has an invalid value: {value}").format(name=m[1], value=m[2])
    return lang._("the rule cannot be read: {error}").format(error=error)


# The parts of a rule that repeats its start's day (see `plain_rule`); WKST changes nothing
# then, as a weekly rule has one weekday.
_PLAIN_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "WKST"})


def plain_rule(text: str, start: dt.date | None) -> tuple[str, int, int | None] | None:
    """(FREQ, INTERVAL, COUNT or None) of a valid rule that names no other part but WKST, as
    `repeat: monthly` does: it repeats the day (daily), weekday (weekly), day of the month
    (monthly) or date (yearly) of its start. None for any other rule."""
    try:
        parts = _parts(as_rrule(text, start), ENGLISH)
    except ValueError:
        return None
    if not parts.keys() <= _PLAIN_PARTS or parts.get("FREQ") not in _FREQS or not all(
            parts[name].isdigit() and int(parts[name]) >= 1
            for name in ("INTERVAL", "COUNT") if name in parts):
        return None
    return (parts["FREQ"], int(parts.get("INTERVAL", "1")),
            int(parts["COUNT"]) if "COUNT" in parts else None)


def is_bounded(text: str) -> bool:
    """True when the rule ends by itself (COUNT or UNTIL); an open rule repeats through
    the plan period."""
    try:
        parts = _parts(as_rrule(text, None), ENGLISH)  # only its names are read
    except ValueError:
        return False
    return "COUNT" in parts or "UNTIL" in parts


def rule(text: str, start: dt.date) -> rrule:
    """The dateutil rule of a `repeat` value from `start` (an RRULE or a cadence word)."""
    parsed = rrulestr(as_rrule(text, start).strip(), dtstart=dt.datetime.combine(start, dt.time()),
                      ignoretz=True, cache=False)
    # One line (`_problem` refuses more) without `forceset=True` is one rule, never a set.
    assert isinstance(parsed, rrule)
    return parsed
