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
    try:
        recur = rule(text, start or dt.date(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as exc:
        return _dateutil_reason(str(exc), lang)
    return _never(recur, "BYMONTHDAY" not in parts, lang)


def _never(rule: rrule, implicit_day: bool, lang: Language) -> str | None:
    """Why the rule can never give a date, for the mistakes people make, or None:
    a day of the month that none of its months has (BYMONTH=2;BYMONTHDAY=30), and a
    BYSETPOS beyond the most dates one period can hold (BYDAY=MO;BYSETPOS=6 monthly).

    dateutil would search for a date up to the year 9999, which takes seconds. Rarer
    impossible rules cost that search once per rule (see `first_date`)."""
    months = getattr(rule, "_bymonth", None) or ()
    days = (*(getattr(rule, "_bymonthday", None) or ()), *(getattr(rule, "_bynmonthday", None) or ()))
    if days and not any(abs(d) <= _LONGEST.get(m, 0) for m in months or range(1, 13) for d in days):
        wanted = ",".join(str(d) for d in days)
        if implicit_day:
            return lang._("the rule never gives a date: no month it allows has day {day} (the day of "
                          "`start`, which the rule repeats when it names no BYMONTHDAY)").format(
                day=wanted)
        return lang._("the rule never gives a date: no month it allows has day {day}").format(day=wanted)
    positions = getattr(rule, "_bysetpos", None) or ()
    most = _most_per_period(rule, months, days)
    if positions and all(abs(p) > most for p in positions):
        return lang.ngettext(
            "the rule never gives a date: BYSETPOS={positions} asks for more than the {n} date "
            "each period can hold",
            "the rule never gives a date: BYSETPOS={positions} asks for more than the {n} dates "
            "each period can hold", most).format(positions=",".join(map(str, positions)), n=most)
    return None


def _most_per_period(rule: rrule, months: tuple[int, ...], days: tuple[int, ...]) -> int:
    """An upper bound of the dates one period of the rule can hold (for BYSETPOS)."""
    freq = getattr(rule, "_freq", 0)  # YEARLY=0, MONTHLY=1, WEEKLY=2, DAILY=3
    if freq >= 3:
        return 1
    month_count = (len(months) or 12) if freq == 0 else 1
    most = (366, 31, 7)[freq]
    if year_days := getattr(rule, "_byyearday", None):
        most = min(most, len(year_days))
    if days:
        most = min(most, len(days) * month_count)
    weekdays = getattr(rule, "_byweekday", None) or ()
    nth = getattr(rule, "_bynweekday", None) or ()
    if weekdays or nth:
        per_weekday = (53 if not months else 5 * len(months), 5, 1)[freq]
        most = min(most, len(weekdays) * per_weekday + len(nth) * month_count)
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
