"""Locale-aware formatting of dates, months, numbers and money, all through Babel (CLDR).

One `Formatter` per rendering, built for the playbook's `language`, so that every
page of a plan speaks the same locale and nothing hand-writes a month name. The pages
repeat the same dates many times over (every occurrence of a campaign on the calendar, the
agenda and its segment's page): the site hands the Formatter its plan period and the spans
of its entries, whose texts are formatted once when it is built, into immutable tables.
Other values go to Babel as they come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import MappingProxyType
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


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


class Formatter:
    """Dates, numbers and currency in `language` (en, fi, he), for the `currency` of the plan."""

    def __init__(self, language: str = "en", currency: str = "EUR",
                 period: tuple[dt.date, dt.date] | None = None,
                 spans: Iterable[tuple[dt.date, dt.date]] = ()) -> None:
        self.language = language
        self.lang = i18n.language(language)
        self.locale = Locale.parse(language)
        self.currency = currency
        self.rtl = language in RTL
        self.dir = "rtl" if self.rtl else "ltr"
        pattern: str = self.locale.currency_formats["standard"].pattern
        # whole units: revenue plans are not kept in cents
        self._money_pattern = pattern.replace(".00", "")
        # The days of `period` and the `spans` (first, last), formatted once (see module doc).
        days = _days(*period) if period is not None else []
        self._dates = MappingProxyType({d: format_date(d, "medium", locale=self.locale) for d in days})
        self._day_months = MappingProxyType({d: self._day_month(d) for d in days})
        self._month_years = MappingProxyType({(d.year, d.month): self._month_year(d)
                                              for d in days if d.day == 1 or d == days[0]})
        self._spans = MappingProxyType({s: self._span(*s) for s in dict.fromkeys(spans)})

    def months(self, width: MonthWidth = "abbreviated") -> dict[int, str]:
        return dict(get_month_names(width, locale=self.locale))

    def month(self, month: int, width: MonthWidth = "abbreviated") -> str:
        return str(get_month_names(width, locale=self.locale)[month])

    def month_year(self, day: dt.date) -> str:
        """A month with its year, the month's name in full ("June 2027", "kesäkuu 2027"):
        an abbreviation can be ambiguous (Finnish "kesä" is also the summer)."""
        found = self._month_years.get((day.year, day.month))
        return found if found is not None else self._month_year(day)

    def _month_year(self, day: dt.date) -> str:
        return format_skeleton("yMMMM", day, locale=self.locale)

    def date(self, day: dt.date | None, style: str = "medium") -> str:
        if day is None:
            return ""
        found = self._dates.get(day) if style == "medium" else None
        return found if found is not None else format_date(day, style, locale=self.locale)

    def quarter(self, day: dt.date) -> str:
        """The quarter of `day` with its year ("Q4 2027", "4. nelj. 2027", "רבעון 4 2027"):
        CLDR's abbreviation, or its full name where the abbreviation is in another script
        than the language's (Hebrew abbreviates with a Latin Q)."""
        text = format_skeleton("yQQQ", day, locale=self.locale)
        if self.rtl and any(ch.isascii() and ch.isalpha() for ch in text):
            text = format_skeleton("yQQQQ", day, locale=self.locale)
        return text

    def day_month(self, day: dt.date) -> str:
        found = self._day_months.get(day)
        return found if found is not None else self._day_month(day)

    def _day_month(self, day: dt.date) -> str:
        return format_skeleton("MMMd", day, locale=self.locale)

    def span(self, first: dt.date, last: dt.date) -> str:
        """A date range as short as the locale writes it ("Mar 1 – 14")."""
        found = self._spans.get((first, last))
        return found if found is not None else self._span(first, last)

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
        return format_decimal(value, locale=self.locale)

    def percent(self, fraction: float) -> str:
        return format_percent(round(fraction, 4), locale=self.locale, decimal_quantization=False)

    def money(self, value: float | int | None, currency: str | None = None) -> str:
        if value is None:
            return ""
        return format_currency(round(value), currency or self.currency, locale=self.locale,
                               format=self._money_pattern, currency_digits=False)

    def money_short(self, value: float | int, currency: str | None = None) -> str:
        return format_compact_currency(value, currency or self.currency, locale=self.locale,
                                       fraction_digits=1)

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
        for length in ("long", "short"):
            out = format_unit(value, unit, locale=self.locale, length=length)
            if unit not in out:  # Babel writes the unit's id when it has no pattern
                return out
        return None

    def unit_name(self, unit: str | None) -> str:
        """A KPI's unit as a column value: "%", the currency's name and symbol, a translated
        vocabulary word (count, score, days), or the plan's own word."""
        lang = self.lang
        if not unit:
            return ""
        if self._is_currency(unit):
            name = get_currency_name(unit, locale=self.locale)
            symbol = get_currency_symbol(unit, locale=self.locale)
            return name if symbol in (unit, name) else f"{name} ({symbol})"
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
