"""The language of everything planner says: diagnostics, CLI and site.

Strings are marked with `_()` (gettext style, so standard tools extract them) and
translated into the language of the plan being processed, which `use()` sets.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fi", "he")
RTL = frozenset({"he"})
LOCALE_DIR = Path(__file__).parent / "locale"

_current: ContextVar[str] = ContextVar("planner_language", default="en")


@cache
def translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("planner", LOCALE_DIR, languages=[language], fallback=True)


def use(language: str) -> None:
    """Speak `language` from now on in this context (unknown languages fall back to English)."""
    _current.set(language if language in LANGUAGES else "en")


def current() -> str:
    return _current.get()


def _(message: str) -> str:
    return translation(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_current.get()).ngettext(singular, plural, n)
