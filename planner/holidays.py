"""Holidays a campaign can be anchored to, from the maintained `holidays` package.

A holiday id is the holiday's English name in lowercase with hyphens ("Midsummer Eve" ->
`midsummer-eve`), the same in every language; a few common names are added as aliases
(`passover` for Pesach, `mothers-day`). A holiday of several days (Hanukkah, the days of
Pesach) is anchored at its first day in the period. In a plan of several countries an id two
countries share (`independence-day`) is the first listed country's; `<id>-<country>`
(`independence-day-il`) names either. The commercial days Valentine's Day, Black Friday,
Cyber Monday and Singles' Day exist in every plan.

Names are in the plan's language where the package has it, else in English.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from planner import i18n
from planner.i18n import Language
from planner.suggest import closest

# Holiday categories used per country: the public holidays first (their names win), then the
# ones shops plan around that are not days off (Mother's Day in FI, Hanukkah and Purim in IL).
_EXTRA_CATEGORIES = ("workday", "unofficial", "optional", "school")
_ALIASES = {"pesach": "passover", "mother-s-day": "mothers-day", "father-s-day": "fathers-day",
            "new-year-s-day": "new-years-day", "all-saints-day": "all-saints-day"}
_LANGUAGE: dict[str, str] = {"en": "en_US", "fi": "fi", "he": "he"}
_SLUG = re.compile(r"[^a-z0-9]+")


class Calendar:
    """The holidays of one plan, computed on first use: most plans never anchor to one."""

    def __init__(self, countries: tuple[str, ...], first: dt.date, last: dt.date, language: str) -> None:
        self.countries, self.first, self.last, self.language = countries, first, last, language
        self._table: dict[str, Holiday] | None = None

    @property
    def table(self) -> dict[str, Holiday]:
        if self._table is None:
            self._table = table(self.countries, self.first, self.last, self.language)
        return self._table


@dataclass(frozen=True, slots=True)
class Holiday:
    id: str
    date: dt.date
    name: str  # in the plan's language where the holiday data has it
    country: str  # ISO code, or "" for the commercial days
    public: bool = False  # a public holiday (a day off) of its country


def slug(english_name: str) -> str:
    """"Kalevala Day, Day of Finnish Culture" -> kalevala-day; "Miina Sillanpää Day" ->
    miina-sillanpaa-day; "Simchat Torah / Shemini Atzeret" -> simchat-torah."""
    name = re.split(r",|/|\(", english_name)[0]  # "Independence Day (observed)" too
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = _SLUG.sub("-", ascii_name.lower().replace("'", "")).strip("-")
    return _ALIASES.get(text, text)


def supported_countries() -> tuple[str, ...]:
    import holidays as holiday_data  # 0.2 s: only for plans that name holidays

    return tuple(sorted(holiday_data.list_supported_countries()))


def table(countries: tuple[str, ...], first: dt.date, last: dt.date, language: str
          ) -> dict[str, Holiday]:
    """Every holiday id with its first date in `first`..`last` (see the module doc)."""
    out: dict[str, Holiday] = {}
    # The year before too: a holiday that began then and runs into the period is not one of its.
    years = range(max(first.year - 1, 1), last.year + 1)
    for country in countries:
        for holiday in _country(country.upper(), years, language):
            if first <= holiday.date <= last:
                out.setdefault(holiday.id, holiday)
                qualified = f"{holiday.id}-{country.lower()}"
                out.setdefault(qualified, Holiday(qualified, holiday.date, holiday.name, holiday.country,
                                                  holiday.public))
    for holiday in _commercial(years, i18n.language(language)):
        if first <= holiday.date <= last:
            out.setdefault(holiday.id, holiday)
    return dict(sorted(out.items(), key=lambda item: (item[1].date, item[0])))


def listing(holidays: dict[str, Holiday]) -> list[Holiday]:
    """The holidays of a table once each: by their own id, and by the country-qualified id only
    where the bare id is another country's."""
    return [h for key, h in holidays.items()
            if not (h.country and key.endswith(f"-{h.country.lower()}"))
            or holidays.get(key.removesuffix(f"-{h.country.lower()}"), h).country != h.country]


def marked(calendar: Calendar, anchors: set[str]) -> list[Holiday]:
    """What the calendar and the annual clock mark: the public holidays of the plan's countries,
    and every holiday a campaign is anchored to."""
    return [h for h in listing(calendar.table) if (h.public and h.country) or h.id in anchors]


def _country(country: str, years: range, language: str) -> list[Holiday]:
    import holidays as holiday_data  # 0.2 s: only for plans that name holidays

    cls = holiday_data.country_holidays(country).__class__
    categories = ("public", *(c for c in _EXTRA_CATEGORIES if c in cls.supported_categories))
    wanted = _LANGUAGE.get(language, "en_US")
    local = wanted if wanted in cls.supported_languages else "en_US"
    out = []
    for category in categories:
        public = category == "public"
        english = holiday_data.country_holidays(country, years=years, categories=(category,),
                                                language="en_US")
        named = holiday_data.country_holidays(country, years=years, categories=(category,),
                                              language=local)
        for day in sorted(english):
            names_en = english.get_list(day)
            names_local = named.get_list(day)
            for i, name in enumerate(names_en):
                local_name = names_local[i] if i < len(names_local) else name
                out.append(Holiday(slug(name), day, local_name, country, public))
    out.sort(key=lambda h: h.date)  # stable: on one day, the public holiday's name first
    return _first_days(out)


def _first_days(days: list[Holiday]) -> list[Holiday]:
    """Only the first day of a holiday of several days (Hanukkah 2027 runs into 2028-01-01,
    which is not when Hanukkah 2028 begins)."""
    last_seen: dict[str, dt.date] = {}
    out = []
    for h in days:
        previous = last_seen.get(h.id)
        last_seen[h.id] = h.date
        if previous is None or (h.date - previous).days > 1:
            out.append(h)
    return out


def _commercial(years: range, lang: Language) -> list[Holiday]:
    out = []
    for year in years:
        thanksgiving = _nth_weekday(year, 11, 3, 4)  # the fourth Thursday of November
        days = (
            ("valentines-day", dt.date(year, 2, 14), lang._("Valentine's Day")),
            ("black-friday", thanksgiving + dt.timedelta(days=1), lang._("Black Friday")),
            ("cyber-monday", thanksgiving + dt.timedelta(days=4), lang._("Cyber Monday")),
            ("singles-day", dt.date(year, 11, 11), lang._("Singles' Day")),
        )
        out += [Holiday(hid, day, name, "") for hid, day, name in days]
    return out


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def suggestions(word: str, known: dict[str, Holiday]) -> list[str]:
    """Ids close to `word` by id, or by the holiday's name in the plan's language
    (`juhannus` -> `midsummer-eve`, whose Finnish name is Juhannusaatto)."""
    names = {hid: h.name for hid, h in known.items()
             if h.id == hid and not (h.country and hid.endswith(f"-{h.country.lower()}"))}
    out: list[str] = []
    for hid in closest(word.lower(), known, names=names, most=3):
        h = known[hid]
        bare = hid.removesuffix(f"-{h.country.lower()}") if h.country else hid
        if bare != hid and known.get(bare) == Holiday(bare, h.date, h.name, h.country, h.public):
            hid = bare  # offer the id `planner holidays` lists, not its country-qualified twin
        if hid not in out:
            out.append(hid)
    return out[:3]
