"""Locale-aware formatting of dates, months, numbers and money, all through Babel (CLDR).

One `Formatter` per rendering, built for the playbook's `language`, so that every
page of a plan speaks the same locale and nothing hand-writes a month name.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_month_names
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent
from babel.units import format_unit

from planner.dates import parse_duration
from planner.i18n import RTL


class Formatter:
    """Dates, numbers and currency in `language` (en, fi, he), for the `currency` of the plan."""

    def __init__(self, language: str = "en", currency: str = "EUR") -> None:
        self.language = language
        self.locale = Locale.parse(language)
        self.currency = currency
        self.rtl = language in RTL
        self.dir = "rtl" if self.rtl else "ltr"
        self._cache: dict[tuple[object, ...], str] = {}

    @cached_property
    def _money_pattern(self) -> str:
        pattern = self.locale.currency_formats["standard"].pattern
        return pattern.replace(".00", "")  # whole units: revenue plans are not kept in cents

    def months(self, width: str = "abbreviated") -> dict[int, str]:
        return dict(get_month_names(width, locale=self.locale))

    def month(self, month: int, width: str = "abbreviated") -> str:
        return get_month_names(width, locale=self.locale)[month]

    def month_year(self, day: dt.date) -> str:
        key = ("month_year", day.year, day.month)
        if key not in self._cache:
            self._cache[key] = format_skeleton("yMMM", day, locale=self.locale)
        return self._cache[key]

    def date(self, day: dt.date | None, style: str = "medium") -> str:
        if day is None:
            return ""
        key = ("date", day, style)
        if key not in self._cache:
            self._cache[key] = format_date(day, style, locale=self.locale)
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
        out = format_unit(value, unit, locale=self.locale, length="long")
        if "duration-" in out and unit == "duration-week":  # a locale without week words
            out = format_unit(int(value * 7), "duration-day", locale=self.locale, length="long")
        return out

    def quantity(self, value: float | int | None, unit: str | None) -> str:
        """A KPI value with its unit: "26 %", "EUR 120,000", "14 days"."""
        if value is None:
            return ""
        if not isinstance(value, int | float) or isinstance(value, bool):
            return str(value)
        if unit == "%":
            return self.percent(value / 100)
        if unit and len(unit) == 3 and unit.isupper() and unit.isalpha():
            return self.money(value, unit)
        return f"{self.number(value)} {unit}" if unit else self.number(value)
