"""The one "did you mean": a suggestion that is valid where it stands, ranked by meaning first.

Every hint that proposes a value goes through `suggest()`: unknown fields, values
outside a field's vocabulary, references to ids, rule ids, RRULE words. It only
ever returns one of the `choices` it is given (the field's vocabulary, the fields
of the mapping, the ids of the segment), so a hint never proposes a new error.

Meaning comes before spelling: `planner/suggestions.yaml` lists the words people
write for a field or a value, in every plan language (`deadline` -> `due`,
`tavoite` -> `target`, `consent: no` -> `none`), and which value a negated word
means (`if: not-opened` -> `no-reaction`, never the opposite `opened`). Only then
is the closest spelling tried.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from planner.i18n import Language

SUGGESTIONS = Path(__file__).parent / "suggestions.yaml"
_SEPARATORS = re.compile(r"[\s_]+")


def normal(word: object) -> str:
    """A word as suggestions compare it: NFC, case-folded, spaces and underscores as hyphens."""
    text = unicodedata.normalize("NFC", str(word)).strip().casefold()
    return _SEPARATORS.sub("-", text)


@dataclass(frozen=True, slots=True)
class Meanings:
    """`suggestions.yaml`, indexed by normalised word."""

    fields: dict[str, tuple[str, ...]]  # word -> field names it may mean
    values: dict[str, dict[str, str]]  # field -> word -> vocabulary value
    negated: dict[str, str]  # field -> the value a negated word means
    negations: tuple[str, ...]


@cache
def meanings() -> Meanings:
    data: dict[str, Any] = yaml.load(SUGGESTIONS.read_text(encoding="utf-8"),
                                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    fields: dict[str, list[str]] = {}
    for name, words in data.get("fields", {}).items():
        for word in words:
            fields.setdefault(normal(word), []).append(name)
    values = {field: {normal(w): value for value, words in table.items() for w in words}
              for field, table in data.get("values", {}).items()}
    return Meanings(fields={w: tuple(f) for w, f in fields.items()}, values=values,
                    negated=dict(data.get("negated", {})),
                    negations=tuple(normal(n) for n in data.get("negations", ())))


def suggest(written: object, choices: Iterable[str], *, field: str | None = None,
            names: bool = False) -> str | None:
    """The choice the writer most likely meant by `written`, or None.

    `names=True`: `written` is a field name and `choices` the fields of its mapping.
    `field`: `written` is a value of that field and `choices` its vocabulary.
    Neither: `choices` are ids, matched by spelling only.
    """
    options = list(dict.fromkeys(choices))
    if not options:
        return None
    word = normal(written)
    by_normal = {normal(o): o for o in options}
    if word in by_normal:
        return by_normal[word]  # only case or separators differ
    table = meanings()
    if names:
        for meant in table.fields.get(word, ()):
            if meant in options:
                return meant
    elif field is not None:
        meant_value = table.values.get(field, {}).get(word)
        if meant_value in options:
            return meant_value
        negated = _negated(word, by_normal, table)
        if negated is not None:
            # A negated value never gets the value it negates (not-opened is not 'opened').
            meant_value = table.negated.get(field)
            return meant_value if meant_value in options else None
    guess = closest(word, by_normal)
    return by_normal[guess[0]] if guess else None


def closest(word: str, choices: Iterable[str], *, names: Mapping[str, str] | None = None,
            most: int = 1, cutoff: float = 0.6) -> list[str]:
    """The choices closest in spelling to `word`, best first: the one spelling comparison
    behind every suggestion (difflib's ratio, at least `cutoff`).

    With `names` (choice -> its name in the plan's language, e.g. a holiday's), a choice
    whose lower-cased name starts with `word` (of 4 letters or more) comes first, then up to
    `most` close by the choice itself, then up to `most` close by the name: `juhannus` ->
    `midsummer-eve`, named Juhannusaatto. Each choice once; the caller keeps as many as it
    shows.
    """
    options = list(dict.fromkeys(choices))
    by_spelling = difflib.get_close_matches(word, options, n=most, cutoff=cutoff)
    if not names:
        return by_spelling
    named: dict[str, str] = {}
    for choice in options:
        if choice in names:
            named.setdefault(names[choice].lower(), choice)
    by_name = [named[n] for n in difflib.get_close_matches(word, list(named), n=most, cutoff=cutoff)]
    by_prefix = [c for name, c in named.items() if len(word) >= 4 and name.startswith(word)]
    return list(dict.fromkeys((*by_prefix, *by_spelling, *by_name)))


def _negated(word: str, by_normal: dict[str, str], table: Meanings) -> str | None:
    """The value `word` negates (`not-opened`, `unopened`, `no_clicks` -> opened/clicked)."""
    for prefix in table.negations:
        if word.startswith(prefix) and len(word) > len(prefix):
            rest = word[len(prefix):].strip("-")
            close = closest(rest, by_normal, cutoff=0.7)
            if close:
                return close[0]
    return None


def did_you_mean(written: object, choices: Iterable[str], lang: Language, *,
                 field: str | None = None, names: bool = False, known: str | None = None) -> str:
    """The hint for `written`: "did you mean 'x'?", else (with `known`, a label such as
    "known kinds") the list of choices, else nothing."""
    options = list(choices)
    guess = suggest(written, options, field=field, names=names)
    if guess is not None:
        return lang._("did you mean '{guess}'?").format(guess=guess)
    if known is not None:
        return known.format(names=", ".join(options) or "-")
    return ""


_DECIMAL_COMMA = re.compile(r"^\s*([-+]?\d+),(\d+)\s*$")
_SUFFIXED = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([kKmM])\s*$")
_SUFFIXES = {"k": Decimal(1000), "m": Decimal(1_000_000)}
_THOUSANDS = re.compile(r"^\s*[-+]?\d{1,3}(?:,\d{3})+\s*$")


def number_hint(value: object, lang: Language) -> str | None:
    """A hint for text that is a number written with a comma (`2,6`) or with a thousand or
    million suffix (`5k`, `1.2M`), or None."""
    if isinstance(value, str) and (m := _SUFFIXED.match(value)):
        whole = Decimal(m[1]) * _SUFFIXES[m[2].lower()]
        return lang._("write {whole}: YAML numbers take no k or M suffix").format(
            whole=format(whole.normalize(), "f"))
    if not isinstance(value, str) or not (m := _DECIMAL_COMMA.match(value)):
        return None
    point = f"{m[1]}.{m[2]}"
    if _THOUSANDS.match(value):
        return lang._("write {whole} without a thousands separator, or {point} if the comma is a "
                      "decimal comma: YAML numbers take a decimal point").format(
            whole=value.strip().replace(",", ""), point=point)
    return lang._("write {point}: YAML numbers take a decimal point, not a comma").format(point=point)
