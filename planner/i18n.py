"""The language of everything planner says: diagnostics, CLI and site.

Strings are marked with `lang._()` (gettext style: standard tools extract the `_` calls) on
a `Language` value that is passed explicitly from the plan being processed (its playbook's
`language`) to whatever speaks; nothing here holds a "current" language.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planner.vocabulary import LANGUAGES, LanguageCode

RTL: frozenset[LanguageCode] = frozenset({"he"})
LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalog of `language`, read from its .po file: translators edit .po files,
    and compiling them on first use means a stale .mo can never ship."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "planner.po"
    if not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(frozen=True, slots=True)
class Language:
    """One of `LANGUAGES`: its messages, and its code as Babel's locale."""

    code: str

    @property
    def locale(self) -> str:
        return self.code

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RTL else "ltr"

    def _(self, message: str) -> str:
        return translation(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translation(self.code).ngettext(singular, plural, n)


def language(code: object) -> Language:
    """The language named `code`; anything else (unknown, or not a text) is English."""
    return Language(code if isinstance(code, str) and code in LANGUAGES else "en")


ENGLISH = Language("en")
