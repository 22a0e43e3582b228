"""Comparative and superlative forms that no word list can enumerate.

A goal title that says "faster", "nopeammin" or "korkeimmat" is vague unless a
number is bound to the comparison, whatever the adjective. The word lists name
the words a team knows; these rules recognise the productive forms:

- English: the -er/-est forms of the adjectives listed under ``gradable``
  (big -> bigger, biggest; easy -> easier, easiest; wide -> wider, widest),
  generated when the lists are compiled; any word in -est but the nouns and
  verbs listed under ``allow`` (interest, request); and any word in -er where
  the sentence shows a comparison (before "than", after "much", "far", "even":
  see ``cues`` in planner.textmatch);
- Finnish: the comparative -mpi and superlative -in of any adjective in any
  case and number (nopeampi, nopeamman, nopeammat, nopeammin; korkeimmat,
  arvokkaimpien; rakastetuin), also as the last part of a compound
  (asiakaslähtöisempi). Words that only look like one are listed under
  ``allow`` (vanhemmat, "parents").

Hebrew forms its comparatives with separate words (יותר, ביותר, הכי), which the
word lists hold; its gender and number endings are the ``suffixes`` setting.

No analyser is used: the Finnish ones on PyPI either need a native library
(libvoikko) or take seconds to load (pyvoikko); these endings are regular
enough for titles, deterministic and instant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

COMPARATIVE = "comparative"
SUPERLATIVE = "superlative"

_VOWELS = "aeiouy"

# Finnish comparative endings after the stem vowel and its m: every case, singular and
# plural (nopea-m-pi, -man, -paa, -mat, -pia, -min...), with an optional clitic.
_FI_CASES = (
    "(?:pi|pien|pia|piä|pina|pinä|piin|paa|pää|pana|pänä|paan|pään"
    "|man|män|maksi|mäksi|massa|mässä|masta|mästä|malla|mällä|malta|mältä|malle"
    "|mälle|mat|mät|miksi|missa|missä|mista|mistä|milla|millä|milta|miltä|mille|min)"
    "(?:kin|kaan|kään)?")
_FI_COMPARATIVE = re.compile(rf"^\w{{2,}}[aeiouyäö]m{_FI_CASES}$")
# The superlative: -imp-/-imm- in the same cases, and -tuin of participles (rakastetuin).
_FI_SUPERLATIVE = re.compile(rf"^\w{{3,}}im{_FI_CASES}$")
_FI_PARTICIPLE_SUPERLATIVE = re.compile(r"^\w{3,}t[uy]in$")
# Any English word in -est is a superlative (smartest, snappiest); the few nouns and verbs
# in -est (interest, request, harvest, suggest...) are listed under `allow` in en.yaml.
_EN_SUPERLATIVE = re.compile(r"^[a-z]{3,}est$")


def english_forms(base: str) -> Iterator[tuple[str, str]]:
    """(form, degree) of an English gradable adjective: big -> bigger, biggest."""
    if base.endswith("e"):
        stem = base[:-1]
    elif base.endswith("y") and len(base) > 2 and base[-2] not in _VOWELS:
        stem = base[:-1] + "i"
    elif _single_short_syllable(base):
        stem = base + base[-1]
    else:
        stem = base
    yield stem + "er", COMPARATIVE
    yield stem + "est", SUPERLATIVE


def _single_short_syllable(word: str) -> bool:
    """Consonant, one vowel, consonant at the end of a one-syllable word: big, hot, slim."""
    if len(word) < 3 or word[-1] in _VOWELS + "wx" or word[-2] not in _VOWELS:
        return False
    if word[-3] in _VOWELS:
        return False
    groups = re.findall(f"[{_VOWELS}]+", word)
    return len(groups) == 1


def degree(language: str, word: str) -> str | None:
    """COMPARATIVE, SUPERLATIVE or None for a casefolded word the lists do not know."""
    if language == "fi":
        if _FI_SUPERLATIVE.match(word) or _FI_PARTICIPLE_SUPERLATIVE.match(word):
            return SUPERLATIVE
        if _FI_COMPARATIVE.match(word):
            return COMPARATIVE
    elif language == "en" and _EN_SUPERLATIVE.match(word):
        return SUPERLATIVE
    return None
