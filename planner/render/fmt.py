"""Locale-aware formatting of dates, months, numbers and money, all through Babel (CLDR).

One `Formatter` per rendering, built for the playbook's `language`, so that every
page of a plan speaks the same locale and nothing hand-writes a month name.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_month_names
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)
from babel.units import format_unit

from planner import i18n
from planner.dates import parse_duration
from planner.i18n import RTL
from planner.render import labels

# KPI units written as words in the plans that CLDR has a unit for: a value in them is
# written the locale's way ("14 päivää", "14 ימים").
MonthWidth = Literal["abbreviated", "narrow", "wide"]
_CLDR_UNITS = {"days": "duration-day", "day": "duration-day", "hours": "duration-hour",
               "hour": "duration-hour", "weeks": "duration-week", "week": "duration-week"}
# Units that are only a number: "520 count" says no more than "520".
_BARE_UNITS = frozenset({"count", "score"})


class Formatter:
    """Dates, numbers and currency in `language` (en, fi, he), for the `currency` of the plan."""

    def __init__(self, language: str = "en", currency: str = "EUR") -> None:
        self.language = language
        self.lang = i18n.language(language)
        self.locale = Locale.parse(language)
        self.currency = currency
        self.rtl = language in RTL
        self.dir = "rtl" if self.rtl else "ltr"
        self._cache: dict[tuple[object, ...], str] = {}
        self._units: dict[tuple[object, ...], str | None] = {}

    @cached_property
    def _money_pattern(self) -> str:
        pattern: str = self.locale.currency_formats["standard"].pattern
        return pattern.replace(".00", "")  # whole units: revenue plans are not kept in cents

    def months(self, width: MonthWidth = "abbreviated") -> dict[int, str]:
        return dict(get_month_names(width, locale=self.locale))

    def month(self, month: int, width: MonthWidth = "abbreviated") -> str:
        return str(get_month_names(width, locale=self.locale)[month])

    def month_year(self, day: dt.date) -> str:
        """A month with its year, the month's name in full ("June 2027", "kesäkuu 2027"):
        an abbreviation can be ambiguous (Finnish "kesä" is also the summer)."""
        key = ("month_year", day.year, day.month)
        if key not in self._cache:
            self._cache[key] = format_skeleton("yMMMM", day, locale=self.locale)
        return self._cache[key]

    def date(self, day: dt.date | None, style: str = "medium") -> str:
        if day is None:
            return ""
        key = ("date", day, style)
        if key not in self._cache:
            self._cache[key] = format_date(day, style, locale=self.locale)
        return self._cache[key]

    def quarter(self, day: dt.date) -> str:
        """The quarter of `day` with its year ("Q4 2027", "4. nelj. 2027", "רבעון 4 2027"):
        CLDR's abbreviation, or its full name where the abbreviation is in another script
        than the language's (Hebrew abbreviates with a Latin Q)."""
        key = ("quarter", day.year, (day.month - 1) // 3)
        if key not in self._cache:
            text = format_skeleton("yQQQ", day, locale=self.locale)
            if self.rtl and any(ch.isascii() and ch.isalpha() for ch in text):
                text = format_skeleton("yQQQQ", day, locale=self.locale)
            self._cache[key] = text
        return self._cache[key]

    def day_month(self, day: dt.date) -> str:
        key = ("day_month", day)
        if key not in self._cache:
            self._cache[key] = format_skeleton("MMMd", day, locale=self.locale)
        return self._cache[key]

    def span(self, first: dt.date, last: dt.date) -> str:
        """A date range as short as the locale writes it ("Mar 1 – 14")."""
        key = ("span", first, last)
        if key not in self._cache:
            self._cache[key] = self._span(first, last)
        return self._cache[key]

    def _span(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.day_month(first)
        if first.year != last.year:
            return format_interval(first, last, "yMMMd", locale=self.locale)
        return format_interval(first, last, "MMMd", locale=self.locale)

    def number(self, value: float | int | None) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        key = ("number", type(value), value)
        if key not in self._cache:
            self._cache[key] = format_decimal(value, locale=self.locale)
        return self._cache[key]

    def percent(self, fraction: float) -> str:
        key = ("percent", round(fraction, 4))
        if key not in self._cache:
            self._cache[key] = format_percent(round(fraction, 4), locale=self.locale,
                                              decimal_quantization=False)
        return self._cache[key]

    def money(self, value: float | int | None, currency: str | None = None) -> str:
        if value is None:
            return ""
        key = ("money", round(value), currency)
        if key not in self._cache:
            self._cache[key] = format_currency(round(value), currency or self.currency,
                                               locale=self.locale, format=self._money_pattern,
                                               currency_digits=False)
        return self._cache[key]

    def money_short(self, value: float | int, currency: str | None = None) -> str:
        key = ("money_short", value, currency)
        if key not in self._cache:
            self._cache[key] = format_compact_currency(value, currency or self.currency,
                                                       locale=self.locale, fraction_digits=1)
        return self._cache[key]

    def duration(self, text: str | None) -> str:
        """A plan duration ("10 days", "2 weeks", "12 hours") in the locale's words; text the
        parser does not read is shown as written."""
        span = parse_duration(text)
        if span is None:
            return text or ""
        hours = span.total_seconds() / 3600
        if hours < 24 or hours % 24:
            value, unit = hours, "duration-hour"
        elif (hours / 24) % 7 == 0:
            value, unit = hours / 24 / 7, "duration-week"
        else:
            value, unit = hours / 24, "duration-day"
        value = int(value) if float(value).is_integer() else round(value, 1)
        out = self._unit(value, unit)
        if out is None and unit == "duration-week":  # a locale without week words
            out = self._unit(int(value * 7), "duration-day")
        return out or text or ""

    def _unit(self, value: float | int, unit: str) -> str | None:
        """`value` in CLDR `unit`, long form; the short form where the locale's data has no
        long one (Babel's Hebrew weeks: "שבועיים"), None where it has neither."""
        key = (value, unit)
        if key not in self._units:
            found = None
            for length in ("long", "short"):
                out = format_unit(value, unit, locale=self.locale, length=length)
                if unit not in out:  # Babel writes the unit's id when it has no pattern
                    found = out
                    break
            self._units[key] = found
        return self._units[key]

    def unit_name(self, unit: str | None) -> str:
        """A KPI's unit as a column value: "%", the currency's name and symbol, a translated
        vocabulary word (count, score, days), or the plan's own word."""
        lang = self.lang
        if not unit:
            return ""
        if self._is_currency(unit):
            key = ("currency_name", unit)
            if key not in self._cache:
                name = get_currency_name(unit, locale=self.locale)
                symbol = get_currency_symbol(unit, locale=self.locale)
                self._cache[key] = name if symbol in (unit, name) else f"{name} ({symbol})"
            return self._cache[key]
        return labels.unit(unit, lang)

    @staticmethod
    def _is_currency(unit: str) -> bool:
        return len(unit) == 3 and unit.isupper() and unit.isalpha()

    def quantity(self, value: object, unit: str | None) -> str:
        """A KPI value with its unit, the locale's way: "26 %", "€120,000", "14 päivää", and
        a bare number for a count or a score; a value that is not a number as it is written."""
        if value is None:
            return ""
        if not isinstance(value, int | float) or isinstance(value, bool):
            return str(value)
        if unit == "%":
            return self.percent(value / 100)
        if unit and self._is_currency(unit):
            return self.money(value, unit)
        if not unit or unit.lower() in _BARE_UNITS:
            return self.number(value)
        cldr = _CLDR_UNITS.get(unit.lower())
        if cldr is not None:
            shown = value if not isinstance(value, float) or not value.is_integer() else int(value)
            found = self._unit(shown, cldr)
            if found is not None:
                return found
        return f"{self.number(value)} {unit}"
