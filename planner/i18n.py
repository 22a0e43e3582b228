"""The language of everything planner says: diagnostics, CLI and site.

Strings are marked with `_()` (gettext style, so standard tools extract them) and
translated into the language of the plan being processed, which `use()` sets.
"""

from __future__ import annotations

import gettext
import io
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fi", "he")
RTL = frozenset({"he"})
LOCALE_DIR = Path(__file__).parent / "locale"

_current: ContextVar[str] = ContextVar("planner_language", default="en")


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


def use(language: str) -> None:
    """Speak `language` from now on in this context (unknown languages fall back to English)."""
    _current.set(language if language in LANGUAGES else "en")


def current() -> str:
    return _current.get()


def _(message: str) -> str:
    return translation(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_current.get()).ngettext(singular, plural, n)
